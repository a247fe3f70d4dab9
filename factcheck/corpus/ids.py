"""Readable ids for what the tool adds to a corpus: a quote's from its words, a source's from its
outlet and date. People read and type these ids in the YAML, so they say what they name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container

QUOTE_ID_WORDS = 4
"""Significant words in a quote's id: enough to tell two quotes of one article apart at a
glance ("isk-claimed-responsibility-april"), few enough to type."""

MAX_ID_CHARS = 48

_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_INSIGNIFICANT = frozenset(
    """a an the of in on at to for and or but nor by with from as into onto over under about
    after before than then that this these those it its it's he she they we you i his her their
    our your is are was were be been being has have had do does did not no so if also just
    said says say told""".split()
)


def words(text: str) -> list[str]:
    """The words of `text` in lower-case ASCII: accents dropped, a hyphenated word kept whole
    ('IS-K' is one word, not the stop word 'is' and a letter)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return _WORD.findall(folded.replace("'", "").replace("’", ""))


def quote_id(text: str, taken: Container[str]) -> str:
    """An id from the first significant words of a quote, unique among `taken`."""
    all_words = words(text)
    significant = [word for word in all_words if word not in _INSIGNIFICANT]
    chosen = (significant if len(significant) >= 2 else all_words)[:QUOTE_ID_WORDS]
    return unique(_joined(chosen) or "quote", taken)


def source_id(outlet: str, published: str | None, taken: Container[str]) -> str:
    """`rferl-2022-05`: the outlet in short, then the year and month it was published."""
    base = outlet_slug(outlet) or "source"
    if published:
        base = f"{base}-{published[:7]}"
    return unique(base, taken)


def outlet_slug(outlet: str) -> str:
    """'RFE/RL' -> 'rferl', 'Agence France-Presse' -> 'agence-france-presse', and a long name
    by its initials: 'Radio Free Europe/Radio Liberty' -> 'rferl'."""
    parts = [p for p in re.split(r"[\s/]+", outlet.strip()) if p]
    if len(parts) > 1 and parts[0].lower() == "the":
        parts = parts[1:]
    if len(parts) > 3:
        return "".join(w[0] for part in parts for w in words(part)[:1])
    slugs = ["".join(words(part.replace(".", ""))) for part in parts]
    if outlet.count("/") and all(len(s) <= 4 for s in slugs):
        return "".join(slugs)  # an acronym pair such as RFE/RL
    return _joined([s for s in slugs if s])


def unique(base: str, taken: Container[str] | Callable[[str], bool]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is not taken."""
    is_taken = taken if callable(taken) else taken.__contains__
    if not is_taken(base):
        return base
    number = 2
    while is_taken(f"{base}-{number}"):
        number += 1
    return f"{base}-{number}"


def _joined(parts: list[str]) -> str:
    """Words joined by '-', cut at a word boundary to at most MAX_ID_CHARS."""
    joined = ""
    for part in parts:
        candidate = f"{joined}-{part}" if joined else part
        if len(candidate) > MAX_ID_CHARS:
            break
        joined = candidate
    return joined or (parts[0][:MAX_ID_CHARS] if parts else "")
