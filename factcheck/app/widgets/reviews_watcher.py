"""Notices review files changing on disk and reads them: the other reviewers' (a `git pull`, a
merge) and the reviewer's own, when another process writes it (a second window on the same
reviewer).

A widget with nothing to draw: it owns the poll and what the others' files were like when last
read, and posts `Changed` and `OwnChanged` up with the files read afresh; the screen applies them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from factcheck.app.widgets.disk_poller import DiskPoller
from factcheck.reviews.others import ReviewsChanged, Signature, read_changes
from factcheck.reviews.store import OwnFileChange, ReviewStore

POLL_SECONDS = 2.0
"""Often enough that a pull shows within a breath; each poll is one scan of a small folder and
one stat of the reviewer's own file."""


@dataclass(frozen=True, slots=True)
class ReviewFilesChanged:
    others: ReviewsChanged | None
    own: OwnFileChange | None


class ReviewsWatcher(DiskPoller[ReviewFilesChanged]):
    """Polls the (mtime, size) of every review file but the reviewer's own, and the own file's
    state against what its store last wrote or read."""

    class Changed(Message):
        """Other reviewers' files changed on disk; `changes` holds them read afresh."""

        def __init__(self, changes: ReviewsChanged) -> None:
            super().__init__()
            self.changes = changes

    class OwnChanged(Message):
        """Another process changed the reviewer's own file; `change` holds it read afresh."""

        def __init__(self, change: OwnFileChange) -> None:
            super().__init__()
            self.change = change

    def __init__(
        self,
        root: Path,
        own: str,
        known: dict[str, Signature],
        interval: float,
        *,
        store: ReviewStore | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(interval, name="reading the reviewers' files", group="reviews-poll", id=id)
        self.root = root
        self.own = own
        """The reviewer's own file (relative): never read with the others."""
        self.store = store
        """The reviewer's own file, open for writing; None watches only the others."""
        self._known = dict(known)
        """Replaced, never changed in place, and only while no look runs."""

    def look(self) -> ReviewFilesChanged | None:
        others = read_changes(self.root, self.own, self._known)
        own = self.store.read_changes_on_disk() if self.store is not None else None
        return ReviewFilesChanged(others, own) if others or own else None

    def found(self, found: ReviewFilesChanged) -> None:
        if found.others is not None:
            # Updated here, before the screen applies the change, so the next poll does not
            # find the same change again.
            self._known = dict(found.others.signatures)
            self.post_message(self.Changed(found.others))
        if found.own is not None:
            self.post_message(self.OwnChanged(found.own))
