"""Words as the index sees them, and the names, dates and numbers a passage shares with a claim.

An index term is a lower-case word with a light English suffix stripped ("attacks", "attacked",
"attacking" are all "attack"), stop words left out. A hyphenated word counts whole and by its
parts ("IS-K" is "is-k" and "k"; "Taliban-led" is also "taliban"). Stemming is done once per
distinct word, never per occurrence: a corpus of 16 MB has 2.5 million words, a few thousand
distinct ones.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from factcheck.quotes.figures import numbers_in

WORD = re.compile(r"\w+(?:[-‑]\w+)*")
"""A word as written: letters and digits, hyphenated compounds whole (for showing words)."""

SPACE_FOR_PUNCTUATION = str.maketrans(
    {chr(code): " " for code in range(0x3000) if not chr(code).isalnum() and chr(code) != "-"}
)
"""Every character that is not a letter, a digit or a hyphen becomes a space, one for one (the
text keeps its length): then `str.split` gives the words. 20x faster than a regex's findall
over 16 MB of sources, which took 1.4 s of the 3 s an index may take."""


def words_of(lowered: str) -> list[str]:
    """The words of a lower-case text, hyphenated compounds whole."""
    return lowered.translate(SPACE_FOR_PUNCTUATION).split()


STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself said says
    say told tell also one s t ve ll d re m""".split()
)
"""Words too common to tell passages apart, reporting verbs among them ("said", "told"). Figures
are never stop words."""

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)s?\b")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’]*(?:[-‑][\w'’]+)*(?:\s+[A-Z][\w'’]*(?:[-‑][\w'’]+)*)*")
_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:;]\s+|[\"“‘(]\s*)$")
SENTENCE_STARTERS = frozenset(
    """without despite since according although though however meanwhile many several some
    experts officials residents witnesses yet still even already later earlier last next
    another one two three four five six seven eight nine ten nineteen twenty""".split()
)
"""Words that start sentences capitalised without being names ("Without doubt, ...")."""


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper for English news prose: a plural, then -ing, -ed or -ly
    ("bombings" -> "bomb"). Not Porter: it keeps stems readable ('attack', 'bomb', 'kill'),
    since reasons show them."""
    if len(word) <= 3 or not word.isalpha() or not word.islower():
        return word
    word = _strip_plural(word)
    for suffix, keep in (("ing", 3), ("ed", 3), ("ly", 4)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep:
            # No undoubling ("stopped" stays "stopp"): it made "killed" "kil", "kill" "kill".
            return word[: -len(suffix)]
    return word


def _strip_plural(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")) and len(word) > 5:
        return word[:-2]  # "churches" is "church" + es; "places" is "place" + s
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def terms_of_word(word: str) -> tuple[str, ...]:
    """The index terms a written word (lower case) stands for: none for a stop word."""
    if "-" in word:
        parts = [p for p in word.split("-") if p]
        if len(parts) == 1:
            return terms_of_word(parts[0])
        return ("-".join(parts), *(term for part in parts for term in terms_of_word(part)))
    if word in STOP_WORDS or (len(word) == 1 and not word.isdigit()):
        return ()
    return (stem(word),)


def terms_of(text: str) -> list[str]:
    """The index terms of a text, in order, repeated as often as they occur."""
    return [term for word in words_of(text.lower()) for term in terms_of_word(word)]


@dataclass(frozen=True, slots=True)
class Mentions:
    """What a text names: the things that make two texts about the same event."""

    names: frozenset[str]
    """Capitalised words and runs of them, lower case, 'Kabul's' as 'kabul'."""
    dates: frozenset[str]
    """Years ('2021'), months ('april') and days of a month ('april 22')."""
    numbers: frozenset[float]
    """Figures in digits or words, years left out (those are dates)."""

    @classmethod
    def empty(cls) -> Mentions:
        return cls(frozenset(), frozenset(), frozenset())


@functools.lru_cache(maxsize=4096)
def mentions(text: str) -> Mentions:
    names: set[str] = set()
    for run in _CAPITALISED.finditer(text):
        words = [_POSSESSIVE.sub("", w).lower() for w in run.group().split()]
        if words[0] in SENTENCE_STARTERS and _SENTENCE_START.search(text, 0, run.start()):
            words = words[1:]
        kept = [w for w in words if w not in STOP_WORDS and w not in MONTHS and w not in _WEEKDAYS]
        # Each word of a run on its own too: "Zabihullah Mujahid" is also "mujahid".
        names.update(w for w in kept if len(w) > 2 and not w.isdigit())
    dates = {match.group(1) for match in _YEAR.finditer(text)}
    lowered = text.lower()
    for word_match in WORD.finditer(lowered):
        word = word_match.group()
        month = MONTHS.get(word)
        if month is None or (word == "may" and not text[word_match.start()].isupper()):
            continue
        name = MONTH_NAMES[month - 1]
        dates.add(name)
        day = re.match(r"\s+(\d{1,2})\b", lowered[word_match.end() :])
        if day:
            dates.add(f"{name} {int(day.group(1))}")
    years = {float(year) for year in dates if year.isdigit()}
    numbers = {value for _, value in numbers_in(text) if value not in years}
    return Mentions(frozenset(names), frozenset(dates), frozenset(numbers))


def date_mentions(date_text: str | None) -> frozenset[str]:
    """The year and month of a partial ISO date ('2022-04' -> '2022', 'april')."""
    if not date_text:
        return frozenset()
    parts = date_text.split("-")
    found = {parts[0]}
    if len(parts) > 1 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        found.add(MONTH_NAMES[int(parts[1]) - 1])
    return frozenset(found)
