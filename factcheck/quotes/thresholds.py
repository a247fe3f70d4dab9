"""The numbers that decide between tiers, each with the measurement it was chosen from.

The labelled set is tests/data/quote_cases.yaml (built from the two seed articles);
`python -m factcheck.quotes.calibrate` prints, per case kind, the score each case gets, which is
how the values below were picked. The synthetic benchmark (benchmarks/bench_quotes.py) then
checks them on 50,000 generated quotes.
"""

FUZZY_MIN_SCORE = 80.0
"""Lowest fuzz.ratio (0-100, folded quote vs folded source span) accepted as a fuzzy match.

Measured on the labelled set: one changed, dropped or misspelt word scores 88-99 on quotes
of five words or more; paraphrases of a source sentence score 45-74, and quotes from the other
source at most 62. 82 sits in the gap, nearer the paraphrases, because a fuzzy match is still
shown to the user as a warning, while a paraphrase passed as fuzzy would hide a misquote.
"""

FUZZY_MIN_WORD_SCORE = 75.0
"""Lowest word-level similarity (Indel over word tokens, 0-100) accepted as a fuzzy match."""

NEAR_MISS_MIN_SCORE = 55.0
"""Lowest partial-alignment score worth reporting as the best near miss of a quote not found.

Below this the "best" place in the source shares only common words with the quote (the other
source's quotes align at 40-60 on the seeds) and pointing at it would mislead.
"""

FUZZY_MIN_QUOTE_CHARS = 12
"""Quotes shorter than this are only looked for exactly, folded or elided: a fuzzy score over a
word or two measures letters in common, not a misquote."""

ELISION_MAX_GAP_CHARS = 600
"""How far apart (in folded characters) two consecutive parts of an elided quote may be.

A paragraph of the seeds is 150-450 characters; an elision that skips more than a paragraph
and a bit is stitching separate statements together, which is not quoting."""

ELISION_MIN_PART_CHARS = 3
"""Elision parts shorter than this (a stray "." or a single letter) are dropped, not searched:
they would be found anywhere."""

EDGE_BLOCK_MAX_TOKENS = 2
"""An edge run of at most this many matching words, cut off from the rest of the match by
EDGE_GAP_TOKENS or more extra source words, is a chance match in the padding, not the quote."""

EDGE_GAP_TOKENS = 3

ALIGNMENT_PAD_MIN_CHARS = 24
"""Padding added around rapidfuzz's quote-length window before refining the span: a dropped
word makes the source span longer than the quote, so the window must be able to hold it."""
