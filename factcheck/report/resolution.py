"""From the reviews of a claim to the one verdict a report publishes, and how far reviewers agree.

The order of authority: a reviewer chosen for the report (`--reviewer`), then an editor's final
verdict, then the reviewers' verdict when they all give the same one; otherwise the claim is
disputed (reviewers differ) or pending (no verdict yet). Editors settle disputes, so their
reviews are not counted among the independent reviewers, here as in `factcheck stats`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from pydantic import ConfigDict

# Field docstrings become descriptions in the generated JSON Schema.
SCHEMA_CONFIG = ConfigDict(use_attribute_docstrings=True)


class Status(StrEnum):
    """Where a claim stands once its reviews are combined."""

    FINAL = "final"
    """An editor's verdict, signed off: published whatever the other reviewers said."""
    RATED = "rated"
    """One verdict without an editor's: the chosen reviewer's, or the one every reviewer gave."""
    DISPUTED = "disputed"
    """Reviewers gave different verdicts, no editor signed off and no reviewer was chosen."""
    PENDING = "pending"
    """No verdict yet."""

    @property
    def has_verdict(self) -> bool:
        return self is Status.FINAL or self is Status.RATED


class Agreement(StrEnum):
    """How far the reviewers of a claim agree (editors left out: they settle, not vote)."""

    NONE = "none"
    """No reviewer has given a verdict."""
    SINGLE = "single"
    """Only one reviewer has given a verdict."""
    UNANIMOUS = "unanimous"
    """Several reviewers, one verdict."""
    SPLIT = "split"
    """Several reviewers, different verdicts."""


@dataclass(slots=True)
class ReviewEntry:
    """One reviewer's verdict and rationale on a claim."""

    __pydantic_config__ = SCHEMA_CONFIG
    reviewer: str
    verdict: str | None
    """A label of the scale; null for a note written before any rating."""
    note: str
    """The reviewer's rationale."""
    time: str
    """When the review was last changed, ISO 8601 in UTC."""
    stale: bool
    """The claim or its evidence changed after this review was made."""
    editor: bool = False
    """The reviewer is an editor (factcheck.yaml's `editors`, or named for this export): their
    verdict is final, and it is not counted among the reviewers' for agreement."""
    cites: list[str] = field(default_factory=list)
    """The ids of the quotes this reviewer's verdict rests on, in the order they were cited."""


@dataclass(slots=True)
class Resolution:
    """The verdict the report publishes for a claim, and what it rests on."""

    __pydantic_config__ = SCHEMA_CONFIG
    status: Status
    verdict: str | None
    """The verdict the report publishes; null when pending or disputed."""
    rationale: str
    """The published verdict's rationale: the editor's note for a final verdict, the chosen
    reviewer's note, or every agreeing reviewer's note under their name."""
    reviewers: list[str]
    """Who reviewed: the reviewers (editors aside) whose verdicts were weighed. For a final
    verdict, everyone who gave a verdict before the editor signed off."""
    stale: bool
    """The verdict rests on a stale review: for a final verdict, the editor's own review."""
    time: str | None
    """When the latest review the published verdict rests on was made (the sign-off, for a
    final verdict)."""
    signed_off_by: str | None = None
    """The editor whose final verdict this is; null when no editor signed off."""
    cites: list[str] = field(default_factory=list)
    """The ids of the quotes the published verdict rests on: those the signing editor cited, or
    those any agreeing reviewer cited (the first reviewer's first); empty with no verdict."""


def agreement(reviews: Sequence[ReviewEntry]) -> Agreement:
    given = [r.verdict for r in reviews if r.verdict is not None and not r.editor]
    if not given:
        return Agreement.NONE
    if len(given) == 1:
        return Agreement.SINGLE
    return Agreement.UNANIMOUS if len(set(given)) == 1 else Agreement.SPLIT


def resolve(reviews: Sequence[ReviewEntry], reviewer: str | None) -> Resolution:
    """The verdict to publish from `reviews` of one claim; `reviewer` publishes theirs alone."""
    if reviewer is not None:
        chosen = [r for r in reviews if r.reviewer == reviewer]
        if not any(r.verdict is not None for r in chosen):
            return _pending()
        return _agreed(chosen)
    rated = [r for r in reviews if r.verdict is not None and not r.editor]
    final = _latest_editor_verdict(reviews)
    if final is not None:
        return Resolution(
            Status.FINAL,
            final.verdict,
            final.note.strip(),
            [r.reviewer for r in rated],
            final.stale,
            final.time,
            final.reviewer,
            list(final.cites),
        )
    if not rated:
        return _pending()
    if len({r.verdict for r in rated}) > 1:
        return Resolution(
            Status.DISPUTED, None, "", [r.reviewer for r in rated], _stale(rated), None
        )
    return _agreed(rated)


def _latest_editor_verdict(reviews: Sequence[ReviewEntry]) -> ReviewEntry | None:
    """The editor's verdict to publish. Should two editors have signed off, the later sign-off
    stands: an editor revisiting a claim means to replace the earlier decision."""
    signed = [r for r in reviews if r.editor and r.verdict is not None]
    return max(signed, key=lambda r: r.time) if signed else None


def _stale(reviews: Sequence[ReviewEntry]) -> bool:
    return any(review.stale for review in reviews)


def _pending() -> Resolution:
    return Resolution(Status.PENDING, None, "", [], False, None)


def _agreed(reviews: Sequence[ReviewEntry]) -> Resolution:
    noted = [r for r in reviews if r.note.strip()]
    if len(noted) == 1:
        rationale = noted[0].note.strip()
    else:
        # Several agreeing reviewers: keep every rationale, each under its author's name.
        rationale = "\n\n".join(f"{r.reviewer}: {r.note.strip()}" for r in noted)
    return Resolution(
        Status.RATED,
        reviews[0].verdict,
        rationale,
        [r.reviewer for r in reviews],
        _stale(reviews),
        max(r.time for r in reviews),
        cites=list(dict.fromkeys(quote_id for r in reviews for quote_id in r.cites)),
    )
