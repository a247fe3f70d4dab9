"""The citation lint in `factcheck stats`: per reviewer, how many verdicts cite nothing or
disagree with what they cite, and which claims those are."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from factcheck.corpus.terminal_text import visible
from factcheck.reviews.citations import (
    CITES_NOTHING,
    CITES_UNLINKED,
    CITES_UNVERIFIED,
    CODES,
    FALSE_ON_SUPPORT,
    TRUE_ON_CONTRADICTION,
    CitedReview,
)

_COUNTED_AS = {
    CITES_NOTHING: "cite nothing",
    FALSE_ON_SUPPORT: "lean false on supporting evidence only",
    TRUE_ON_CONTRADICTION: "lean true on contradicting evidence only",
    CITES_UNVERIFIED: "cite a quote that no longer verifies",
    CITES_UNLINKED: "cite a quote that is no longer the claim's evidence",
}

LISTED = 20
"""The most claims listed by name in the text; the JSON and `check --reviews` give them all."""


@dataclass(frozen=True, slots=True)
class CitationStats:
    found: list[CitedReview]
    verified: bool
    """Whether cited quotes were verified (else the 'no longer verifies' count is left out)."""

    def by_reviewer(self) -> dict[str, Counter[str]]:
        counts: dict[str, Counter[str]] = {}
        for cited in self.found:
            counted = counts.setdefault(cited.review.reviewer, Counter())
            counted.update(warning.code for warning in cited.warnings)
        return dict(sorted(counts.items(), key=lambda item: item[0].casefold()))

    def to_dict(self) -> dict[str, Any]:
        return {
            "quotes_verified": self.verified,
            "reviewers": {
                reviewer: {code: counts[code] for code in CODES if counts[code]}
                for reviewer, counts in self.by_reviewer().items()
            },
            "warnings": [
                {
                    "reviewer": cited.review.reviewer,
                    "claim": cited.review.claim_id,
                    "verdict": cited.review.verdict,
                    "code": warning.code,
                    "quote": warning.quote_id,
                    "message": warning.message,
                    "file": cited.file.relative,
                }
                for cited in self.found
                for warning in cited.warnings
            ],
        }


def render_citation_stats(stats: CitationStats) -> str:
    """The section of `factcheck stats` on verdicts and the evidence they cite."""
    lines = ["Verdicts and the evidence they cite:"]
    counts = stats.by_reviewer()
    if not counts:
        lines.append("  every verdict cites evidence, and none disagrees with what it cites.")
    for reviewer, counted in counts.items():
        said = ", ".join(f"{counted[code]} {_COUNTED_AS[code]}" for code in CODES if counted[code])
        lines.append(f"  {visible(reviewer)}: {said}")
    if not stats.verified:
        lines.append("  (quotes not verified: cited quotes that no longer verify are not counted)")
    disagreeing = [
        (cited, warning)
        for cited in stats.found
        for warning in cited.warnings
        if warning.code != CITES_NOTHING
    ]
    if disagreeing:
        lines.append(f"Verdicts at odds with what they cite ({len(disagreeing)}):")
        for cited, warning in disagreeing[:LISTED]:
            review = cited.review
            lines.append(
                f"  {visible(review.claim_id)} ({visible(review.reviewer)}, "
                f"{visible(review.verdict or '')}): {visible(warning.message)}"
            )
        if len(disagreeing) > LISTED:
            lines.append(f"  and {len(disagreeing) - LISTED} more")
    if counts:
        lines.append("`factcheck check --reviews` gives each one's place in the review files.")
    return "\n".join(lines) + "\n"
