"""Fuzzy anchoring: where a quote with small differences sits in a source, and what differs.

rapidfuzz's partial_ratio_alignment finds the best window, but that window is as long as the
quote, so with a dropped or added word its edges are off. The span is refined by aligning words
(Indel opcodes) over a padded window and taking word boundaries from the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from factcheck.quotes.figures import changed_figures
from factcheck.quotes.folding import fold, lower_keeping_length
from factcheck.quotes.model import Difference, Span
from factcheck.quotes.source import SourceText
from factcheck.quotes.thresholds import (
    ALIGNMENT_PAD_MIN_CHARS,
    EDGE_BLOCK_MAX_TOKENS,
    EDGE_GAP_TOKENS,
)

# Words keep their inner apostrophes, hyphens and digit separators ("don't", "IS-K", "1,000");
# every other non-space character is a token of its own.
_TOKEN = re.compile(r"\w+(?:['’‘\-‐‑–.,]\w+)*|[^\w\s]")
_TOKEN_KEY_PAIRS: tuple[tuple[str, str], ...] = (
    *((mark, '"') for mark in "“”„‟″«»"),
    *((mark, "'") for mark in "‘’‚‛′`´"),
    *((dash, "-") for dash in "‐‑‒–—―−"),
)
_new_tuple = tuple.__new__


class Token(NamedTuple):
    """A word or punctuation mark: [start, end) in its text, and its folded form to compare."""

    start: int
    end: int
    key: str


@dataclass(frozen=True, slots=True)
class FuzzyMatch:
    span: Span
    score: float
    word_score: float
    differences: tuple[Difference, ...]
    changed_numbers: tuple[tuple[str, str], ...]
    quote_tokens: int = 0
    """Tokens (words and punctuation marks) in the quote; 0 when it was not tokenized."""
    quote_words: int = 0
    """Words in the quote (tokens that are not punctuation marks)."""


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    stop = len(text) if end is None else end
    region = text[start:stop]
    # Keys come from one folded copy of the region rather than a translate per word; the
    # translate table maps one character to one, so offsets in the copy are offsets in `text`.
    keys_text = region
    if not keys_text.isascii():
        # A replace per mark that occurs: a window holds a handful of them, and str.translate
        # with a dict table looks up every character (18 us against 4 us on a 300-char window).
        for old, new in _TOKEN_KEY_PAIRS:
            if old in keys_text:
                keys_text = keys_text.replace(old, new)
    keys_text = lower_keeping_length(keys_text)
    # Built with tuple.__new__: a window holds dozens of tokens, and a frozen dataclass's
    # __init__ per token made tokenizing the costliest step of aligning a fuzzy quote.
    return [
        _new_tuple(Token, (start + match.start(), start + match.end(), match.group()))
        for match in _TOKEN.finditer(keys_text)
    ]


def best_alignment(folded_quote: str, folded_region: str, cutoff: float) -> tuple[float, int, int]:
    """(score, start, end) of the best quote-length window in `folded_region`, or score 0."""
    from rapidfuzz import fuzz  # here: the app starts without it

    if not folded_quote or not folded_region:
        return 0.0, 0, 0
    if len(folded_quote) >= len(folded_region):
        score = fuzz.ratio(folded_quote, folded_region, score_cutoff=cutoff)
        return score, 0, len(folded_region)
    alignment = fuzz.partial_ratio_alignment(folded_quote, folded_region, score_cutoff=cutoff)
    if alignment is None:
        return 0.0, 0, 0
    return alignment.score, alignment.dest_start, alignment.dest_end


def _word_window(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) so that it does not cut a word in two."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


@dataclass(slots=True)
class _Block:
    quote_start: int
    quote_end: int
    source_start: int
    source_end: int

    @property
    def size(self) -> int:
        return self.quote_end - self.quote_start


def _equal_blocks(quote_keys: list[str], source_keys: list[str]) -> list[_Block]:
    from rapidfuzz.distance import Indel

    return [
        _Block(op.src_start, op.src_end, op.dest_start, op.dest_end)
        for op in Indel.opcodes(quote_keys, source_keys)
        if op.tag == "equal"
    ]


def _drop_stray_edge_blocks(blocks: list[_Block]) -> list[_Block]:
    # The padding around the window often holds a "the" or a comma that also ends the quote;
    # Indel happily aligns it, which would stretch the span over words that are not quoted.
    while len(blocks) >= 2:
        first, second = blocks[0], blocks[1]
        extra_source = (second.source_start - first.source_end) - (
            second.quote_start - first.quote_end
        )
        if first.size <= EDGE_BLOCK_MAX_TOKENS and extra_source >= EDGE_GAP_TOKENS:
            blocks = blocks[1:]
            continue
        last, before_last = blocks[-1], blocks[-2]
        extra_source = (last.source_start - before_last.source_end) - (
            last.quote_start - before_last.quote_end
        )
        if last.size <= EDGE_BLOCK_MAX_TOKENS and extra_source >= EDGE_GAP_TOKENS:
            blocks = blocks[:-1]
            continue
        break
    return blocks


def _extend_over_replaced_edges(
    blocks: list[_Block], quote_tokens: list[Token], source_tokens: list[Token]
) -> tuple[int, int]:
    """First and last source token of the match, counting edge tokens the quote shares with the
    source next to the aligned blocks (a closing "." that Indel paired with a later one) and then
    edge words the quote replaced."""
    first_source = blocks[0].source_start
    quote_before = blocks[0].quote_start
    while (
        quote_before > 0
        and first_source > 0
        and source_tokens[first_source - 1].key == quote_tokens[quote_before - 1].key
    ):
        first_source -= 1
        quote_before -= 1
    for _ in range(min(quote_before, first_source)):
        quote_before -= 1
        if not _same_kind(quote_tokens[quote_before], source_tokens[first_source - 1]):
            break
        first_source -= 1
    last_source = blocks[-1].source_end - 1
    quote_after = blocks[-1].quote_end
    while (
        quote_after < len(quote_tokens)
        and last_source + 1 < len(source_tokens)
        and source_tokens[last_source + 1].key == quote_tokens[quote_after].key
    ):
        last_source += 1
        quote_after += 1
    for _ in range(min(len(quote_tokens) - quote_after, len(source_tokens) - 1 - last_source)):
        if not _same_kind(quote_tokens[quote_after], source_tokens[last_source + 1]):
            break
        quote_after += 1
        last_source += 1
    return first_source, last_source


def _same_kind(quote_token: Token, source_token: Token) -> bool:
    # A word replaces a word and a mark a mark: the comma or closing quote mark next to a
    # replaced edge word is the source's, not part of the quote.
    return quote_token.key[0].isalnum() == source_token.key[0].isalnum()


def _differences(
    quote: str,
    quote_offset: int,
    text: str,
    quote_tokens: list[Token],
    source_tokens: list[Token],
) -> tuple[Difference, ...]:
    from rapidfuzz.distance import Indel

    quote_keys = [token.key for token in quote_tokens]
    source_keys = [token.key for token in source_tokens]
    differences: list[Difference] = []
    # Indel has no "replace": a changed word is a delete next to an insert, so adjacent
    # non-equal opcodes are merged into one difference.
    pending: list[tuple[int, int, int, int]] = []

    def flush() -> None:
        if not pending:
            return
        quote_from = min(op[0] for op in pending)
        quote_to = max(op[1] for op in pending)
        source_from = min(op[2] for op in pending)
        source_to = max(op[3] for op in pending)
        pending.clear()
        if quote_to > quote_from:
            quote_span = Span(quote_tokens[quote_from].start, quote_tokens[quote_to - 1].end)
        else:
            quote_at = (
                quote_tokens[quote_from].start
                if quote_from < len(quote_tokens)
                else quote_tokens[-1].end
            )
            quote_span = Span(quote_at, quote_at)
        in_quote = quote[quote_span.start : quote_span.end]
        if source_to > source_from:
            span = Span(source_tokens[source_from].start, source_tokens[source_to - 1].end)
        else:
            insertion_point = (
                source_tokens[source_from].start
                if source_from < len(source_tokens)
                else source_tokens[-1].end
            )
            span = Span(insertion_point, insertion_point)
        differences.append(
            Difference(
                in_quote,
                text[span.start : span.end],
                Span(quote_span.start + quote_offset, quote_span.end + quote_offset),
                span,
            )
        )

    for op in Indel.opcodes(quote_keys, source_keys):
        if op.tag == "equal":
            flush()
        else:
            pending.append((op.src_start, op.src_end, op.dest_start, op.dest_end))
    flush()
    return tuple(differences)


def align_words(
    quote: str,
    source: SourceText,
    folded_start: int,
    folded_end: int,
    folded_quote_length: int,
    quote_offset: int = 0,
    region_start: int = 0,
) -> FuzzyMatch | None:
    """Refine a folded-text window found by rapidfuzz into a word-aligned span and its diffs.

    `quote_offset` is where `quote` starts in the whole quote (for the parts of an elided one),
    so that the differences point into the whole quote. `region_start` (a folded offset) is
    where the search began: the padding never reaches before it, so the span of an elided
    quote's part never starts inside the part before it.
    """
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Indel

    folded = source.folded
    pad = max(ALIGNMENT_PAD_MIN_CHARS, folded_quote_length // 4)
    window_start, window_end = folded.to_original_span(
        max(region_start, folded_start - pad), min(len(folded.text), folded_end + pad)
    )
    text = source.text
    window_start, window_end = _word_window(text, window_start, window_end)
    if region_start:
        # Widened to a whole word, the window may reach back into the part before (which can
        # end inside a word): that word is the earlier part's.
        window_start = max(window_start, folded.to_original(region_start))
    quote_tokens = tokenize(quote)
    source_tokens = tokenize(text, window_start, window_end)
    if not quote_tokens or not source_tokens:
        return None
    blocks = _equal_blocks(
        [token.key for token in quote_tokens], [token.key for token in source_tokens]
    )
    if not blocks:
        return None
    blocks = _drop_stray_edge_blocks(blocks)
    first, last = _extend_over_replaced_edges(blocks, quote_tokens, source_tokens)
    span_tokens = source_tokens[first : last + 1]
    span = Span(span_tokens[0].start, span_tokens[-1].end)
    differences = _differences(quote, quote_offset, text, quote_tokens, span_tokens)
    score = fuzz.ratio(fold(quote).strip(), fold(text[span.start : span.end]))
    word_score = Indel.normalized_similarity(
        [token.key for token in quote_tokens], [token.key for token in span_tokens]
    )
    changed_numbers = tuple(
        pair
        for difference in differences
        for pair in changed_figures(difference.in_quote, difference.in_source)
    )
    return FuzzyMatch(
        span,
        score,
        word_score * 100,
        differences,
        changed_numbers,
        len(quote_tokens),
        sum(token.key[0].isalnum() for token in quote_tokens),
    )
