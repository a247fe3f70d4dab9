"""Elided quotes: parts separated by "...", "…" or "[...]", found in order and close together."""

from __future__ import annotations

import re

from factcheck.quotes.source import SourceText
from factcheck.quotes.thresholds import ELISION_MAX_GAP_CHARS, ELISION_MIN_PART_CHARS

_ELISION_MARK = re.compile(r"\s*(?:\[\s*(?:…|\.\s?\.\s?\.)\s*\]|…|\.\s?\.\s?\.)\s*")
_MAX_FIRST_PART_OCCURRENCES = 64
_QUOTER_PUNCTUATION = " ,;:."


# Every mark holds "…" or two dots at most a space apart. The full pattern starts with \s*, so
# re tries it at every character (4 us a quote); this one scans for its first characters.
_ELISION_HINT = re.compile(r"…|\.\s?\.")


def has_elision_mark(quote: str) -> bool:
    return _ELISION_HINT.search(quote) is not None and _ELISION_MARK.search(quote) is not None


def elided_parts(quote: str) -> list[str]:
    """The parts of `quote` between elision marks, short ones left out.

    The punctuation next to a mark is the quoter's, not the source's ("defeated, ... and"), so it
    is trimmed from that side of the part.
    """
    bounds = []
    consumed = 0
    for match in _ELISION_MARK.finditer(quote):
        bounds.append((consumed, match.start()))
        consumed = match.end()
    bounds.append((consumed, len(quote)))
    parts = []
    for index, (start, end) in enumerate(bounds):
        part = quote[start:end].strip()
        if index > 0:
            part = part.lstrip(_QUOTER_PUNCTUATION)
        if index < len(bounds) - 1:
            part = part.rstrip(_QUOTER_PUNCTUATION)
        if len(part) >= ELISION_MIN_PART_CHARS:
            parts.append(part)
    return parts


def find_parts_in_order(parts: list[str], source: SourceText) -> list[tuple[int, int]] | None:
    """Folded-text spans of each folded part, in order, each within the gap limit of the last.

    Every occurrence of the first part is tried, since the first one in the text may not be
    followed by the rest; after it, the earliest fit of each part leaves the most room for the
    parts still to come, so that choice needs no backtracking.
    """
    folded_text = source.folded.text
    first = parts[0]
    candidate = folded_text.find(first)
    for _ in range(_MAX_FIRST_PART_OCCURRENCES):
        if candidate < 0:
            return None
        spans = [(candidate, candidate + len(first))]
        for part in parts[1:]:
            previous_end = spans[-1][1]
            search_end = previous_end + ELISION_MAX_GAP_CHARS + len(part)
            found = folded_text.find(part, previous_end, search_end)
            if found < 0:
                break
            spans.append((found, found + len(part)))
        else:
            return spans
        candidate = folded_text.find(first, candidate + 1)
    return None
