"""Time spent and throughput, for `factcheck stats`: active time per reviewer and per claim (the
`seconds:` of each review, see reviews/time_spent.py), and ratings per day per reviewer."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

from factcheck.corpus.model import Corpus
from factcheck.corpus.terminal_text import visible
from factcheck.reviews.store import ReviewFile
from factcheck.reviews.time_spent import IDLE_SECONDS, format_seconds

LONGEST_SHOWN = 10
"""Claims listed in the text, most time first; json lists them all."""
DAYS_SHOWN = 14
"""Days of throughput in the text, latest last; json lists them all."""


@dataclass(frozen=True, slots=True)
class ReviewerTime:
    reviewer: str
    seconds: int
    claims: int
    """Claims with time counted."""
    rated: int
    """Of those, claims the reviewer gave a verdict."""

    @property
    def per_claim(self) -> float | None:
        return self.seconds / self.claims if self.claims else None


@dataclass(frozen=True, slots=True)
class ClaimTime:
    claim_id: str
    seconds: int
    by_reviewer: dict[str, int]


@dataclass(slots=True)
class TimeReport:
    reviewers: list[ReviewerTime] = field(default_factory=list)
    claims: list[ClaimTime] = field(default_factory=list)
    """Claims with time counted, most first."""
    ratings_per_day: dict[str, dict[str, int]] = field(default_factory=dict)
    """Day (YYYY-MM-DD, UTC) -> reviewer -> verdicts given that day, days in order. A verdict
    changed later counts on the day of its last change."""

    def to_dict(self) -> dict[str, object]:
        return {
            "idle_cutoff_seconds": IDLE_SECONDS,
            "reviewers": [
                {**asdict(row), "per_claim_seconds": row.per_claim} for row in self.reviewers
            ],
            "claims": [asdict(row) for row in self.claims],
            "ratings_per_day": self.ratings_per_day,
        }


def measure_time(corpus: Corpus, files: list[ReviewFile]) -> TimeReport:
    """Over the readable `files`; reviews of claims no longer in the corpus are left out."""
    report = TimeReport()
    by_claim: dict[str, dict[str, int]] = {}
    days: dict[str, Counter[str]] = {}
    for review_file in sorted(files, key=lambda f: f.reviewer.casefold()):
        if review_file.unreadable is not None:
            continue
        seconds = claims = rated = 0
        for claim_id, review in review_file.reviews.items():
            if claim_id not in corpus.claims_by_id:
                continue
            if review.verdict is not None:
                day = (review.rated or review.time)[:10]
                days.setdefault(day, Counter())[review_file.reviewer] += 1
            if review.seconds:
                seconds += review.seconds
                claims += 1
                rated += review.verdict is not None
                by_claim.setdefault(claim_id, {})[review_file.reviewer] = review.seconds
        if seconds or any(review_file.reviewer in counts for counts in days.values()):
            report.reviewers.append(ReviewerTime(review_file.reviewer, seconds, claims, rated))
    report.claims = sorted(
        (ClaimTime(claim_id, sum(spent.values()), spent) for claim_id, spent in by_claim.items()),
        key=lambda row: (-row.seconds, row.claim_id),
    )
    report.ratings_per_day = {day: dict(sorted(days[day].items())) for day in sorted(days)}
    return report


def render_time(report: TimeReport) -> str:
    """The tables for a terminal; names and ids are made visible before padding."""
    if not report.reviewers:
        return ""
    width = max(8, *(len(visible(row.reviewer)) for row in report.reviewers))
    lines = [
        f"Time spent (active: the claim on screen, the clock stopped after "
        f"{IDLE_SECONDS / 60:g} min without a key):",
        f"{'reviewer':<{width}}  {'time':>12}  {'claims':>6}  {'per claim':>10}",
    ]
    for row in report.reviewers:
        per_claim = format_seconds(row.per_claim) if row.per_claim is not None else "-"
        lines.append(
            f"{visible(row.reviewer):<{width}}  {format_seconds(row.seconds):>12}  "
            f"{row.claims:>6}  {per_claim:>10}"
        )
    if report.claims:
        shown = report.claims[:LONGEST_SHOWN]
        lines += ["", f"Most time, of {len(report.claims):,} claims with time counted:"]
        id_width = max(len(visible(row.claim_id)) for row in shown)
        for row in shown:
            who = ", ".join(
                f"{visible(name)} {format_seconds(spent)}"
                for name, spent in row.by_reviewer.items()
            )
            lines.append(
                f"  {visible(row.claim_id):<{id_width}}  {format_seconds(row.seconds):>12}  ({who})"
            )
    if report.ratings_per_day:
        lines += ["", *_throughput(report)]
    return "\n".join(lines) + "\n"


def _throughput(report: TimeReport) -> list[str]:
    names = sorted({n for day in report.ratings_per_day.values() for n in day}, key=str.casefold)
    days = list(report.ratings_per_day)
    shown = days[-DAYS_SHOWN:]
    columns = [max(6, len(visible(name))) for name in names]
    lines = ["Ratings per day (UTC, by the day of each verdict's last change):"]
    lines.append(
        f"  {'day':<10}  "
        + "  ".join(f"{visible(n):>{w}}" for n, w in zip(names, columns, strict=True))
    )
    for day in shown:
        counts = report.ratings_per_day[day]
        lines.append(
            f"  {visible(day):<10}  "
            + "  ".join(f"{counts.get(n, 0):>{w}}" for n, w in zip(names, columns, strict=True))
        )
    if len(days) > len(shown):
        lines.append(f"  ({len(days) - len(shown)} earlier days: --format json lists them)")
    return lines
