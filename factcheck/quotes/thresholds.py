"""The numbers that decide between tiers, each with the measurement it was chosen from.

Two measurements: the labelled set (tests/data/quote_cases.yaml, 84 cases from the two seed
articles) and the synthetic workload of benchmarks/bench_quotes.py, whose `--calibrate` mode
prints, per variant, the spread of the best fuzzy match's character and word scores with the
thresholds set aside. Figures below are from `--calibrate --sources 300 --quotes 10000`.
"""

FUZZY_MIN_SCORE = 80.0
"""Lowest fuzz.ratio (0-100, folded quote vs folded source span) accepted as a fuzzy match.

Changed-word quotes scored 83.3 at the lowest (synthetic, n=500; p1 87.9) and 89 (labelled);
other-source quotes at most 76.6 and paraphrases at most 79.2 (synthetic). The labelled set has
one paraphrase at 85 ("Gunmen and a suicide bomber attacked ..."), which only the word score
stops: letters alone cannot separate a close rewording from a changed word.
"""

FUZZY_MIN_WORD_SCORE = 75.0
"""Lowest word-level similarity (Indel over word tokens, 0-100) accepted as a fuzzy match.

Changed-word quotes: 82.4 at the lowest (synthetic), 89 (labelled). Paraphrases: 69.2 at the
highest (synthetic), 67 (labelled). 75 sits between them.
"""

NEAR_MISS_MIN_SCORE = 55.0
"""Lowest partial-alignment score worth reporting as the best near miss of a quote not found.

Below this the "best" place in the source shares only common words with the quote (the other
source's quotes align at 40-60 on the seeds) and pointing at it would mislead.
"""

SHORT_QUOTE_MAX_WORDS = 10
"""A fuzzy quote of at most this many words may differ from its source by one word replaced
(by one or two others), not by two: its word score must beat the (n - 2) / n that two
one-for-one changes leave in its n tokens, which FUZZY_MIN_WORD_SCORE alone allows from 8
tokens up. On bench_quotes.py (50,000 quotes) every other-source quote accepted as fuzzy was a
40-55-character stock phrase ("according to the army corps. The UN mission" against "... The
isolated airport") with two words changed, word score 75-82; the changed-word quotes of at
most 10 words score 83-90 (one word changed). A short quote that differs from another passage
by a single word (a name) cannot be told from a one-word misquote and still passes."""

NEAR_MISS_DETAIL_MIN_SCORE = 70.0
"""Below this partial-alignment score a quote is not found without aligning its words: the near
miss is reported by place and score only, with no differences. The word alignment took ~0.3 ms,
most of a not-found quote's time, and at this distance it lists most of the quote anyway.
On bench_quotes.py (50,000 quotes) the lowest partial score of a changed-word quote is 77.5
(p1 85.1), and 1,973 of 2,048 paraphrases score below 70 (p50 63.6)."""

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

SEED_MIN_CHARS = 4
"""Words of at least this many letters seed the search for a fuzzy quote's candidate windows
(candidates.py); shorter ones ("the", "was", "of") occur everywhere and place nothing."""

CANDIDATE_MAX_SEEDS = 10
"""The longest this-many distinct words of a quote seed its search: enough that a changed word
or two leave most of them, few enough that finding them costs a fraction of an alignment."""

CANDIDATE_MAX_SEED_OCCURRENCES = 8
"""A seed word found more often than this in the searched region places nothing and is left
out (the benchmark's sources are 8 KB; a name or a rarer noun occurs a few times at most)."""

CANDIDATE_MIN_SEED_SHARE = 0.65
"""A place is aligned only if at least this share of the seed words (rounded up) occur in its
window. A fuzzy match needs 75% of its words equal (FUZZY_MIN_WORD_SCORE), so a real one keeps
nearly all its seeds. Best window's share on bench_quotes.py (50,000 quotes): changed-word
0.75-1.0 (n=2,570, none lower); other-source 0.1-0.5 for 95%, 0.6-0.8 for 137 of 2,540;
paraphrases 0.4-1.0 (the same words, reordered). 0.65 keeps every changed-word quote (one
change in three seeds still leaves two) and settles most other-source quotes with no alignment;
those get no near miss, which at that share would have pointed at shared stock words."""

CANDIDATE_MAX_WINDOWS = 4
"""At most this many candidate windows, best supported first, are aligned per quote."""

CANDIDATE_PLACING_SEEDS = 3
"""The longest this-many seed words that occur (and not more than
CANDIDATE_MAX_SEED_OCCURRENCES times) place the candidate windows, at every occurrence of each;
a real match misses at most a changed word or two, so it holds one of them."""
