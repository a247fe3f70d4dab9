"""How far reviewers agree: per-reviewer progress, Krippendorff's alpha, percent agreement, and
the claims in dispute, worst first, apart from those an editor has settled.

Alpha comes from the `krippendorff` package (checked against Krippendorff's own worked example in
the tests). Off-scale verdicts such as Unproven have no place on the ordinal scale, so the ordinal
alpha treats them as missing (they are counted and reported as `off_scale`); the nominal alpha and
the percent agreement count every verdict, Unproven included, as a category of its own.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from factcheck.corpus.model import Corpus
from factcheck.reviews.model import Review, fingerprint
from factcheck.reviews.store import ReviewFile


@dataclass(slots=True)
class ReviewerProgress:
    reviewer: str
    editor: bool
    """An editor rules on claims rather than rating them all: no pending work, and their
    verdicts settle disputes instead of counting towards agreement."""
    rated: int
    stale: int
    pending: int | None
    """Claims this reviewer has not rated; None for an editor."""
    settled: int | None
    """For an editor, the disputes their verdict settles; None for a reviewer."""
    verdicts: dict[str, int]
    """Label -> how many claims this reviewer gave it, in scale order."""


@dataclass(slots=True)
class PairAgreement:
    first: str
    second: str
    claims: int
    """Claims both rated."""
    agreed: int

    @property
    def percent(self) -> float | None:
        return 100 * self.agreed / self.claims if self.claims else None


@dataclass(slots=True)
class Dispute:
    claim_id: str
    verdicts: dict[str, str]
    """Reviewer -> label, editors left out."""
    spread: int | None
    """Distance between the truest and the falsest verdict on the numeric scale; None when
    the verdicts differ only off it (Unproven against Half true has no spread)."""
    off_scale: bool
    """Some said Unproven (or another off-scale verdict) while others rated on the scale."""
    settled_by: str | None = None
    """The editor whose verdict settles the dispute (the latest, should two have ruled); None
    while it is open."""
    final_verdict: str | None = None
    """That editor's verdict."""


@dataclass(slots=True)
class AgreementReport:
    reviewers: list[ReviewerProgress]
    claims_rated_by_several: int
    alpha_ordinal: float | None
    """None when there is nothing to measure: fewer than two claims rated by two reviewers, or
    no variation at all."""
    alpha_nominal: float | None
    off_scale: int
    """Verdicts left out of the ordinal alpha because they are off the numeric scale."""
    percent_agreement: float | None
    """Of all pairs of verdicts given on the same claim, the share that are the same."""
    pairs: list[PairAgreement]
    disputes: list[Dispute] = field(default_factory=list)
    """Open disputes, worst first: no editor has ruled on them."""
    settled: list[Dispute] = field(default_factory=list)
    """Disputes an editor has ruled on, worst first."""
    unknown_verdicts: list[str] = field(default_factory=list)
    """Labels in review files that are not on the scale (left out of every figure)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "reviewers": [vars_of(r) for r in self.reviewers],
            "claims_rated_by_several": self.claims_rated_by_several,
            "alpha": {
                "ordinal": self.alpha_ordinal,
                "nominal": self.alpha_nominal,
                "off_scale_left_out_of_ordinal": self.off_scale,
            },
            "percent_agreement": self.percent_agreement,
            "pairs": [{**vars_of(p), "percent": p.percent} for p in self.pairs],
            "disputes": [vars_of(d) for d in self.disputes],
            "settled": [vars_of(d) for d in self.settled],
            "unknown_verdicts": self.unknown_verdicts,
        }


def vars_of(item: Any) -> dict[str, Any]:
    return {name: getattr(item, name) for name in item.__slots__}


def measure_agreement(
    corpus: Corpus, files: Sequence[ReviewFile], *, editors: Sequence[str] = ()
) -> AgreementReport:
    """Agreement among the reviewers of `files`; editors' verdicts settle disputes, so they are
    not counted as independent ratings."""
    scale = corpus.scale
    labels = [verdict.label for verdict in scale]
    fingerprints = {claim.id: fingerprint(corpus, claim) for claim in corpus.claims}
    editor_names = {name.casefold() for name in editors}
    several = _several(corpus, files, editor_names, None)
    disputes = _disputes(corpus, several, _rulings(corpus, files, editor_names, None))
    settled_by = Counter(d.settled_by for d in disputes if d.settled_by is not None)
    unknown: set[str] = set()
    progress: list[ReviewerProgress] = []
    for review_file in files:
        rated = _rated(review_file.reviews, fingerprints)
        counts = Counter(review.verdict for review in rated.values())
        unknown.update(label for label in counts if scale.by_label(label or "") is None)
        editor = review_file.reviewer.casefold() in editor_names
        progress.append(
            ReviewerProgress(
                reviewer=review_file.reviewer,
                editor=editor,
                rated=len(rated),
                stale=sum(1 for r in rated.values() if r.fingerprint != fingerprints[r.claim_id]),
                pending=None if editor else len(corpus.claims) - len(rated),
                settled=settled_by[review_file.reviewer] if editor else None,
                verdicts={label: counts[label] for label in labels if counts[label]},
            )
        )
    reviewers = sorted({name for votes in several.values() for name in votes})
    ordinal, nominal, off_scale = _alphas(corpus, several, reviewers)
    return AgreementReport(
        reviewers=progress,
        claims_rated_by_several=len(several),
        alpha_ordinal=ordinal,
        alpha_nominal=nominal,
        off_scale=off_scale,
        percent_agreement=_percent(several),
        pairs=_pairs(several, reviewers),
        disputes=[d for d in disputes if d.settled_by is None],
        settled=[d for d in disputes if d.settled_by is not None],
        unknown_verdicts=sorted(unknown),
    )


def find_disputes(
    corpus: Corpus,
    files: Sequence[ReviewFile],
    *,
    editors: Sequence[str] = (),
    claim_ids: Collection[str] | None = None,
) -> list[Dispute]:
    """The open disputes: claims on which reviewers gave different verdicts and no editor has
    ruled, worst first, as `stats` lists them, without the cost of the agreement figures.
    Editors' verdicts settle disputes rather than take part in them. `claim_ids` limits the
    look to those claims (the app rechecks one after a rating)."""
    editor_names = {name.casefold() for name in editors}
    several = _several(corpus, files, editor_names, claim_ids)
    rulings = _rulings(corpus, files, editor_names, several.keys())
    return [d for d in _disputes(corpus, several, rulings) if d.settled_by is None]


def _reviews_of(review_file: ReviewFile, claim_ids: Collection[str] | None) -> Collection[Review]:
    reviews = review_file.reviews
    return (
        reviews.values() if claim_ids is None else [reviews[c] for c in claim_ids if c in reviews]
    )


def _several(
    corpus: Corpus,
    files: Sequence[ReviewFile],
    editor_names: Collection[str],
    claim_ids: Collection[str] | None,
) -> dict[str, dict[str, str]]:
    """Claim id -> reviewer -> label, for the claims that two or more reviewers (editors left
    out; `editor_names` casefolded) rated on the scale."""
    scale = corpus.scale
    known = corpus.claims_by_id
    by_claim: dict[str, dict[str, str]] = {}
    for review_file in files:
        if review_file.reviewer.casefold() in editor_names:
            continue
        for review in _reviews_of(review_file, claim_ids):
            if not review.verdict or review.claim_id not in known:
                continue
            verdict = scale.by_label(review.verdict)
            if verdict is not None:
                by_claim.setdefault(review.claim_id, {})[review_file.reviewer] = verdict.label
    return {claim: votes for claim, votes in by_claim.items() if len(votes) >= 2}


def _rulings(
    corpus: Corpus,
    files: Sequence[ReviewFile],
    editor_names: Collection[str],
    claim_ids: Collection[str] | None,
) -> dict[str, Review]:
    """Claim id -> the editor's review that rules on it: the latest with a verdict, as the
    report publishes it (`factcheck.report.resolution`), so `stats` and the report agree."""
    known = corpus.claims_by_id
    rulings: dict[str, Review] = {}
    for review_file in files:
        if review_file.reviewer.casefold() not in editor_names:
            continue
        for review in _reviews_of(review_file, claim_ids):
            if not review.verdict or review.claim_id not in known:
                continue
            earlier = rulings.get(review.claim_id)
            if earlier is None or review.time > earlier.time:
                rulings[review.claim_id] = review
    return rulings


def _rated(reviews: dict[str, Review], fingerprints: dict[str, str]) -> dict[str, Review]:
    """Reviews with a verdict, of claims that are still in the corpus."""
    return {
        claim_id: review
        for claim_id, review in reviews.items()
        if review.verdict and claim_id in fingerprints
    }


def _alphas(
    corpus: Corpus, several: dict[str, dict[str, str]], reviewers: list[str]
) -> tuple[float | None, float | None, int]:
    if len(several) < 2:
        return None, None, 0
    import krippendorff  # numpy is slow to import; only `stats` pays for it
    import numpy

    scale = corpus.scale
    positions = {v.label: v.position for v in scale}
    categories = {v.label: index for index, v in enumerate(scale)}
    claims = sorted(several)
    ordinal_rows: list[list[float]] = []
    nominal_rows: list[list[float]] = []
    off_scale = 0
    for reviewer in reviewers:
        ordinal_row: list[float] = []
        nominal_row: list[float] = []
        for claim in claims:
            label = several[claim].get(reviewer)
            position = positions.get(label) if label else None
            if label is not None and position is None:
                off_scale += 1
            ordinal_row.append(math.nan if position is None else float(position))
            nominal_row.append(math.nan if label is None else float(categories[label]))
        ordinal_rows.append(ordinal_row)
        nominal_rows.append(nominal_row)
    domain = sorted({p for p in positions.values() if p is not None})

    def alpha(rows: list[list[float]], level: str, values: list[int]) -> float | None:
        try:
            # No variation at all divides 0 by 0: agreement is undefined there, not perfect.
            with numpy.errstate(divide="ignore", invalid="ignore"):
                result = krippendorff.alpha(
                    reliability_data=rows, level_of_measurement=level, value_domain=values
                )
        except (ValueError, ZeroDivisionError):
            return None  # e.g. a single value everywhere: agreement is undefined, not perfect
        return None if math.isnan(result) else float(result)

    return (
        alpha(ordinal_rows, "ordinal", domain) if len(domain) >= 2 else None,
        alpha(nominal_rows, "nominal", sorted(categories.values())),
        off_scale,
    )


def _percent(several: dict[str, dict[str, str]]) -> float | None:
    agreeing = total = 0
    for votes in several.values():
        for first, second in combinations(votes.values(), 2):
            total += 1
            agreeing += first == second
    return 100 * agreeing / total if total else None


def _pairs(several: dict[str, dict[str, str]], reviewers: list[str]) -> list[PairAgreement]:
    pairs = []
    for first, second in combinations(reviewers, 2):
        both = [votes for votes in several.values() if first in votes and second in votes]
        agreed = sum(1 for votes in both if votes[first] == votes[second])
        if both:
            pairs.append(PairAgreement(first, second, len(both), agreed))
    return pairs


def _disputes(
    corpus: Corpus, several: dict[str, dict[str, str]], rulings: dict[str, Review]
) -> list[Dispute]:
    """Every claim the reviewers differ on, each settled when an editor has ruled on it."""
    positions = {v.label: v.position for v in corpus.scale}
    disputes = []
    for claim_id, votes in several.items():
        if len(set(votes.values())) < 2:
            continue
        on_scale = [p for label in votes.values() if (p := positions.get(label)) is not None]
        # Unproven against Half true, or against two Half trues, is no distance on the scale.
        spread = max(on_scale) - min(on_scale) if len(set(on_scale)) >= 2 else None
        off = len(on_scale) not in {0, len(votes)}
        ruling = rulings.get(claim_id)
        disputes.append(
            Dispute(
                claim_id,
                dict(sorted(votes.items())),
                spread,
                off,
                ruling.reviewer if ruling else None,
                ruling.verdict if ruling else None,
            )
        )
    # Worst first: the widest spread, then an on-scale verdict against Unproven, then by id.
    return sorted(disputes, key=lambda d: (-(d.spread or 0), not d.off_scale, d.claim_id))
