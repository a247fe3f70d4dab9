"""The report model: what every export format shows, built once from the corpus and the reviews.

Plain dataclasses, so every renderer (and the app) reads the same fields. The JSON export is this
model serialised as is, and its JSON Schema is generated from these classes, so every field's
docstring is also the documentation of the JSON format: write them for the reader of the JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from factcheck.corpus.model import Claim, Corpus, Source
from factcheck.corpus.yamlio import garbage_collector_paused
from factcheck.report.resolution import (
    SCHEMA_CONFIG,
    Agreement,
    Resolution,
    ReviewEntry,
    Status,
    agreement,
    resolve,
)
from factcheck.reviews import Review, ReviewFile, fingerprint

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
    """The key that gives this verdict in the review app."""
    colour: str
    """Badge colour, #rrggbb."""
    meaning: str
    """When this verdict applies."""
    position: int | None
    """Place on the numeric rating scale (higher is truer); null for verdicts off the scale."""


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
    url: str | None
    """The page that publishes this fact check, from the corpus's publication_url."""
    resolved: Resolution
    agreement: Agreement
    reviews: list[ReviewEntry]
    """Every reviewer's review of this claim (all reviewers, even when one was chosen)."""
    evidence: list[EvidenceEntry]


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
    claims: list[ClaimEntry]
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

    def scale_entry(self, label: str | None) -> ScaleEntry | None:
        if label is None:
            return None
        folded = label.casefold()
        return next((e for e in self.scale if e.label.casefold() == folded), None)


_UrlMaker = Callable[[str], str | None]

PENDING_COLOUR = "#9aa0a6"
DISPUTED_COLOUR = "#7b4fa0"


def build_report(
    corpus: Corpus,
    review_files: Sequence[ReviewFile],
    *,
    reviewer: str | None = None,
    rated_only: bool = False,
    tags: Collection[str] = (),
    verdicts: Collection[str] = (),
    verification: Mapping[str, str] | None = None,
    editors: Collection[str] = (),
    generated: datetime | None = None,
) -> Report:
    """The report of `corpus` as rated in `review_files`.

    `reviewer` publishes that reviewer's verdicts; without it, an editor's final verdict where
    there is one, else the reviewers' when they agree. `editors` adds to the corpus's editors
    (names match case-insensitively). `verification` maps quote ids to their status (from quote
    verification); quotes missing from it are 'unverified'. `verdicts` matches published verdict
    labels and statuses (final, rated, disputed, pending).
    """
    readable = [f for f in review_files if f.unreadable is None]
    warnings = [
        f"{f.relative} cannot be read, so its reviews are left out: {f.unreadable}"
        for f in review_files
        if f.unreadable is not None
    ]
    by_claim: dict[str, list[Review]] = {}
    for review_file in sorted(readable, key=lambda f: f.reviewer.casefold()):
        for claim_id, review in review_file.reviews.items():
            by_claim.setdefault(claim_id, []).append(review)
    orphans = sorted(set(by_claim) - set(corpus.claims_by_id))
    if orphans:
        warnings.append(
            f"{len(orphans)} reviews are of claims no longer in the corpus: {orphans[0]}…"
        )

    editor_names = {name.casefold() for name in (*corpus.settings.editors, *editors)}
    context = _Context(
        corpus,
        verification or {},
        _claim_url_maker(corpus.settings.publication_url),
        editor_names,
    )
    wanted_tags = set(tags)
    wanted_verdicts = {verdict.casefold() for verdict in verdicts}
    claims: list[ClaimEntry] = []
    # Hundreds of thousands of entries, none in a cycle: the collector would only walk the heap.
    with garbage_collector_paused():
        for claim in corpus.claims:
            if wanted_tags and wanted_tags.isdisjoint(claim.tags):
                continue
            entry = context.claim_entry(claim, by_claim.get(claim.id, []), reviewer)
            status = entry.resolved.status
            if rated_only and status is Status.PENDING:
                continue
            if wanted_verdicts and not _matches(entry.resolved, wanted_verdicts):
                continue
            claims.append(entry)

    settings = corpus.settings
    scale = [ScaleEntry(v.label, v.key, v.colour, v.meaning, v.position) for v in corpus.scale]
    organisation = settings.organisation
    return Report(
        format_version=REPORT_FORMAT_VERSION,
        title=corpus.title,
        organisation=Organisation(organisation.name, organisation.url) if organisation else None,
        publication_url=settings.publication_url,
        generated=(generated or datetime.now(UTC)).isoformat(timespec="seconds"),
        filters=Filters(reviewer, rated_only, sorted(wanted_tags), sorted(verdicts)),
        scale=scale,
        reviewers=sorted({f.reviewer for f in readable}, key=str.casefold),
        counts=_counts(scale, claims),
        statuses=_status_counts(claims),
        editors=sorted(
            {f.reviewer for f in readable if f.reviewer.casefold() in editor_names},
            key=str.casefold,
        ),
        total_claims=len(corpus.claims),
        claims=claims,
        warnings=warnings,
    )


def _matches(resolved: Resolution, wanted: set[str]) -> bool:
    if resolved.status.value in wanted:
        return True
    return resolved.verdict is not None and resolved.verdict.casefold() in wanted


def _status_counts(claims: list[ClaimEntry]) -> StatusCounts:
    tally = dict.fromkeys(Status, 0)
    for claim in claims:
        tally[claim.resolved.status] += 1
    return StatusCounts(
        tally[Status.FINAL], tally[Status.RATED], tally[Status.DISPUTED], tally[Status.PENDING]
    )


def _counts(scale: list[ScaleEntry], claims: list[ClaimEntry]) -> list[VerdictCount]:
    tally: dict[str, int] = {}
    for claim in claims:
        resolved = claim.resolved
        key = resolved.verdict if resolved.status.has_verdict else resolved.status.value
        tally[key or Status.PENDING.value] = tally.get(key or Status.PENDING.value, 0) + 1
    counts = [VerdictCount(entry.label, entry.colour, tally.pop(entry.label, 0)) for entry in scale]
    disputed = tally.pop(Status.DISPUTED.value, 0)
    pending = tally.pop(Status.PENDING.value, 0)
    # Verdicts that are not on today's scale (the scale was edited after rating) still count.
    counts += [VerdictCount(label, PENDING_COLOUR, n) for label, n in sorted(tally.items())]
    counts.append(VerdictCount(Status.DISPUTED.value, DISPUTED_COLOUR, disputed))
    counts.append(VerdictCount(Status.PENDING.value, PENDING_COLOUR, pending))
    return counts


def _claim_url_maker(base: str | None) -> _UrlMaker:
    if not base:
        return lambda claim_id: None
    if "{id}" in base:
        return lambda claim_id: base.replace("{id}", claim_id)
    prefix = base if base.endswith("/") else base + "/"
    return lambda claim_id: prefix + claim_id


class _Context:
    """Shared lookups while the claims are turned into entries."""

    def __init__(
        self,
        corpus: Corpus,
        verification: Mapping[str, str],
        url: _UrlMaker,
        editors: set[str],
    ) -> None:
        self.corpus = corpus
        self.verification = verification
        self.url = url
        self.editors = editors
        self.sources: dict[str, SourceRef] = {}

    def source_ref(self, source: Source) -> SourceRef:
        ref = self.sources.get(source.id)
        if ref is None:
            published = source.published
            ref = SourceRef(
                source.id,
                source.outlet,
                source.title,
                source.url,
                str(published) if published else None,
                published.human() if published else None,
            )
            self.sources[source.id] = ref
        return ref

    def claim_entry(self, claim: Claim, reviews: list[Review], reviewer: str | None) -> ClaimEntry:
        corpus = self.corpus
        today = fingerprint(corpus, claim) if reviews else ""
        editors = self.editors
        review_entries = [
            ReviewEntry(
                r.reviewer,
                r.verdict,
                r.note,
                r.time,
                r.fingerprint != today,
                r.reviewer.casefold() in editors,
            )
            for r in reviews
        ]
        source = corpus.sources.get(claim.source_id) if claim.source_id else None
        # Looked up inline, not through source_ref: this runs once per quote of the report.
        refs, status = self.sources, self.verification.get
        evidence = [
            EvidenceEntry(
                quote.id,
                quote.text,
                str(link.stance),
                link.note,
                quote.note,
                refs.get(quote_source.id) or self.source_ref(quote_source),
                status(quote.id, UNVERIFIED),
            )
            for link, quote, quote_source in corpus.evidence(claim)
        ]
        return ClaimEntry(
            id=claim.id,
            text=claim.text,
            kind=str(claim.kind),
            claimant=claim.claimant,
            role=claim.role,
            date=str(claim.date) if claim.date else None,
            date_human=claim.date.human() if claim.date else None,
            venue=claim.venue,
            source=self.source_ref(source) if source else None,
            tags=list(claim.tags),
            url=self.url(claim.id),
            resolved=resolve(review_entries, reviewer),
            agreement=agreement(review_entries),
            reviews=review_entries,
            evidence=evidence,
        )
