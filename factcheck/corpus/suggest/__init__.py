"""Suggested evidence: every source text split into passages, a BM25 index over them (cached),
and the passages that bear on a claim, ranked and explained.

    index = passage_index(corpus, cache_dir)          # built once, kept under the cache folder
    quoted = quoted_passages(corpus, index, anchors)  # what other claims have as evidence
    found = suggest(corpus, index, claim, limit=10, quoted=quoted)  # best first, with why

`passages` splits texts into sentences, `terms` turns words into index terms and finds names,
dates and numbers, `index` builds and caches the BM25 index, `expansion` widens a claim into a
weighted query from what the corpus knows, and `ranking` puts it together.
"""

from __future__ import annotations

from factcheck.corpus.suggest.index import PassageIndex, Quoted, passage_index, quoted_passages
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
    "Quoted",
    "Reasons",
    "Suggestion",
    "Weights",
    "passage_index",
    "quoted_passages",
    "suggest",
    "with_links_now",
]
