"""Anchoring a quote in a source text, tier by tier: exact, normalised, elided, fuzzy, not found.

Each tier is tried only when the stricter ones failed, so the common case (an exact quote) costs
one str.find, and only quotes that need them pay for the folded copy or rapidfuzz.
"""

from __future__ import annotations

from factcheck.quotes.candidates import candidate_windows
from factcheck.quotes.elision import elided_parts, find_parts_in_order, has_elision_mark
from factcheck.quotes.folding import OUTER_QUOTE_MARKS, fold, folds_needed
from factcheck.quotes.fuzzy import FuzzyMatch, align_words, best_alignment
from factcheck.quotes.model import Anchor, MatchStatus, Span, exact_anchor
from factcheck.quotes.source import SourceText
from factcheck.quotes.thresholds import (
    ELISION_MAX_GAP_CHARS,
    FUZZY_MIN_QUOTE_CHARS,
    FUZZY_MIN_SCORE,
    FUZZY_MIN_WORD_SCORE,
    NEAR_MISS_DETAIL_MIN_SCORE,
    NEAR_MISS_MIN_SCORE,
    SHORT_QUOTE_MAX_WORDS,
)

_new_tuple = tuple.__new__
_EXACT = MatchStatus.EXACT
_QUOTE_MARKS = frozenset("\"'“”„‟«»‘’‚‛")


def anchor_quote(quote: str, source: SourceText) -> Anchor:
    """Find `quote` in `source` and say how: status, score, and spans in the original text."""
    start = source.text.find(quote)
    # str.strip returns the string itself when there is nothing to strip: one C call where
    # indexing both ends and calling isspace twice cost several times as much.
    stripped = quote.strip()
    if start >= 0 and stripped is quote and quote:
        # Built inline with tuple.__new__, not through exact_anchor or Anchor(): on the exact
        # path, where the search itself is about 2 us, each Python frame saved shows.
        return _new_tuple(
            Anchor,
            (_EXACT, 100.0, (_new_tuple(Span, (start, start + len(quote))),), (), (), (), None),
        )
    if not stripped:
        return Anchor(MatchStatus.NOT_FOUND, 0.0, ())
    if stripped is not quote and (start := source.text.find(stripped)) >= 0:
        return exact_anchor(start, start + len(stripped))
    # A quote pasted with its own quote marks around it ("“Daesh has been defeated”") is still
    # the source's words when the source puts its marks elsewhere or has none.
    inner = _without_outer_quote_marks(stripped)
    return (
        _anchor_normalised(stripped, source)
        or (inner is not None and _anchor_normalised(inner, source, outer_marks_dropped=True))
        or _anchor_elided(stripped, source, try_fuzzy=inner is None)
        or (
            inner is not None
            and _anchor_elided(inner, source, try_fuzzy=True, quote_offset=_inner_offset(stripped))
        )
        or _anchor_fuzzy(stripped, source)
    )


def _without_outer_quote_marks(quote: str) -> str | None:
    inner = quote
    if inner[:1] in _QUOTE_MARKS:
        inner = inner[1:]
    if inner[-1:] in _QUOTE_MARKS:
        inner = inner[:-1]
    inner = inner.strip()
    return inner if inner != quote and inner else None


def _inner_offset(quote: str) -> int:
    """Where `_without_outer_quote_marks(quote)` starts in `quote`."""
    start = 1 if quote[:1] in _QUOTE_MARKS else 0
    rest = quote[start:]
    return start + len(rest) - len(rest.lstrip())


def _original_span(source: SourceText, folded_start: int, folded_end: int) -> Span:
    start, end = source.folded.to_original_span(folded_start, folded_end)
    return Span(start, end)


def _anchor_normalised(
    quote: str, source: SourceText, outer_marks_dropped: bool = False
) -> Anchor | None:
    folded_quote = fold(quote)
    found = source.folded.text.find(folded_quote)
    if found < 0:
        return None
    span = _original_span(source, found, found + len(folded_quote))
    folded = folds_needed(quote, source.text[span.start : span.end])
    if outer_marks_dropped:
        folded = (OUTER_QUOTE_MARKS, *folded)
    return Anchor(MatchStatus.NORMALISED, 100.0, (span,), folded=folded)


def _anchor_elided(
    quote: str, source: SourceText, try_fuzzy: bool, quote_offset: int = 0
) -> Anchor | None:
    """`quote_offset` is where `quote` starts in the whole quote (outer white space stripped):
    past the quoter's own opening mark when the marks were dropped, so that each difference
    points into the quote as written."""
    if not has_elision_mark(quote):
        return None
    parts = elided_parts(quote)
    if not parts:
        return None
    folded_spans = find_parts_in_order([fold(part) for part in parts], source)
    if folded_spans is not None:
        spans = tuple(_original_span(source, start, end) for start, end in folded_spans)
        return Anchor(MatchStatus.ELIDED, 100.0, spans)
    if not try_fuzzy:
        return None
    return _anchor_elided_fuzzy(quote, parts, source, quote_offset)


def _anchor_elided_fuzzy(
    quote: str, parts: list[str], source: SourceText, quote_offset: int
) -> Anchor:
    """Each part of an elided quote aligned fuzzily, in order, within the gap of the last."""
    folded_text = source.folded.text
    matches: list[FuzzyMatch] = []
    region_start, region_end = 0, len(folded_text)
    part_offset = 0
    for part in parts:
        part_offset = quote.find(part, part_offset)
        folded_part = fold(part)
        match = _align_in_region(
            part,
            folded_part,
            source,
            region_start,
            region_end,
            quote_offset=quote_offset + part_offset,
        )
        part_offset += len(part)
        if not _close_enough(match):
            first_part_miss = match if not matches else None
            return _not_found(first_part_miss)
        matches.append(match)
        folded_end = _folded_offset_at_or_after(source, match.span.end)
        region_start = folded_end
        region_end = min(len(folded_text), folded_end + ELISION_MAX_GAP_CHARS + len(folded_part))
    total_length = sum(len(part) for part in parts)
    score = sum(match.score * len(part) for match, part in zip(matches, parts, strict=True))
    return Anchor(
        MatchStatus.FUZZY,
        score / total_length,
        tuple(match.span for match in matches),
        differences=tuple(difference for match in matches for difference in match.differences),
        changed_numbers=tuple(pair for match in matches for pair in match.changed_numbers),
    )


def _folded_offset_at_or_after(source: SourceText, original_offset: int) -> int:
    # The folded map is monotonic, so a binary search over folded offsets finds the inverse.
    folded = source.folded
    low, high = 0, len(folded.text)
    while low < high:
        middle = (low + high) // 2
        if folded.to_original(middle) < original_offset:
            low = middle + 1
        else:
            high = middle
    return low


def _align_in_region(
    quote: str,
    folded_quote: str,
    source: SourceText,
    region_start: int,
    region_end: int,
    quote_offset: int = 0,
) -> FuzzyMatch | None:
    folded_text = source.folded.text
    if len(folded_quote) < FUZZY_MIN_QUOTE_CHARS:
        found = folded_text.find(folded_quote, region_start, region_end)
        if found < 0:
            return None
        return FuzzyMatch(
            _original_span(source, found, found + len(folded_quote)), 100.0, 100.0, (), ()
        )
    windows = candidate_windows(folded_quote, folded_text, region_start, region_end)
    if windows is None:
        windows = [(region_start, region_end)]
    best_score, best_start, best_end = 0.0, 0, 0
    for window_start, window_end in windows:
        score, start, end = best_alignment(
            folded_quote, folded_text[window_start:window_end], NEAR_MISS_MIN_SCORE
        )
        if score > best_score:
            best_score, best_start, best_end = score, window_start + start, window_start + end
    if not best_score:
        return None
    if best_score < NEAR_MISS_DETAIL_MIN_SCORE:
        # Too far to be a fuzzy match whatever the word alignment finds: the near miss is given
        # by place and score, without the word-by-word differences that cost most of the time.
        span = _original_span(source, best_start, best_end)
        return FuzzyMatch(span, best_score, 0.0, (), ())
    return align_words(
        quote,
        source,
        best_start,
        best_end,
        len(folded_quote),
        quote_offset=quote_offset,
        region_start=region_start,
    )


def best_fuzzy_match(quote: str, source: SourceText) -> FuzzyMatch | None:
    """The best word-aligned match of `quote` anywhere in `source`, whatever its score (above
    the near-miss floor); the thresholds are applied by the caller. Used for calibration too."""
    stripped = quote.strip()
    folded_quote = fold(stripped)
    if len(folded_quote) < FUZZY_MIN_QUOTE_CHARS:
        return None
    return _align_in_region(stripped, folded_quote, source, 0, len(source.folded.text))


def _close_enough(match: FuzzyMatch | None) -> bool:
    # Letters alone let a close paraphrase through ("a gun and suicide bomb attack" scores 85
    # against "gunmen and a suicide bomber attacked"); words alone punish a typo in a short
    # quote. A fuzzy match needs both.
    if match is None or match.score < FUZZY_MIN_SCORE or match.word_score < FUZZY_MIN_WORD_SCORE:
        return False
    tokens = match.quote_tokens
    # Two words changed one for one leave (n - 2) / n of n tokens equal: over a long quote a
    # slip, over a short one a stock phrase that another passage shares (SHORT_QUOTE_MAX_WORDS).
    two_changed = 100 * (tokens - 2) / max(tokens, 1) + 0.01
    return not (0 < match.quote_words <= SHORT_QUOTE_MAX_WORDS and match.word_score < two_changed)


def _anchor_fuzzy(quote: str, source: SourceText) -> Anchor:
    match = best_fuzzy_match(quote, source)
    if not _close_enough(match):
        return _not_found(match)
    return Anchor(
        MatchStatus.FUZZY,
        match.score,
        (match.span,),
        differences=match.differences,
        changed_numbers=match.changed_numbers,
    )


def _not_found(near_miss: FuzzyMatch | None) -> Anchor:
    if near_miss is None or near_miss.score < NEAR_MISS_MIN_SCORE:
        return Anchor(MatchStatus.NOT_FOUND, 0.0, ())
    # The near miss keeps its differences, so a message can show how far the quote is from it.
    return Anchor(
        MatchStatus.NOT_FOUND,
        near_miss.score,
        (),
        differences=near_miss.differences,
        changed_numbers=near_miss.changed_numbers,
        near_miss=near_miss.span,
    )
