"""Fault injection into a review save, step by step.

`ReviewStore.put` writes `reviews/<reviewer>.yaml` through `files.write_atomically`: create a
temporary file, write, flush, fsync and close it, read the review file's mode and copy it,
rename it over the review file, then open, fsync and close the folder. Each step is made to
fail here, before it acts and after it acted: in the process (an OSError: ENOSPC, EACCES, EIO,
EXDEV, EDQUOT...) and by killing a forked process there (`os._exit`: no `finally`, no
clean-up, as kill -9 or a power cut leaves it). After every one:

- the review file is whole: it parses, and holds the reviews before the save or after it;
- no temporary file is left once a store opens on the folder again;
- the store's memory is the disk's: the session's counts (the app's header) are those of the
  file, so a save that did not happen is not counted;
- the next save works and keeps every review on disk.

The harness names the steps as it sees them (`test_the_harness_sees_every_step_of_a_save`), so
a change to `write_atomically` that adds or drops a step shows there first.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from factcheck.corpus import files
from factcheck.corpus.files import temporaries_of
from factcheck.corpus.loader import load_corpus
from factcheck.reviews import ReviewStore, read_review_file
from factcheck.reviews.session import ReviewSession
from tests.conftest import REPO, CorpusWriter

REVIEWER = "Ana"
REVIEW_FILE = "reviews/ana.yaml"

SAVE_STEPS = (
    "create temporary",
    "write",
    "flush",
    "fsync",
    "close",
    "read mode",
    "copy mode",
    "rename",
    "open folder",
    "fsync folder",
    "close folder",
)
"""What a save does, in order, as the harness names the calls of `write_atomically`."""


@dataclass
class FaultPlan:
    """Which step of a save fails, and how: `when` "before" (the step does not happen) or
    "after" (it happened, then the failure); `partial` writes half the data before failing."""

    step: str | None = None
    when: str = "before"
    error: Callable[[], BaseException] = lambda: OSError(errno.EIO, os.strerror(errno.EIO))
    partial: bool = False
    also_fail_removal: bool = False
    """The clean-up after the fault fails too (the temporary file cannot be removed)."""
    seen: list[str] = field(default_factory=list)
    active: bool = False

    def run(self, name: str, action: Callable[[], Any]) -> Any:
        if not self.active:
            return action()
        self.seen.append(name)
        if name == self.step and self.when == "before":
            raise self.error()
        result = action()
        if name == self.step and self.when == "after":
            raise self.error()
        return result


class _Handle:
    """The temporary file's handle, with its write, flush and close made steps."""

    def __init__(self, real: Any, plan: FaultPlan) -> None:
        self._real = real
        self._plan = plan

    def __enter__(self) -> _Handle:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)  # a read (read_regular_file) goes straight through

    def write(self, data: bytes) -> int:
        plan = self._plan
        if plan.active and plan.step == "write" and plan.partial:
            self._real.write(data[: len(data) // 2])
            self._real.flush()
        return int(plan.run("write", lambda: self._real.write(data)))

    def flush(self) -> None:
        self._plan.run("flush", self._real.flush)

    def close(self) -> None:
        if not self._real.closed:
            self._plan.run("close", self._real.close)


def _faulty_os(plan: FaultPlan) -> SimpleNamespace:
    """`os` as files.py sees it, each call of a save a step of `plan`."""
    folders: set[int] = set()

    def open_(path: Any, flags: int, *args: Any) -> int:
        if os.path.isdir(path):
            descriptor = plan.run("open folder", lambda: os.open(path, flags, *args))
            folders.add(descriptor)
            return int(descriptor)
        return int(plan.run("create temporary", lambda: os.open(path, flags, *args)))

    def fsync(descriptor: int) -> None:
        name = "fsync folder" if descriptor in folders else "fsync"
        plan.run(name, lambda: os.fsync(descriptor))

    def close(descriptor: int) -> None:
        folders.discard(descriptor)
        plan.run("close folder", lambda: os.close(descriptor))

    def unlink(path: Any) -> None:
        if plan.active and plan.also_fail_removal:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        os.unlink(path)

    proxy = SimpleNamespace(**{name: getattr(os, name) for name in dir(os) if name[0] != "_"})
    proxy.open = open_
    proxy.fsync = fsync
    proxy.close = close
    proxy.unlink = unlink
    proxy.stat = lambda path, *a, **k: plan.run("read mode", lambda: os.stat(path, *a, **k))
    proxy.chmod = lambda path, mode: plan.run("copy mode", lambda: os.chmod(path, mode))
    proxy.replace = lambda source, target: plan.run("rename", lambda: os.replace(source, target))
    return proxy


def _open_handle(plan: FaultPlan, file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> _Handle:
    # Closed by the caller's with-block, as the real open's handle would be.
    return _Handle(open(file, mode, *args, **kwargs), plan)


@contextmanager
def faults(plan: FaultPlan) -> Iterator[FaultPlan]:
    """Route files.py's calls through `plan`, counting only those of `write_atomically`."""
    real_write = files.write_atomically
    real_os = files.os

    def write_atomically(path: Path, content: str | bytes, *, durable: bool = True) -> None:
        plan.active = True
        try:
            real_write(path, content, durable=durable)
        finally:
            plan.active = False

    files.os = _faulty_os(plan)  # type: ignore[assignment]
    files.open = functools.partial(_open_handle, plan)  # type: ignore[attr-defined]
    store_module = sys.modules["factcheck.reviews.store"]
    saved_store_write = store_module.write_atomically  # type: ignore[attr-defined]
    store_module.write_atomically = write_atomically  # type: ignore[attr-defined]
    try:
        yield plan
    finally:
        files.os = real_os
        del files.open  # type: ignore[attr-defined]
        store_module.write_atomically = saved_store_write  # type: ignore[attr-defined]


# The save under test: a second rating, over a file that holds a first one


def session_on(root: Path) -> ReviewSession:
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    return ReviewSession(corpus, ReviewStore(root, REVIEWER))


def on_disk(root: Path) -> dict[str, str | None]:
    """The reviews in the file as any reader finds them; fails if the file cannot be read."""
    found = read_review_file(root, REVIEW_FILE)
    assert found.unreadable is None, found.unreadable
    return {claim_id: review.verdict for claim_id, review in found.reviews.items()}


def in_memory(session: ReviewSession) -> dict[str, str | None]:
    return {claim_id: review.verdict for claim_id, review in session.store.reviews.items()}


@dataclass(frozen=True)
class Contents:
    before: dict[str, str | None]
    after: dict[str, str | None]


THREE_CLAIMS = """\
claims:
  - id: first
    text: "the group had been defeated"
    claimant: A Spokesman
    evidence: [{ref: toll, stance: contradicts}]
  - id: second
    text: "the city is safe"
    claimant: A Spokesman
    evidence: [{ref: unsafe, stance: contradicts}]
  - id: third
    text: "nobody was hurt"
    claimant: A Spokesman
    evidence: [{ref: toll, stance: contradicts}]
"""


@pytest.fixture
def rated_once(write_corpus: CorpusWriter) -> tuple[Path, Contents]:
    """A corpus whose review file holds one rating; the save under test adds a second."""
    root = write_corpus({"claims/main.yaml": THREE_CLAIMS})
    session = session_on(root)
    session.rate(session.corpus.claims[0], 1)
    before = on_disk(root)
    return root, Contents(before, {**before, "second": "False"})


def save_the_second_rating(root: Path) -> ReviewSession:
    """Open a session and rate the second claim False (key 6): the save that faults hit."""
    session = session_on(root)
    session.rate(session.corpus.claims[1], 6)
    return session


def assert_whole_and_clean(root: Path, contents: Contents) -> dict[str, str | None]:
    """The file holds the reviews before or after the save, and once a store has opened on the
    folder no temporary file is left; what that store holds is the disk's."""
    found = on_disk(root)
    assert found in (contents.before, contents.after)
    store = ReviewStore(root, REVIEWER)
    assert temporaries_of(root / REVIEW_FILE) == []
    assert {cid: review.verdict for cid, review in store.reviews.items()} == found
    return found


def assert_the_next_save_keeps_everything(session: ReviewSession) -> None:
    """The session goes on: its next rating is saved with every review it holds."""
    kept = in_memory(session)
    third = session.corpus.claims[2]
    session.rate(third, 2)
    root = session.store.root
    assert on_disk(root) == {**kept, third.id: "Mostly true"} == in_memory(session)
    assert temporaries_of(root / REVIEW_FILE) == []


def test_the_harness_sees_every_step_of_a_save(rated_once: tuple[Path, Contents]) -> None:
    root, contents = rated_once
    with faults(FaultPlan()) as plan:
        save_the_second_rating(root)
    assert tuple(plan.seen) == SAVE_STEPS
    assert on_disk(root) == contents.after


def _error(code: int) -> Callable[[], OSError]:
    return lambda: OSError(code, os.strerror(code))


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("step", SAVE_STEPS)
def test_a_save_failing_at_any_step_leaves_disk_and_memory_alike(
    rated_once: tuple[Path, Contents], step: str, when: str
) -> None:
    root, contents = rated_once
    session = session_on(root)
    counted = session.progress()
    with faults(FaultPlan(step, when)), pytest.raises(OSError) as failure:
        session.rate(session.corpus.claims[1], 6)
    found = on_disk(root)
    assert found in (contents.before, contents.after)
    if found == contents.after:  # failed after the rename: saved, its durability in doubt
        assert "was written, but the disk did not confirm it" in str(failure.value)
    if (step, when) != ("create temporary", "after"):
        # Removed by the failed save itself. The open either creates the file or fails: a
        # failure after it stands for a signal landing just then, and only the next open of a
        # store (below) can tell its temporary file from a save in progress.
        assert temporaries_of(root / REVIEW_FILE) == []
    assert in_memory(session) == found
    assert session.progress() == session_on(root).progress()  # the header counts the disk
    if found == contents.before:
        assert session.progress() == counted
    assert_whole_and_clean(root, contents)
    assert_the_next_save_keeps_everything(session)


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        (FaultPlan("create temporary", error=_error(errno.EACCES)), "Permission denied"),
        (FaultPlan("create temporary", error=_error(errno.ENOSPC)), "No space left"),
        (FaultPlan("write", error=_error(errno.ENOSPC), partial=True), "No space left"),
        (FaultPlan("write", error=_error(errno.EDQUOT), partial=True), "quota exceeded"),
        (FaultPlan("fsync", error=_error(errno.EIO)), "Input/output error"),
        (FaultPlan("close", error=_error(errno.EDQUOT)), "quota exceeded"),  # NFS says so late
        (FaultPlan("rename", error=_error(errno.EXDEV)), "cross-device"),
        (FaultPlan("rename", error=_error(errno.EACCES)), "Permission denied"),
        (FaultPlan("rename", error=_error(errno.EBUSY)), "busy"),
        (FaultPlan("fsync folder", error=_error(errno.EIO)), "did not confirm it"),
        # The clean-up fails too: the temporary file stays until a store opens on the folder.
        (FaultPlan("write", error=_error(errno.ENOSPC), also_fail_removal=True), "No space"),
        (FaultPlan("rename", error=_error(errno.EACCES), also_fail_removal=True), "denied"),
    ],
    ids=lambda value: (
        value.step + (" (removal fails)" if value.also_fail_removal else "")
        if isinstance(value, FaultPlan)
        else value
    ),
)
def test_each_way_a_disk_refuses_a_save(
    rated_once: tuple[Path, Contents], plan: FaultPlan, message: str
) -> None:
    root, contents = rated_once
    session = session_on(root)
    counted = session.progress()
    with faults(plan), pytest.raises(OSError, match=message):
        session.rate(session.corpus.claims[1], 6)
    found = on_disk(root)
    assert in_memory(session) == found
    if plan.step == "fsync folder":
        assert found == contents.after
    else:
        assert found == contents.before
        assert session.progress() == counted
    if plan.also_fail_removal:
        assert temporaries_of(root / REVIEW_FILE)  # left behind, for the next open
    assert_whole_and_clean(root, contents)
    assert_the_next_save_keeps_everything(session)


KILLED = 137
"""The exit status of a child killed at its step (128 + SIGKILL, as a shell reports kill -9)."""


def die_at(root: Path, step: str, when: str) -> None:
    """Make the save and die at `step` without a word of clean-up (os._exit: no `finally`, no
    `except`, no flush), as kill -9 or a power cut leaves it; exit 0 if the step never came."""
    plan = FaultPlan(step, when, error=lambda: os._exit(KILLED))  # type: ignore[arg-type,return-value]
    status = 1
    try:
        with faults(plan):
            save_the_second_rating(root)
        status = 0
    finally:
        os._exit(status)


def _killed_at(root: Path, step: str, when: str) -> int:
    """The exit status of a process that made the save and died at `step`: forked (a few
    milliseconds), unless other threads run here, which could hold a lock the child needs;
    then a fresh interpreter."""
    if threading.active_count() == 1:
        child = os.fork()
        if child == 0:  # pragma: no cover - the child never returns to pytest
            die_at(root, step, when)
        _, wait_status = os.waitpid(child, 0)
        return os.waitstatus_to_exitcode(wait_status)
    script = "import sys; from pathlib import Path; from tests.test_store_faults import die_at; "
    script += "die_at(Path(sys.argv[1]), sys.argv[2], sys.argv[3])"
    done = subprocess.run(
        [sys.executable, "-c", script, str(root), step, when], cwd=REPO, timeout=120
    )
    return done.returncode


@pytest.mark.parametrize("when", ["before", "after"])
@pytest.mark.parametrize("step", SAVE_STEPS)
def test_a_save_killed_at_any_step_leaves_a_whole_file_and_no_temporary(
    rated_once: tuple[Path, Contents], step: str, when: str
) -> None:
    root, contents = rated_once
    assert _killed_at(root, step, when) == KILLED
    created = (step, when) != ("create temporary", "before")
    if created and SAVE_STEPS.index(step) <= SAVE_STEPS.index("rename") and when == "before":
        assert temporaries_of(root / REVIEW_FILE)  # the kill left its temporary file
    found = assert_whole_and_clean(root, contents)
    if SAVE_STEPS.index(step) > SAVE_STEPS.index("rename") or (step, when) == ("rename", "after"):
        assert found == contents.after  # renamed before the kill: every reader sees it
    else:
        assert found == contents.before
    session = session_on(root)
    assert in_memory(session) == found
    assert_the_next_save_keeps_everything(session)


# The same refusal from a real file system: a reviews/ folder the reviewer cannot write

_OBEYING_PERMISSIONS = (
    ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
)
"""Root writes anywhere; without these two capabilities (CI runs as root) it obeys modes."""

_RATE_AND_REPORT = """
import json, sys
from pathlib import Path
from tests.test_store_faults import in_memory, session_on
session = session_on(Path(sys.argv[1]))
counted = session.progress()
try:
    session.rate(session.corpus.claims[1], 6)
except OSError as error:
    print(json.dumps({"error": str(error), "memory": in_memory(session),
                      "counted": counted, "now": session.progress()}))
"""


def test_a_reviews_folder_that_cannot_be_written_refuses_the_save_whole(
    rated_once: tuple[Path, Contents],
) -> None:
    if _OBEYING_PERMISSIONS and shutil.which("setpriv") is None:
        pytest.skip("as root, testing permissions needs setpriv (util-linux)")
    root, contents = rated_once
    folder = root / "reviews"
    folder.chmod(0o555)
    try:
        done = subprocess.run(
            [*_OBEYING_PERMISSIONS, sys.executable, "-c", _RATE_AND_REPORT, str(root)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        folder.chmod(0o755)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert "Permission denied" in report["error"]
    assert report["memory"] == contents.before == on_disk(root)
    assert report["now"] == report["counted"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert_whole_and_clean(root, contents)
