"""The CSV export: one row per claim and reviewer, for spreadsheets.

Every row of a claim carries its published verdict, its status (final, rated, disputed,
pending) and the editor who signed it off, so a sheet can be filtered on any of them, and the
figures that disagree between sources in the passages its evidence cites.

A claim nobody reviewed still gets one row (reviewer empty), so every claim is in the sheet.
The text starts with a byte order mark: without it, spreadsheet programs read UTF-8 as a legacy
code page and mangle every typographic quote in the corpus.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

from factcheck.corpus.conflicts import counted_phrase
from factcheck.report.escaping import spreadsheet_cell
from factcheck.report.model import ClaimEntry, Report, ReviewEntry, SourceRef
from factcheck.report.streaming import chunked

Cell = Callable[[ClaimEntry, ReviewEntry | None], object]


def _review(read: Callable[[ReviewEntry], object]) -> Cell:
    """A column of the row's review: empty on the row of a claim nobody reviewed."""
    return lambda claim, review: read(review) if review is not None else None


def _source(read: Callable[[SourceRef], object]) -> Cell:
    """A column of the source that reports the claim: empty when it names none."""
    return lambda claim, review: read(claim.source) if claim.source is not None else None


def _stance_count(stance: str) -> Cell:
    return lambda claim, review: sum(1 for item in claim.evidence if item.stance == stance)


def _disagreements(claim: ClaimEntry, review: ReviewEntry | None) -> str:
    """Each disagreement between sources that the claim's evidence cites a passage of, once
    (two of its quotes may cite both sides of one): 'people killed, military hospital, Kabul,
    November 2021: “Nineteen” (afp-2021-11) against “at least 20” (rferl-2022-05)'."""
    found: dict[tuple[str, ...], str] = {}
    for item in claim.evidence:
        for conflict in item.conflicts:
            first, second = sorted(
                (side.source.id, side.figure) for side in (conflict.this, conflict.other)
            )
            what = f"{counted_phrase(conflict)}, {conflict.event}"
            found.setdefault(
                (what, *first, *second),
                f"{what}: “{first[1]}” ({first[0]}) against “{second[1]}” ({second[0]})",
            )
    return "; ".join(found.values())


_COLUMNS: tuple[tuple[str, Cell], ...] = (
    ("claim_id", lambda claim, review: claim.id),
    ("claim", lambda claim, review: claim.text),
    ("kind", lambda claim, review: claim.kind),
    ("claimant", lambda claim, review: claim.claimant),
    ("role", lambda claim, review: claim.role),
    ("claim_date", lambda claim, review: claim.date),
    ("venue", lambda claim, review: claim.venue),
    ("reported_by", _source(lambda source: source.outlet)),
    ("source_title", _source(lambda source: source.title)),
    ("source_url", _source(lambda source: source.url)),
    ("tags", lambda claim, review: "; ".join(claim.tags)),
    ("reviewer", _review(lambda review: review.reviewer)),
    ("verdict", _review(lambda review: review.verdict)),
    ("rationale", _review(lambda review: review.note)),
    ("cites", _review(lambda review: "; ".join(review.cites))),
    ("reviewed", _review(lambda review: review.time)),
    ("stale", _review(lambda review: "yes" if review.stale else "no")),
    ("published_verdict", lambda claim, review: claim.resolved.verdict),
    ("status", lambda claim, review: claim.resolved.status.value),
    ("signed_off_by", lambda claim, review: claim.resolved.signed_off_by),
    ("agreement", lambda claim, review: claim.agreement.value),
    ("contradicts", _stance_count("contradicts")),
    ("supports", _stance_count("supports")),
    ("context", _stance_count("context")),
    ("figures_disagree", _disagreements),
    ("url", lambda claim, review: claim.url),
)
"""Each column once: its header and how a row's cell is read from the claim and the review."""

COLUMNS = tuple(name for name, _ in _COLUMNS)
_CELLS = tuple(cell for _, cell in _COLUMNS)


def stream_csv(report: Report) -> Iterator[str]:
    """The sheet, in chunks of rows (see factcheck.report.streaming)."""
    return chunked(_rows(report))


def _rows(report: Report) -> Iterator[str]:
    """The byte order mark and the header, then each claim's rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180 line ends
    yield "\ufeff"
    writer.writerow(COLUMNS)
    chosen = report.filters.reviewer
    for claim in report.claims:
        reviews = [r for r in claim.reviews if chosen is None or r.reviewer == chosen]
        for review in reviews or [None]:
            writer.writerow([spreadsheet_cell(cell(claim, review)) for cell in _CELLS])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
