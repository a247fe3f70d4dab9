"""The corpus as the rest of factcheck sees it: sources, quotes, claims, the scale."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from factcheck.corpus.dates import PartialDate
from factcheck.corpus.scale import DEFAULT_SCALE, Scale

YAML_KEY = "yaml_key"
"""Field metadata: the YAML key a field is read from when it is not the field's own name, or
None for a field the loader fills in. `corpus/records.py` reads records by it."""

FILLED_IN = {YAML_KEY: None}
"""Metadata of a field the loader fills in (a place, a text read from a file): no YAML key."""


def read_from(key: str) -> dict[str, str]:
    """Metadata of a field read from the YAML key `key` rather than the key of its own name."""
    return {YAML_KEY: key}


class Stance(StrEnum):
    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    CONTEXT = "context"


class ClaimKind(StrEnum):
    QUOTE = "quote"
    SUMMARY = "summary"


YamlPath = tuple[str | int, ...]
"""Keys and indexes from a file's root to a node: ("claims", 3, "evidence", 0, "ref")."""


class Place(NamedTuple):
    """Where an item was written: the file relative to the corpus root and its path inside.

    A tuple, not a dataclass: the loader makes 100,000 of them for a large corpus."""

    file: str
    path: YamlPath


# The records below are declared once: the loader reads each field from the YAML key of its
# name (or the one `read_from` names), and the snapshot stores and restores every field, both
# derived from these declarations (corpus/records.py). A new field needs its key in schema.py.


@dataclass(slots=True)
class Source:
    id: str
    outlet: str
    title: str
    url: str | None
    published: PartialDate | None
    author: str | None
    original: str | None
    captured: str | None
    text_file: str | None = field(metadata=FILLED_IN)
    """The captured text's path relative to the corpus root, when it could be read."""
    text: str | None = field(metadata=FILLED_IN)
    place: Place = field(metadata=FILLED_IN)
    quote_ids: list[str] = field(metadata=FILLED_IN)


@dataclass(slots=True)
class Quote:
    id: str
    text: str = field(metadata=read_from("quote"))
    note: str | None
    source_id: str = field(metadata=FILLED_IN)
    place: Place = field(metadata=FILLED_IN)


@dataclass(slots=True)
class EvidenceLink:
    quote_id: str = field(metadata=read_from("ref"))
    stance: Stance
    note: str | None
    place: Place = field(metadata=FILLED_IN)


@dataclass(slots=True)
class Claim:
    id: str
    text: str
    kind: ClaimKind
    claimant: str
    role: str | None
    date: PartialDate | None
    venue: str | None
    source_id: str | None = field(metadata=read_from("source"))
    tags: tuple[str, ...]
    assigned: tuple[str, ...]
    """Who reviews this claim: reviewers' names, as they pass --reviewer (`factcheck assign`)."""
    evidence: tuple[EvidenceLink, ...] = field(metadata=FILLED_IN)
    place: Place = field(metadata=FILLED_IN)


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    url: str | None


@dataclass(frozen=True, slots=True)
class ImportedRating:
    """What another outlet's rating name (ClaimReview's reviewRating.alternateName) means on
    this corpus's scale: `factcheck.yaml`'s imported_ratings."""

    name: str
    verdict: str
    """A label of the scale."""


@dataclass(frozen=True, slots=True)
class Settings:
    title: str | None = None
    organisation: Organisation | None = None
    publication_url: str | None = None
    editors: tuple[str, ...] = ()
    scale: Scale = DEFAULT_SCALE
    imported_ratings: tuple[ImportedRating, ...] = ()

    def verdict_for_rating(self, name: str | None) -> str | None:
        """The verdict of the scale that another outlet's rating `name` means: the one
        imported_ratings maps it to, else the scale's verdict of that very label, else None."""
        if not name:
            return None
        folded = name.strip().casefold()
        for rating in self.imported_ratings:
            if rating.name.strip().casefold() == folded:
                return rating.verdict
        verdict = self.scale.by_label(name.strip())
        return verdict.label if verdict is not None else None


@dataclass(slots=True, repr=False)
class Corpus:
    root: Path
    settings: Settings
    sources: dict[str, Source]
    quotes: dict[str, Quote]
    claims: list[Claim]
    claims_by_id: dict[str, Claim] = field(init=False)

    def __post_init__(self) -> None:
        self.claims_by_id = {claim.id: claim for claim in self.claims}

    def __repr__(self) -> str:
        """Short: the generated repr spelt out every claim and quote, 58 MB and 0.7 s at 10,000
        claims, and whatever printed an object holding the corpus paid it. Textual's
        `run_worker` describes a worker by the repr of its work, and a session's bound method
        froze the app for seconds that way."""
        return (
            f"Corpus({str(self.root)!r}, {len(self.claims):,} claims, "
            f"{len(self.quotes):,} quotes, {len(self.sources):,} sources)"
        )

    @property
    def title(self) -> str:
        return self.settings.title or self.root.resolve().name

    @property
    def scale(self) -> Scale:
        return self.settings.scale

    def evidence(self, claim: Claim) -> Iterator[tuple[EvidenceLink, Quote, Source]]:
        """The claim's evidence whose quote and source exist, in the order written."""
        for link in claim.evidence:
            quote = self.quotes.get(link.quote_id)
            if quote is None:
                continue
            source = self.sources.get(quote.source_id)
            if source is not None:
                yield link, quote, source
