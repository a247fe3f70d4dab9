"""Active time per claim: how long a reviewer worked on each claim, for `stats`.

The clock runs for the claim on screen while the app has the terminal's focus and is not
suspended, and stops when no key has been pressed for `IDLE_SECONDS`: a reviewer who walks away
from an open claim is not counted working on it. A gap between two keys counts in full up to
that cut-off, and as the cut-off past it (reading a long source is work; lunch is not).

Seconds gather here in memory and reach the review file (`seconds:` of the claim's review)
through the session: with the rating or note that is written anyway, when the reviewer leaves a
claim after a while on it, now and then for the claim on screen, and on exit. Never a write per
second.
"""

from __future__ import annotations

import time
from collections.abc import Callable

IDLE_SECONDS = 120.0
"""No key for this long stops the clock."""

Clock = Callable[[], float]
"""Seconds from some fixed point, as `time.monotonic` gives them; tests pass their own."""


def monotonic() -> float:
    """The clock an `ActiveClock` reads unless given one. The tests' conftest.py stops it, so
    that no test's review file gains `seconds:` from how fast the machine runs it."""
    return time.monotonic()


class ActiveClock:
    """Counts active seconds per claim id; nothing is written here."""

    def __init__(self, clock: Clock | None = None, idle_seconds: float = IDLE_SECONDS) -> None:
        self._clock = clock if clock is not None else monotonic
        self.idle_seconds = idle_seconds
        self.claim_id: str | None = None
        """The claim the clock runs for (the one on screen)."""
        self._since: float | None = None
        """When the time up to now was last counted; None while the clock is stopped."""
        self._last_activity = 0.0
        """When a key was last pressed: the clock counts no further than `idle_seconds` past
        it, however often the time is counted (the app counts it every minute to save it)."""
        self._pending: dict[str, float] = {}
        """Seconds counted and not yet written, by claim id."""

    @property
    def running(self) -> bool:
        return self._since is not None

    def _count(self) -> None:
        if self._since is None:
            return
        now = self._clock()
        idle_from = self._last_activity + self.idle_seconds
        until = min(now, idle_from)
        if self.claim_id is not None and until > self._since:
            self._pending[self.claim_id] = self._pending.get(self.claim_id, 0.0) + (
                until - self._since
            )
        # Past the cut-off the clock stops: the next key starts it again.
        self._since = now if now < idle_from else None

    def show(self, claim_id: str | None) -> None:
        """The claim on screen is now `claim_id` (None: none)."""
        self._count()
        self.claim_id = claim_id

    def activity(self) -> None:
        """A key was pressed (or the mouse used): the clock runs, or starts again."""
        self._count()
        self._last_activity = self._clock()
        if self._since is None:
            self._since = self._last_activity

    def stop(self) -> None:
        """The app lost the focus, or was suspended: the time until now counts, no more."""
        self._count()
        self._since = None

    def pending(self, claim_id: str) -> float:
        """Seconds counted for `claim_id` and not taken yet."""
        self._count()
        return self._pending.get(claim_id, 0.0)

    def pending_claims(self) -> list[str]:
        self._count()
        return [claim_id for claim_id, seconds in self._pending.items() if seconds >= 0.5]

    def take(self, claim_id: str) -> int:
        """The whole seconds counted for `claim_id`, taken away to be written; the fraction
        left stays for next time."""
        self._count()
        whole = int(self._pending.get(claim_id, 0.0) + 0.5)
        if whole:
            self._pending[claim_id] -= whole
            if self._pending[claim_id] <= 0:
                del self._pending[claim_id]
        return whole

    def give_back(self, claim_id: str, seconds: int) -> None:
        """`seconds` taken by `take` could not be written: they wait for the next write."""
        self._pending[claim_id] = self._pending.get(claim_id, 0.0) + seconds


def format_seconds(seconds: float) -> str:
    """'45 s', '12 min', '1 h 05 min': how long, at a glance."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"
