"""A snapshot of the last corpus loaded, for the common case: nothing changed since.

At 10,000 claims even a warm parse cache leaves 0.6 s of building objects; the app's start-up
target is 1.5 s. The snapshot holds the built corpus and its problems as plain tuples, written
with `marshal` (0.2 s to write, 0.06 s to read back and 0.15 s to rebuild, where pickling the
objects took 2.4 s). It is used only when every input is as it was: each YAML file and each
source text by (size, mtime), and the list of YAML files itself. Any difference, and the corpus
is loaded the ordinary way and a new snapshot written.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from factcheck import __version__
from factcheck.corpus.cache_files import cache_file, read_cache, write_cache
from factcheck.corpus.dates import PartialDate
from factcheck.corpus.model import (
    Claim,
    ClaimKind,
    Corpus,
    EvidenceLink,
    Organisation,
    Place,
    Quote,
    Settings,
    Source,
    Stance,
)
from factcheck.corpus.problems import Problem, Severity
from factcheck.corpus.scale import Scale, Verdict

# marshal's format belongs to the Python version; the tuples' layout to factcheck's.
_FORMAT = ("factcheck-snapshot", 1, __version__, sys.version_info[:2])
_STANCES = {stance.value: stance for stance in Stance}
_KINDS = {kind.value: kind for kind in ClaimKind}

FileStat = tuple[str, int, int]
"""(path relative to the corpus root, size, mtime in ns); size -1 when the file is missing."""


def stat_files(root: Path, relatives: list[str]) -> tuple[FileStat, ...]:
    stats = []
    for relative in relatives:
        try:
            stat = os.stat(os.path.join(root, relative))
        except OSError:
            stats.append((relative, -1, 0))
        else:
            stats.append((relative, stat.st_size, stat.st_mtime_ns))
    return tuple(stats)


def snapshot_file(root: Path, cache_dir: Path) -> Path:
    return cache_file(cache_dir, "snapshot", root)


def read_snapshot(
    root: Path, cache_dir: Path, yaml_stats: tuple[FileStat, ...]
) -> tuple[Corpus, list[Problem]] | None:
    """The snapshot's corpus and problems when nothing it was built from has changed."""
    stored = read_cache(snapshot_file(root, cache_dir))
    try:
        fmt, stored_yaml, text_stats, settings, sources, quotes, claims, problems = stored
    except (ValueError, TypeError):  # none yet, or not a snapshot of this layout
        return None
    if fmt != _FORMAT or stored_yaml != yaml_stats:
        return None
    if stat_files(root, [relative for relative, _, _ in text_stats]) != text_stats:
        return None
    corpus = Corpus(
        root,
        _settings(settings),
        {row[0]: _source(row) for row in sources},
        {row[0]: _quote(row) for row in quotes},
        [_claim(row) for row in claims],
    )
    return corpus, [
        Problem(f, ln, col, Severity(sev), msg, code) for f, ln, col, sev, msg, code in problems
    ]


def write_snapshot(
    corpus: Corpus,
    problems: list[Problem],
    cache_dir: Path,
    yaml_stats: tuple[FileStat, ...],
    text_stats: tuple[FileStat, ...],
) -> None:
    """Best effort: a cache folder that cannot be written only costs the next start."""
    settings = corpus.settings
    organisation = settings.organisation
    document = (
        _FORMAT,
        yaml_stats,
        text_stats,
        (
            settings.title,
            (organisation.name, organisation.url) if organisation else None,
            settings.publication_url,
            settings.editors,
            tuple((v.label, v.key, v.colour, v.meaning, v.position) for v in settings.scale),
        ),
        tuple(
            (
                s.id,
                s.outlet,
                s.title,
                s.url,
                _date_text(s.published),
                s.text_file,
                s.text,
                s.place.file,
                tuple(s.quote_ids),
            )
            for s in corpus.sources.values()
        ),
        tuple(
            (q.id, q.text, q.note, q.source_id, q.place.file, q.place.path)
            for q in corpus.quotes.values()
        ),
        tuple(
            (
                c.id,
                c.text,
                c.kind.value,
                c.claimant,
                c.role,
                _date_text(c.date),
                c.venue,
                c.source_id,
                c.tags,
                tuple((e.quote_id, e.stance.value, e.note) for e in c.evidence),
                c.place.file,
                c.place.path,
            )
            for c in corpus.claims
        ),
        tuple((p.file, p.line, p.column, p.severity.value, p.message, p.code) for p in problems),
    )
    write_cache(snapshot_file(corpus.root, cache_dir), document)


def _date_text(date: PartialDate | None) -> str | None:
    return None if date is None else str(date)


def _date(text: str | None) -> PartialDate | None:
    return None if text is None else PartialDate.parse(text)


def _settings(row: Any) -> Settings:
    title, organisation, publication_url, editors, verdicts = row
    return Settings(
        title=title,
        organisation=Organisation(*organisation) if organisation else None,
        publication_url=publication_url,
        editors=editors,
        scale=Scale(tuple(Verdict(*verdict) for verdict in verdicts)),
    )


def _source(row: Any) -> Source:
    id_, outlet, title, url, published, text_file, text, file, quote_ids = row
    return Source(
        id_,
        outlet,
        title,
        url,
        _date(published),
        text_file,
        text,
        Place(file, ("source",)),
        list(quote_ids),
    )


def _quote(row: Any) -> Quote:
    id_, text, note, source_id, file, path = row
    return Quote(id_, text, note, source_id, Place(file, path))


def _claim(row: Any) -> Claim:
    id_, text, kind, claimant, role, date, venue, source_id, tags, links, file, path = row
    evidence = tuple(
        EvidenceLink(quote_id, _STANCES[stance], note, Place(file, (*path, "evidence", number)))
        for number, (quote_id, stance, note) in enumerate(links)
    )
    return Claim(
        id_,
        text,
        _KINDS[kind],
        claimant,
        role,
        _date(date),
        venue,
        source_id,
        tags,
        evidence,
        Place(file, path),
    )
