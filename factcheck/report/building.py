"""Building the report model from a corpus and its review files: one pass over the claims."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from datetime import UTC, datetime

from factcheck.corpus.model import Claim, Corpus, Source, Stance
from factcheck.corpus.records import shared_fields
from factcheck.corpus.yamlio import garbage_collector_paused
from factcheck.report.model import (
    DISPUTED_COLOUR,
    PENDING_COLOUR,
    REPORT_FORMAT_VERSION,
    UNVERIFIED,
    ClaimEntry,
    EvidenceEntry,
    Filters,
    Organisation,
    Report,
    ScaleEntry,
    SourceRef,
    StatusCounts,
    VerdictCount,
)
from factcheck.report.resolution import Resolution, ReviewEntry, Status, agreement, resolve
from factcheck.reviews import Review, ReviewFile, fingerprint

_UrlMaker = Callable[[str], str | None]

# A claim's and a source's fields go into their report entries by name: a field added to the
# corpus model and to the report model is published with no change here.
_CLAIM_FIELDS = shared_fields(Claim, ClaimEntry)
_SOURCE_FIELDS = shared_fields(Source, SourceRef)

_STANCES = {stance: str(stance) for stance in Stance}
"""Stance -> its plain text, looked up 60,000 times in a large report (str() of an enum is slow)."""


def build_report(
    corpus: Corpus,
    review_files: Sequence[ReviewFile],
    *,
    reviewer: str | None = None,
    rated_only: bool = False,
    tags: Collection[str] = (),
    verdicts: Collection[str] = (),
    claim_ids: Collection[str] | None = None,
    verification: Mapping[str, str] | None = None,
    editors: Collection[str] = (),
    generated: datetime | None = None,
) -> Report:
    """The report of `corpus` as rated in `review_files`.

    `reviewer` publishes that reviewer's verdicts; without it, an editor's final verdict where
    there is one, else the reviewers' when they agree. `editors` adds to the corpus's editors
    (names match case-insensitively). `verification` maps quote ids to their status (from quote
    verification); quotes missing from it are 'unverified'. `verdicts` matches published verdict
    labels and statuses (final, rated, disputed, pending). `claim_ids` keeps only those claims
    (what the app's list shows).
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
    wanted_ids = None if claim_ids is None else set(claim_ids)
    wanted_verdicts = {verdict.casefold() for verdict in verdicts}
    claims: list[ClaimEntry] = []
    # Hundreds of thousands of entries, none in a cycle: the collector would only walk the heap.
    with garbage_collector_paused():
        for claim in corpus.claims:
            if wanted_tags and wanted_tags.isdisjoint(claim.tags):
                continue
            if wanted_ids is not None and claim.id not in wanted_ids:
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
                **_SOURCE_FIELDS(source),
                published_human=published.human() if published else None,
            )
            self.sources[source.id] = ref
        return ref

    def evidence(self, claim: Claim) -> list[EvidenceEntry]:
        """What `corpus.evidence(claim)` yields, as entries. Written out with local lookups:
        this runs once per quote of the report, the bulk of the time building it."""
        quotes, sources, refs = self.corpus.quotes, self.corpus.sources, self.sources
        status = self.verification.get
        entries = []
        for link in claim.evidence:
            quote = quotes.get(link.quote_id)
            source = sources.get(quote.source_id) if quote is not None else None
            if quote is None or source is None:
                continue
            entries.append(
                EvidenceEntry(
                    quote.id,
                    quote.text,
                    _STANCES.get(link.stance) or str(link.stance),
                    link.note,
                    quote.note,
                    refs.get(source.id) or self.source_ref(source),
                    status(quote.id, UNVERIFIED),
                )
            )
        return entries

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
        evidence = self.evidence(claim)
        return ClaimEntry(
            **_CLAIM_FIELDS(claim),
            date_human=claim.date.human() if claim.date else None,
            source=self.source_ref(source) if source else None,
            url=self.url(claim.id),
            resolved=resolve(review_entries, reviewer),
            agreement=agreement(review_entries),
            reviews=review_entries,
            evidence=evidence,
        )
