"""The other reviewers' files, read and never written, and what changed in them on disk.

Plain Python, no Textual. The reviewer's own file is left out everywhere here: the store owns it
(and merges other writers' changes into it on write), so this module never reads it in.

Changes are found by polling each file's (mtime, size) rather than by inotify or FSEvents: a
scan of a folder of a few files costs microseconds, works the same on every system and on
network and synced folders where change events are unreliable, needs no extra dependency, and
sees what `git pull`, a merge or a checkout does (they replace or rewrite the file).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.corpus.yamlio import ParseCache
from factcheck.reviews import Review, ReviewFile, read_review_file
from factcheck.reviews.store import REVIEWS_FOLDER

Signature = tuple[int, int]
"""(mtime in ns, size) of a file: a change to either means read it again."""


def scan_review_files(root: Path, own: str) -> dict[str, Signature]:
    """The signature of every review file but `own` (relative path): the files that
    `factcheck.reviews.store.review_files` lists."""
    found: dict[str, Signature] = {}
    try:
        entries = os.scandir(root / REVIEWS_FOLDER)
    except OSError:
        return found
    with entries:
        for entry in entries:
            name = entry.name
            if name.startswith(".") or not name.endswith((".yaml", ".yml")):
                continue
            relative = f"{REVIEWS_FOLDER}/{name}"
            if relative == own:
                continue
            try:
                stat = entry.stat()
            except OSError:
                continue  # removed between the listing and the stat: gone
            found[relative] = (stat.st_mtime_ns, stat.st_size)
    return found


@dataclass(frozen=True, slots=True)
class ReviewsChanged:
    """What changed in the other reviewers' files since the signatures the poll started from."""

    signatures: dict[str, Signature]
    """The folder as scanned now, before the changed files were read: a file written again
    meanwhile shows a newer signature on the next poll and is read once more."""
    files: dict[str, ReviewFile]
    """The files that are new or changed, read afresh."""
    removed: list[str]

    @property
    def reviewers(self) -> list[str]:
        return sorted({f.reviewer for f in self.files.values()})


def read_changes(root: Path, own: str, known: Mapping[str, Signature]) -> ReviewsChanged | None:
    """Read the other reviewers' files whose signature differs from `known`; None when nothing
    changed. Touches nothing but the disk, so it may run in a thread."""
    now = scan_review_files(root, own)
    if now == known:
        return None
    files = {
        relative: read_review_file(root, relative)
        for relative, signature in now.items()
        if known.get(relative) != signature
    }
    removed = sorted(relative for relative in known if relative not in now)
    return ReviewsChanged(now, files, removed)


@dataclass(slots=True)
class OtherReviews:
    """Every review file in the corpus but the reviewer's own, by relative path."""

    root: Path
    own: str
    """The reviewer's own file (relative path): never read here."""
    files: dict[str, ReviewFile] = field(default_factory=dict)
    signatures: dict[str, Signature] = field(default_factory=dict)
    """What the files were like when last read; the poll compares against this."""

    @classmethod
    def load(cls, root: Path, own: str, *, cache_dir: Path | None) -> OtherReviews:
        # Scanned before reading, so a file changed while it is read is read again later.
        signatures = scan_review_files(root, own)
        cache = ParseCache(root, cache_dir, kind="reviews")
        files = {relative: read_review_file(root, relative, cache=cache) for relative in signatures}
        cache.save()
        return cls(root, own, files, signatures)

    def apply(self, changes: ReviewsChanged) -> None:
        for relative in changes.removed:
            self.files.pop(relative, None)
        for relative, new in changes.files.items():
            old = self.files.get(relative)
            if new.unreadable is not None and old is not None and old.unreadable is None:
                # Caught half-written or broken by a merge: keep what it said until it reads
                # again, and say why it is not current.
                new = ReviewFile(relative, old.reviewer, old.reviews, new.problems, new.unreadable)
            self.files[relative] = new
        self.signatures = dict(changes.signatures)

    def on(self, claim_id: str) -> Iterable[tuple[ReviewFile, Review]]:
        for review_file in self.files.values():
            review = review_file.reviews.get(claim_id)
            if review is not None and not review.time_only:  # looked at, said nothing yet
                yield review_file, review

    @property
    def unreadable(self) -> list[ReviewFile]:
        return [f for f in self.files.values() if f.unreadable is not None]
