"""Synthetic news prose for the quote benchmark: sentences from templates whose slots draw from
large word lists, so that two sources share their grammar but almost never a 40-character run
of words, as two real articles would. Names, places, figures, quotes with curly or straight
marks, dashes and paragraph breaks, like the seed articles.
"""

from __future__ import annotations

import random

_FIRST = (
    "Abdul Ahmad Amina Bilal Catherine Daniel Farida Farhad Gul Habib Hamid Helen Ismail Jamal "
    "Karim Laila Mahmoud Maryam Nadia Nasir Omar Parwin Rahim Rashid Sadiq Samira Tariq Wahid "
    "Yusuf Zainab Zarina Anna Mark Peter Sarah James Lucy Robert Julia Thomas Emma"
).split()
_LAST = (
    "Sayed Rahimi Noori Karimi Ahmadi Hakimi Popal Stanikzai Mohammadi Haqqani Barakzai Wardak "
    "Sultani Yousufzai Qaderi Mansoor Nazari Amiri Siddiqi Farahi Jalali Azimi Kelemen Marret "
    "Valle Rehman Torbi Mokhlis Mujahid Fattah Baker Collins Dupont Fischer Greene Hughes"
).split()
_PLACES = (
    "Kabul|Herat|Kandahar|Kunduz|Mazar-e Sharif|Jalalabad|Ghazni|Khost|Bamiyan|Badakhshan|Helmand|"
    "Nangarhar|Paktia|Logar|Parwan|Baghlan|Takhar|Faryab|Jowzjan|Zabul|Uruzgan|Farah|Nimroz|"
    "Panjshir|Kunar|Laghman|Samangan|Sar-e Pol|Ghor|Daikundi"
).split("|")
_ROLES = (
    "spokesman researcher analyst commander governor shopkeeper doctor teacher farmer "
    "journalist official diplomat engineer nurse student cleric lawyer economist guard driver"
).split()
_ORGS = (
    "the Interior Ministry|the UN mission|the Red Cross|a local council|the provincial police|"
    "the health department|an aid agency|the central bank|a rights group|the army corps|"
    "the World Food Programme|the refugee agency|a think tank|the electoral commission"
).split("|")
_NOUNS = (
    "attack blast convoy checkpoint school mosque market hospital bridge road office prison "
    "border village clinic airport bakery garrison cordon warehouse station pipeline dam mine "
    "court camp shrine bazaar university barracks"
).split()
_VERBS = (
    "targeted struck stormed shelled raided bombed closed reopened rebuilt guarded "
    "inspected evacuated surrounded searched defended funded blocked visited"
).split()
_ADJECTIVES = (
    "deadly sudden brazen coordinated isolated repeated rare major minor fragile tense "
    "crowded remote northern southern eastern western rural urban ruined"
).split()
_MONTHS = "January February March April May June July August September October November December"
_MONTH_NAMES = _MONTHS.split()
_MORE_NOUNS = (
    "family council truck patrol well field harvest loan salary fuel queue exam clinic "
    "ceasefire election budget curfew permit census decree protest strike shortage flood "
    "drought epidemic crossing tunnel highway depot archive ledger satellite generator"
).split()
_MORE_VERBS = (
    "announced questioned reported ignored demanded promised rejected delayed confirmed "
    "doubled halved expanded restricted cancelled praised criticised investigated measured"
).split()
_PREPOSITIONS = "near|outside|inside|behind|beyond|across|around|along|beside".split("|")
_TIMES = (
    "last week|on Tuesday|in the spring|after the ceasefire|before the election|"
    "during the curfew|this morning|late at night|two days later|within hours"
).split("|")
_ALL_NOUNS = (*_NOUNS, *_MORE_NOUNS)
_ALL_VERBS = (*_VERBS, *_MORE_VERBS)
_LOWERED_AFTER_CONNECTIVE = frozenset(("The", "A", "An"))
VOCABULARY: tuple[str, ...] = tuple(
    sorted({*_ALL_NOUNS, *_ALL_VERBS, *_ADJECTIVES, *_ROLES, *(p.lower() for p in _PLACES)})
)
SYNONYMS: dict[str, list[str]] = {
    "said": ["stated", "claimed", "told us"],
    "killed": ["slain", "dead"],
    "people": ["civilians", "persons"],
    "the": ["that", "a"],
    "was": ["had been", "got"],
    "had": ["has", "would have"],
    "near": ["close to", "by"],
    "officials": ["authorities", "administrators"],
    **{verb: ["hit", "targeted by force", "dealt with"] for verb in _ALL_VERBS},
    **{noun: [f"local {noun}", "facility", "site"] for noun in _ALL_NOUNS},
    **{adjective: ["very " + adjective, "notable"] for adjective in _ADJECTIVES},
}


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _noun_phrase(rng: random.Random) -> str:
    shape = rng.randrange(6)
    if shape == 0:
        return _person(rng)
    if shape == 1:
        return rng.choice(_ORGS)
    if shape == 2:
        return f"{rng.randint(2, 4000)} {rng.choice(_ALL_NOUNS)}s"
    if shape == 3:
        return f"{_person(rng)}'s {rng.choice(_ALL_NOUNS)}"
    return f"the {rng.choice(_ADJECTIVES)} {rng.choice(_ALL_NOUNS)}"


def _clause(rng: random.Random) -> str:
    shape = rng.randrange(5)
    subject = _noun_phrase(rng)
    place = rng.choice(_PLACES)
    if shape == 0:
        return f"{subject} {rng.choice(_ALL_VERBS)} {_noun_phrase(rng)} {rng.choice(_TIMES)}"
    if shape == 1:
        return (
            f"{subject} {rng.choice(_ALL_VERBS)} {_noun_phrase(rng)} "
            f"{rng.choice(_PREPOSITIONS)} {place}"
        )
    if shape == 2:
        return f"{subject} was {rng.choice(_ALL_VERBS)} {rng.choice(_PREPOSITIONS)} {place}"
    if shape == 3:
        return (
            f"{subject} — a {rng.choice(_ROLES)} from {place} — "
            f"{rng.choice(_ALL_VERBS)} {_noun_phrase(rng)}"
        )
    negation = rng.choice(("doesn't", "can't", "won't", "didn't"))
    return f"{subject} {negation} expect {_noun_phrase(rng)} {rng.choice(_TIMES)}"


def _sentence(rng: random.Random, curly: bool) -> str:
    shape = rng.randrange(6)
    if shape == 0:
        sentence = f'"{_capitalised(_clause(rng))}," {_person(rng)} said.'
    elif shape == 1:
        sentence = f"{_capitalised(_clause(rng))}, according to {rng.choice(_ORGS)}."
    elif shape == 2:
        sentence = f"{_capitalised(_clause(rng))}, and {_clause(rng)}."
    elif shape == 3:
        sentence = f"In {rng.choice(_MONTH_NAMES)} {rng.randint(2001, 2023)}, {_clause(rng)}."
    else:
        sentence = f"{_capitalised(_clause(rng))}."
    if curly:
        # Curly marks as a typesetter would set them: opening after a space, closing elsewhere.
        characters = []
        for index, char in enumerate(sentence):
            before = sentence[index - 1] if index else " "
            if char == '"':
                characters.append("“" if before.isspace() else "”")
            elif char == "'":
                characters.append("‘" if before.isspace() else "’")
            else:
                characters.append(char)
        sentence = "".join(characters)
    else:
        sentence = sentence.replace("—", "-")
    return sentence


def _capitalised(text: str) -> str:
    return text[0].upper() + text[1:]


def generate_source(rng: random.Random, index: int, target_chars: int = 8_000) -> str:
    curly = index % 2 == 0
    paragraphs: list[str] = []
    length = 0
    while length < target_chars:
        paragraph = " ".join(_sentence(rng, curly) for _ in range(rng.randint(2, 5)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)
