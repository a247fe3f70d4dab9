"""The corpus as the rest of factcheck sees it: sources, quotes, claims, the scale."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from factcheck.corpus.dates import PartialDate
from factcheck.corpus.scale import DEFAULT_SCALE, Scale


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


@dataclass(slots=True)
class Source:
    id: str
    outlet: str
    title: str
    url: str | None
    published: PartialDate | None
    text_file: str | None
    """The captured text's path relative to the corpus root, when it could be read."""
    text: str | None
    place: Place
    quote_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    id: str
    text: str
    note: str | None
    source_id: str
    place: Place


@dataclass(slots=True)
class EvidenceLink:
    quote_id: str
    stance: Stance
    note: str | None
    place: Place


@dataclass(slots=True)
class Claim:
    id: str
    text: str
    kind: ClaimKind
    claimant: str
    role: str | None
    date: PartialDate | None
    venue: str | None
    source_id: str | None
    tags: tuple[str, ...]
    evidence: tuple[EvidenceLink, ...]
    place: Place


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    url: str | None


@dataclass(frozen=True, slots=True)
class Settings:
    title: str | None = None
    organisation: Organisation | None = None
    publication_url: str | None = None
    editors: tuple[str, ...] = ()
    scale: Scale = DEFAULT_SCALE


@dataclass(slots=True)
class Corpus:
    root: Path
    settings: Settings
    sources: dict[str, Source]
    quotes: dict[str, Quote]
    claims: list[Claim]
    claims_by_id: dict[str, Claim] = field(init=False)

    def __post_init__(self) -> None:
        self.claims_by_id = {claim.id: claim for claim in self.claims}

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
