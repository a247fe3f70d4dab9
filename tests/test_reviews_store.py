"""The review store: on disk at once, atomic, merged across processes, never overwriting a file
it cannot read."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from factcheck.corpus.loader import load_corpus
from factcheck.reviews import (
    Review,
    ReviewStore,
    fingerprint,
    load_all_reviews,
    read_review_file,
    reviewer_file_name,
)
from factcheck.reviews.others import scan_review_files
from factcheck.reviews.store import LOCK_DEADLINE_SECONDS, ReviewsBusyError, review_files
from tests.conftest import REPO, CorpusWriter

_HOLD_LOCK = """
import sys, filelock
lock = filelock.FileLock(sys.argv[1])
lock.acquire()
print("held", flush=True)
sys.stdin.read()
"""


@contextmanager
def lock_held_by_another_process(lock_path: Path) -> Iterator[None]:
    """Another process takes the lock and keeps it until the block ends, like a factcheck
    stuck in the middle of a save."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(lock_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline() == "held\n"
        yield
    finally:
        holder.stdin.close()  # the holder reads to the end of its input, then exits and lets go
        holder.wait(timeout=10)


def review(claim: str, verdict: str | None = "False", note: str = "", time: str = "") -> Review:
    return Review(claim, verdict, note, "Ana", time or "2026-11-23T10:00:00+00:00", "sha256:0")


def test_a_put_is_on_disk_when_it_returns(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path, "Ana")
    store.put(review("c1", "Mostly false", note="Two sources disagree:\n19 vs 20 | *dead*"))
    document = yaml.safe_load((tmp_path / "reviews" / "ana.yaml").read_text())
    assert document == {
        "reviewer": "Ana",
        "reviews": [
            {
                "claim": "c1",
                "verdict": "Mostly false",
                "note": "Two sources disagree:\n19 vs 20 | *dead*",
                "time": "2026-11-23T10:00:00+00:00",
                "fingerprint": "sha256:0",
            }
        ],
    }
    # No temporary file left; the lock file stays (filelock keeps it so waiters share it), and
    # nothing that lists review files takes it for one.
    assert sorted(p.name for p in (tmp_path / "reviews").iterdir()) == [".ana.lock", "ana.yaml"]
    assert review_files(tmp_path) == ["reviews/ana.yaml"]
    assert list(scan_review_files(tmp_path, own="")) == ["reviews/ana.yaml"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_lock_files_are_ignored_by_git_in_the_repository_corpus() -> None:
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "reviews/.ana.lock", "reviews/ana.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ignored.stdout.split() == ["reviews/.ana.lock"]


def test_a_put_gives_up_after_the_deadline_when_another_process_holds_the_lock(
    tmp_path: Path,
) -> None:
    store = ReviewStore(tmp_path, "Ana")
    store.put(review("c1", "True"))
    before = store.path.read_bytes()
    with lock_held_by_another_process(store.lock_path):
        started = time.monotonic()
        with pytest.raises(ReviewsBusyError) as raised:
            store.put(review("c1", "False", time="2026-11-23T11:00:00+00:00"))
        waited = time.monotonic() - started
    assert waited >= LOCK_DEADLINE_SECONDS - 0.1  # gave the other writer its time
    assert waited < 10  # then gave up: it never hangs
    assert isinstance(raised.value, OSError)  # the app's handler for failed writes shows it
    message = str(raised.value)
    assert "another factcheck process is saving to reviews/ana.yaml" in message
    assert "Try again" in message and "reviews/.ana.lock" in message
    assert store.path.read_bytes() == before
    assert sorted(p.name for p in store.path.parent.iterdir()) == [".ana.lock", "ana.yaml"]
    kept = store.get("c1")
    assert kept is not None and kept.verdict == "True"

    # Once the lock is free the store writes again, and the change that failed is not merged
    # into a later write, even one that merges another process's change first.
    ReviewStore(tmp_path, "Ana").put(review("c3", time="2026-11-23T11:00:01+00:00"))
    store.put(review("c2", time="2026-11-23T11:00:02+00:00"))
    on_disk = ReviewStore(tmp_path, "Ana").reviews
    assert {claim: r.verdict for claim, r in on_disk.items()} == {
        "c1": "True",
        "c2": "False",
        "c3": "False",
    }


@pytest.mark.parametrize("label", ["False", "True", "no", "null", "1", "- claim: x"])
def test_labels_that_look_like_yaml_values_round_trip(tmp_path: Path, label: str) -> None:
    ReviewStore(tmp_path, "Ana").put(review("c1", label, note=label))
    again = ReviewStore(tmp_path, "Ana").get("c1")
    assert again is not None
    assert (again.verdict, again.note) == (label, label)


def test_only_the_changed_entry_is_reserialised(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path, "Ana")
    for number in range(5):
        store.put(review(f"c{number}"))
    reopened = ReviewStore(tmp_path, "Ana")
    before = (tmp_path / "reviews" / "ana.yaml").read_text()
    reopened.put(review("c2", "True"))
    after = (tmp_path / "reviews" / "ana.yaml").read_text()
    assert before.replace("claim: c2\n  verdict: 'False'", "claim: c2\n  verdict: 'True'") == after


def test_two_stores_on_one_file_keep_each_others_ratings(tmp_path: Path) -> None:
    first = ReviewStore(tmp_path, "Ana")
    second = ReviewStore(tmp_path, "Ana")
    first.put(review("c1", time="2026-11-23T10:00:01+00:00"))
    second.put(review("c2", time="2026-11-23T10:00:02+00:00"))
    first.put(review("c3", time="2026-11-23T10:00:03+00:00"))
    second.delete("c2")
    assert sorted(ReviewStore(tmp_path, "Ana").reviews) == ["c1", "c3"]


def test_the_later_change_of_one_claim_wins(tmp_path: Path) -> None:
    first = ReviewStore(tmp_path, "Ana")
    second = ReviewStore(tmp_path, "Ana")
    second.put(review("c1", "True", time="2026-11-23T10:00:05+00:00"))
    first.put(review("c1", "False", time="2026-11-23T10:00:01+00:00"))
    final = ReviewStore(tmp_path, "Ana").get("c1")
    assert final is not None and final.verdict == "True"


@pytest.mark.parametrize(
    "content",
    [b"reviewer: Ana\nreviews: [\n", b"\xff\xfe broken", b"reviewer: Ana\nreviews: 3\n"],
)
def test_an_unreadable_file_is_never_overwritten(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "reviews" / "ana.yaml"
    path.parent.mkdir()
    path.write_bytes(content)
    store = ReviewStore(tmp_path, "Ana")
    assert store.read_only_reason
    assert store.problems and store.problems[0].file == "reviews/ana.yaml"
    with pytest.raises(PermissionError, match=r"reviews/ana\.yaml cannot be read"):
        store.put(review("c1"))
    assert path.read_bytes() == content


def test_a_hand_edited_file_is_read_and_rewritten_in_our_layout(tmp_path: Path) -> None:
    path = tmp_path / "reviews" / "ana.yaml"
    path.parent.mkdir()
    path.write_text(
        "reviewer: Ana\nreviews:\n  - {claim: c1, verdict: 'True', time: '2026-01-01T00:00:00Z'}\n"
    )
    store = ReviewStore(tmp_path, "Ana")
    assert store.get("c1") == Review("c1", "True", "", "Ana", "2026-01-01T00:00:00Z", "")
    store.put(review("c2"))
    assert sorted(read_review_file(tmp_path, "reviews/ana.yaml").reviews) == ["c1", "c2"]


def test_load_all_reviews_reads_every_reviewer(tmp_path: Path) -> None:
    ReviewStore(tmp_path, "Ana").put(review("c1"))
    ReviewStore(tmp_path, "Bo Li").put(dataclasses.replace(review("c1", "True"), reviewer="Bo Li"))
    files = load_all_reviews(tmp_path, cache_dir=None)
    assert [(f.relative, f.reviewer) for f in files] == [
        ("reviews/ana.yaml", "Ana"),
        ("reviews/bo-li.yaml", "Bo Li"),
    ]


@pytest.mark.parametrize(
    ("name", "file"),
    [("Ana", "ana.yaml"), ("Zoë O'Brien", "zoe-o-brien.yaml"), ("../x", "x.yaml")],
)
def test_reviewer_file_names_are_safe(name: str, file: str) -> None:
    assert reviewer_file_name(name) == file


def test_fingerprint_changes_with_the_evidence_not_the_notes(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    before = fingerprint(corpus, corpus.claims[0])
    evidence = root / "evidence" / "wire-2021.yaml"
    evidence.write_text(
        evidence.read_text().replace("text: wire-2021.txt", "text: wire-2021.txt\n  url: https://x")
    )
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    assert fingerprint(corpus, corpus.claims[0]) == before
    claims = root / "claims" / "main.yaml"
    claims.write_text(
        claims.read_text().replace(
            "stance: contradicts}\n      - {ref: unsafe", "stance: context}\n      - {ref: unsafe"
        )
    )
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    assert fingerprint(corpus, corpus.claims[0]) != before
