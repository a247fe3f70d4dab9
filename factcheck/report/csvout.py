"""The CSV export: one row per claim and reviewer, for spreadsheets.

Every row of a claim carries its published verdict, its status (final, rated, disputed,
pending) and the editor who signed it off, so a sheet can be filtered on any of them.

A claim nobody reviewed still gets one row (reviewer empty), so every claim is in the sheet.
The text starts with a byte order mark: without it, spreadsheet programs read UTF-8 as a legacy
code page and mangle every typographic quote in the corpus.
"""

from __future__ import annotations

import csv
import io

from factcheck.report.escaping import spreadsheet_cell
from factcheck.report.model import ClaimEntry, Report, ReviewEntry

COLUMNS = (
    "claim_id",
    "claim",
    "kind",
    "claimant",
    "role",
    "claim_date",
    "venue",
    "reported_by",
    "source_title",
    "source_url",
    "tags",
    "reviewer",
    "verdict",
    "rationale",
    "reviewed",
    "stale",
    "published_verdict",
    "status",
    "signed_off_by",
    "agreement",
    "contradicts",
    "supports",
    "context",
    "url",
)


def render_csv(report: Report) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line ends
    writer.writerow(COLUMNS)
    chosen = report.filters.reviewer
    for claim in report.claims:
        reviews = [r for r in claim.reviews if chosen is None or r.reviewer == chosen]
        for review in reviews or [None]:
            writer.writerow([spreadsheet_cell(value) for value in _row(claim, review)])
    return buffer.getvalue()


def _row(claim: ClaimEntry, review: ReviewEntry | None) -> list[object]:
    source = claim.source
    stances = [item.stance for item in claim.evidence]
    resolved = claim.resolved
    return [
        claim.id,
        claim.text,
        claim.kind,
        claim.claimant,
        claim.role,
        claim.date,
        claim.venue,
        source.outlet if source else None,
        source.title if source else None,
        source.url if source else None,
        "; ".join(claim.tags),
        review.reviewer if review else None,
        review.verdict if review else None,
        review.note if review else None,
        review.time if review else None,
        ("yes" if review.stale else "no") if review else None,
        resolved.verdict,
        resolved.status.value,
        resolved.signed_off_by,
        claim.agreement.value,
        stances.count("contradicts"),
        stances.count("supports"),
        stances.count("context"),
        claim.url,
    ]
