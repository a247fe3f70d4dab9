"""Folding text so that typographic variants compare equal, with a map back to the original.

Folds: typographic quote marks and apostrophes to ASCII, dashes to a hyphen, any run of white
space to one space, "..." to "…", invisible characters (soft hyphen, zero-width) removed, and case.
Source spans must stay true to the original text, so folding a source also returns an offset map.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

QUOTE_MARKS = "quote marks"
DASHES = "dashes"
WHITE_SPACE = "white space"
ELLIPSIS = "ellipsis"
INVISIBLE = "invisible characters"
CASE = "case"
OUTER_QUOTE_MARKS = "outer quote marks"
"""Not a fold of the text: the quoter's own marks around the quote were left out."""

# Order matters only for reporting: it is the order `folds_needed` lists what was folded.
FOLD_CATEGORIES: tuple[str, ...] = (QUOTE_MARKS, DASHES, WHITE_SPACE, ELLIPSIS, INVISIBLE, CASE)

_ONE_FOR_ONE: dict[str, tuple[tuple[str, str], ...]] = {
    QUOTE_MARKS: tuple(
        [(mark, '"') for mark in "“”„‟″〝〞＂«»"] + [(mark, "'") for mark in "‘’‚‛′`´"]
    ),
    DASHES: tuple((dash, "-") for dash in "‐‑‒–—―−"),
    # Every white-space character becomes a space first; runs are collapsed afterwards.
    WHITE_SPACE: tuple(
        (space, " ")
        for space in "\t\n\r\x0b\x0c\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
        "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
    ),
}
_INVISIBLE_CHARACTERS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
# Only what changes length goes through the regex; everything else is a str.replace loop,
# which measured about 15x faster than str.translate plus a regex over the whole text.
# "  +", not " {2,}": the same runs, but re scans for the literal two-space prefix instead of
# trying a match at every space (150 us against 30 us on an 8 KB source).
_LENGTH_CHANGING = re.compile(r"  +|\.\.\.|[" + _INVISIBLE_CHARACTERS + "]")
_ONE_SPACE_RUN = re.compile(r"  +")


_ASCII_WHITE_SPACE = tuple((space, " ") for space in "\t\n\r\x0b\x0c")


def _replace_one_for_one(text: str, categories: tuple[str, ...]) -> str:
    if text.isascii():
        # Every typographic mark and dash is outside ASCII; only white space can need folding.
        if WHITE_SPACE in categories:
            for old, new in _ASCII_WHITE_SPACE:
                if old in text:
                    text = text.replace(old, new)
        return text
    for category in categories:
        for old, new in _ONE_FOR_ONE.get(category, ()):
            if old in text:
                text = text.replace(old, new)
    return text


def lower_keeping_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few characters (e.g. "İ") grow when lowered; keep those as they are so offsets hold.
    return "".join(
        lowered_char if len(lowered_char := char.lower()) == 1 else char for char in text
    )


@lru_cache(maxsize=64)
def _one_for_one_table(categories: tuple[str, ...]) -> dict[int, str]:
    return str.maketrans(
        {old: new for category in categories for old, new in _ONE_FOR_ONE.get(category, ())}
    )


def fold(text: str, categories: tuple[str, ...] = FOLD_CATEGORIES) -> str:
    """Fold `text` (a quote, or any short text) without keeping an offset map."""
    if text.isascii():
        text = _replace_one_for_one(text, categories)
    else:
        # On a quote-sized string one translate beats two dozen replace scans; on a whole
        # source it is the other way round (see fold_with_offsets).
        text = text.translate(_one_for_one_table(categories))
    if WHITE_SPACE in categories:
        text = _ONE_SPACE_RUN.sub(" ", text)
    if ELLIPSIS in categories and "..." in text:
        text = text.replace("...", "…")
    if INVISIBLE in categories and not text.isascii():
        for char in _INVISIBLE_CHARACTERS:
            if char in text:
                text = text.replace(char, "")
    if CASE in categories:
        text = lower_keeping_length(text)
    return text


def folds_needed(quote: str, source_excerpt: str) -> tuple[str, ...]:
    """The fold categories without which `quote` and `source_excerpt` would not compare equal."""
    needed = []
    both = quote + source_excerpt
    for category in FOLD_CATEGORIES:
        # A fold that changes neither text cannot be needed, and the two texts match with every
        # fold (that is how the excerpt was found): only the folds that apply are tried, which
        # saves a dozen folds of each normalised quote.
        if not _applies(category, both):
            continue
        all_but_this = tuple(other for other in FOLD_CATEGORIES if other != category)
        if fold(quote, all_but_this).strip() != fold(source_excerpt, all_but_this).strip():
            needed.append(category)
    return tuple(needed)


_WHITE_SPACE_RUN_OR_OTHER = re.compile(r"  |[^\S ]")


def _applies(category: str, text: str) -> bool:
    """Whether folding `category` can change `text`."""
    if category == CASE:
        return text.lower() != text
    if category == WHITE_SPACE:
        return _WHITE_SPACE_RUN_OR_OTHER.search(text) is not None
    if category == ELLIPSIS:
        return "..." in text
    if category == INVISIBLE:
        return any(char in text for char in _INVISIBLE_CHARACTERS)
    return not text.isascii() and any(old in text for old, _ in _ONE_FOR_ONE[category])


@dataclass(frozen=True, slots=True)
class FoldedText:
    """A folded copy of a text and the map from its offsets back to the original's.

    The map is piecewise linear: between breakpoints, folded offset i maps to
    `original_starts[k] + (i - folded_starts[k])`. Only length-changing folds add breakpoints,
    so prose with a few paragraph breaks has a few dozen, not one entry per character.
    """

    text: str
    folded_starts: tuple[int, ...]
    original_starts: tuple[int, ...]

    def to_original(self, folded_offset: int) -> int:
        k = bisect_right(self.folded_starts, folded_offset) - 1
        return self.original_starts[k] + (folded_offset - self.folded_starts[k])

    def to_original_span(self, folded_start: int, folded_end: int) -> tuple[int, int]:
        start = self.to_original(folded_start)
        if folded_end <= folded_start:
            return start, start
        # The end maps via the last folded character, so a span never swallows the white space
        # or invisible characters that follow it in the original.
        last = folded_end - 1
        k = bisect_right(self.folded_starts, last) - 1
        end = self.original_starts[k] + (last - self.folded_starts[k]) + 1
        if k + 1 < len(self.folded_starts) and self.folded_starts[k + 1] == folded_end:
            # The last character stands for a collapsed run ("  " or "..."): include all of it.
            end = max(end, self.original_starts[k + 1])
        return start, end


def fold_with_offsets(original: str) -> FoldedText:
    text = _replace_one_for_one(original, (QUOTE_MARKS, DASHES, WHITE_SPACE))
    text = lower_keeping_length(text)
    # A regex alternation cannot use a literal fast scan (it cost 0.25 ms on an 8 KB source,
    # as much as anchoring a fuzzy quote); prose without "..." or invisible characters, the
    # common case whether or not it has curly quote marks, only needs the run-of-spaces pattern.
    if "..." in text or (
        not text.isascii() and any(char in text for char in _INVISIBLE_CHARACTERS)
    ):
        return _fold_length_changes(text)
    return _collapse_space_runs(text)


def _collapse_space_runs(text: str) -> FoldedText:
    # Every run becomes one space, so re.sub builds the text and the map needs only the runs'
    # bounds: half the time of the general loop, which every source with a folded quote pays.
    runs = [match.span() for match in _ONE_SPACE_RUN.finditer(text)]
    if not runs:
        return FoldedText(text, (0,), (0,))
    folded_starts = [0]
    original_starts = [0]
    removed = 0
    for start, end in runs:
        folded_start = start - removed
        if folded_start == 0:
            # A run at the very start replaces the initial breakpoint.
            folded_starts.pop()
            original_starts.pop()
        folded_starts += (folded_start, folded_start + 1)
        original_starts += (start, end)
        removed += end - start - 1
    return FoldedText(_ONE_SPACE_RUN.sub(" ", text), tuple(folded_starts), tuple(original_starts))


def _fold_length_changes(text: str) -> FoldedText:
    pieces: list[str] = []
    folded_starts = [0]
    original_starts = [0]
    consumed = 0
    folded_length = 0

    def add_breakpoint(folded_offset: int, original_offset: int) -> None:
        if folded_starts[-1] == folded_offset:
            folded_starts.pop()
            original_starts.pop()
        folded_starts.append(folded_offset)
        original_starts.append(original_offset)

    for match in _LENGTH_CHANGING.finditer(text):
        start, end = match.span()
        matched = match.group()
        replacement = " " if matched[0] == " " else "…" if matched[0] == "." else ""
        pieces.append(text[consumed:start])
        folded_length += start - consumed
        pieces.append(replacement)
        add_breakpoint(folded_length, start)
        folded_length += len(replacement)
        add_breakpoint(folded_length, end)
        consumed = end
    if consumed == 0:
        return FoldedText(text, (0,), (0,))
    pieces.append(text[consumed:])
    return FoldedText("".join(pieces), tuple(folded_starts), tuple(original_starts))
