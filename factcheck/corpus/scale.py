"""The verdict scale: the newsroom's verdicts, their keys, colours and numeric positions."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Lean(StrEnum):
    """Which end of the scale a verdict sits near: what the evidence it cites should show."""

    FALSE = "false"
    TRUE = "true"
    NEITHER = "neither"


@dataclass(frozen=True, slots=True)
class Verdict:
    label: str
    key: int
    colour: str
    meaning: str
    position: int | None
    """Place on ClaimReview's numeric scale, higher is truer; None when off the scale."""


@dataclass(frozen=True, slots=True)
class Scale:
    verdicts: tuple[Verdict, ...]

    def __iter__(self) -> Iterator[Verdict]:
        return iter(self.verdicts)

    def __len__(self) -> int:
        return len(self.verdicts)

    def by_key(self, key: int) -> Verdict | None:
        return next((verdict for verdict in self.verdicts if verdict.key == key), None)

    def by_label(self, label: str) -> Verdict | None:
        folded = label.casefold()
        return next((v for v in self.verdicts if v.label.casefold() == folded), None)

    @property
    def best_position(self) -> int | None:
        positions = [v.position for v in self.verdicts if v.position is not None]
        return max(positions) if positions else None

    @property
    def worst_position(self) -> int | None:
        positions = [v.position for v in self.verdicts if v.position is not None]
        return min(positions) if positions else None

    def lean(self, verdict: Verdict) -> Lean:
        """FALSE for a verdict in the third of the scale nearest its false end, TRUE for one in
        the third nearest its true end, NEITHER in between or off the scale. On the default
        scale: False and Mostly false, True and Mostly true; Half true, Misleading and Unproven
        lean neither way. Read from the positions, so a newsroom's own scale works too."""
        best, worst = self.best_position, self.worst_position
        if verdict.position is None or best is None or worst is None or best == worst:
            return Lean.NEITHER
        third = (best - worst) / 3
        if verdict.position <= worst + third:
            return Lean.FALSE
        if verdict.position >= best - third:
            return Lean.TRUE
        return Lean.NEITHER


def _verdicts(rows: Sequence[tuple[str, str, str, int | None]]) -> Scale:
    return Scale(
        tuple(
            Verdict(label, key, colour, meaning, position)
            for key, (label, colour, meaning, position) in enumerate(rows, start=1)
        )
    )


DEFAULT_SCALE = _verdicts(
    [
        ("True", "#1b7f3b", "Accurate, with nothing significant missing.", 6),
        ("Mostly true", "#5a9e2f", "Accurate, but needs clarification or context.", 5),
        ("Half true", "#c9a227", "Partly accurate; leaves out important details.", 4),
        ("Misleading", "#d9822b", "Contains some truth but gives a false impression.", 3),
        ("Mostly false", "#d2552d", "Contains an element of truth but ignores critical facts.", 2),
        ("False", "#b3261e", "Not accurate.", 1),
        ("Unproven", "#6b6f76", "The evidence available cannot settle it either way.", None),
    ]
)
