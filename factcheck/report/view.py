"""What the templated formats show beyond the model's fields: wording shared by md and html."""

from __future__ import annotations

from typing import Any

from factcheck.report.model import (
    DISPUTED_COLOUR,
    PENDING_COLOUR,
    ClaimEntry,
    EvidenceEntry,
    Report,
    ReviewEntry,
    ScaleEntry,
    Status,
)

STANCE_ORDER = (
    ("contradicts", "Contradicts"),
    ("supports", "Supports"),
    ("context", "Context"),
)


CITED_HEADING = "Cited for the verdict"
"""The heading of the quotes the published verdict rests on, shown before the others."""


def cited_text(item: EvidenceEntry) -> str:
    """What a cited quote's caption adds: that the verdict cites it, and which way it points
    (its stance heading is not above it): 'cited · contradicts the claim'."""
    return f"cited · {item.stance} the claim" if item.stance != "context" else "cited · context"


_STATUS_VALUES = frozenset(status.value for status in Status)


def status_text(status: str) -> str:
    """A status as a reader sees it in md and html: 'Disputed', 'Pending'. JSON and CSV keep
    the lower-case value, a machine's field."""
    return status.capitalize()


class ReportView:
    def __init__(self, report: Report) -> None:
        self.report = report
        # Report.scale_entry searches the scale; here every claim asks, so look up by label.
        self.colours = {entry.label.casefold(): entry.colour for entry in report.scale}

    def label_colour(self, label: str | None) -> str:
        """The scale's colour of a verdict label; grey for a label not on the scale."""
        return self.colours.get(label.casefold(), PENDING_COLOUR) if label else PENDING_COLOUR

    def verdict_text(self, claim: ClaimEntry) -> str:
        resolved = claim.resolved
        if resolved.status.has_verdict:
            text = resolved.verdict or ""
        else:
            text = status_text(resolved.status.value)
        return f"{text} (stale)" if resolved.stale else text

    def verdict_colour(self, claim: ClaimEntry) -> str:
        resolved = claim.resolved
        if resolved.status is Status.DISPUTED:
            return DISPUTED_COLOUR
        return self.label_colour(resolved.verdict)

    def signoff_text(self, claim: ClaimEntry) -> str:
        """Who reviewed the claim and who signed the verdict off, in one line; empty when
        nobody has given a verdict yet."""
        resolved = claim.resolved
        parts = []
        if resolved.reviewers:
            parts.append("reviewed by " + ", ".join(resolved.reviewers))
        if resolved.signed_off_by is not None:
            signed = f"signed off by {resolved.signed_off_by} (editor)"
            if resolved.stale:
                signed += ", stale: the claim or its evidence changed after the sign-off"
            parts.append(signed)
        text = "; ".join(parts)
        return text[:1].upper() + text[1:]

    def disputed_text(self, claim: ClaimEntry) -> str:
        """Each reviewer's verdict on a disputed claim ('Ana: False; Ben: Half true'); empty
        for a claim that is not disputed."""
        if claim.resolved.status is not Status.DISPUTED:
            return ""
        return "; ".join(
            f"{r.reviewer}: {r.verdict}"
            for r in claim.reviews
            if r.verdict is not None and not r.editor
        )

    def status_rows(self) -> list[tuple[str, int]]:
        """The claims of the report by where they stand, for the summary."""
        counts = self.report.statuses
        chosen = self.report.filters.reviewer
        return [
            ("Final: signed off by an editor", counts.final),
            (f"Rated by {chosen}" if chosen else "Agreed by the reviewers", counts.rated),
            ("Disputed: the reviewers differ", counts.disputed),
            ("Pending: no verdict yet", counts.pending),
        ]

    def shown_reviews(self, claim: ClaimEntry) -> list[ReviewEntry]:
        """The reviews a reader sees: the chosen reviewer's, or everyone's."""
        chosen = self.report.filters.reviewer
        if chosen is None:
            return claim.reviews
        return [review for review in claim.reviews if review.reviewer == chosen]

    def evidence_groups(self, claim: ClaimEntry) -> list[tuple[str, list[EvidenceEntry]]]:
        """The quotes the verdict cites first, right under it, in the order cited; then the
        rest by stance, against first: that is what a fact check turns on."""
        groups: list[tuple[str, list[EvidenceEntry]]] = []
        cited = [item for item in claim.evidence if item.cited]
        if cited:
            groups.append((CITED_HEADING, cited))
        for stance, heading in STANCE_ORDER:
            items = [item for item in claim.evidence if item.stance == stance and not item.cited]
            if items:
                groups.append((heading, items))
        return groups

    def filters_text(self) -> str:
        filters = self.report.filters
        parts = []
        if filters.reviewer:
            parts.append(f"verdicts of {filters.reviewer}")
        if filters.rated_only:
            parts.append("rated claims only")
        if filters.tags:
            parts.append("tagged " + ", ".join(filters.tags))
        if filters.verdicts:
            parts.append("verdicts " + ", ".join(filters.verdicts))
        return "; ".join(parts)

    def scale_text(self) -> str:
        """The keys of the review app and the published numeric scale in words: fact-check
        markup rules ask a report to document the scale, and the two number the verdicts
        differently (key 1 rates True, which is published as 6 on the default scale)."""
        report = self.report
        entries = sorted(report.scale, key=lambda e: e.key)
        keys = ", ".join(f"key {e.key} rates {e.label}" for e in entries)
        text = f"In the review app, {keys}."
        best, worst = report.best_position, report.worst_position
        if best is None or worst is None:
            return text + " No verdict of this scale has a numeric rating."
        by_position = {e.position: e.label for e in report.scale if e.position is not None}
        text += (
            f" Verdicts are published with a numeric rating from {worst} ({by_position[worst]}) "
            f"to {best} ({by_position[best]}); higher is truer."
        )
        off_scale = [e.label for e in report.scale if e.position is None]
        if off_scale:
            text += f" {', '.join(off_scale)}: no numeric rating."
        differing = [e for e in entries if e.position is not None and e.position != e.key]
        if differing:
            example = max(differing, key=lambda e: e.position or 0)
            text += (
                f" A verdict's key is not its rating: {example.label} is key {example.key} "
                f"and rating {example.position}."
            )
        return text

    def key_text(self, entry: ScaleEntry) -> str:
        return f"key {entry.key}"

    def rating_text(self, entry: ScaleEntry) -> str:
        """A verdict's published rating with the scale it is on: '6 of 6', never a bare 6."""
        best, worst = self.report.best_position, self.report.worst_position
        if entry.position is None or best is None:
            return "none: off the numeric scale"
        if worst == 1:
            return f"{entry.position} of {best}"
        return f"{entry.position} on {worst} to {best}"

    def count_label(self, verdict: str) -> str:
        """A row of the verdict counts: a label of the scale as written, a status as the
        claims show it ('Disputed', not 'disputed')."""
        if verdict in _STATUS_VALUES and self.report.scale_entry(verdict) is None:
            return status_text(verdict)
        return verdict

    def template_context(self) -> dict[str, Any]:
        """What both the Markdown and the HTML template are given; each adds its own fragments."""
        return {
            "report": self.report,
            "filters_text": self.filters_text(),
            "scale_text": self.scale_text(),
            "key_text": self.key_text,
            "rating_text": self.rating_text,
            "count_label": self.count_label,
            "status_rows": self.status_rows(),
            "verdict_text": self.verdict_text,
            "signoff_text": self.signoff_text,
            "disputed_text": self.disputed_text,
            "shown_reviews": self.shown_reviews,
            "evidence_groups": self.evidence_groups,
        }
