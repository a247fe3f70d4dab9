"""Long work that a person may walk away from: quitting the app while it runs.

The app's background work (figures that disagree, claims checked before) runs in threads, which
cannot be stopped from outside: the process waits for them before it exits. Each loop of that
work asks `stop_if_cancelled` between steps, so a `q` pressed during a cold start quits at once
instead of after the last step (1.1 s in tmux, at 10,000 claims)."""

from __future__ import annotations

import threading


class Cancelled(Exception):
    """The work was cancelled before it ended: nothing it would have kept or returned is."""


def stop_if_cancelled(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled
