"""Figures that count something (killed, wounded, attacks, arrested) in a report's text, the
event each is about, and whether two of them disagree.

Precision comes first: a false "the sources disagree" costs an editor's trust more than a missed
one. So a figure is read only where the sentence says plainly what it counts ("Nineteen people
were killed", "killing at least 20 people", "at least 119 attacks"), and two figures are
compared only when they count the same people (all the dead, or the same group: "Taliban
comrades" are not "people") of the same event (see `same_event`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.quotes.events import (
    DateParts,
    Event,
    dateline,
    inherited,
    place_key,
    read_event,
    refers_back,
    sentence_around,
    sentences_before,
    tells_of_attack,
)
from factcheck.quotes.figures import Amount, amounts_in

KILLED = "killed"
WOUNDED = "wounded"
ATTACKS = "attacks"
ARRESTED = "arrested"
AGGREGATES = frozenset({ATTACKS, ARRESTED})
"""Totals over a period and a country rather than the toll of one event."""

EVERYONE = "people"
"""Who a toll counts when it counts everyone: 'people', 'persons', or no noun ('19 dead')."""

_VERBS = {
    KILLED: r"killed|killing|kill|kills|dead|died|deaths|slain|claimed the lives of|"
    r"death toll (?:rose |climbed |stood |reached )?(?:to|of|at)|left",
    WOUNDED: r"wounded|wounding|injured|injuring|injuries|hurt",
    ARRESTED: r"arrested|arresting|detained|detaining",
}
_VERB_COUNTED = [
    (re.compile(rf"\A(?:{words})\Z", re.IGNORECASE), kind) for kind, words in _VERBS.items()
]
_ALL_VERBS = "|".join(_VERBS.values())
_VERB_BEFORE = re.compile(rf"\b({_ALL_VERBS})\s+$", re.IGNORECASE)
_VERB_REACH = 40
"""The longest verb phrase before a figure ('death toll climbed to', 'compared with'), and
its white space."""
_TOLL_BEFORE = re.compile(
    r"\btoll\b[^.;:]{0,70}?\b(?:rose|climbed|jumped|increased|reached|stood|went up)"
    r"(?:\s+(?:to|at))?\s+$",
    re.IGNORECASE,
)
"""'The death toll from the attack on ... rose to 25'."""
_WHOLE = {"people", "persons", "person", "individuals", "others", "more", "lives", "dead"}
_GROUPS = (
    "civilians|worshippers|worshipers|students|children|women|men|soldiers|troops|fighters|"
    "militants|police|policemen|officers|officials|commanders|comrades|members|attackers|"
    "insurgents|guards|patients|staff|doctors|pilgrims|passengers|workers|journalists|suspects|"
    "bombers|gunmen|guests|mourners"
)
_HEADS = rf"people|persons|person|individuals|others|more|{_GROUPS}"
_ATTACK_NOUNS = r"attacks|bombings|blasts|explosions|assaults|raids|ambushes"
_NOUN_AFTER = re.compile(
    rf"\A\s+(?:of\s+)?((?:[\w'’-]+\s+){{0,3}}?)({_HEADS}|{_ATTACK_NOUNS})\b", re.IGNORECASE
)
_PASSIVE_AFTER = re.compile(
    rf"\A\s+(?:(?:were|was|have been|had been|are|is|been|reportedly|also|later|all|now)\s+)*"
    rf"({_ALL_VERBS})\b",
    re.IGNORECASE,
)
_DEAD_AFTER = re.compile(r"\A\s+(?:people\s+)?(dead|killed|wounded|injured)\b", re.IGNORECASE)
_NO_NOUN_AFTER = re.compile(
    r"\A(?:\s*[,.;:)]|\s*\Z|\s+(?:and|in|on|at|during|when|as|after|including|while|across|"
    r"near|inside|outside|since|before)\b)",
    re.IGNORECASE,
)
_FUNCTION_WORDS = frozenset(
    "were was and or in on at to the of by for with as that which who had have has been is are "
    "be from into during after before since".split()
)
_COMPARED = re.compile(
    r"\b(?:up from|down from|compared (?:with|to)|against|versus|from a previous)\s+$",
    re.IGNORECASE,
)
_COUNT_WORDS = rf"{_ALL_VERBS}|{_ATTACK_NOUNS}|up from|down from|toll"
_COUNT_WORD = re.compile(rf"\b(?:{_COUNT_WORDS})\b")
"""A number far from all of these counts nothing read here (matched in the lowered text)."""


def _stems(alternatives: str) -> tuple[str, ...]:
    """The shortest literal beginnings of the alternatives ('kill' for killed, killing, kills):
    each is looked for with str.find, several times faster than the regex over a whole text."""
    words = re.sub(r"\([^()]*\)\??", "", alternatives).split("|")
    found = {re.match(r"[a-z]+(?: from)?", word).group() for word in words}  # type: ignore[union-attr]
    return tuple(sorted(w for w in found if not any(w != o and w.startswith(o) for o in found)))


_STEMS = _stems(_COUNT_WORDS)
_BEFORE_COUNT_WORD = 110
"""A figure and its qualifier come at most this far before the word that says what it counts
('at least three Taliban comrades were killed')."""
_AFTER_COUNT_WORD = 90
"""... and at most this far after it ('killing at least 20 people', 'the death toll from the
attack on the hospital rose to 25')."""
INHERIT_WITHIN = 6
"""How many sentences back 'the attack' may find the attack it speaks of."""


@dataclass(frozen=True, slots=True)
class CountedFigure:
    """A figure in a text with what it counts and the event it is about."""

    amount: Amount
    """Positions in the whole text."""
    counted: str
    """killed, wounded, attacks or arrested."""
    who: str
    """What is counted: 'people' for everyone, else the group ('taliban comrades')."""
    passage: tuple[int, int]
    """The sentence it is in: (start, end) in the whole text."""
    event: Event

    def comparable(self, other: CountedFigure) -> bool:
        return self.counted == other.counted and self.who == other.who


def counted_figures(text: str, published: DateParts = (None, None, None)) -> list[CountedFigure]:
    """Every figure of `text` that says what it counts, with its event. `published` dates
    'on Tuesday' and months named without a year.

    The amounts of the whole text are found first and each is read in a window around it; only
    a figure that counts something has its sentence and event read: most sentences hold none,
    and reading every sentence's event made 2,000 sources take 20 s."""
    place = dateline(text)
    found: list[CountedFigure] = []
    previous: CountedFigure | None = None
    for amount in _amounts_near_counting(text):
        window = max(0, amount.start - _WINDOW)
        before = text[window : amount.start]
        after = text[amount.end : amount.end + 2 * _WINDOW]
        same_sentence = previous if previous and previous.passage[1] > amount.start else None
        read = _read_count(before, after, same_sentence)
        if read is None:
            continue
        counted, who, compared_at = read
        start, end = sentence_around(text, amount.start, amount.end)
        passage = text[start:end]
        told = _told_before(text, start, published)
        event = read_event(passage, published, told.date)
        if compared_at is not None:
            segment = window + compared_at - start
            own = _segment_event(passage, segment, event, published)
            if own is None:
                continue
            event = own
        if not event.targets and refers_back(passage) and any(told.targets):
            event = inherited(event, told, place)
        elif event.targets:
            event = inherited(event, Event(), place)
        previous = CountedFigure(amount, counted, who, (start, end), event)
        found.append(previous)
    return found


_WINDOW = 80
"""Characters each side of an amount read for what it counts."""


def _amounts_near_counting(text: str) -> list[Amount]:
    """The amounts of `text` near a word that says what is counted, in reading order. The
    whole text is searched only for those words, and amounts only around them: reading every
    number of 2,000 sources of 8,000 characters took seconds."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a character lowered to two: offsets would drift
        lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    starts = []
    for stem in _STEMS:
        at = lowered.find(stem)
        while at >= 0:
            starts.append(at)
            at = lowered.find(stem, at + 1)
    windows: list[list[int]] = []
    for at in sorted(starts):
        match = _COUNT_WORD.match(lowered, at)  # \b: not inside a word ('skilled')
        if match is None:
            continue
        start = max(0, match.start() - _BEFORE_COUNT_WORD)
        end = min(len(text), match.end() + _AFTER_COUNT_WORD)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    found: list[Amount] = []
    for start, end in windows:
        # Whole words only: 'twenty-one' cut after 'twenty-' would read as one.
        start = text.rfind(" ", 0, start) + 1 if start else 0
        space = text.find(" ", end)
        end = len(text) if space < 0 else space
        for amount in amounts_in(text[start:end]):
            if found and amount.start + start < found[-1].end:
                continue  # windows that meet share a word
            found.append(
                Amount(
                    amount.start + start,
                    amount.end + start,
                    amount.value,
                    amount.low,
                    amount.high,
                    amount.bound,
                )
            )
    return found


def _told_before(text: str, start: int, published: DateParts) -> Event:
    """The attack the sentences just before `start` tell of (a target and an attack in one
    sentence), with the dateline's place: what 'the attack' and 'The day before' refer to."""
    for before_start, before_end in reversed(sentences_before(text, start, INHERIT_WITHIN)):
        passage = text[before_start:before_end]
        if tells_of_attack(passage):
            event = read_event(passage, published)
            if event.targets:
                return inherited(event, Event(), dateline(text))
    return Event()


def _read_count(
    before: str, after: str, previous: CountedFigure | None
) -> tuple[str, str, int | None] | None:
    """(what is counted, who, where a compared figure's own words start in `before`) for the
    amount between `before` and `after`, or None when they do not say what it counts."""
    noun = _NOUN_AFTER.match(after)
    who = _who(noun) if noun is not None else None
    if noun is not None and who is None:
        return None  # function words between the figure and the noun: not one noun phrase
    rest = after[noun.end() :] if noun is not None else after
    if noun is not None and re.fullmatch(_ATTACK_NOUNS, noun.group(2), re.IGNORECASE):
        return ATTACKS, noun.group(2).lower(), None
    # The searches anchored at the end read only as far back as their longest phrase: each
    # tries every position of what it is given, thousands of times in a large corpus.
    if (
        noun is None
        and "toll" in before
        and _TOLL_BEFORE.search(before)
        and _NO_NOUN_AFTER.match(after)
    ):
        return KILLED, EVERYONE, None
    verb = _VERB_BEFORE.search(before[-_VERB_REACH:])
    if verb is not None and (noun is not None or _NO_NOUN_AFTER.match(after)):
        word = verb.group(1).lower()
        if word == "left":
            dead = _DEAD_AFTER.match(rest)
            return (_kind(dead.group(1)), who or EVERYONE, None) if dead else None
        return _kind(word), who or EVERYONE, None
    passive = _PASSIVE_AFTER.match(rest) or _DEAD_AFTER.match(after)
    if passive is not None and passive.group(1).lower() != "left":
        return _kind(passive.group(1)), who or EVERYONE, None
    compared = _COMPARED.search(before[-_VERB_REACH:])
    if compared is not None and previous is not None and noun is None:
        return previous.counted, previous.who, len(before)
    return None


def _who(noun: re.Match[str]) -> str | None:
    words = noun.group(1).split()
    if any(word.lower() in _FUNCTION_WORDS for word in words):
        return None
    head = noun.group(2).lower()
    if head in _WHOLE:
        return EVERYONE if not words else " ".join([*words, head]).lower()
    return " ".join([*words, head]).lower().replace("’", "'")


def _kind(verb: str) -> str:
    for pattern, kind in _VERB_COUNTED:
        if pattern.match(verb.lower()):
            return kind
    return KILLED


def _segment_event(
    passage: str, segment: int, sentence: Event, published: DateParts
) -> Event | None:
    """The event of a figure compared with another ('up from 39 during the same period in
    2020'): its own words give its date or period, the sentence its place and target. Without
    a date or period of its own, the comparison is with nothing said: no event."""
    own = read_event(passage[segment:], published)
    if not any(own.date) and not own.period:
        return None
    return Event(
        targets=own.targets or sentence.targets,
        places=own.places or sentence.places,
        date=own.date,
        period=own.period,
    )


def same_event(a: Event, b: Event, counted: str) -> str | None:
    """Why two figures are about one event ('military hospital; Kabul; November 2021'), or
    None when that is not plain from what the texts say.

    One event: the same kind of target (a 'military hospital' and a 'hospital' may be one, a
    'military hospital' and a 'children's hospital' are not), no place and no date that
    differ, and a place or a month that agree. Totals (attacks, arrests) and tolls over a period
    also need the same period and the same place, both said."""
    if counted in AGGREGATES or a.period or b.period:
        if a.period != b.period or not a.places or not _shared(a.places, b.places):
            return None
        if a.date != b.date or not any(a.date):
            return None
        return _reason(a, b)
    if a.places and b.places and not _shared(a.places, b.places):
        return None
    if not _dates_compatible(a.date, b.date):
        return None
    places_agree = bool(a.places and _shared(a.places, b.places))
    month_agrees = _specific(a.date) and _specific(b.date)
    if a.targets or b.targets:
        if not _targets_compatible(a.targets, b.targets):
            return None
        return _reason(a, b) if places_agree or month_agrees else None
    # No target on either side: only the same place on the same day.
    if places_agree and a.date[2] is not None and b.date[2] is not None:
        return _reason(a, b)
    return None


def _shared(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    return not {place_key(p) for p in one}.isdisjoint(place_key(p) for p in other)


def _targets_compatible(
    one: tuple[tuple[str, str], ...], other: tuple[tuple[str, str], ...]
) -> bool:
    if not one or not other:
        return False
    return any(
        kind == other_kind and (qualifier == other_qualifier or not qualifier or not other_q)
        for kind, qualifier in one
        for other_kind, other_qualifier in other
        for other_q in (other_qualifier,)
    )


def _dates_compatible(one: DateParts, other: DateParts) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(one, other, strict=True))


def _specific(date: DateParts) -> bool:
    return date[0] is not None and date[1] is not None


def _reason(a: Event, b: Event) -> str:
    targets = tuple(t for t in a.targets if t in b.targets) or a.targets or b.targets
    keys = {place_key(p) for p in b.places}
    places = tuple(p for p in a.places if place_key(p) in keys) or a.places or b.places
    date = (
        a.date
        if sum(x is not None for x in a.date) >= sum(x is not None for x in b.date)
        else b.date
    )
    return Event(targets, places, date, a.period).describe()


def disagree(a: CountedFigure, b: CountedFigure) -> str | None:
    """The event two figures are about when they count the same thing of it and no count
    satisfies both, else None."""
    if not a.comparable(b) or a.amount.agrees_with(b.amount):
        return None
    return same_event(a.event, b.event, a.counted)
