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
from pathlib import Path

from factcheck.corpus.cache_files import cache_file, cache_key, read_cache, write_cache
from factcheck.corpus.model import Claim, Corpus, Quote, Settings, Source
from factcheck.corpus.problems import Problem
from factcheck.corpus.records import RowCodec, RowMismatch

# Every record is stored as the row its dataclass declares (corpus/records.py): a field added to
# the model is kept and restored with no change here.
_SETTINGS = RowCodec(Settings)
_SOURCES = RowCodec(Source)
_QUOTES = RowCodec(Quote)
_CLAIMS = RowCodec(Claim)
_PROBLEMS = RowCodec(Problem)

_FORMAT = cache_key(
    "snapshot", 2, *(codec.layout for codec in (_SETTINGS, _SOURCES, _QUOTES, _CLAIMS, _PROBLEMS))
)
"""The rows' layouts are in the key too: a field added to a record misses every old snapshot."""

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
    """The snapshot's corpus and problems when nothing it was built from has changed; None when
    something did, or the snapshot does not fit this factcheck (an old layout, a damaged file)."""
    stored = read_cache(snapshot_file(root, cache_dir))
    try:
        fmt, stored_yaml, text_stats, settings, sources, quotes, claims, problems = stored
    except (ValueError, TypeError):  # none yet, or not a snapshot of this layout
        return None
    if fmt != _FORMAT or stored_yaml != yaml_stats:
        return None
    try:
        if stat_files(root, [relative for relative, _, _ in text_stats]) != text_stats:
            return None
        corpus = Corpus(
            root,
            _SETTINGS.record(settings),
            {source.id: source for source in _SOURCES.records(sources)},
            {quote.id: quote for quote in _QUOTES.records(quotes)},
            _CLAIMS.records(claims),
        )
        return corpus, _PROBLEMS.records(problems)
    except (RowMismatch, ValueError, TypeError):
        return None


def write_snapshot(
    corpus: Corpus,
    problems: list[Problem],
    cache_dir: Path,
    yaml_stats: tuple[FileStat, ...],
    text_stats: tuple[FileStat, ...],
) -> None:
    """Best effort: a cache folder that cannot be written only costs the next start."""
    document = (
        _FORMAT,
        yaml_stats,
        text_stats,
        _SETTINGS.row(corpus.settings),
        _SOURCES.rows(corpus.sources.values()),
        _QUOTES.rows(corpus.quotes.values()),
        _CLAIMS.rows(corpus.claims),
        _PROBLEMS.rows(problems),
    )
    write_cache(snapshot_file(corpus.root, cache_dir), document)
