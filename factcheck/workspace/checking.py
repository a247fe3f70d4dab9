"""What `factcheck check` finds: the corpus's problems and every quote's anchor."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from factcheck.corpus.anchors import CLAIM_PREFIX
from factcheck.corpus.model import Corpus
from factcheck.corpus.problems import Problem, Severity, count
from factcheck.quotes import Anchor


@dataclass(slots=True)
class CheckResult:
    corpus: Corpus | None
    problems: list[Problem]
    anchors: Mapping[str, Anchor] = field(default_factory=dict)
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
