"""`factcheck check` as a function: load, validate and verify a corpus, give all findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.corpus.anchors import CLAIM_PREFIX, AnchorCache, corpus_jobs
from factcheck.corpus.diagnostics import ProblemCollector
from factcheck.corpus.loader import load_corpus
from factcheck.corpus.model import Corpus, Place
from factcheck.corpus.problems import Problem, Severity, count
from factcheck.corpus.yamlio import default_cache_dir
from factcheck.quotes import Anchor, MatchStatus, describe


@dataclass(slots=True)
class CheckResult:
    corpus: Corpus | None
    problems: list[Problem]
    anchors: dict[str, Anchor] = field(default_factory=dict)
    """Per quote id, and `claim:<id>` for claims of kind quote: where and how it was found."""

    @property
    def errors(self) -> int:
        return count(self.problems, Severity.ERROR)

    @property
    def warnings(self) -> int:
        return count(self.problems, Severity.WARNING)

    def quote_results(self) -> dict[str, dict[str, Any]]:
        # Anchors keep no context (cutting it for every quote cost a fifth of the search);
        # to_dict cuts the prefix and suffix from the source text for the JSON output.
        return {
            item_id: anchor.to_dict(self._source_text(item_id))
            for item_id, anchor in self.anchors.items()
        }

    def _source_text(self, item_id: str) -> str | None:
        corpus = self.corpus
        if corpus is None:
            return None
        if item_id.startswith(CLAIM_PREFIX):
            source_id = corpus.claims_by_id[item_id.removeprefix(CLAIM_PREFIX)].source_id
        else:
            source_id = corpus.quotes[item_id].source_id
        source = corpus.sources.get(source_id or "")
        return None if source is None else source.text

    def summary(self) -> str:
        corpus = self.corpus
        sizes = (
            f"{_plural(len(corpus.claims), 'claim')}, {_plural(len(corpus.quotes), 'quote')}, "
            f"{_plural(len(corpus.sources), 'source')}"
            if corpus
            else "no corpus"
        )
        return f"{sizes}: {_plural(self.errors, 'error')}, {_plural(self.warnings, 'warning')}"


def _plural(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def check_corpus(
    root: Path, *, use_cache: bool = True, verify: bool = True, workers: int | None = None
) -> CheckResult:
    cache_dir = default_cache_dir() if use_cache else None
    loaded = load_corpus(root, cache_dir=cache_dir)
    result = CheckResult(loaded.corpus, loaded.problems)
    if verify and loaded.corpus is not None:
        result.anchors = verify_corpus(loaded.corpus, workers=workers, cache_dir=cache_dir)
        result.problems = sorted(
            [*result.problems, *verification_problems(loaded.corpus, result.anchors)],
            key=Problem.sort_key,
        )
    return result


def verify_corpus(
    corpus: Corpus, *, workers: int | None = None, cache_dir: Path | None = None
) -> dict[str, Anchor]:
    """Anchor every quote, and the words of every claim of kind quote, in its source; with
    `cache_dir`, sources unchanged since their last verification are not verified again."""
    cache = AnchorCache(corpus, cache_dir, corpus_jobs(corpus))
    known = cache.known()
    return known | cache.fill(workers)


def verification_problems(corpus: Corpus, anchors: dict[str, Anchor]) -> list[Problem]:
    """Not found and changed figures are errors, fuzzy quotes warnings, folded and elided
    quotes notes (shown with --verbose)."""
    collector = ProblemCollector(corpus.root)
    for item_id, anchor in anchors.items():
        if anchor.status is MatchStatus.EXACT:
            continue
        if item_id.startswith(CLAIM_PREFIX):
            claim = corpus.claims_by_id[item_id.removeprefix(CLAIM_PREFIX)]
            what, words, source_id = f"claim '{claim.id}'", claim.text, claim.source_id or ""
            place = Place(claim.place.file, (*claim.place.path, "text"))
        else:
            quote = corpus.quotes[item_id]
            what, words, source_id = f"quote '{quote.id}'", quote.text, quote.source_id
            place = Place(quote.place.file, (*quote.place.path, "quote"))
        source = corpus.sources[source_id]
        severity = {
            "error": Severity.ERROR,
            "warning": Severity.WARNING,
        }.get(anchor.severity.value, Severity.INFO)
        detail = describe(anchor, words, source.text)
        where = f"source '{source_id}' ({source.text_file})"
        code = f"quote-{anchor.status.value.replace(' ', '-')}"
        if anchor.changed_numbers:
            code = "quote-changed-figure"
        collector.at(place, severity, code, f"{what} in {where}: {detail}")
    return collector.problems()
