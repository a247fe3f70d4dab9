"""The review store keeps memory and disk the same (issue 16): a save that fails leaves nothing
of it in memory (the header counted a rating that was not on disk, and the next save wrote it
after all); a temporary file left by a killed save is removed when the store opens; a review
file keeps its permissions across saves."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factcheck.app import create_app
from factcheck.reviews import Review, ReviewStore
from factcheck.reviews import store as store_module
from tests.test_app_review import REVIEWER, header_text, opened

WHEN = "2026-11-23T10:00:00+00:00"


def review(claim: str, verdict: str = "False", note: str = "", time: str = WHEN) -> Review:
    return Review(claim, verdict, note, "Ana", time, "sha256:0")


def on_disk(root: Path, name: str = "ana.yaml") -> dict[str, str | None]:
    document = yaml.safe_load((root / "reviews" / name).read_text(encoding="utf-8"))
    return {entry["claim"]: entry["verdict"] for entry in document["reviews"]}


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """The review store's writes fail with ENOSPC while the list holds True."""
    failing = [True]
    real_write = store_module.write_atomically

    def write(path: Path, content: str | bytes, *, durable: bool = True) -> None:
        if failing[0]:
            raise OSError(28, "No space left on device")
        real_write(path, content, durable=durable)

    monkeypatch.setattr(store_module, "write_atomically", write)
    return failing


# A failed save leaves no trace in memory


def test_a_failed_put_leaves_memory_as_the_disk_is(tmp_path: Path, full_disk: list[bool]) -> None:
    store = ReviewStore(tmp_path, "Ana")
    full_disk[0] = False
    store.put(review("c1", "True"))
    full_disk[0] = True
    with pytest.raises(OSError, match="No space"):
        store.put(review("c1", "False", time="2026-11-23T11:00:00+00:00"))
    with pytest.raises(OSError, match="No space"):
        store.put(review("c2", "Half true"))
    with pytest.raises(OSError, match="No space"):
        store.delete("c1")
    assert store.get("c1") == review("c1", "True")
    assert store.get("c2") is None
    assert set(store.reviews) == {"c1"}
    full_disk[0] = False
    store.put(review("c3", "Mostly false"))  # the next save carries none of the failed ones
    assert on_disk(tmp_path) == {"c1": "True", "c3": "Mostly false"}
    assert on_disk(tmp_path) == {cid: r.verdict for cid, r in store.reviews.items()}


def test_a_failed_put_after_merging_another_writer_keeps_the_merge_for_the_next(
    tmp_path: Path, full_disk: list[bool]
) -> None:
    """Another process wrote meanwhile: the failed save took its reviews in; they are still
    on disk, and the next save merges them again, with only its own change added."""
    full_disk[0] = False
    mine = ReviewStore(tmp_path, "Ana")
    mine.put(review("c1", "True"))
    ReviewStore(tmp_path, "Ana").put(review("c2", "False"))  # a second window
    full_disk[0] = True
    with pytest.raises(OSError):
        mine.put(review("c3", "Half true"))
    assert mine.get("c3") is None
    full_disk[0] = False
    mine.put(review("c4", "True"))
    assert on_disk(tmp_path) == {"c1": "True", "c2": "False", "c4": "True"}


async def test_the_header_does_not_count_a_rating_that_was_not_saved(
    bundled_copy: Path, full_disk: list[bool]
) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await opened(pilot)
        await pilot.press("1")
        await pilot.pause()
        assert "0/12 rated" in header_text(screen)
        toasts = " ".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "Not saved" in toasts and "No space left" in toasts
        full_disk[0] = False
        await pilot.press("j", "2")
        await pilot.pause()
        assert "1/12 rated" in header_text(screen)
    document = yaml.safe_load((bundled_copy / "reviews" / "test-reviewer.yaml").read_text())
    assert [entry["verdict"] for entry in document["reviews"]] == ["Mostly true"]


# Temporary files left by a killed save


def _temporary(folder: Path, target: str, age_seconds: float = 0) -> Path:
    path = folder / f".{target}.0123abcd.tmp"
    path.write_text("reviewer: Ana\nreviews: [half a fi")
    if age_seconds:
        old = path.stat().st_mtime - age_seconds
        os.utime(path, (old, old))
    return path


def test_the_store_removes_its_own_stale_temporary_files_on_open(tmp_path: Path) -> None:
    ReviewStore(tmp_path, "Ana").put(review("c1"))
    folder = tmp_path / "reviews"
    left = _temporary(folder, "ana.yaml")
    others = [
        _temporary(folder, "bo.yaml"),  # another reviewer's: theirs to clean
        folder / ".ana.yaml.notes.tmp",  # not the atomic write's pattern
        folder / "ana.yaml.0123abcd.tmp",
    ]
    for path in others[1:]:
        path.write_text("kept")
    ReviewStore(tmp_path, "Ana")
    assert not left.exists()
    assert all(path.exists() for path in others)
    assert on_disk(tmp_path) == {"c1": "False"}


_HOLD_LOCK = """
import sys, filelock
lock = filelock.FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.read()
"""


def test_a_temporary_file_of_a_save_in_progress_is_left_alone(tmp_path: Path) -> None:
    """Another process holds the lock: it may be writing that file now."""
    ReviewStore(tmp_path, "Ana").put(review("c1"))
    folder = tmp_path / "reviews"
    in_progress = _temporary(folder, "ana.yaml")
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(folder / ".ana.lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline() == "held\n"
        ReviewStore(tmp_path, "Ana")
        assert in_progress.exists()
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
    ReviewStore(tmp_path, "Ana")  # the writer is gone: now it is stale
    assert not in_progress.exists()


def test_a_save_killed_mid_write_leaves_no_temporary_after_the_next_open(tmp_path: Path) -> None:
    """A real kill -9 between the temporary file's write and its rename."""
    ReviewStore(tmp_path, "Ana").put(review("c1"))
    script = f"""
import os, signal
from pathlib import Path
from factcheck.reviews import Review, ReviewStore
from factcheck.corpus import files
real_replace = os.replace
def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)
files.os.replace = killed
ReviewStore(Path({str(tmp_path)!r}), "Ana").put(
    Review("c2", "True", "", "Ana", {WHEN!r}, "sha256:0"))
"""
    done = subprocess.run([sys.executable, "-c", script], timeout=60)
    assert done.returncode == -9
    folder = tmp_path / "reviews"
    assert [p.name for p in folder.glob(".ana.yaml.*.tmp")]  # the kill left one
    store = ReviewStore(tmp_path, "Ana")
    assert not list(folder.glob(".ana.yaml.*.tmp"))
    assert set(store.reviews) == {"c1"}  # the killed save never completed


# Permissions


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664])
def test_a_review_file_keeps_its_mode_across_saves(tmp_path: Path, mode: int) -> None:
    path = tmp_path / "reviews" / "ana.yaml"
    path.parent.mkdir()
    path.write_text("reviewer: Ana\nreviews: []\n", encoding="utf-8")
    path.chmod(mode)
    store = ReviewStore(tmp_path, "Ana")
    store.put(review("c1"))
    store.put(review("c2"))
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_a_new_review_file_gets_the_umasks_mode(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        ReviewStore(tmp_path, "Ana").put(review("c1"))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "reviews" / "ana.yaml").stat().st_mode) == 0o644
