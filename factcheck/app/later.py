"""What the app leaves until a moment after its first screen: background work that the first
screen does not need (the search keys, the 'checked before' matching, the figure conflicts).
Started at once, it shared the GIL with the first keys pressed, and the first `j` took 200 ms at
10,000 claims instead of 50."""

from __future__ import annotations

AFTER_FIRST_SCREEN_SECONDS = 1.0
"""How long after the claims are shown such work begins."""
