"""A review: one reviewer's verdict and rationale on one claim, and what it was made on."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from factcheck.corpus.model import Claim, Corpus


@dataclass(frozen=True, slots=True)
class SentBack:
    """An editor's request that the reviewers look at a claim again."""

    comment: str
    time: str
    """When it was sent back: reviewers' verdicts older than this no longer count as done."""


@dataclass(frozen=True, slots=True)
class Correction:
    """A change of a published verdict, with the reason the readers are given."""

    time: str
    old: str | None
    new: str | None
    note: str


@dataclass(frozen=True, slots=True)
class Review:
    claim_id: str
    verdict: str | None
    """The verdict's label on the corpus's scale; None for a note written before any rating."""
    note: str
    reviewer: str
    time: str
    """When it was last changed, ISO 8601 in UTC."""
    fingerprint: str
    """`fingerprint(corpus, claim)` when it was made: a different one today means stale."""
    cites: tuple[str, ...] = ()
    """The ids of the quotes the verdict rests on, in the order they were marked."""
    seconds: int = 0
    """Active seconds the reviewer spent on the claim, all sessions together (see
    reviews/time_spent.py)."""
    rated: str = ""
    """When the verdict was last given (ISO 8601, UTC): `stats` counts ratings per day by it.
    Empty in files written before it existed, where `time` stands in for it."""

    # The workflow (reviews/workflow.py). Each is written only when set, so a review file of
    # plain ratings reads, and is written, as before these existed.
    set_aside: str = ""
    """Why the reviewer set the claim aside (no verdict needed); empty: not set aside."""
    sent_back: SentBack | None = None
    """An editor's: the claim was sent back to the reviewers with this comment."""
    published: str = ""
    """An editor's: when the claim's final verdict was published (`export --publish`)."""
    corrections: tuple[Correction, ...] = ()
    """An editor's: each change of the verdict after it was published, oldest first."""

    def to_dict(self) -> dict[str, Any]:
        written: dict[str, Any] = {
            "claim": self.claim_id,
            "verdict": self.verdict,
            "note": self.note,
            "time": self.time,
            "fingerprint": self.fingerprint,
        }
        if self.cites:  # left out when empty: a review without citations reads as it always did
            written["cites"] = list(self.cites)
        if self.set_aside:
            written["set_aside"] = self.set_aside
        if self.sent_back is not None:
            written["sent_back"] = {"comment": self.sent_back.comment, "time": self.sent_back.time}
        if self.published:
            written["published"] = self.published
        if self.corrections:
            written["corrections"] = [
                {"time": c.time, "old": c.old, "new": c.new, "note": c.note}
                for c in self.corrections
            ]
        if self.seconds:
            written["seconds"] = self.seconds
        if self.rated:
            written["rated"] = self.rated
        return written

    @property
    def time_only(self) -> bool:
        """Whether the review holds nothing but the time spent on the claim (the reviewer looked
        at it and gave no verdict, note or anything else yet): not shown as a review."""
        if self.verdict is not None or self.note:
            return False  # most reviews: asked of each review of every claim on the desk's D
        bare = Review(self.claim_id, None, "", self.reviewer, self.time, self.fingerprint)
        return replace(self, seconds=0, rated="") == bare


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def fingerprint(corpus: Corpus, claim: Claim) -> str:
    """A short hash of what a verdict rests on: the claim's words and who said them, and each
    piece of evidence with its stance and quoted words. Notes and metadata are left out, so
    fixing a typo in a note does not make every review stale."""
    digest = hashlib.sha256()
    for part in (claim.id, claim.text, claim.kind, claim.claimant, claim.source_id or ""):
        digest.update(part.encode())
        digest.update(b"\x00")
    for link in claim.evidence:
        quote = corpus.quotes.get(link.quote_id)
        for part in (link.quote_id, link.stance, quote.text if quote else "<missing>"):
            digest.update(part.encode())
            digest.update(b"\x00")
    return "sha256:" + digest.hexdigest()[:16]


def reviewer_file_name(reviewer: str) -> str:
    """'Jane Doe' -> 'jane-doe.yaml': a file name that is safe on every system and in git."""
    ascii_name = unicodedata.normalize("NFKD", reviewer).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if not slug:
        slug = "reviewer-" + hashlib.sha256(reviewer.encode()).hexdigest()[:8]
    return f"{slug}.yaml"
