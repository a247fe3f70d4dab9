"""Where in a source a fuzzy quote can be: windows around places its longer words occur in order.

rapidfuzz's partial alignment over a whole 8 KB source cost about 0.2 ms a quote, most of it
spent on text that shares nothing with the quote. A quote with one changed word still has most
of its longer words in the source, each at the same distance from the quote's start as in the
quote (give or take the changed words' lengths). So each occurrence of a seed word votes for a
start; starts that agree form a cluster; and only windows around well-supported clusters are
aligned. This is the seed-and-extend idea of BLAST, with words as seeds.
"""

from __future__ import annotations

import re
from math import ceil

from factcheck.quotes.thresholds import (
    CANDIDATE_MAX_SEED_OCCURRENCES,
    CANDIDATE_MAX_SEEDS,
    CANDIDATE_MAX_WINDOWS,
    CANDIDATE_MIN_SEED_SHARE,
    CANDIDATE_PLACING_SEEDS,
    SEED_MIN_CHARS,
)

_SEED = re.compile(rf"\w{{{SEED_MIN_CHARS},}}")


def _seeds(folded_quote: str) -> list[tuple[str, int]]:
    """(word, offset in the quote) of the quote's longest distinct words, longest first: a long
    word occurs in fewer places, so it votes for fewer wrong starts."""
    first_offsets: dict[str, int] = {}
    for match in _SEED.finditer(folded_quote):
        first_offsets.setdefault(match.group(), match.start())
    words = sorted(first_offsets, key=len, reverse=True)[:CANDIDATE_MAX_SEEDS]
    return [(word, first_offsets[word]) for word in words]


def candidate_windows(
    folded_quote: str, folded_text: str, region_start: int, region_end: int
) -> list[tuple[int, int]] | None:
    """Windows [start, end) of `folded_text` within the region worth aligning `folded_quote`
    in, best supported first; [] when no place has enough of the quote's words to be a match;
    None when the quote has too few long words to tell, so the whole region must be aligned."""
    seeds = _seeds(folded_quote)
    if len(seeds) < 2:
        return None
    needed = max(1, ceil(CANDIDATE_MIN_SEED_SHARE * len(seeds)))
    # The longest seeds that are neither absent nor everywhere place the windows: a real match
    # misses at most a changed word or two, so it holds one of the few placing seeds. Finding
    # them stops early: a seed found too often is dropped after a few finds, and once so many
    # seeds are absent that no place can hold enough of them, the quote is settled.
    absent_allowed = len(seeds) - needed
    absent = 0
    placing = 0
    starts: list[int] = []
    find = folded_text.find
    for word, offset in seeds:
        found = find(word, region_start, region_end)
        if found < 0:
            absent += 1
            if absent > absent_allowed:
                return []
            continue
        if placing == CANDIDATE_PLACING_SEEDS:
            continue
        occurrences: list[int] = []
        while found >= 0 and len(occurrences) <= CANDIDATE_MAX_SEED_OCCURRENCES:
            occurrences.append(found - offset)
            found = find(word, found + 1, region_end)
        if len(occurrences) <= CANDIDATE_MAX_SEED_OCCURRENCES:
            starts.extend(occurrences)
            placing += 1
    starts.sort()
    pad = 24 + len(folded_quote) // 4
    windows: list[tuple[int, int]] = []
    for start in starts:
        window = (max(region_start, start - pad), min(region_end, start + len(folded_quote) + pad))
        if windows and window[0] <= windows[-1][1]:
            windows[-1] = (windows[-1][0], window[1])
        else:
            windows.append(window)
    supported = []
    for window_start, window_end in windows:
        text = folded_text[window_start:window_end]
        support = sum(word in text for word, _ in seeds)
        if support >= needed:
            supported.append((support, window_start, window_end))
    supported.sort(key=lambda item: -item[0])
    return [(start, end) for _, start, end in supported[:CANDIDATE_MAX_WINDOWS]]
