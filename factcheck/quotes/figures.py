"""Numbers in words and digits, so that a changed figure is told apart from a typo."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from enum import StrEnum

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
}
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_A_DIGIT = re.compile(r"\d")
_NUMBER_WORDS = frozenset((*_UNITS, *_MULTIPLIERS))
_NUMBER_WORD_ALTERNATIVES = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_NUMBER_WORD = re.compile(rf"(?<![^\W\d_])(?:{_NUMBER_WORD_ALTERNATIVES})(?![^\W\d_])")
"""A number word standing alone, as `_WORD` would split it (digits and _ end a word too), in
lower case: searched in the lowered text, four times faster than a case-blind search."""
_NUMBER_WORD_ANY_CASE = re.compile(_NUMBER_WORD.pattern, re.IGNORECASE)
_LOOK_BACK = 24
"""Characters before a number read for its qualifier ('no fewer than', 'between'): the longest
phrase and its white space, no more (each search tries every position it is given)."""


def _may_hold_a_figure(text: str) -> bool:
    # A set lookup per word: an IGNORECASE alternation of the number words cost 70 us a search.
    return _A_DIGIT.search(text) is not None or not _NUMBER_WORDS.isdisjoint(
        _WORD.findall(text.lower())
    )


def _digits_value(token: str) -> float | None:
    # "1,000" is a thousand and "3.5" three and a half; a lone comma group reads as thousands.
    cleaned = token.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", token) else token
    try:
        return float(cleaned.replace(",", "."))
    except ValueError:
        return None


def number_spans(text: str) -> list[tuple[int, int, float]]:
    """The figures written in `text`, each as (start, end, value), in reading order.

    Number words are joined into one figure when they follow each other ("twenty-one",
    "two hundred"). Digits and words are read apart: "3 million" is 3 and a million.
    """
    found: list[tuple[int, int, float]] = []
    for match in _DIGITS.finditer(text):
        value = _digits_value(match.group())
        if value is not None:
            found.append((match.start(), match.end(), value))
    # Only the number words are visited (one regex pass), not every word: a source of 8,000
    # characters has some 1,400 words and a handful of number words.
    run_start = -1
    run_end = -1
    run_value = 0.0
    current = 0.0
    lowered = text.lower()
    # Lowering keeps every offset unless a character lowers to two ('İ'): then search case-blind.
    words = (
        _NUMBER_WORD.finditer(lowered)
        if len(lowered) == len(text)
        else _NUMBER_WORD_ANY_CASE.finditer(text)
    )
    for match in words:
        word = match.group().lower()
        if run_start >= 0 and text[run_end : match.start()].strip(" -") != "":
            found.append((run_start, run_end, run_value + current))
            run_start, run_value, current = -1, 0.0, 0.0
        if run_start < 0:
            run_start = match.start()
        run_end = match.end()
        if word in _UNITS:
            current += _UNITS[word]
        else:
            multiplier = _MULTIPLIERS[word]
            current = (current or 1) * multiplier
            if multiplier >= 1_000:
                run_value += current
                current = 0.0
    if run_start >= 0:
        found.append((run_start, run_end, run_value + current))
    found.sort()
    return found


def numbers_in(text: str) -> list[tuple[str, float]]:
    """The figures written in `text`, each as (as written, value), in reading order."""
    return [(text[start:end], value) for start, end, value in number_spans(text)]


def changed_figures(in_quote: str, in_source: str) -> list[tuple[str, str]]:
    """Pairs (as in the quote, as in the source) of figures that differ between two texts.

    Figures are compared by value, so "two" and "2" are the same figure. A figure present on
    one side only is paired with an empty string.
    """
    if not _may_hold_a_figure(in_quote) and not _may_hold_a_figure(in_source):
        # Most differences are plain words; one scan each rules figures out (numbers_in is
        # two regex passes and a loop over every word).
        return []
    quote_figures = numbers_in(in_quote)
    source_figures = numbers_in(in_source)
    if [value for _, value in quote_figures] == [value for _, value in source_figures]:
        return []
    pairs: list[tuple[str, str]] = []
    for index in range(max(len(quote_figures), len(source_figures))):
        quote_text, quote_value = quote_figures[index] if index < len(quote_figures) else ("", None)
        source_text, source_value = (
            source_figures[index] if index < len(source_figures) else ("", None)
        )
        if quote_value != source_value:
            pairs.append((quote_text, source_text))
    return pairs


# Amounts: a number with what it claims about the true count. "at least 20" allows 20 and more,
# "more than 30" 31 and more, "dozens" only says "many more than a few". Two reports of one
# count disagree only when no count satisfies both.


class Bound(StrEnum):
    """How an amount bounds the count it reports."""

    EXACT = "exact"
    AT_LEAST = "at least"
    MORE_THAN = "more than"
    AT_MOST = "at most"
    FEWER_THAN = "fewer than"
    UP_TO = "up to"
    ABOUT = "about"
    NEARLY = "nearly"
    RANGE = "range"
    VAGUE = "vague"


@dataclass(frozen=True, slots=True)
class Amount:
    """A number as a report gives it, with its qualifier: 'at least 20', 'ten to 15', 'dozens'."""

    start: int
    end: int
    """Where the amount is written, its qualifier included."""
    value: float
    """The number written (the lower end of a range)."""
    low: float
    high: float
    """The counts the amount allows, both included; `high` is infinite for a lower bound."""
    bound: Bound

    def agrees_with(self, other: Amount) -> bool:
        """Whether one count could satisfy both amounts."""
        return self.low <= other.high and other.low <= self.high


ABOUT_SLACK = 0.2
"""'about 20' allows 16 to 24: a rounded figure is not held to its last digit."""

_QUALIFIER_WORDS = {
    words: bound
    for phrases, bound in (
        ("at least|no fewer than|not less than|no less than|a minimum of", Bound.AT_LEAST),
        ("more than|over|upwards of|in excess of", Bound.MORE_THAN),
        ("at most|no more than|not more than|a maximum of", Bound.AT_MOST),
        ("fewer than|less than|under|below", Bound.FEWER_THAN),
        ("up to|as many as", Bound.UP_TO),
        ("nearly|almost|close to|just under", Bound.NEARLY),
        ("about|around|some|roughly|approximately|an estimated|estimated|about a", Bound.ABOUT),
    )
    for words in phrases.split("|")
}
_QUALIFIER = re.compile(
    r"\b(" + "|".join(sorted(_QUALIFIER_WORDS, key=len, reverse=True)) + r")\s+$", re.IGNORECASE
)
"""One search for every qualifier: the leftmost match is the longest phrase ('no more than',
not 'more than'; 'just under', not 'under')."""
_RANGE_JOIN = re.compile(r"\s*(?:to|-|–|—|or)\s*", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_AN_ARTICLE = re.compile(r"\ban?\s+$", re.IGNORECASE)
_MONTH_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$", re.IGNORECASE
)
_VAGUE = re.compile(
    r"\b(dozens|scores|hundreds|thousands|tens of thousands|several|a few|a handful)\b"
    r"(?:\s+(hundred|thousand|million)\b)?",
    re.IGNORECASE,
)
_VAGUE_RANGES = {
    # Generous on purpose: a vague word disagrees only with a figure far from any reading of it.
    "dozens": (13.0, 999.0),
    "scores": (20.0, 999.0),
    "hundreds": (100.0, 9_999.0),
    "thousands": (1_000.0, 99_999.0),
    "tens of thousands": (10_000.0, 999_999.0),
    "several": (2.0, 20.0),
    "a few": (2.0, 10.0),
    "a handful": (2.0, 10.0),
}


def amounts_in(text: str) -> list[Amount]:
    """The amounts written in `text`, in reading order: numbers in digits or words with their
    qualifier ('at least', 'more than', 'up to', 'about'), ranges ('10 to 15', 'between 10 and
    15') and vague words ('dozens', 'hundreds'). A number just after a month's name is a day,
    not an amount."""
    vague: list[Amount] = []
    for match in _VAGUE.finditer(text):
        low, high = _VAGUE_RANGES[match.group(1).lower()]
        scale = _MULTIPLIERS[match.group(2).lower()] if match.group(2) else 1
        vague.append(
            Amount(match.start(), match.end(), low * scale, low * scale, high * scale, Bound.VAGUE)
        )
    numbers = [
        span
        for span in number_spans(text)
        if not _MONTH_BEFORE.search(text[max(0, span[0] - 12) : span[0]])
        and not any(v.start <= span[0] < v.end for v in vague)
    ]
    amounts: list[Amount] = []
    index = 0
    while index < len(numbers):
        start, end, value = numbers[index]
        following = numbers[index + 1] if index + 1 < len(numbers) else None
        if following is not None and following[2] > value:
            joined = text[end : following[0]]
            window = max(0, start - _LOOK_BACK)
            between = _BETWEEN.search(text[window:start])
            if (between and _AND.fullmatch(joined)) or (
                not between and _RANGE_JOIN.fullmatch(joined)
            ):
                begin = window + between.start() if between else start
                amounts.append(Amount(begin, following[1], value, value, following[2], Bound.RANGE))
                index += 2
                continue
        amounts.append(_qualified(text, start, end, value))
        index += 1
    amounts.extend(vague)
    amounts.sort(key=lambda amount: amount.start)
    return amounts


def _qualified(text: str, start: int, end: int, value: float) -> Amount:
    window = max(0, start - _LOOK_BACK)
    before = text[window:start]
    word = text[start:end].lower()
    article = _AN_ARTICLE.search(before) if word == "dozen" else None
    if article is not None:
        start, before = window + article.start(), before[: article.start()]
    found = _QUALIFIER.search(before)
    if found is not None:
        bound = _QUALIFIER_WORDS[" ".join(found.group(1).lower().split())]
        low, high = _interval(bound, value)
        return Amount(window + found.start(), end, value, low, high, bound)
    if article is not None:  # 'a dozen', said loosely
        low, high = _interval(Bound.ABOUT, value)
        return Amount(start, end, value, low, high, Bound.ABOUT)
    return Amount(start, end, value, value, value, Bound.EXACT)


def _interval(bound: Bound, value: float) -> tuple[float, float]:
    whole = value == int(value)
    match bound:
        case Bound.AT_LEAST:
            return value, math.inf
        case Bound.MORE_THAN:
            return (value + 1 if whole else value), math.inf
        case Bound.AT_MOST | Bound.UP_TO:
            return 0.0, value
        case Bound.FEWER_THAN:
            return 0.0, (value - 1 if whole else value)
        case Bound.NEARLY:
            return math.floor(value * (1 - ABOUT_SLACK)), value
        case Bound.ABOUT:
            return math.floor(value * (1 - ABOUT_SLACK)), math.ceil(value * (1 + ABOUT_SLACK))
        case _:
            return value, value
