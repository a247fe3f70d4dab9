"""The result of anchoring a quote in its source: status, score, spans and what differs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple

CONTEXT_CHARS = 32
"""Characters of context given before and after an anchored quote, as web annotation tools keep
(W3C TextQuoteSelector's prefix and suffix), to find the quote again in a re-captured text."""


class MatchStatus(StrEnum):
    """How a quote was found in its source, from the strictest tier to none."""

    EXACT = "exact"
    NORMALISED = "normalised"
    ELIDED = "elided"
    FUZZY = "fuzzy"
    NOT_FOUND = "not found"


class Severity(StrEnum):
    """How serious a finding is: one scale for every finding of factcheck. It lives here, in the
    lowest part, so that an anchor can say how it should be reported (a fuzzy quote warns, a
    wrong one fails, the others are notes) and the corpus's problems use the same scale."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


# Span and Anchor are NamedTuples rather than frozen dataclasses: most quotes are exact, and a
# frozen dataclass's __init__ (every field through object.__setattr__) cost as much as the
# str.find that found the quote. A tuple is built in C, compares and hashes by value, pickles
# as its fields, and still refuses attribute assignment.
class Span(NamedTuple):
    """A half-open character range [start, end) in the original source text."""

    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Difference:
    """One run of words where a fuzzy quote and its source disagree.

    `in_quote` is empty when the source has words the quote dropped; `in_source` is empty when the
    quote added words. `quote_span` locates `in_quote` in the quote with its outer white space
    stripped; `source_span` locates `in_source` in the source. An empty span is an insertion point.
    """

    in_quote: str
    in_source: str
    quote_span: Span
    source_span: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "in_quote": self.in_quote,
            "in_source": self.in_source,
            "quote_span": self.quote_span.to_dict(),
            "source_span": self.source_span.to_dict(),
        }


class Anchor(NamedTuple):
    """Where and how well a quote was found in one source text.

    The context around the quote is not stored: cutting it out for every exact quote cost a
    fifth of the search, and only the JSON output uses it. `context(text)` and `to_dict(text)`
    cut it from the source text when asked.
    """

    status: MatchStatus
    score: float
    spans: tuple[Span, ...]
    folded: tuple[str, ...] = ()
    differences: tuple[Difference, ...] = ()
    changed_numbers: tuple[tuple[str, str], ...] = ()
    near_miss: Span | None = None

    @property
    def severity(self) -> Severity:
        # A changed figure changes what the evidence says, so it fails like a missing quote.
        if self.status is MatchStatus.NOT_FOUND or self.changed_numbers:
            return Severity.ERROR
        if self.status is MatchStatus.FUZZY:
            return Severity.WARNING
        return Severity.INFO

    def context(self, text: str) -> tuple[str, str]:
        """(prefix, suffix): up to CONTEXT_CHARS of `text`, the anchor's source text, before the
        first span and after the last; empty for an anchor that was not found."""
        if not self.spans:
            return "", ""
        start, end = self.spans[0].start, self.spans[-1].end
        return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        """A JSON-ready dict; with the source `text`, also the context around the quote."""
        data: dict[str, Any] = {
            "status": self.status.value,
            "severity": self.severity.value,
            "score": round(self.score, 2),
            "spans": [span.to_dict() for span in self.spans],
            "folded": list(self.folded),
            "differences": [difference.to_dict() for difference in self.differences],
            "changed_numbers": [
                {"in_quote": in_quote, "in_source": in_source}
                for in_quote, in_source in self.changed_numbers
            ],
            "near_miss": None if self.near_miss is None else self.near_miss.to_dict(),
        }
        if text is not None:
            data["prefix"], data["suffix"] = self.context(text)
        return data


_new_tuple = tuple.__new__
_EXACT = MatchStatus.EXACT


def exact_anchor(start: int, end: int) -> Anchor:
    """An EXACT anchor over [start, end). tuple.__new__ skips the generated __new__'s Python
    frame (about half the cost of building one); the result is an ordinary Anchor."""
    return _new_tuple(Anchor, (_EXACT, 100.0, (_new_tuple(Span, (start, end)),), (), (), (), None))
