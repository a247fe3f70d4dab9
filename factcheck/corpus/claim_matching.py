"""Claims that say the same thing: lexical and fuzzy matching, offline, fast at 10,000 claims.

A pair is scored on what the two texts share once folded (case, punctuation, stop words, a
light stemming): rapidfuzz's token_set_ratio and ratio over the content words, and the overlap
of those words weighted by how rare each is among all the texts matched (IDF). What makes two
similar sentences different claims then lowers the score: numbers that disagree (19 against
20), names on each side that the other lacks ("Shias" against "Sikhs"), and a negation on one
side only ("defeated" against "not defeated").

Not every pair is scored. Blocking by shared rare terms (prefix filtering): each text is
filed under its few rarest terms, and only texts filed under a common term are compared, a
block at a time with rapidfuzz's cdist (in C, on every core, the GIL released), which drops the
pairs too far apart before the full score is computed in Python for the few that remain. Two
texts that share none of their rarest terms are not compared; a paraphrase in other words
altogether ("Daesh" for "Islamic State") is beyond a lexical matcher.

benchmarks/bench_claim_matching.py measures precision and recall on the labelled pairs in
tests/data/claim_pairs.yaml, and the time at 10,000 claims.
"""

from __future__ import annotations

import functools
import hashlib
import math
import re
import sys
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from factcheck.corpus.cache_files import cache_key, read_cache, write_cache
from factcheck.corpus.cancelling import stop_if_cancelled
from factcheck.quotes.figures import numbers_in

MATCH_THRESHOLD = 0.67
"""The least score of two claims taken to say the same thing (benchmarks/bench_claim_matching.py
measures precision and recall at it on the labelled pairs)."""

PREFIX_TERMS = 4
"""How many of its rarest terms a text is filed under for blocking."""
ALL_PAIRS = 250_000
"""Up to this many pairs, every pair is compared (in one cdist, about 0.3 s here), no blocking."""
PREFIX_SHARE = 0.5
"""...or under this share of its terms, when that is more."""
LARGEST_BLOCK = 250
"""A term shared as a rarest term by more texts than this is too common to block on."""
_PREFILTER = 70.0
"""token_set_ratio below which a pair is not scored: every labelled pair scoring near the
threshold has 75 or more."""

_STOP_WORDS = frozenset(
    """a an the and or but if then so of in on at to for from by with without about into over
    under after before during since until than as is are was were be been being am has have had
    do does did done will would shall should can could may might must that this these those it
    its it's they them their theirs he him his she her hers we us our ours you your yours i me my
    who whom whose which what when where why how there here also very just only even still yet
    all any some such own same other another each every both more most much many few one's
    says said say according doubt""".split()
)
_NEGATIONS = frozenset("not no never none nobody nothing neither nor cannot".split())
_NOT_A_NEGATION = re.compile(r"\b(?:no|without(?: a)?|beyond(?: a)?) doubt\b", re.IGNORECASE)
"""'No doubt' and 'without doubt' affirm."""
_NEGATED_VERB = re.compile(r"n[’']t\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?:;\"“”]")
_POSSESSIVE = re.compile(r"[’']s$")
_SUFFIXES = (
    ("ational", "ate"),
    ("ization", "ize"),
    ("isation", "ize"),
    ("fulness", "ful"),
    ("iveness", "ive"),
    ("ations", "ate"),
    ("ation", "ate"),
    ("ments", ""),
    ("ment", ""),
    ("ities", ""),
    ("ity", ""),
    ("ness", ""),
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ed", ""),
    ("es", ""),
    ("s", ""),
)


_NONE: frozenset[float] = frozenset()
_FIGURE_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety
    hundred thousand million billion dozen""".split()
)
"""Read as figures (numbers_in), not as words."""
FEWEST_TERMS = 3
"""A text with fewer content words matches only a text with the very same ones: two common
words in common say little."""
_NUMBER_WORDS = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety|dozen|hundred|thousand|million|billion)\b",
    re.IGNORECASE,
)


def _may_hold_a_figure(text: str) -> bool:
    return _NUMBER_WORDS.search(text) is not None


def stem(word: str) -> str:
    """A light suffix stripper: "defeated", "defeats" and "defeating" all give "defeat".
    Cruder than Porter's, and enough to bring a word's forms together for matching."""
    if len(word) <= 3 or word.isdigit():
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            base = word[: len(word) - len(suffix)] + replacement
            # "stopped" -> "stop", "planned" -> "plan": an undoubled stem.
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2]:
                base = base[:-1]
            return base
    return word


@dataclass(frozen=True, slots=True)
class Folded:
    """A claim's text as the matcher compares it."""

    terms: tuple[str, ...]
    """The content words, stemmed, in order (stop words and numbers left out)."""
    shown: dict[str, str]
    """Each term as first written, for the reasons."""
    numbers: frozenset[float]
    names: frozenset[str]
    """The terms written with a capital inside the sentence: names of people, places, groups."""
    negated: bool
    """An odd number of negations: 'not', 'never', "n't" ..."""
    joined: str
    """The terms joined by spaces, for rapidfuzz."""
    term_set: frozenset[str]


_NEGATION = "!"
"""What `_term` gives for a negation."""


@functools.lru_cache(maxsize=65_536)
def _term(word: str) -> str | None:
    """The term of a word as written: stemmed, casefolded, without possessive, hyphens and
    apostrophes; None for a stop word or a word with digits (figures are read apart);
    _NEGATION for a negation. Cached: a corpus says the same words again and again."""
    folded = _POSSESSIVE.sub("", word.casefold()).replace("-", "").replace("'", "")
    folded = folded.replace("’", "")
    if folded in _NEGATIONS:
        return _NEGATION
    if not folded.isalpha() or folded in _STOP_WORDS or folded in _FIGURE_WORDS:
        return None
    return stem(folded)


def fold(text: str) -> Folded:
    terms: list[str] = []
    shown: dict[str, str] = {}
    names: set[str] = set()
    text = _NOT_A_NEGATION.sub("doubt", text)
    negations = len(_NEGATED_VERB.findall(text))
    previous_end = 0
    for match in _WORD.finditer(text):
        written = match.group()
        start, end = match.span()
        term = _term(written)
        if term is _NEGATION:
            negations += 1
        elif term is not None:
            terms.append(term)
            if term not in shown:
                shown[term] = _POSSESSIVE.sub("", written)
            # A capital that is not a sentence's first word: a name ("IS-K", "Kabul").
            if (
                written[0].isupper()
                and previous_end
                and not _SENTENCE_END.search(text, previous_end, start)
            ):
                names.add(term)
        previous_end = end
    numbers = _NONE
    if _may_hold_a_figure(text):
        numbers = frozenset(value for _, value in numbers_in(text))
    # Figures are terms too, written as digits ("forty" and "40" alike): as rare as names,
    # they are what blocking finds two claims about the same event by.
    for value in sorted(numbers):
        figure = _figure(value)
        terms.append(figure)
        shown.setdefault(figure, figure)
    return Folded(
        tuple(terms),
        shown,
        numbers,
        frozenset(names),
        negations % 2 == 1,
        " ".join(terms),
        frozenset(terms),
    )


@dataclass(frozen=True, slots=True)
class Match:
    """Two texts taken to say the same thing: their indexes in the lists matched."""

    left: int
    right: int
    score: float
    """0-1; MATCH_THRESHOLD or more."""
    reasons: tuple[str, ...]
    """Why, for a person: the shared terms, and anything that lowered the score."""


@dataclass(frozen=True, slots=True)
class _Weights:
    idf: dict[str, float]

    def of(self, terms: Iterable[str]) -> float:
        return sum(self.idf.get(term, 0.0) for term in terms)


def _weights(folded: Sequence[Folded]) -> _Weights:
    frequency: Counter[str] = Counter()
    for item in folded:
        frequency.update(set(item.terms))
    count = len(folded)
    return _Weights(
        {term: math.log(1 + (count + 1) / (seen + 0.5)) for term, seen in frequency.items()}
    )


def pair_score(a: Folded, b: Folded, weights: _Weights) -> tuple[float, tuple[str, ...]]:
    """How surely `a` and `b` say the same thing (0-1), and why."""
    score = _score(a, b, weights, weights.of(a.term_set), weights.of(b.term_set))
    return score, _reasons(a, b, weights) if score > 0 else ()


def _score(a: Folded, b: Folded, weights: _Weights, weight_a: float, weight_b: float) -> float:
    shared = a.term_set & b.term_set
    if not shared:
        return 0.0
    if min(len(a.term_set), len(b.term_set)) < FEWEST_TERMS and a.term_set != b.term_set:
        return 0.0
    weight_shared = weights.of(shared)
    dice = 2 * weight_shared / (weight_a + weight_b)
    overlap = weight_shared / min(weight_a, weight_b)
    token_set = fuzz.token_set_ratio(a.joined, b.joined) / 100
    ratio = fuzz.ratio(a.joined, b.joined) / 100
    # token_set_ratio and overlap are 1 when one text's words are all in the other's (a
    # fact check's short summary of a long claim); dice and ratio keep a two-word text from
    # matching every long one that contains its words. Equal weights: on the labelled pairs
    # no other weighting did better than by a pair or two (benchmarks/bench_claim_matching.py).
    score = (token_set + ratio + dice + overlap) / 4
    if a.numbers and b.numbers and a.numbers.isdisjoint(b.numbers):
        score *= 0.55
    if (a.names - b.term_set) and (b.names - a.term_set):
        score *= 0.75
    if a.negated != b.negated:
        score *= 0.6
    return min(score, 1.0)


def _reasons(a: Folded, b: Folded, weights: _Weights) -> tuple[str, ...]:
    """What the score of `a` and `b` rests on, for a person."""
    shared = a.term_set & b.term_set
    ranked = sorted(shared, key=lambda term: (-weights.idf.get(term, 0.0), term))
    reasons = ["shared: " + ", ".join(a.shown[term] for term in ranked[:6])]
    if a.numbers and b.numbers and a.numbers.isdisjoint(b.numbers):
        reasons.append(
            f"different figures: {', '.join(_figure(n) for n in sorted(a.numbers))} "
            f"against {', '.join(_figure(n) for n in sorted(b.numbers))}"
        )
    only_a, only_b = a.names - b.term_set, b.names - a.term_set
    if only_a and only_b:
        reasons.append(
            f"different names: {', '.join(sorted(a.shown[t] for t in only_a))} against "
            f"{', '.join(sorted(b.shown[t] for t in only_b))}"
        )
    if a.negated != b.negated:
        reasons.append("one of them is negated")
    return tuple(reasons)


def _figure(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def match_within(
    texts: Sequence[str],
    *,
    threshold: float = MATCH_THRESHOLD,
    cache: Path | None = None,
    cancel: threading.Event | None = None,
) -> list[Match]:
    """Pairs of `texts` that say the same thing, each pair once (left < right), best first.
    `Cancelled` once `cancel` is set (between steps; nothing is kept).

    With `cache` (a file), the pairs are kept there and reused while the texts are the same:
    the app asks at every start, and 10,000 claims take over a second of CPU right after the
    first paint, in front of the first key press."""
    key = _texts_key(texts, threshold) if cache is not None else None
    if cache is not None:
        match read_cache(cache):
            case (fmt, stored_key, rows) if fmt == _CACHE_FORMAT and stored_key == key:
                return [
                    Match(left, right, score, tuple(reasons))
                    for left, right, score, reasons in rows
                ]
            case _:
                pass
    folded = _folded(texts, cancel)
    found = _matches(
        folded, folded, _weights(folded), same=True, threshold=threshold, cancel=cancel
    )
    if cache is not None:
        rows = [(m.left, m.right, m.score, m.reasons) for m in found]
        write_cache(cache, (_CACHE_FORMAT, key, rows))
    return found


_CACHE_FORMAT = cache_key("claim-matches", 1, code=(sys.modules[__name__],))
"""This module's own text is in the key: a change to how claims are matched misses the cache."""


def _texts_key(texts: Sequence[str], threshold: float) -> str:
    digest = hashlib.sha1(repr(threshold).encode(), usedforsecurity=False)
    for text in texts:
        digest.update(b"\0" + text.encode())
    return digest.hexdigest()


def match_between(
    left: Sequence[str],
    right: Sequence[str],
    *,
    threshold: float = MATCH_THRESHOLD,
    cancel: threading.Event | None = None,
) -> list[Match]:
    """Pairs (one of `left`, one of `right`) that say the same thing, best first. `Cancelled`
    once `cancel` is set."""
    folded_left = _folded(left, cancel)
    folded_right = _folded(right, cancel)
    weights = _weights([*folded_left, *folded_right])
    return _matches(
        folded_left, folded_right, weights, same=False, threshold=threshold, cancel=cancel
    )


_STEPS_BETWEEN_CHECKS = 500
"""Texts folded, or pairs scored, between two looks at `cancel`: milliseconds of work."""


def _folded(texts: Sequence[str], cancel: threading.Event | None) -> list[Folded]:
    folded = []
    for index, text in enumerate(texts):
        if index % _STEPS_BETWEEN_CHECKS == 0:
            stop_if_cancelled(cancel)
        folded.append(fold(text))
    return folded


def _blocks(folded: Sequence[Folded], weights: _Weights) -> dict[str, list[int]]:
    """Each text filed under its PREFIX_TERMS rarest terms."""
    blocks: dict[str, list[int]] = {}
    for index, item in enumerate(folded):
        rarest = sorted(item.term_set, key=lambda term: (-weights.idf[term], term))
        # Longer texts are filed under more terms: a fact check's few words beyond the claim's
        # (a place, a name) are its rarest, and must not crowd out the words they share.
        for term in rarest[: max(PREFIX_TERMS, math.ceil(len(rarest) * PREFIX_SHARE))]:
            blocks.setdefault(term, []).append(index)
    return blocks


def _matches(
    left: Sequence[Folded],
    right: Sequence[Folded],
    weights: _Weights,
    *,
    same: bool,
    threshold: float,
    cancel: threading.Event | None = None,
) -> list[Match]:
    if len(left) * len(right) <= ALL_PAIRS:
        # Few enough to compare every pair: blocking can only lose some.
        everything = {"": list(range(len(left)))}
        left_blocks = everything
        right_blocks = everything if same else {"": list(range(len(right)))}
    else:
        left_blocks = _blocks(left, weights)
        right_blocks = left_blocks if same else _blocks(right, weights)
    left_totals = [weights.of(item.term_set) for item in left]
    right_totals = left_totals if same else [weights.of(item.term_set) for item in right]
    candidates: set[tuple[int, int]] = set()
    for term, left_members in left_blocks.items():
        stop_if_cancelled(cancel)
        right_members = right_blocks.get(term)
        if not right_members or (same and len(left_members) < 2):
            continue
        if term and (len(left_members) > LARGEST_BLOCK or len(right_members) > LARGEST_BLOCK):
            continue
        scores = process.cdist(
            [left[i].joined for i in left_members],
            [right[j].joined for j in right_members],
            scorer=fuzz.token_set_ratio,
            score_cutoff=_PREFILTER,
            dtype=np.uint8,
            workers=-1,
        )
        rows, columns = np.nonzero(scores)
        for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
            i, j = left_members[row], right_members[column]
            if same:
                if i == j:
                    continue
                i, j = min(i, j), max(i, j)
            candidates.add((i, j))
    found: list[Match] = []
    for number, (i, j) in enumerate(candidates):
        if number % _STEPS_BETWEEN_CHECKS == 0:
            stop_if_cancelled(cancel)
        score = _score(left[i], right[j], weights, left_totals[i], right_totals[j])
        if score >= threshold:
            found.append(Match(i, j, round(score, 3), _reasons(left[i], right[j], weights)))
    found.sort(key=lambda match: (-match.score, match.left, match.right))
    return found
