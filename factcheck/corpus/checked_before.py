"""A claim checked before: the same claim in a fact check another outlet published, in this
corpus, or in another corpus, with the verdict it got there."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Where(StrEnum):
    PUBLISHED = "published"
    """A fact check another outlet published (checked/<outlet>.yaml)."""
    THIS_CORPUS = "this corpus"
    """Another claim of the same corpus."""
    OTHER_CORPUS = "other corpus"
    """A claim of the corpus given with --against."""


@dataclass(frozen=True, slots=True)
class CheckedBefore:
    claim_id: str
    """The claim of this corpus that was checked before."""
    where: Where
    their_claim: str
    """The claim as it was worded there."""
    rating: str | None
    """The rating it got there, as they wrote it; None: not rated there (yet)."""
    verdict: str | None
    """That rating on this corpus's scale (a corpus's verdicts are on it already); None when
    factcheck.yaml's imported_ratings does not say."""
    by: str
    """The outlet, or the corpus's title."""
    date: str | None
    """When it was published or rated."""
    url: str | None
    other_claim_id: str | None
    """The claim's id in this or the other corpus."""
    score: float
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        """For the JSON of `checked-before` and `suggest`."""
        return {
            "where": str(self.where),
            "their_claim": self.their_claim,
            "other_claim_id": self.other_claim_id,
            "rating": self.rating,
            "verdict": self.verdict,
            "by": self.by,
            "date": self.date,
            "url": self.url,
            "score": self.score,
            "reasons": list(self.reasons),
        }

    def line(self) -> str:
        """'checked before: "..." — rated False by Example Check, on 2022-05-10'."""
        quoted = f'"{self.their_claim}"'
        if self.other_claim_id is not None:
            quoted += f" ({self.other_claim_id})"
        if self.rating is None:
            return f"same claim, not yet rated: {quoted} in {self.by}"
        rating = self.rating
        if self.verdict is not None and self.verdict.casefold() != rating.casefold():
            rating += f" ({self.verdict} on our scale)"
        date = f", on {self.date}" if self.date else ""
        return f"checked before: {quoted} — rated {rating} by {self.by}{date}"
