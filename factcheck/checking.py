"""`factcheck check` as a function: load, validate and verify a corpus, give all findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.corpus.loader import load_corpus
from factcheck.corpus.model import Corpus
from factcheck.problems import Problem, Severity, count


@dataclass(slots=True)
class CheckResult:
    corpus: Corpus | None
    problems: list[Problem]
    quote_results: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per quote id (and `claim:<id>` for claims of kind quote): status, score, spans."""

    @property
    def errors(self) -> int:
        return count(self.problems, Severity.ERROR)

    @property
    def warnings(self) -> int:
        return count(self.problems, Severity.WARNING)

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


def check_corpus(root: Path, *, use_cache: bool = True) -> CheckResult:
    loaded = load_corpus(root) if use_cache else load_corpus(root, cache_dir=None)
    return CheckResult(loaded.corpus, loaded.problems)
