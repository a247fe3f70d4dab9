"""Notices the other reviewers' files changing on disk (a `git pull`, a merge) and reads them.

A widget with nothing to draw: it owns the poll timer and what the files were like when last
read, and posts `Changed` up with the files read afresh; the screen applies them.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.message import Message
from textual.widget import Widget

from factcheck.reviews.others import ReviewsChanged, Signature, read_changes

POLL_SECONDS = 2.0
"""Often enough that a pull shows within a breath; each poll is one scan of a small folder."""


class ReviewsWatcher(Widget):
    """Polls the (mtime, size) of every review file but the reviewer's own."""

    class Changed(Message):
        """Other reviewers' files changed on disk; `changes` holds them read afresh."""

        def __init__(self, changes: ReviewsChanged) -> None:
            super().__init__()
            self.changes = changes

    class _Polled(Message):
        def __init__(self, changes: ReviewsChanged | None) -> None:
            super().__init__()
            self.changes = changes

    def __init__(
        self,
        root: Path,
        own: str,
        known: dict[str, Signature],
        interval: float = POLL_SECONDS,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.root = root
        self.own = own
        """The reviewer's own file (relative): never read from here."""
        self._known = dict(known)
        self._interval = interval
        self._polling = False

    def on_mount(self) -> None:
        self.set_interval(self._interval, self._poll)

    def _poll(self) -> None:
        if self._polling:
            return  # a slow disk: the last poll is still reading
        self._polling = True
        known = dict(self._known)
        # Run by the app, whose one Worker.StateChanged handler reports failures (the message
        # does not bubble); the poll posts back here even when it fails.
        self.app.run_worker(
            lambda: self._read(known),
            thread=True,
            name="reading the other reviewers' files",
            group="reviews-poll",
            exit_on_error=False,
        )

    def _read(self, known: dict[str, Signature]) -> None:
        """In a thread: reads the disk and posts what it found, nothing else."""
        changes = None
        try:
            changes = read_changes(self.root, self.own, known)
        finally:
            self.post_message(self._Polled(changes))  # even on failure: the poll goes on

    @on(_Polled)
    def _polled(self, message: _Polled) -> None:
        message.stop()
        self._polling = False
        if message.changes is not None:
            # Updated here, before the screen applies the change, so the next poll does not
            # find the same change again.
            self._known = dict(message.changes.signatures)
            self.post_message(self.Changed(message.changes))
