"""What changed between two states of a corpus (`factcheck diff REF1 REF2`): verdicts and notes
per reviewer, claims, quotes and links added or removed, and quotes whose verification status
changed. Both sides are opened workspaces, so it compares what the loader and the verifier make
of the files, not their text."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from factcheck.corpus.model import Claim, Corpus
from factcheck.reviews import ReviewFile
from factcheck.workspace.workspace import Workspace

NOT_VERIFIED = "not verified"
"""A quote's status when its source has no text to verify it against."""


@dataclass(frozen=True, slots=True)
class ReviewChange:
    """One reviewer's verdict or note on one claim, before and after (None: none)."""

    claim_id: str
    reviewer: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class LinkChange:
    """A claim's link to a quote: its stance before and after (None: no link)."""

    claim_id: str
    quote_id: str
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class StatusChange:
    """How a quote in both corpora was found in its source, before and after."""

    quote_id: str
    before: str
    after: str


@dataclass(slots=True)
class CorpusDiff:
    verdicts: list[ReviewChange] = field(default_factory=list)
    notes: list[ReviewChange] = field(default_factory=list)
    claims_added: list[str] = field(default_factory=list)
    claims_removed: list[str] = field(default_factory=list)
    claims_reworded: list[str] = field(default_factory=list)
    """Claims in both whose words changed."""
    quotes_added: list[str] = field(default_factory=list)
    quotes_removed: list[str] = field(default_factory=list)
    sources_added: list[str] = field(default_factory=list)
    sources_removed: list[str] = field(default_factory=list)
    links: list[LinkChange] = field(default_factory=list)
    statuses: list[StatusChange] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    """What could not be compared (a review file that cannot be read on one side)."""

    @property
    def empty(self) -> bool:
        return not any(
            value for name, value in asdict(self).items() if name != "warnings" and value
        )

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def diff_workspaces(
    before: Workspace, after: Workspace, *, labels: tuple[str, str] = ("before", "after")
) -> CorpusDiff:
    """What changed from `before` to `after`. `labels` name the two sides in warnings."""
    old, new = before.corpus, after.corpus
    if old is None or new is None:
        raise ValueError("both corpora must have loaded")
    diff = CorpusDiff()
    _diff_items(diff, old, new)
    _diff_links(diff, old, new)
    _diff_statuses(diff, before, after)
    old_files, old_unreadable = _reviews_by_file(before, labels[0], diff.warnings)
    new_files, new_unreadable = _reviews_by_file(after, labels[1], diff.warnings)
    _diff_reviews(diff, old_files, new_files, old_unreadable | new_unreadable)
    return diff


def _added_removed(old: set[str], new: set[str]) -> tuple[list[str], list[str]]:
    return sorted(new - old), sorted(old - new)


def _diff_items(diff: CorpusDiff, old: Corpus, new: Corpus) -> None:
    diff.claims_added, diff.claims_removed = _added_removed(
        set(old.claims_by_id), set(new.claims_by_id)
    )
    diff.quotes_added, diff.quotes_removed = _added_removed(set(old.quotes), set(new.quotes))
    diff.sources_added, diff.sources_removed = _added_removed(set(old.sources), set(new.sources))
    diff.claims_reworded = sorted(
        claim_id
        for claim_id, claim in new.claims_by_id.items()
        if (was := old.claims_by_id.get(claim_id)) is not None and was.text != claim.text
    )


def _stances(claim: Claim) -> dict[str, str]:
    return {link.quote_id: str(link.stance) for link in claim.evidence}


def _diff_links(diff: CorpusDiff, old: Corpus, new: Corpus) -> None:
    """Links of the claims in both corpora: a claim added or removed is listed as such, not
    as each of its links."""
    for claim_id in sorted(old.claims_by_id.keys() & new.claims_by_id.keys()):
        was = _stances(old.claims_by_id[claim_id])
        now = _stances(new.claims_by_id[claim_id])
        for quote_id in sorted(was.keys() | now.keys()):
            if was.get(quote_id) != now.get(quote_id):
                change = LinkChange(claim_id, quote_id, was.get(quote_id), now.get(quote_id))
                diff.links.append(change)


def _diff_statuses(diff: CorpusDiff, before: Workspace, after: Workspace) -> None:
    old_status = before.verify().statuses()
    new_status = after.verify().statuses()
    assert before.corpus is not None and after.corpus is not None
    for quote_id in sorted(before.corpus.quotes.keys() & after.corpus.quotes.keys()):
        was = old_status.get(quote_id, NOT_VERIFIED)
        now = new_status.get(quote_id, NOT_VERIFIED)
        if was != now:
            diff.statuses.append(StatusChange(quote_id, was, now))


def _reviews_by_file(
    workspace: Workspace, label: str, warnings: list[str]
) -> tuple[dict[str, ReviewFile], set[str]]:
    """The readable review files by their path, and the paths of those that cannot be read."""
    readable: dict[str, ReviewFile] = {}
    unreadable: set[str] = set()
    for review_file in workspace.review_files():
        if review_file.unreadable is None:
            readable[review_file.relative] = review_file
            continue
        unreadable.add(review_file.relative)
        warnings.append(
            f"{label}: {review_file.relative} cannot be read, so its reviews are left out: "
            f"{review_file.unreadable}"
        )
    return readable, unreadable


def _diff_reviews(
    diff: CorpusDiff,
    old: dict[str, ReviewFile],
    new: dict[str, ReviewFile],
    unreadable: set[str],
) -> None:
    """Per review file (one per reviewer); a file that cannot be read on either side is left
    out, so that its reviews do not pass for added or removed."""
    files = sorted((old.keys() | new.keys()) - unreadable)
    for relative in sorted(files, key=lambda f: (new.get(f) or old[f]).reviewer.casefold()):
        reviewer = (new.get(relative) or old[relative]).reviewer
        was = old[relative].reviews if relative in old else {}
        now = new[relative].reviews if relative in new else {}
        for claim_id in sorted(was.keys() | now.keys()):
            old_review, new_review = was.get(claim_id), now.get(claim_id)
            old_verdict = old_review.verdict if old_review else None
            new_verdict = new_review.verdict if new_review else None
            if old_verdict != new_verdict:
                diff.verdicts.append(ReviewChange(claim_id, reviewer, old_verdict, new_verdict))
            old_note = old_review.note if old_review and old_review.note else None
            new_note = new_review.note if new_review and new_review.note else None
            if old_note != new_note:
                diff.notes.append(ReviewChange(claim_id, reviewer, old_note, new_note))
