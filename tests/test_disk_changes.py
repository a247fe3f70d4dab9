"""Core of following the disk: the reviewer's own file changed by another process, and the
markers that tell a second app the reviewer's file is already open."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from factcheck.reviews import Review, ReviewStore
from factcheck.reviews.presence import OpenMarker, marker_path, open_elsewhere, this_host


def review(claim: str, verdict: str = "False", time: str = "2026-11-23T10:00:00+00:00") -> Review:
    return Review(claim, verdict, "", "Ana", time, "sha256:0")


def test_the_stores_own_writes_are_not_a_change_on_disk(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path, "Ana")
    assert store.read_changes_on_disk() is None
    store.put(review("c1"))
    assert store.read_changes_on_disk() is None
    assert store.take_outside_changes() == set()


def test_another_process_write_is_read_and_taken_in(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path, "Ana")
    store.put(review("c1"))
    ReviewStore(tmp_path, "Ana").put(review("c2", "True", time="2026-11-23T11:00:00+00:00"))
    change = store.read_changes_on_disk()
    assert change is not None
    assert store.get("c2") is None  # nothing changes until the UI thread takes it in
    store.take_changes_from_disk(change)
    assert store.get("c2") is not None and store.get("c2").verdict == "True"
    assert store.take_outside_changes() == {"c2"}
    assert store.take_outside_changes() == set()  # said once
    assert store.read_changes_on_disk() is None  # and not found again


def test_a_reading_older_than_the_stores_own_write_is_dropped(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path, "Ana")
    ReviewStore(tmp_path, "Ana").put(review("c2", "True"))
    change = store.read_changes_on_disk()  # read in the poll's thread ...
    assert change is not None
    store.put(review("c1", time="2026-11-23T12:00:00+00:00"))  # ... while a key was pressed
    # That write merged c2 in already, and said so; the older reading changes nothing.
    assert store.take_outside_changes() == {"c2"}
    store.take_changes_from_disk(change)
    assert set(store.reviews) == {"c1", "c2"}
    assert store.take_outside_changes() == set()


def test_a_file_broken_by_another_process_makes_the_store_read_only_until_fixed(
    tmp_path: Path,
) -> None:
    store = ReviewStore(tmp_path, "Ana")
    store.put(review("c1"))
    good = store.path.read_bytes()
    store.path.write_text("reviewer: Ana\nreviews: [\n", encoding="utf-8")
    change = store.read_changes_on_disk()
    assert change is not None
    store.take_changes_from_disk(change)
    assert store.read_only_reason is not None
    assert store.get("c1") is not None  # what it said is still shown
    store.path.write_bytes(good)
    os.utime(store.path, ns=(1, 1))  # a new signature even within one clock tick
    change = store.read_changes_on_disk()
    assert change is not None
    store.take_changes_from_disk(change)
    assert store.read_only_reason is None


def test_markers_say_who_else_has_the_file_open(tmp_path: Path) -> None:
    corpus, folder = tmp_path / "corpus", tmp_path / "cache" / "open"
    first, elsewhere = OpenMarker.announce(corpus, "Kim Lee", folder=folder)
    assert first is not None and elsewhere == []
    assert first.path.parent == folder
    assert not (corpus / "reviews").exists()  # opening a corpus writes nothing into it
    # The same process opening again is not another window; another reviewer or corpus is
    # another file.
    assert open_elsewhere(corpus, "Kim Lee", folder=folder) == []
    assert open_elsewhere(corpus, "Someone Else", folder=folder) == []
    first.remove()
    assert list(folder.iterdir()) == []


def test_a_running_processs_marker_counts_and_a_dead_ones_goes(tmp_path: Path) -> None:
    corpus, folder = tmp_path / "corpus", tmp_path / "open"
    folder.mkdir()
    running = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    host = this_host()
    try:
        for marker_host, pid in ((host, running.pid), (host, dead.pid), ("far-away", 7)):
            marker_path(folder, corpus, "Kim", marker_host, pid).write_text(
                '{"since": "2026-11-23T10:00:00+00:00"}', encoding="utf-8"
            )
        found = open_elsewhere(corpus, "Kim", folder=folder)
        assert sorted((o.host, o.pid) for o in found) == sorted(
            [(host, running.pid), ("far-away", 7)]
        )
        assert not marker_path(folder, corpus, "Kim", host, dead.pid).exists()
        assert {o.since for o in found} == {"2026-11-23T10:00:00+00:00"}
    finally:
        assert running.stdin is not None
        running.stdin.close()
        running.wait(timeout=10)
