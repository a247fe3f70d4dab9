"""Finding quotes again in a re-captured source text, from their W3C Web Annotation selectors.

A quote anchored in a source is described as web annotation tools describe a passage: a
TextQuoteSelector (the `exact` words, with `prefix` and `suffix`, CONTEXT_CHARS of text either
side) and a TextPositionSelector (`start` and `end` in the text). When the source is captured
again and has changed, each quote is looked for in the new text in the order Hypothesis uses:

1. exact: the exact words occur in the new text; of several occurrences, the one whose context
   agrees best with prefix and suffix, then the one nearest the old position;
2. position: the text at the old position is the quote once folded (typographic quotes, dashes,
   white space changed in place);
3. fuzzy: the project's fuzzy aligner finds the quote with a word or two changed (the
   thresholds of factcheck.quotes.thresholds); or, below them but above the near-miss floor,
   the aligner's best match between text that still reads as its prefix and suffix, or the
   text between the unchanged prefix and suffix;

and a quote found by none is an orphan. Text only: no corpus, no files.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Any, NamedTuple

from factcheck.quotes.anchoring import _close_enough, best_fuzzy_match
from factcheck.quotes.folding import fold
from factcheck.quotes.model import CONTEXT_CHARS, Span
from factcheck.quotes.source import SourceText
from factcheck.quotes.thresholds import NEAR_MISS_MIN_SCORE

CONTEXT_MIN_AGREEMENT = 0.8
"""Lowest similarity (0-1) of the text around a weak fuzzy match to the recorded prefix and to
the suffix for that match to be accepted: the old context on both sides vouches for a quote
changed more than the fuzzy thresholds allow alone."""

MAX_EXACT_CANDIDATES = 1000
"""Occurrences of the exact words compared by context at most: a quote of one common word in a
megabyte of text would otherwise compare tens of thousands."""


@dataclass(frozen=True, slots=True)
class QuoteSelectors:
    """A quote's place in its source, as W3C TextQuoteSelector and TextPositionSelector."""

    exact: str
    prefix: str
    suffix: str
    start: int
    end: int

    def to_w3c(self) -> list[dict[str, Any]]:
        """The two selectors as JSON-LD objects of the Web Annotation vocabulary."""
        return [
            {
                "type": "TextQuoteSelector",
                "exact": self.exact,
                "prefix": self.prefix,
                "suffix": self.suffix,
            },
            {"type": "TextPositionSelector", "start": self.start, "end": self.end},
        ]

    @classmethod
    def from_w3c(cls, selectors: Iterable[Mapping[str, Any]]) -> QuoteSelectors:
        """Read back what `to_w3c` wrote (other selector types are ignored). Raises
        ValueError without a TextQuoteSelector; without a position, 0-0 is assumed."""
        by_type = {selector.get("type"): selector for selector in selectors}
        quote = by_type.get("TextQuoteSelector")
        if quote is None or not isinstance(quote.get("exact"), str):
            raise ValueError("no TextQuoteSelector with an exact text")
        position = by_type.get("TextPositionSelector") or {}
        return cls(
            quote["exact"],
            quote.get("prefix") or "",
            quote.get("suffix") or "",
            int(position.get("start", 0)),
            int(position.get("end", 0)),
        )


def selectors_for(text: str, start: int, end: int) -> QuoteSelectors:
    """The selectors of the passage [start, end) of `text`, with CONTEXT_CHARS of context."""
    return QuoteSelectors(
        text[start:end],
        text[max(0, start - CONTEXT_CHARS) : start],
        text[end : end + CONTEXT_CHARS],
        start,
        end,
    )


class ReanchorMethod(StrEnum):
    """Which selector found the quote again, or orphan."""

    EXACT = "exact"
    POSITION = "position"
    FUZZY = "fuzzy"
    ORPHAN = "orphan"


class Reanchored(NamedTuple):
    """Where a quote is in the new text, and how it was found; no span for an orphan."""

    method: ReanchorMethod
    span: Span | None
    score: float
    """100 for exact and position; the fuzzy match's score; 0 for an orphan."""

    @property
    def orphan(self) -> bool:
        return self.method is ReanchorMethod.ORPHAN


_ORPHAN = Reanchored(ReanchorMethod.ORPHAN, None, 0.0)


def reanchor(selectors: QuoteSelectors, text: str | SourceText) -> Reanchored:
    """Find the quote `selectors` describe in `text`, a new capture of its source."""
    source = text if isinstance(text, SourceText) else SourceText(text)
    if not selectors.exact.strip():
        return _ORPHAN
    return (
        _by_exact(selectors, source.text)
        or _by_position(selectors, source.text)
        or _by_fuzzy(selectors, source)
        or _ORPHAN
    )


def reanchor_all(
    quotes: Mapping[str, QuoteSelectors], text: str
) -> tuple[dict[str, Reanchored], list[str]]:
    """Every quote of one source re-anchored in its new `text`: (found by quote id, the ids of
    the orphans in the order given)."""
    source = SourceText(text)
    found: dict[str, Reanchored] = {}
    orphans: list[str] = []
    for quote_id, selectors in quotes.items():
        result = reanchor(selectors, source)
        if result.orphan:
            orphans.append(quote_id)
        else:
            found[quote_id] = result
    return found, orphans


def _by_exact(selectors: QuoteSelectors, text: str) -> Reanchored | None:
    exact = selectors.exact
    starts = []
    found = text.find(exact)
    while found != -1 and len(starts) < MAX_EXACT_CANDIDATES:
        starts.append(found)
        found = text.find(exact, found + 1)
    if not starts:
        return None
    # Most context agreeing first, then nearest the old position.
    best = min(
        starts,
        key=lambda start: (
            -_context_agreement(selectors, text, start, start + len(exact)),
            abs(start - selectors.start),
        ),
    )
    return Reanchored(ReanchorMethod.EXACT, Span(best, best + len(exact)), 100.0)


def _context_agreement(selectors: QuoteSelectors, text: str, start: int, end: int) -> int:
    """Characters of the recorded prefix (read backwards) and suffix that the text around
    [start, end) repeats."""
    before = text[max(0, start - len(selectors.prefix)) : start]
    after = text[end : end + len(selectors.suffix)]
    agreed = 0
    for old, new in zip(reversed(selectors.prefix), reversed(before), strict=False):
        if old != new:
            break
        agreed += 1
    for old, new in zip(selectors.suffix, after, strict=False):
        if old != new:
            break
        agreed += 1
    return agreed


def _by_position(selectors: QuoteSelectors, text: str) -> Reanchored | None:
    start, end = selectors.start, selectors.end
    if not 0 <= start < end <= len(text):
        return None
    if fold(text[start:end]).strip() != fold(selectors.exact).strip():
        return None
    return Reanchored(ReanchorMethod.POSITION, Span(start, end), 100.0)


def _by_fuzzy(selectors: QuoteSelectors, source: SourceText) -> Reanchored | None:
    match = best_fuzzy_match(selectors.exact, source)
    if match is not None and _close_enough(match):
        return Reanchored(ReanchorMethod.FUZZY, match.span, match.score)
    if (
        match is not None
        and match.score >= NEAR_MISS_MIN_SCORE
        and _context_vouches(selectors, source.text, match.span)
    ):
        return Reanchored(ReanchorMethod.FUZZY, match.span, match.score)
    return _between_context(selectors, source.text)


def _between_context(selectors: QuoteSelectors, text: str) -> Reanchored | None:
    """The text between the recorded prefix and suffix, both found unchanged, when it is still
    like the quote (NEAR_MISS_MIN_SCORE): a quote reworded past what the aligner's seeds find,
    in a passage whose context stayed. Both sides must be recorded: a quote at either end of
    its text has too little to go on."""
    prefix, suffix = selectors.prefix, selectors.suffix
    if not prefix.strip() or not suffix.strip():
        return None
    folded_exact = fold(selectors.exact)
    longest = 2 * len(selectors.exact) + CONTEXT_CHARS
    best: Reanchored | None = None
    found = text.find(prefix)
    tried = 0
    while found != -1 and tried < MAX_EXACT_CANDIDATES:
        tried += 1
        start = found + len(prefix)
        end = text.find(suffix, start, start + longest + len(suffix))
        if end > start:
            score = 100 * _ratio(folded_exact, fold(text[start:end]))
            if score >= NEAR_MISS_MIN_SCORE and (best is None or score > best.score):
                best = Reanchored(ReanchorMethod.FUZZY, Span(start, end), score)
        found = text.find(prefix, found + 1)
    return best


def _ratio(old: str, new: str) -> float:
    return SequenceMatcher(None, old, new, autojunk=False).ratio()


def _context_vouches(selectors: QuoteSelectors, text: str, span: Span) -> bool:
    """Both the recorded prefix and suffix read, folded, much as the text either side of
    `span` does. A side with no recorded context (the quote began or ended the text) needs
    the new text to begin or end there too."""
    before = text[max(0, span.start - len(selectors.prefix)) : span.start]
    after = text[span.end : span.end + len(selectors.suffix)]
    return _similar(selectors.prefix, before) and _similar(selectors.suffix, after)


def _similar(old: str, new: str) -> bool:
    old_folded, new_folded = fold(old).strip(), fold(new).strip()
    if not old_folded:
        return not new_folded
    return _ratio(old_folded, new_folded) >= CONTEXT_MIN_AGREEMENT
