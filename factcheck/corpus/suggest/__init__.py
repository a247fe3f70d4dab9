"""Suggested evidence: every source text split into passages, a BM25 index over them (cached),
and the passages that bear on a claim, ranked and explained.

    index = passage_index(corpus, cache_dir)          # built once, kept under the cache folder
    found = suggest(corpus, index, claim, limit=10)   # one claim's suggestions, with reasons

`passages` splits texts into sentences, `terms` turns words into index terms and finds names,
dates and numbers, `index` builds and caches the BM25 index, `expansion` widens a claim into a
weighted query from what the corpus knows, and `ranking` puts it together.
"""

from __future__ import annotations

from factcheck.corpus.suggest.index import PassageIndex, passage_index
from factcheck.corpus.suggest.ranking import (
    ClaimSuggestions,
    Reasons,
    Suggestion,
    Weights,
    suggest,
    with_links_now,
)

__all__ = [
    "ClaimSuggestions",
    "PassageIndex",
    "Reasons",
    "Suggestion",
    "Weights",
    "passage_index",
    "suggest",
    "with_links_now",
]
