"""Whether a verdict and the evidence it cites agree: the lint that the app shows on the claim,
`factcheck check --reviews` lists with the review file's line and column, and `factcheck stats`
counts.

A reviewer marks the quotes a verdict rests on (`Review.cites`). A verdict is suspect when it
cites nothing; when it leans false (`Scale.lean`) and what it cites supports the claim, none of
it contradicting; when it leans true and what it cites contradicts the claim, none of it
supporting; when it cites a quote that no longer verifies in its source (by the one
verification, `corpus/verification.py`); and when it cites a quote that is no longer evidence of
the claim. Context cited beside the one side does not excuse it: it is neither side.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from factcheck.corpus.diagnostics import ProblemCollector
from factcheck.corpus.model import Claim, Corpus, Place, Stance
from factcheck.corpus.problems import Problem, Severity
from factcheck.corpus.scale import Lean
from factcheck.quotes import Anchor
from factcheck.reviews.model import Review
from factcheck.reviews.store import ReviewFile

CITES_NOTHING = "cites-nothing"
FALSE_ON_SUPPORT = "false-cites-support"
TRUE_ON_CONTRADICTION = "true-cites-contradiction"
CITES_UNVERIFIED = "cites-unverified"
CITES_UNLINKED = "cites-unlinked"

CODES = (CITES_NOTHING, FALSE_ON_SUPPORT, TRUE_ON_CONTRADICTION, CITES_UNVERIFIED, CITES_UNLINKED)
"""Every warning's code, in the order `factcheck stats` lists them."""


@dataclass(frozen=True, slots=True)
class CitationWarning:
    """One way a review's verdict and its cited evidence disagree."""

    claim_id: str
    code: str
    message: str
    """What is wrong and what to do, the verdict its subject: 'cites no evidence: ...'. Without
    the claim's id or the verdict, which the app shows above it."""
    quote_id: str | None = None
    """The cited quote it is about; None when it is about the verdict as a whole."""


def lint_review(
    corpus: Corpus, review: Review, anchors: Mapping[str, Anchor] | None
) -> list[CitationWarning]:
    """What is suspect in `review`'s citations. A review without a verdict (a note, or quotes
    marked before rating) and a review of a claim no longer in the corpus have nothing to
    check. `anchors`: the quotes verified so far; None skips the verification rule (quotes not
    verified, `check --no-quotes`), and a quote without an anchor yet is not judged."""
    claim = corpus.claims_by_id.get(review.claim_id)
    if review.verdict is None or claim is None:
        return []
    if not review.cites:
        return [
            CitationWarning(
                claim.id,
                CITES_NOTHING,
                "cites no evidence: cite what it rests on",
            )
        ]
    found: list[CitationWarning] = []
    stances = _stances(claim)
    for quote_id in review.cites:
        if quote_id not in stances:
            where = "in the corpus" if quote_id not in corpus.quotes else "evidence of the claim"
            found.append(
                CitationWarning(
                    claim.id,
                    CITES_UNLINKED,
                    f"cites quote '{quote_id}', which is no longer {where}: uncite it, or "
                    "cite another",
                    quote_id,
                )
            )
        elif anchors is not None and (why := _not_verifying(corpus, quote_id, anchors)):
            found.append(
                CitationWarning(
                    claim.id,
                    CITES_UNVERIFIED,
                    f"cites quote '{quote_id}', which no longer verifies ({why}): fix the "
                    "quote, or cite another",
                    quote_id,
                )
            )
    verdict = corpus.scale.by_label(review.verdict)
    lean = corpus.scale.lean(verdict) if verdict is not None else Lean.NEITHER
    cited = {stance for quote_id in review.cites for stance in stances.get(quote_id, ())}

    def listed(stance: Stance) -> str:
        return ", ".join(q for q in review.cites if stance in stances.get(q, ()))

    if lean is Lean.FALSE and Stance.SUPPORTS in cited and Stance.CONTRADICTS not in cited:
        found.append(
            CitationWarning(
                claim.id,
                FALSE_ON_SUPPORT,
                f"cites only evidence that supports the claim ({listed(Stance.SUPPORTS)}): "
                "cite what contradicts it, or check the verdict",
            )
        )
    if lean is Lean.TRUE and Stance.CONTRADICTS in cited and Stance.SUPPORTS not in cited:
        found.append(
            CitationWarning(
                claim.id,
                TRUE_ON_CONTRADICTION,
                "cites only evidence that contradicts the claim "
                f"({listed(Stance.CONTRADICTS)}): cite what supports it, or check the verdict",
            )
        )
    return found


def _stances(claim: Claim) -> dict[str, set[Stance]]:
    """Each quote linked to `claim`, with the stances of its links (one, unless linked twice)."""
    stances: dict[str, set[Stance]] = {}
    for link in claim.evidence:
        stances.setdefault(link.quote_id, set()).add(link.stance)
    return stances


def _not_verifying(corpus: Corpus, quote_id: str, anchors: Mapping[str, Anchor]) -> str | None:
    """Why the quote does not verify in its source (an error by `check`'s measure); None when
    it does, or has not been verified yet."""
    anchor = anchors.get(quote_id)
    if anchor is None:
        quote = corpus.quotes.get(quote_id)
        source = corpus.sources.get(quote.source_id) if quote is not None else None
        return "its source has no text" if source is not None and source.text is None else None
    if anchor.severity is not Severity.ERROR:
        return None
    return "a figure differs from the source" if anchor.changed_numbers else str(anchor.status)


@dataclass(frozen=True, slots=True)
class CitedReview:
    """A review in a review file, with what is suspect in its citations."""

    file: ReviewFile
    index: int
    """Its place in the file's list of reviews."""
    review: Review
    warnings: list[CitationWarning]


def lint_files(
    corpus: Corpus, files: Iterable[ReviewFile], anchors: Mapping[str, Anchor] | None
) -> list[CitedReview]:
    """Every review with warnings, in the readable files, file by file in the files' order."""
    found = []
    for review_file in files:
        if review_file.unreadable is not None:
            continue
        for index, review in enumerate(review_file.reviews.values()):
            if warnings := lint_review(corpus, review, anchors):
                found.append(CitedReview(review_file, index, review, warnings))
    return found


def citation_problems(
    corpus: Corpus, files: Iterable[ReviewFile], anchors: Mapping[str, Anchor] | None
) -> list[Problem]:
    """The warnings as Problems at their place in the review file: a cited quote's at its id in
    `cites`, the others at the verdict."""
    collector = ProblemCollector(corpus.root)
    for found in lint_files(corpus, files, anchors):
        review_file, review = found.file, found.review
        entry = ("reviews", found.index)
        for warning in found.warnings:
            if warning.quote_id is not None and warning.quote_id in review.cites:
                path = (*entry, "cites", review.cites.index(warning.quote_id))
            else:
                path = (*entry, "verdict")
            message = f"claim '{review.claim_id}': the verdict '{review.verdict}' {warning.message}"
            collector.at(Place(review_file.relative, path), Severity.WARNING, warning.code, message)
    return collector.problems()
