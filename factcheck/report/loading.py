"""A report straight from a corpus folder: load, verify quotes, read reviews, build.

The CLI uses this; the app, which has the corpus and reviews loaded already, calls
`quote_statuses` and `build_report` itself.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.corpus.loader import load_corpus
from factcheck.corpus.model import Corpus, Quote
from factcheck.corpus.yamlio import default_cache_dir
from factcheck.problems import Problem, Severity
from factcheck.report.building import build_report
from factcheck.report.model import Report
from factcheck.reviews import load_all_reviews


@dataclass(slots=True)
class LoadedReport:
    report: Report | None
    """None when the corpus could not be loaded at all."""
    problems: list[Problem] = field(default_factory=list)
    """The corpus's and review files' problems; a report is made despite errors."""
    verified: bool = False
    """Whether the quotes' verification statuses are in the report."""

    @property
    def errors(self) -> int:
        return sum(1 for problem in self.problems if problem.severity is Severity.ERROR)


def quote_statuses(corpus: Corpus, cache_dir: Path | None = None) -> dict[str, str] | None:
    """Quote id -> how it was found in its source; None when verification is not available.

    Verifying 50,000 quotes takes seconds, so with `cache_dir` the statuses are kept per source,
    keyed by a hash of its text and its quotes: a source that did not change is not verified
    again. The corpus's root is part of the file name, so corpora do not evict each other.
    """
    try:
        from factcheck.verification import verify_quotes
    except ImportError:
        return None
    by_source: dict[str, list[Quote]] = {}
    for quote in corpus.quotes.values():
        by_source.setdefault(quote.source_id, []).append(quote)
    cache_file = _status_cache_file(corpus.root, cache_dir)
    cached = _read_status_cache(cache_file)
    kept: dict[str, list[Any]] = {}
    stale_keys: dict[str, str] = {}
    for source_id, quotes in by_source.items():
        source = corpus.sources.get(source_id)
        if source is None or source.text is None:
            continue
        key = _source_key(source.text, quotes)
        hit = cached.get(source_id)
        if hit is not None and hit[0] == key:
            kept[source_id] = hit
        else:
            stale_keys[source_id] = key
    jobs = [(q.id, q.source_id, q.text) for sid in stale_keys for q in by_source[sid]]
    texts = {sid: corpus.sources[sid].text or "" for sid in stale_keys}
    anchors = verify_quotes(jobs, texts) if jobs else {}
    for source_id, key in stale_keys.items():
        found = {q.id: str(anchors[q.id].status) for q in by_source[source_id] if q.id in anchors}
        kept[source_id] = [key, found]
    if stale_keys and cache_file is not None:
        _write_status_cache(cache_file, kept)
    return {quote_id: status for _, found in kept.values() for quote_id, status in found.items()}


def _source_key(text: str, quotes: list[Quote]) -> str:
    digest = hashlib.sha1(text.encode(), usedforsecurity=False)
    for quote in quotes:
        digest.update(f"\0{quote.id}\1{quote.text}".encode())
    return digest.hexdigest()


def _status_cache_file(root: Path, cache_dir: Path | None) -> Path | None:
    if cache_dir is None:
        return None
    tag = hashlib.sha1(str(root.resolve()).encode(), usedforsecurity=False).hexdigest()[:12]
    return cache_dir / f"quote-statuses-{tag}.json"


def _read_status_cache(path: Path | None) -> dict[str, list[Any]]:
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # no cache yet, or a broken one: verify afresh
    return data if isinstance(data, dict) else {}


def _write_status_cache(path: Path, entries: dict[str, list[Any]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        temporary.write_text(json.dumps(entries), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass  # a cache that cannot be written only costs time next run


def load_report(
    root: Path,
    *,
    reviewer: str | None = None,
    rated_only: bool = False,
    tags: Collection[str] = (),
    verdicts: Collection[str] = (),
    editors: Collection[str] = (),
    verify: bool = True,
) -> LoadedReport:
    loaded = load_corpus(root)
    if loaded.corpus is None:
        return LoadedReport(None, loaded.problems)
    review_files = load_all_reviews(root)
    problems = loaded.problems + [p for f in review_files for p in f.problems]
    statuses = quote_statuses(loaded.corpus, default_cache_dir()) if verify else None
    report = build_report(
        loaded.corpus,
        review_files,
        reviewer=reviewer,
        rated_only=rated_only,
        tags=tags,
        verdicts=verdicts,
        verification=statuses,
        editors=editors,
    )
    return LoadedReport(report, problems, verified=statuses is not None)
