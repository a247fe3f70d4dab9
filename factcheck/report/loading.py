"""A report straight from a corpus folder: load, verify quotes, read reviews, build.

The CLI uses this; the app, which has the corpus and reviews loaded already, calls
`quote_statuses` and `build_report` itself.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.corpus.anchors import CLAIM_PREFIX, AnchorCache, corpus_jobs
from factcheck.corpus.loader import load_corpus
from factcheck.corpus.model import Corpus
from factcheck.corpus.problems import Problem, Severity
from factcheck.corpus.yamlio import default_cache_dir
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


def quote_statuses(corpus: Corpus, cache_dir: Path | None = None) -> dict[str, str]:
    """Quote id -> how it was found in its source (exact, normalised, ...).

    With `cache_dir`, sources unchanged since their last verification (by `check`, `export` or
    the app) are not verified again."""
    cache = AnchorCache(corpus, cache_dir, corpus_jobs(corpus))
    statuses = cache.known_statuses()
    statuses.update((item_id, anchor.status.value) for item_id, anchor in cache.fill().items())
    return {item: status for item, status in statuses.items() if not item.startswith(CLAIM_PREFIX)}


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
