"""The result of anchoring a quote in its source: status, score, spans and what differs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class MatchStatus(StrEnum):
    """How a quote was found in its source, from the strictest tier to none."""

    EXACT = "exact"
    NORMALISED = "normalised"
    ELIDED = "elided"
    FUZZY = "fuzzy"
    NOT_FOUND = "not found"


class Severity(StrEnum):
    """How a checker should report an anchor: a fuzzy quote warns, a wrong one fails."""

    OK = "ok"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Span:
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


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where and how well a quote was found in one source text."""

    status: MatchStatus
    score: float
    spans: tuple[Span, ...]
    folded: tuple[str, ...] = ()
    differences: tuple[Difference, ...] = ()
    changed_numbers: tuple[tuple[str, str], ...] = ()
    prefix: str = ""
    suffix: str = ""
    near_miss: Span | None = None

    @property
    def severity(self) -> Severity:
        # A changed figure changes what the evidence says, so it fails like a missing quote.
        if self.status is MatchStatus.NOT_FOUND or self.changed_numbers:
            return Severity.ERROR
        if self.status is MatchStatus.FUZZY:
            return Severity.WARNING
        return Severity.OK

    @property
    def found(self) -> bool:
        return self.status is not MatchStatus.NOT_FOUND

    def to_dict(self) -> dict[str, Any]:
        return {
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
            "prefix": self.prefix,
            "suffix": self.suffix,
            "near_miss": None if self.near_miss is None else self.near_miss.to_dict(),
        }

    def __reduce__(self) -> tuple[Any, ...]:
        # Anchors cross process boundaries by the tens of thousands (verify_quotes), and the
        # default frozen-dataclass unpickling sets each field through object.__setattr__: about
        # 20 us an anchor, more than anchoring an exact quote. Flat fields rebuild in a fraction.
        return (
            _rebuild_anchor,
            (
                self.status,
                self.score,
                tuple((span.start, span.end) for span in self.spans),
                self.folded,
                self.differences,
                self.changed_numbers,
                self.prefix,
                self.suffix,
                None if self.near_miss is None else (self.near_miss.start, self.near_miss.end),
            ),
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Anchor:
        """Rebuild an anchor from `to_dict` output, e.g. read back from a cache or a report."""
        near_miss = data.get("near_miss")
        return cls(
            status=MatchStatus(data["status"]),
            score=float(data["score"]),
            spans=tuple(Span(span["start"], span["end"]) for span in data["spans"]),
            folded=tuple(data.get("folded", ())),
            differences=tuple(
                Difference(
                    difference["in_quote"],
                    difference["in_source"],
                    Span(difference["quote_span"]["start"], difference["quote_span"]["end"]),
                    Span(difference["source_span"]["start"], difference["source_span"]["end"]),
                )
                for difference in data.get("differences", ())
            ),
            changed_numbers=tuple(
                (pair["in_quote"], pair["in_source"]) for pair in data.get("changed_numbers", ())
            ),
            prefix=data.get("prefix", ""),
            suffix=data.get("suffix", ""),
            near_miss=None if near_miss is None else Span(near_miss["start"], near_miss["end"]),
        )


# Most quotes are exact, and a frozen dataclass's generated __init__ routes every field through
# object.__setattr__, which costs as much as the search itself. Exact anchors are built by
# writing the slots directly instead; the instances are indistinguishable from constructed ones.
_new_object = object.__new__
_set_span_start = Span.__dict__["start"].__set__
_set_span_end = Span.__dict__["end"].__set__
_ANCHOR_SLOT_SETTERS = {name: Anchor.__dict__[name].__set__ for name in Anchor.__slots__}
_set_status = _ANCHOR_SLOT_SETTERS["status"]
_set_score = _ANCHOR_SLOT_SETTERS["score"]
_set_spans = _ANCHOR_SLOT_SETTERS["spans"]
_set_folded = _ANCHOR_SLOT_SETTERS["folded"]
_set_differences = _ANCHOR_SLOT_SETTERS["differences"]
_set_changed_numbers = _ANCHOR_SLOT_SETTERS["changed_numbers"]
_set_prefix = _ANCHOR_SLOT_SETTERS["prefix"]
_set_suffix = _ANCHOR_SLOT_SETTERS["suffix"]
_set_near_miss = _ANCHOR_SLOT_SETTERS["near_miss"]
_EXACT = MatchStatus.EXACT


def exact_anchor(start: int, end: int, prefix: str, suffix: str) -> Anchor:
    """An EXACT anchor over [start, end), built without the frozen-dataclass __init__ overhead."""
    span = _new_object(Span)
    _set_span_start(span, start)
    _set_span_end(span, end)
    anchor = _new_object(Anchor)
    _set_status(anchor, _EXACT)
    _set_score(anchor, 100.0)
    _set_spans(anchor, (span,))
    _set_folded(anchor, ())
    _set_differences(anchor, ())
    _set_changed_numbers(anchor, ())
    _set_prefix(anchor, prefix)
    _set_suffix(anchor, suffix)
    _set_near_miss(anchor, None)
    return anchor


def _fast_span(start: int, end: int) -> Span:
    span = _new_object(Span)
    _set_span_start(span, start)
    _set_span_end(span, end)
    return span


def _rebuild_anchor(
    status: MatchStatus,
    score: float,
    span_bounds: tuple[tuple[int, int], ...],
    folded: tuple[str, ...],
    differences: tuple[Difference, ...],
    changed_numbers: tuple[tuple[str, str], ...],
    prefix: str,
    suffix: str,
    near_miss: tuple[int, int] | None,
) -> Anchor:
    anchor = _new_object(Anchor)
    _set_status(anchor, status)
    _set_score(anchor, score)
    _set_spans(anchor, tuple(_fast_span(start, end) for start, end in span_bounds))
    _set_folded(anchor, folded)
    _set_differences(anchor, differences)
    _set_changed_numbers(anchor, changed_numbers)
    _set_prefix(anchor, prefix)
    _set_suffix(anchor, suffix)
    _set_near_miss(anchor, None if near_miss is None else _fast_span(*near_miss))
    return anchor
