"""Numbers in words and digits, so that a changed figure is told apart from a typo."""

from __future__ import annotations

import re

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


def numbers_in(text: str) -> list[tuple[str, float]]:
    """The figures written in `text`, each as (as written, value), in reading order.

    Number words are joined into one figure when they follow each other ("twenty-one",
    "two hundred"); a multiplier after digits scales them ("3 million").
    """
    found: list[tuple[int, int, float]] = []
    for match in _DIGITS.finditer(text):
        value = _digits_value(match.group())
        if value is not None:
            found.append((match.start(), match.end(), value))
    run_start = -1
    run_end = -1
    run_value = 0.0
    current = 0.0
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if word not in _UNITS and word not in _MULTIPLIERS:
            if run_start >= 0:
                found.append((run_start, run_end, run_value + current))
                run_start, run_value, current = -1, 0.0, 0.0
            continue
        between = text[run_end : match.start()] if run_start >= 0 else ""
        if run_start >= 0 and between.strip(" -") != "":
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
    return [(text[start:end], value) for start, end, value in found]


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
