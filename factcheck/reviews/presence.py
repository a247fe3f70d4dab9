"""Who else has this reviewer's file open: one marker file per running app.

Two windows on the same reviewer lose nothing (the store merges each other's writes), but each
shows its own ratings until it notices the other's, so the second one opened is warned.

The markers live in factcheck's cache folder (`open/<corpus>.<reviewer>.<host>.<pid>.json`), not
in the corpus beside the review lock: opening a corpus to read it must not create `reviews/` in
it (or fail on a read-only copy), and a marker there would show in `git status` of every corpus
whose .gitignore lacks the lock's line. Two windows on one reviewer are two windows on one
machine; a home folder shared between machines is why the host is in the name.

One file per app, not one shared file: closing one of three windows must not hide the other two.
A marker outlives an app that was killed. One left by a process of this host that no longer runs
is stale: it is removed and not reported. A marker from another host cannot be checked, so it is
reported with when it was written. On Windows, where probing a process by id is not safe
(`os.kill` would end it), every marker counts; the warning says which file to delete.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from factcheck.corpus.yamlio import default_cache_dir
from factcheck.reviews.model import reviewer_file_name

MARKERS_FOLDER = "open"
"""Under factcheck's cache folder."""


@dataclass(frozen=True, slots=True)
class OpenElsewhere:
    """Another app that has the reviewer's file open, as its marker says."""

    host: str
    pid: int
    since: str
    """When it opened, ISO 8601 in UTC."""
    marker: Path
    """Its marker: delete it if that app is long gone."""


def this_host() -> str:
    # Only what is safe in a file name, and no dot: the name's parts are split on dots.
    return re.sub(r"[^A-Za-z0-9-]+", "-", socket.gethostname().split(".")[0]) or "localhost"


def _prefix(root: Path, reviewer: str) -> str:
    corpus = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
    return f"{corpus}.{Path(reviewer_file_name(reviewer)).stem}."


def marker_path(folder: Path, root: Path, reviewer: str, host: str, pid: int) -> Path:
    """The marker of the app `pid` on `host` that has `reviewer`'s file of `root` open."""
    return folder / f"{_prefix(root, reviewer)}{host}.{pid}.json"


class OpenMarker:
    """This app's marker: written when the review session opens, removed when it ends."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def announce(
        cls, root: Path, reviewer: str, *, folder: Path | None = None
    ) -> tuple[OpenMarker | None, list[OpenElsewhere]]:
        """Write this app's marker and say which other apps have the reviewer's file open.
        The marker is None when it cannot be written: the others are still reported, and
        nothing else depends on it."""
        folder = folder or default_cache_dir() / MARKERS_FOLDER
        elsewhere = open_elsewhere(root, reviewer, folder=folder)
        host, pid = this_host(), os.getpid()
        path = marker_path(folder, root, reviewer, host, pid)
        since = datetime.now(UTC).isoformat(timespec="seconds")
        document = {"corpus": str(root.resolve()), "reviewer": reviewer, "since": since}
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(document) + "\n", encoding="utf-8")
        except OSError:
            return None, elsewhere
        return cls(path), elsewhere

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def open_elsewhere(root: Path, reviewer: str, *, folder: Path | None = None) -> list[OpenElsewhere]:
    """The other apps whose markers say they have `reviewer`'s file of the corpus at `root`
    open; stale markers of this host are removed on the way."""
    folder = folder or default_cache_dir() / MARKERS_FOLDER
    prefix = _prefix(root, reviewer)
    here, me = this_host(), os.getpid()
    found: list[OpenElsewhere] = []
    try:
        names = [name for name in os.listdir(folder) if name.startswith(prefix)]
    except OSError:
        return found
    for name in names:
        host, _, pid_text = name[len(prefix) :].removesuffix(".json").partition(".")
        if not host or not pid_text.isdigit():
            continue  # not a marker
        pid = int(pid_text)
        path = folder / name
        if host == here:
            if pid == me:
                continue  # this process: an earlier screen that did not get to remove it
            if not _running(pid):
                path.unlink(missing_ok=True)  # left by an app that was killed
                continue
        found.append(OpenElsewhere(host, pid, _since(path), path))
    return sorted(found, key=lambda other: other.since)


def _running(pid: int) -> bool:
    if os.name == "nt":
        return True  # cannot be probed safely: assume it runs
    try:
        os.kill(pid, 0)  # signal 0 checks the process exists and sends nothing
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _since(path: Path) -> str:
    try:
        since = json.loads(path.read_text(encoding="utf-8")).get("since")
        if isinstance(since, str):
            return since
    except (OSError, ValueError, AttributeError):
        pass
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")
    except OSError:
        return "?"
