"""What a sentence of a report is about: the place, the date and the target of an event.

Two reports of a death toll are about the same attack only when they say so in the same terms:
the same kind of target (a military hospital), no place and no date that differ, and a place or
a date that agree. Each of these is read here from the sentence, with what the text around it
tells (a dateline, the attack the previous sentences described, the publication's date). Plain
text in, plain values out: the corpus is not known here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

DateParts = tuple[int | None, int | None, int | None]
"""(year, month, day), each None when the text does not say."""

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAYS = {name.lower() for name in calendar.day_name}

_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’']?\s+(?=[“\"‘'(]?[A-Z0-9])|\s*\n\s*")

TARGETS = (
    "hospital|mosque|school|madrasa|madrassa|market|bazaar|checkpoint|shrine|wedding|funeral|"
    "memorial service|embassy|airport|university|ministry|prison|stadium|church|temple|hotel|"
    "convoy|police station|rally|bus|compound|academy|sports club|gurdwara|seminary|bank"
)
_TARGET = re.compile(rf"\b(?:([\w'’-]+)\s+)?({TARGETS})(?:e?s)?\b", re.IGNORECASE)
_NOT_MODIFIERS = frozenset(
    "a an the of on at in to and or its their his her this that same main nearby another "
    "one two three four five six seven eight nine ten second first busy local".split()
)
_ATTACK = re.compile(
    r"\b(?:attack\w*|blast\w*|bomb\w*|explo\w+|storm\w*|assault\w*|raid\w*|gunm[ae]n|"
    r"struck|shooting|ambush\w*|massacre\w*|suicide)\b",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(
    r"\b(?:the|this|that)\s+(?:\w+\s+)?(?:attack|blast|bombing|explosion|assault|raid|"
    r"operation|incident|carnage|massacre|siege|violence)s?\b",
    re.IGNORECASE,
)
_NAME = r"[A-Z][\w'’]*(?:-[\w'’]+)*(?:\s+[A-Z][\w'’]*(?:-[\w'’]+)*)*"
_PLACE_KIND = r"(?:province|city|district|town|village|region|capital|county|state)"
_PLACE = re.compile(
    rf"\b(?:[Ii]n|at|near|outside)\s+(?:the\s+(?:[a-z-]+\s+)?{_PLACE_KIND}\s+of\s+)?({_NAME})"
    rf"|\b{_PLACE_KIND}\s+of\s+({_NAME})"
)
_NOT_PLACES = frozenset(
    {*(name.capitalize() for name in _MONTHS), *(name.capitalize() for name in _WEEKDAYS)}
    | {"The", "A", "An", "This", "That", "Its", "Their", "His", "Her"}
)
_DATELINE = re.compile(r"\A\s*([A-Z][A-Z .'-]{2,40}?)\s*(?:,[^:\n]{0,40})?\s*(?::|—|–| - )")

_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})(?:,?\s+(\d{{4}}))?\b", re.I)
_MONTH_DAY = re.compile(
    rf"\b({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE
)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{4}})\b", re.IGNORECASE)
_MONTH_ALONE = re.compile(rf"\b(?:in|since|during|by|of|on|early|late|mid-?)\s+({_MONTH})\b", re.I)
_YEAR = re.compile(r"\b(?:in|of|during|since|by)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_RECENT = re.compile(
    r"\b(?:on|last|this)\s+(?:" + "|".join(_WEEKDAYS) + r")\b|\byesterday\b|\btoday\b"
    r"|\bthis week\b|\bearlier this week\b",
    re.IGNORECASE,
)
_LAST_MONTH = re.compile(r"\blast month\b", re.IGNORECASE)
_DAY_BEFORE = re.compile(r"\A\W*the day before\b", re.IGNORECASE)
_MONTH_EARLIER = re.compile(r"\A\W*a month earlier\b", re.IGNORECASE)
_PERIOD = re.compile(
    r"\b(?:(?:in|during|over)\s+the\s+(?:last|first|past|same)\s+[\w\s-]*?(?:months?|weeks?|"
    r"years?|days?|period)(?:\s+of\s+\d{4})?|since\s+\w+(?:\s+\d{4})?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Event:
    """What a passage says of the event a figure is about; empty fields are not said."""

    targets: tuple[tuple[str, str], ...] = ()
    """(kind, qualifier): ('hospital', 'military'), ('mosque', '')."""
    places: tuple[str, ...] = ()
    date: DateParts = (None, None, None)
    period: str = ""
    """A period a total covers, as written ('the last four months of 2021')."""

    def describe(self) -> str:
        """'military hospital, Kabul, 2021-11' for people."""
        parts = [" and ".join(f"{qualifier} {kind}".strip() for kind, qualifier in self.targets)]
        parts.append(", ".join(self.places))
        parts.append(self.period or _date_text(self.date))
        return ", ".join(part for part in parts if part) or "unspecified event"


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of each sentence of `text`, its white space left out."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield from _trimmed(text, start, match.start())
        start = match.end()
    yield from _trimmed(text, start, len(text))


_SEARCH_BACK = 3_000
"""How far back sentence boundaries are looked for: a sentence longer than that is cut."""


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The (start, end) of the sentence holding text[start:end]."""
    begin = max(0, start - _SEARCH_BACK)
    ends = list(_SENTENCE_END.finditer(text, begin, start))
    first = ends[-1].end() if ends else begin
    after = _SENTENCE_END.search(text, end, end + _SEARCH_BACK)
    last = after.start() if after else min(len(text), end + _SEARCH_BACK)
    return next(_trimmed(text, first, last), (start, end))


def sentences_before(text: str, start: int, count: int) -> list[tuple[int, int]]:
    """The `count` sentences before the one that starts at `start`, in reading order."""
    begin = max(0, start - _SEARCH_BACK)
    spans: list[tuple[int, int]] = []
    previous = begin
    for match in _SENTENCE_END.finditer(text, begin, start):
        spans.extend(_trimmed(text, previous, match.start()))
        previous = match.end()
    spans.extend(_trimmed(text, previous, start))
    if begin > 0 and spans:
        spans = spans[1:]  # cut by the search window: not a whole sentence
    return spans[-count:]


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def dateline(text: str) -> str:
    """The place a story is filed from ('KABUL: ...' gives 'Kabul'), or ''."""
    found = _DATELINE.match(text)
    if found is None or not found.group(1).strip().replace(" ", "").isupper():
        return ""
    return found.group(1).strip().title()


def read_event(
    passage: str, published: DateParts, previous: DateParts = (None, None, None)
) -> Event:
    """The targets, places and date a passage names. `published` dates words such as 'on
    Tuesday' and a month without its year; `previous` is the date of the event told just
    before, for 'The day before' and 'A month earlier'."""
    period = _PERIOD.search(passage)
    return Event(
        targets=targets_in(passage),
        places=places_in(passage),
        date=date_in(passage, published, previous),
        period=" ".join(period.group().lower().split()) if period else "",
    )


def targets_in(passage: str) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for match in _TARGET.finditer(passage):
        kind = match.group(2).lower()
        word = match.group(1) or ""
        # A capitalised word before the target is a place or a name ('Kabul hospital'), not a
        # kind of hospital; the place is read on its own.
        qualifier = "" if word.lower() in _NOT_MODIFIERS or word[:1].isupper() else word.lower()
        qualifier = qualifier.replace("’", "'")
        if (kind, qualifier) not in found:
            found.append((kind, qualifier))
    return tuple(found)


def places_in(passage: str) -> tuple[str, ...]:
    found: list[str] = []
    for match in _PLACE.finditer(passage):
        name = match.group(1) or match.group(2)
        if name.split()[0] in _NOT_PLACES:
            continue
        place = normal_place(name)
        if place not in found:
            found.append(place)
    return tuple(found)


def normal_place(name: str) -> str:
    """The place as written, in one spelling of its white space and apostrophes."""
    return " ".join(name.replace("’", "'").split())


def place_key(name: str) -> str:
    """'Mazar-e-Sharif' and 'Mazar-e Sharif' alike, 'KABUL' and 'Kabul'."""
    return " ".join(name.replace("-", " ").split()).casefold()


def date_in(passage: str, published: DateParts, previous: DateParts) -> DateParts:
    if _DAY_BEFORE.search(passage) and previous[2] is not None:
        return _shifted(previous, days=-1)
    if _MONTH_EARLIER.search(passage) and previous[1] is not None:
        return _month_before((previous[0], previous[1], None))
    for pattern, day_group, month_group, year_group in (
        (_MONTH_DAY, 2, 1, 3),
        (_DAY_MONTH, 1, 2, 3),
    ):
        found = pattern.search(passage)
        if found is not None:
            month = _MONTHS[found.group(month_group).lower().rstrip(".")]
            year = int(found.group(year_group)) if found.group(year_group) else None
            return (year or _year_of(month, published), month, int(found.group(day_group)))
    found = _MONTH_YEAR.search(passage)
    if found is not None:
        return (int(found.group(2)), _MONTHS[found.group(1).lower().rstrip(".")], None)
    found = _MONTH_ALONE.search(passage)
    if found is not None:
        month = _MONTHS[found.group(1).lower().rstrip(".")]
        return (_year_of(month, published), month, None)
    found = _YEAR.search(passage)
    if found is not None:
        return (int(found.group(1)), None, None)
    if _LAST_MONTH.search(passage) and published[1] is not None:
        return _month_before((published[0], published[1], None))
    if _RECENT.search(passage):
        return (published[0], published[1], None)  # within days of publication
    return (None, None, None)


def _year_of(month: int, published: DateParts) -> int | None:
    """The year of a month named without one: the latest such month up to publication."""
    year, published_month, _ = published
    if year is None or published_month is None:
        return year
    return year if month <= published_month else year - 1


def _shifted(date: DateParts, *, days: int) -> DateParts:
    year, month, day = date
    if year is None or month is None or day is None:
        return (year, month, None if day is None else day + days)
    moved = dt.date(year, month, day) + dt.timedelta(days=days)
    return (moved.year, moved.month, moved.day)


def _month_before(date: DateParts) -> DateParts:
    year, month, _ = date
    if month is None:
        return date
    if month == 1:
        return (None if year is None else year - 1, 12, None)
    return (year, month - 1, None)


def _date_text(date: DateParts) -> str:
    year, month, day = date
    if month is None:
        return "" if year is None else str(year)
    text = f"{calendar.month_name[month]}"
    if day is not None:
        text = f"{day} {text}"
    return f"{text} {year}" if year is not None else text


def inherited(event: Event, earlier: Event, place: str) -> Event:
    """`event` with what it does not say taken from `earlier` (the event the text was telling
    of), and `place` (the dateline) when neither names one."""
    places = event.places or earlier.places or ((place,) if place else ())
    return replace(
        event,
        targets=event.targets or earlier.targets,
        places=places,
        date=event.date if any(event.date) else earlier.date,
    )


def refers_back(passage: str) -> bool:
    """Whether the passage speaks of an event told before: 'in the attack', 'the blast'."""
    return _ANAPHOR.search(passage) is not None


def tells_of_attack(passage: str) -> bool:
    return _ATTACK.search(passage) is not None
