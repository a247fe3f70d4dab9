"""Building the report model from a corpus and its review files: one pass over the claims."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from factcheck.corpus.checked_before import CheckedBefore
from factcheck.corpus.conflicts import SourcedFigure, TouchedSides
from factcheck.corpus.model import Claim, Corpus, Source, Stance
from factcheck.corpus.records import shared_fields
from factcheck.corpus.yamlio import garbage_collector_paused
from factcheck.quotes import Anchor
from factcheck.quotes.reanchor import selectors_for
from factcheck.report.model import (
    DISPUTED_COLOUR,
    PENDING_COLOUR,
    REPORT_FORMAT_VERSION,
    UNVERIFIED,
    CheckedBeforeEntry,
    ClaimEntries,
    ClaimEntry,
    CorrectionEntry,
    EvidenceEntry,
    FiguresDisagree,
    Filters,
    Organisation,
    Report,
    ReportedFigure,
    ScaleEntry,
    SourceRef,
    StatusCounts,
    TextPositionSelector,
    TextQuoteSelector,
    VerdictCount,
)
from factcheck.report.resolution import (
    Agreement,
    Resolution,
    ReviewEntry,
    Status,
    agreement,
    resolve,
)
from factcheck.reviews import Review, ReviewFile, fingerprint
from factcheck.reviews.workflow import ClaimWorkflow, State, claim_workflow

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
    anchors: Mapping[str, Anchor] | None = None,
    editors: Collection[str] = (),
    generated: datetime | None = None,
    conflicts: TouchedSides | None = None,
    states: Collection[State] = (),
    checked_before: Mapping[str, Sequence[CheckedBefore]] | None = None,
) -> Report:
    """The report of `corpus` as rated in `review_files`.

    `reviewer` publishes that reviewer's verdicts; without it, an editor's final verdict where
    there is one, else the reviewers' when they agree. `editors` adds to the corpus's editors
    (names match case-insensitively). `verification` maps quote ids to their status (from quote
    verification); quotes missing from it are 'unverified'. `anchors` (quote id -> its anchor
    from the same verification) gives each found quote its W3C selectors. `verdicts` matches
    published verdict labels and statuses (final, rated, disputed, pending). `claim_ids` keeps
    only those claims (what the app's list shows). `conflicts` (quote id -> the figures that
    disagree with its passage, from `factcheck.corpus.conflicts.conflicts_by_quote`) gives
    each quote's `conflicts`. `states` keeps only the claims at
    those points of the workflow.
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
            if not review.time_only:  # a claim looked at, with nothing said of it yet
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
        anchors or {},
        _claim_url_maker(corpus.settings.publication_url),
        editor_names,
        conflicts or {},
    )
    # claim id -> the published checks of the same claim (factcheck.workspace.checked_before).
    context.checked_before = checked_before or {}
    wanted_tags = set(tags)
    wanted_ids = None if claim_ids is None else set(claim_ids)
    wanted_verdicts = {verdict.casefold() for verdict in verdicts}
    wanted_states = set(states)
    chosen: list[_Chosen] = []
    # The first pass: which claims, and their verdicts (the counts at the top of a report need
    # them all); their entries are made as a renderer reads them (ClaimEntries).
    with garbage_collector_paused():
        for claim in corpus.claims:
            if wanted_tags and wanted_tags.isdisjoint(claim.tags):
                continue
            if wanted_ids is not None and claim.id not in wanted_ids:
                continue
            reviews = by_claim.get(claim.id)
            if reviews:
                today = fingerprint(corpus, claim)
                review_entries = context.review_entries(claim, reviews, today)
                verdict = _Chosen(
                    claim,
                    review_entries,
                    resolve(review_entries, reviewer),
                    agreement(review_entries),
                    claim_workflow(claim, reviews, editor_names, today),
                )
            else:
                verdict = _Chosen(claim)
            if wanted_states and verdict.workflow.state not in wanted_states:
                continue
            status = verdict.resolution.status
            if rated_only and status is Status.PENDING:
                continue
            if wanted_verdicts and not _matches(verdict.resolution, wanted_verdicts):
                continue
            chosen.append(verdict)

    if not chosen and (filters := _filters_named(tags, verdicts, wanted_states, rated_only)):
        # A report of no claim is still made, but whoever wrote it to a file must hear why.
        warnings.append(
            f"no claim matches {filters}: the report lists none of the "
            f"{len(corpus.claims):,} claims"
        )

    settings = corpus.settings
    scale = [ScaleEntry(v.label, v.key, v.colour, v.meaning, v.position) for v in corpus.scale]
    organisation = settings.organisation
    resolutions = [verdict.resolution for verdict in chosen]
    return Report(
        format_version=REPORT_FORMAT_VERSION,
        title=corpus.title,
        organisation=Organisation(organisation.name, organisation.url) if organisation else None,
        publication_url=settings.publication_url,
        generated=(generated or datetime.now(UTC)).isoformat(timespec="seconds"),
        filters=Filters(
            reviewer,
            rated_only,
            sorted(wanted_tags),
            sorted(verdicts),
            [state.value for state in State if state in wanted_states],
        ),
        scale=scale,
        reviewers=sorted({f.reviewer for f in readable}, key=str.casefold),
        counts=_counts(scale, resolutions),
        statuses=_status_counts(resolutions),
        editors=sorted(
            {f.reviewer for f in readable if f.reviewer.casefold() in editor_names},
            key=str.casefold,
        ),
        total_claims=len(corpus.claims),
        claims=ClaimEntries(chosen, context.claim_entry, _chosen_id),
        corrections=sorted(
            (c for verdict in chosen for c in _corrections(verdict.claim.id, verdict.workflow)),
            key=lambda correction: correction.date,
            reverse=True,
        ),
        warnings=warnings,
    )


def _filters_named(
    tags: Collection[str], verdicts: Collection[str], states: Collection[State], rated_only: bool
) -> str:
    """The filters asked for, for a person ('tag kabul; state published'); '' for none."""
    named = [
        f"{what} {', '.join(values)}"
        for what, values in (
            ("tag", sorted(tags)),
            ("verdict", list(verdicts)),
            ("state", [state.value for state in State if state in states]),
        )
        if values
    ]
    if rated_only:
        named.append("rated only")
    return "; ".join(named)


_PENDING = resolve([], None)
"""The resolution of every claim nobody reviewed, one object for all of them."""


@dataclass(slots=True)
class _Chosen:
    """A claim chosen for the report, and what its entry needs that the first pass computes
    anyway: its reviews (with today's fingerprint) and their verdict. A claim nobody reviewed
    keeps nothing more; most claims of a large corpus are such."""

    claim: Claim
    reviews: list[ReviewEntry] | None = None
    resolved: Resolution | None = None
    agreement: Agreement = Agreement.NONE
    workflow_found: ClaimWorkflow | None = None

    @property
    def resolution(self) -> Resolution:
        return self.resolved or _PENDING

    @property
    def workflow(self) -> ClaimWorkflow:
        """Where the claim stands; a claim nobody reviewed is assigned or not."""
        if self.workflow_found is None:
            state = State.ASSIGNED if self.claim.assigned else State.UNASSIGNED
            return ClaimWorkflow(state, self.claim.assigned)
        return self.workflow_found


def _corrections(claim_id: str, workflow: ClaimWorkflow) -> list[CorrectionEntry]:
    return [
        CorrectionEntry(claim_id, c.time, c.old, c.new, c.note, editor)
        for editor, c in workflow.corrections
    ]


def _chosen_id(chosen: _Chosen) -> str:
    return chosen.claim.id


def _matches(resolved: Resolution, wanted: set[str]) -> bool:
    if resolved.status.value in wanted:
        return True
    return resolved.verdict is not None and resolved.verdict.casefold() in wanted


def _status_counts(resolutions: list[Resolution]) -> StatusCounts:
    tally = dict.fromkeys(Status, 0)
    for resolved in resolutions:
        tally[resolved.status] += 1
    return StatusCounts(
        tally[Status.FINAL], tally[Status.RATED], tally[Status.DISPUTED], tally[Status.PENDING]
    )


def _counts(scale: list[ScaleEntry], resolutions: list[Resolution]) -> list[VerdictCount]:
    tally: dict[str, int] = {}
    for resolved in resolutions:
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
        anchors: Mapping[str, Anchor],
        url: _UrlMaker,
        editors: set[str],
        conflicts: TouchedSides,
    ) -> None:
        self.corpus = corpus
        self.conflicts = conflicts
        self.verification = verification
        self.anchors = anchors
        self.url = url
        self.editors = editors
        self.sources: dict[str, SourceRef] = {}
        self.checked_before: Mapping[str, Sequence[CheckedBefore]] = {}

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
                    self.selector(quote.id, source),
                    conflicts=self.disagreements(quote.id) if quote.id in self.conflicts else [],
                )
            )
        return entries

    def disagreements(self, quote_id: str) -> list[FiguresDisagree]:
        return [
            FiguresDisagree(
                conflict.counted,
                conflict.who,
                conflict.event,
                self.reported(this),
                self.reported(other),
            )
            for this, other, conflict in self.conflicts[quote_id]
        ]

    def reported(self, side: SourcedFigure) -> ReportedFigure:
        source = self.corpus.sources[side.source_id]
        amount = side.figure.amount
        start, end = side.figure.passage
        return ReportedFigure(
            self.source_ref(source),
            side.passage(self.corpus),
            start,
            end,
            side.written(self.corpus),
            amount.value,
            amount.low,
            None if amount.high == float("inf") else amount.high,
            amount.bound.value,
        )

    def selector(
        self, quote_id: str, source: Source
    ) -> list[TextQuoteSelector | TextPositionSelector]:
        """The quote's W3C selectors in its source's text, from its anchor: from the first
        span's start to the last's end (an elided quote's gaps inside `exact`)."""
        anchor = self.anchors.get(quote_id)
        if anchor is None or not anchor.spans or source.text is None:
            return []
        found = selectors_for(source.text, anchor.spans[0].start, anchor.spans[-1].end)
        return [
            TextQuoteSelector("TextQuoteSelector", found.exact, found.prefix, found.suffix),
            TextPositionSelector("TextPositionSelector", found.start, found.end),
        ]

    def review_entries(self, claim: Claim, reviews: list[Review], today: str) -> list[ReviewEntry]:
        editors = self.editors
        return [
            ReviewEntry(
                r.reviewer,
                r.verdict,
                r.note,
                r.time,
                r.fingerprint != today,
                r.reviewer.casefold() in editors,
                list(r.cites),
            )
            for r in reviews
        ]

    def claim_entry(self, chosen: _Chosen) -> ClaimEntry:
        corpus = self.corpus
        claim = chosen.claim
        source = corpus.sources.get(claim.source_id) if claim.source_id else None
        entry = ClaimEntry(
            **_CLAIM_FIELDS(claim),
            date_human=claim.date.human() if claim.date else None,
            source=self.source_ref(source) if source else None,
            url=self.url(claim.id),
            resolved=chosen.resolution,
            agreement=chosen.agreement,
            reviews=chosen.reviews if chosen.reviews is not None else [],
            evidence=_cited_first(self.evidence(claim), chosen.resolution.cites),
            state=chosen.workflow.state.value,
            published=chosen.workflow.published or None,
            corrections=_corrections(claim.id, chosen.workflow),
        )
        if claim.id in self.checked_before:  # most claims: none, and no list made
            entry.checked_before = [
                _checked_before_entry(found) for found in self.checked_before[claim.id]
            ]
        return entry


def _checked_before_entry(found: CheckedBefore) -> CheckedBeforeEntry:
    return CheckedBeforeEntry(
        their_claim=found.their_claim,
        rating=found.rating,
        verdict=found.verdict,
        by=found.by,
        date=found.date,
        url=found.url,
        score=found.score,
        reasons=list(found.reasons),
        line=found.line(),
    )


def _cited_first(evidence: list[EvidenceEntry], cites: list[str]) -> list[EvidenceEntry]:
    """The quotes the verdict cites first, marked, in the order cited; then the others as
    listed. Most claims' verdicts cite nothing, and cost nothing here."""
    if not cites:
        return evidence
    order = {quote_id: place for place, quote_id in enumerate(cites)}
    cited = [entry for entry in evidence if entry.quote_id in order]
    for entry in cited:
        entry.cited = True
    cited.sort(key=lambda entry: order[entry.quote_id])  # stable: a quote linked twice stays
    return [*cited, *(entry for entry in evidence if entry.quote_id not in order)]
