"""The report model: what every export format shows, built once from the corpus and the reviews
(by `factcheck.report.building.build_report`).

Plain dataclasses, so every renderer (and the app) reads the same fields. The JSON export is this
model serialised as is, and its JSON Schema is generated from these classes, so every field's
docstring is also the documentation of the JSON format: write them for the reader of the JSON.

A report's claims are made one at a time as they are read (`ClaimEntries`), so that a renderer
that writes claim by claim holds one claim's entry at a time, however large the corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar, overload

from factcheck.report.resolution import (
    SCHEMA_CONFIG,
    Agreement,
    Resolution,
    ReviewEntry,
    Status,
)

# The resolution's types are part of the model every renderer reads, so they are named here too.
__all__ = [
    "DISPUTED_COLOUR",
    "PENDING_COLOUR",
    "REPORT_FORMAT_VERSION",
    "UNVERIFIED",
    "Agreement",
    "CheckedBeforeEntry",
    "ClaimEntries",
    "ClaimEntry",
    "CorrectionEntry",
    "EvidenceEntry",
    "FiguresDisagree",
    "Filters",
    "Organisation",
    "Report",
    "ReportedFigure",
    "Resolution",
    "ReviewEntry",
    "ScaleEntry",
    "SourceRef",
    "Status",
    "StatusCounts",
    "TextPositionSelector",
    "TextQuoteSelector",
    "VerdictCount",
]

REPORT_FORMAT_VERSION = 1
"""Bumped when a field of the JSON export changes meaning or goes away (adding one is fine)."""

UNVERIFIED = "unverified"
"""The verification status of a quote nobody checked against its source for this report."""


@dataclass(slots=True)
class ScaleEntry:
    """One verdict of the newsroom's scale."""

    __pydantic_config__ = SCHEMA_CONFIG
    label: str
    """The verdict as published."""
    key: int
    """The key that gives this verdict in the review app. Not a rating: keys count from the
    first verdict of the scale (key 1 is True on the default scale), see `position`."""
    colour: str
    """Badge colour, #rrggbb."""
    meaning: str
    """When this verdict applies."""
    position: int | None
    """The published numeric rating (ClaimReview's ratingValue), higher is truer: True is 6 and
    False 1 on the default scale; null for verdicts off the scale."""


@dataclass(slots=True)
class SourceRef:
    """A source document: where a quote or a claim was published."""

    __pydantic_config__ = SCHEMA_CONFIG
    id: str
    outlet: str
    title: str
    url: str | None
    published: str | None
    """ISO date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD."""
    published_human: str | None
    """The same date for people: '3 May 2022', 'May 2022' or '2022'."""


@dataclass(slots=True)
class TextQuoteSelector:
    """W3C Web Annotation TextQuoteSelector: the quote as it stands in the captured source
    text, with the text just before and after it, so that annotation tools can find it on the
    page and in a changed capture."""

    __pydantic_config__ = SCHEMA_CONFIG
    type: Literal["TextQuoteSelector"]
    exact: str
    """The source's own words from the quote's first character to its last (an elided
    quote's gaps included)."""
    prefix: str
    """Up to 32 characters of the source text just before `exact`."""
    suffix: str
    """Up to 32 characters of the source text just after `exact`."""


@dataclass(slots=True)
class TextPositionSelector:
    """W3C Web Annotation TextPositionSelector: where `exact` is in the captured source text."""

    __pydantic_config__ = SCHEMA_CONFIG
    type: Literal["TextPositionSelector"]
    start: int
    """Offset of the quote's first character, in Unicode code points from the text's start."""
    end: int
    """Offset just past its last character."""


@dataclass(slots=True)
class ReportedFigure:
    """A figure as one source gives it, in the sentence it stands in."""

    __pydantic_config__ = SCHEMA_CONFIG
    source: SourceRef
    passage: str
    """The sentence of the source's captured text that gives the figure."""
    passage_start: int
    passage_end: int
    """Where the sentence is in the captured text, in Unicode code points."""
    figure: str
    """The figure as written: 'Nineteen', 'at least 20', 'dozens'."""
    value: float
    """The number written (the lower end of a range)."""
    low: float
    high: float | None
    """The counts the figure allows, both included; high is null for a lower bound ('at
    least 20')."""
    bound: str
    """exact, at least, more than, at most, fewer than, up to, about, nearly, range or vague."""


@dataclass(slots=True)
class FiguresDisagree:
    """Another source counts the same thing of the same event, and no count satisfies both:
    the quote's passage says one figure, the other source another."""

    __pydantic_config__ = SCHEMA_CONFIG
    counted: str
    """killed, wounded, attacks or arrested."""
    who: str
    """What is counted: 'people' for everyone, else the group ('taliban comrades')."""
    event: str
    """The event both figures are about, as the texts name it: 'military hospital, Kabul,
    November 2021'."""
    this: ReportedFigure
    """The figure in the passage this quote cites."""
    other: ReportedFigure
    """The other source's figure."""


@dataclass(slots=True)
class EvidenceEntry:
    """One quote cited for a claim, with its stance and where it comes from."""

    __pydantic_config__ = SCHEMA_CONFIG
    quote_id: str
    quote: str
    """The words quoted from the source."""
    stance: str
    """supports, contradicts or context: which way this quote points for this claim."""
    note: str | None
    """Why this quote bears on this claim (written on the claim's evidence link)."""
    quote_note: str | None
    """What the quote establishes (written on the quote itself)."""
    source: SourceRef
    verification: str
    """How the quote was found in its source: exact, normalised, elided, fuzzy, not found; or
    'unverified' when it was not checked for this report."""
    selector: list[TextQuoteSelector | TextPositionSelector] = field(default_factory=list)
    """Where the quote is in its source's captured text, as W3C Web Annotation selectors (a
    TextQuoteSelector and a TextPositionSelector); empty when it was not verified for this
    report or not found."""
    cited: bool = False
    """The published verdict rests on this quote (see the resolution's `cites`). Cited quotes
    come first in a claim's evidence, in the order cited."""
    conflicts: list[FiguresDisagree] = field(default_factory=list)
    """Figures of another source that disagree with a figure of the passage this quote cites
    (see `factcheck conflicts`); empty when there are none or the quote was not verified."""


@dataclass(slots=True)
class CorrectionEntry:
    """A change of a verdict after it was published, and why: the corrections policy's record."""

    __pydantic_config__ = SCHEMA_CONFIG
    claim_id: str
    date: str
    """When it was corrected, ISO 8601 in UTC."""
    old: str | None
    """The verdict as published before."""
    new: str | None
    """The verdict now."""
    note: str
    """Why, as the readers are told."""
    editor: str


@dataclass(slots=True)
class CheckedBeforeEntry:
    """The same claim, checked before by another outlet (matched by its words: shared words,
    names and figures; see `factcheck checked-before`)."""

    __pydantic_config__ = SCHEMA_CONFIG
    their_claim: str
    """The claim as they worded it (ClaimReview's claimReviewed)."""
    rating: str | None
    """Their rating, as they published it; null when they gave none."""
    verdict: str | None
    """Their rating on this report's scale (factcheck.yaml's imported_ratings); null when no
    mapping says."""
    by: str
    """The outlet that published the check."""
    date: str | None
    """When they published it, ISO date."""
    url: str | None
    """Where they published it."""
    score: float
    """How surely the two say the same thing, 0-1."""
    reasons: list[str]
    """Why they are taken to: the shared words, and what lowered the score."""
    line: str
    """All of it in one line for people: 'checked before: "..." — rated ... by ..., on ...'."""


@dataclass(slots=True)
class ClaimEntry:
    """A claim, its published verdict, every review of it and its evidence."""

    __pydantic_config__ = SCHEMA_CONFIG
    id: str
    text: str
    """The claim; for kind 'quote', the claimant's exact words."""
    kind: str
    """quote or summary."""
    claimant: str
    role: str | None
    date: str | None
    """When the claim was made, ISO date as precise as known."""
    date_human: str | None
    venue: str | None
    source: SourceRef | None
    """The source that reports the claim."""
    tags: list[str]
    assigned: list[str]
    """Who was assigned to review this claim (`factcheck assign`)."""
    url: str | None
    """The page that publishes this fact check, from the corpus's publication_url."""
    resolved: Resolution
    agreement: Agreement
    reviews: list[ReviewEntry]
    """Every reviewer's review of this claim (all reviewers, even when one was chosen)."""
    evidence: list[EvidenceEntry]
    """The quotes the published verdict cites first (`cited`), in the order cited; then the
    rest in the order the claim lists them."""
    state: str = "unassigned"
    """Where the claim stands in the workflow: unassigned, assigned, in-review, set-aside,
    rated (awaiting an editor), signed-off or published."""
    published: str | None = None
    """When an editor first published the verdict (`export --publish`), ISO 8601 in UTC."""
    corrections: list[CorrectionEntry] = field(default_factory=list)
    """Each change of the verdict since it was published, oldest first."""
    checked_before: list[CheckedBeforeEntry] = field(default_factory=list)
    """Fact checks other outlets published of the same claim (imported with `factcheck
    import-claimreview`), best match first; empty when none matches."""


Chosen = TypeVar("Chosen")


class ClaimEntries(Sequence[ClaimEntry], Generic[Chosen]):
    """The claims of a report, in order, each entry made from its chosen claim when it is read.

    The entries are not kept: one claim's entry, its evidence and reviews, is about 1.3 KB, so
    65 MB at 50,000 claims, held until the report went. A renderer reads them one by one and
    drops each; reading them twice (a summary table, then the claims) makes each twice, the
    price of holding none. Indexing makes that one entry."""

    __slots__ = ("_chosen", "_id_of", "_make")

    def __init__(
        self,
        chosen: Sequence[Chosen],
        make: Callable[[Chosen], ClaimEntry],
        id_of: Callable[[Chosen], str],
    ) -> None:
        self._chosen = chosen
        self._make = make
        self._id_of = id_of

    def ids(self) -> list[str]:
        """Every claim's id, in order, without making an entry."""
        return [self._id_of(chosen) for chosen in self._chosen]

    def __len__(self) -> int:
        return len(self._chosen)

    def __iter__(self) -> Iterator[ClaimEntry]:
        return map(self._make, self._chosen)

    @overload
    def __getitem__(self, index: int) -> ClaimEntry: ...

    @overload
    def __getitem__(self, index: slice) -> list[ClaimEntry]: ...

    def __getitem__(self, index: int | slice) -> ClaimEntry | list[ClaimEntry]:
        if isinstance(index, slice):
            return [self._make(chosen) for chosen in self._chosen[index]]
        return self._make(self._chosen[index])

    def __repr__(self) -> str:
        return f"<{len(self)} claim entries>"


@dataclass(slots=True)
class VerdictCount:
    """How many claims of the report have a verdict (or are disputed or pending)."""

    __pydantic_config__ = SCHEMA_CONFIG
    verdict: str
    """A label of the scale, or 'disputed' or 'pending'."""
    colour: str
    count: int


@dataclass(slots=True)
class StatusCounts:
    """How many claims of the report stand where (see the status of a resolution)."""

    __pydantic_config__ = SCHEMA_CONFIG
    final: int
    """Signed off by an editor."""
    rated: int
    """No editor's verdict, and the reviewers agree (or the chosen reviewer gave one)."""
    disputed: int
    """No editor's verdict, and the reviewers differ."""
    pending: int
    """No verdict yet."""


@dataclass(slots=True)
class Filters:
    """How the report was chosen from the corpus."""

    __pydantic_config__ = SCHEMA_CONFIG
    reviewer: str | None
    """The reviewer whose verdicts are published; null: all reviewers, side by side."""
    rated_only: bool
    tags: list[str]
    """Only claims with at least one of these tags (empty: no filter)."""
    verdicts: list[str]
    """Only claims whose published verdict or status (final, rated, disputed, pending) is one
    of these (empty: no filter)."""
    states: list[str] = field(default_factory=list)
    """Only claims at one of these points of the workflow (empty: no filter)."""


@dataclass(slots=True)
class Organisation:
    """The publishing fact-check organisation."""

    __pydantic_config__ = SCHEMA_CONFIG
    name: str
    url: str | None


@dataclass(slots=True)
class Report:
    """A verdict report of one corpus."""

    __pydantic_config__ = SCHEMA_CONFIG
    format_version: int
    """The version of this JSON structure; see REPORT_FORMAT_VERSION."""
    title: str
    organisation: Organisation | None
    publication_url: str | None
    generated: str
    """When the report was made, ISO 8601 in UTC."""
    filters: Filters
    scale: list[ScaleEntry]
    reviewers: list[str]
    """Everyone with a readable review file, sorted."""
    counts: list[VerdictCount]
    """Claims in this report per published verdict, in scale order, then disputed and pending."""
    statuses: StatusCounts
    """Claims in this report by where they stand: final, rated, disputed, pending."""
    editors: list[str]
    """The reviewers whose verdicts are final (factcheck.yaml's `editors`, and any named for
    this export), of those with a readable review file."""
    total_claims: int
    """Claims in the corpus before filters."""
    # A ClaimEntries when built: each entry made as it is read. (No docstring: it would become
    # the field's description in the JSON Schema, which has none.)
    claims: Sequence[ClaimEntry]
    corrections: list[CorrectionEntry] = field(default_factory=list)
    """Every correction of a published verdict among the report's claims, newest first."""
    warnings: list[str] = field(default_factory=list)
    """What the reader should know about how complete the report is (unreadable review files,
    reviews of claims that no longer exist, a corpus with errors)."""

    @property
    def best_position(self) -> int | None:
        positions = [entry.position for entry in self.scale if entry.position is not None]
        return max(positions, default=None)

    @property
    def worst_position(self) -> int | None:
        positions = [entry.position for entry in self.scale if entry.position is not None]
        return min(positions, default=None)

    def claim_ids(self) -> list[str]:
        """The ids of the report's claims, in order, without making their entries."""
        if isinstance(self.claims, ClaimEntries):
            return self.claims.ids()
        return [claim.id for claim in self.claims]

    def scale_entry(self, label: str | None) -> ScaleEntry | None:
        if label is None:
            return None
        folded = label.casefold()
        return next((e for e in self.scale if e.label.casefold() == folded), None)


PENDING_COLOUR = "#9aa0a6"
DISPUTED_COLOUR = "#7b4fa0"
