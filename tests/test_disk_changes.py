"""Core of following the disk: the reviewer's own file changed by another process, and the
markers that tell a second app the reviewer's file is already open."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from factcheck.reviews import Review, ReviewStore
from factcheck.reviews.presence import OpenMarker, marker_path, open_elsewhere, this_host
from factcheck.workspace import Workspace
from factcheck.workspace.changes import judge_reload, scan_corpus
from tests.conftest import CorpusWriter


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


# The corpus's files


def test_the_scan_signs_what_the_corpus_is_read_from(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"factcheck.yaml": "title: T\n", "evidence/deep/more.yml": "x: 1\n"})
    (root / "evidence" / ".wire-2021.yaml.swp").write_bytes(b"vim")
    (root / "evidence" / "wire-2021.txt~").write_text("backup", encoding="utf-8")
    (root / "claims" / "notes.txt").write_text("not read", encoding="utf-8")
    (root / "texts").mkdir()
    (root / "texts" / "kept-here.txt").write_text("a text", encoding="utf-8")
    signed = scan_corpus(root, ["texts/kept-here.txt", "texts/missing.txt"])
    assert sorted(signed) == [
        "claims/main.yaml",
        "evidence/deep/more.yml",
        "evidence/wire-2021.txt",
        "evidence/wire-2021.yaml",
        "factcheck.yaml",
        "texts/kept-here.txt",
    ]


def test_a_workspace_knows_its_files_as_they_were_before_the_load(
    write_corpus: CorpusWriter,
) -> None:
    root = write_corpus()
    workspace = Workspace.open(root)
    assert workspace.signatures == scan_corpus(root)
    source = root / "evidence" / "wire-2021.txt"
    source.write_text(source.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    assert scan_corpus(root) != workspace.signatures
    assert workspace.reopened().signatures == scan_corpus(root)


def test_a_reload_that_loses_a_file_is_not_taken_and_one_that_fixes_it_is(
    write_corpus: CorpusWriter,
) -> None:
    root = write_corpus()
    shown = Workspace.open(root)
    claims = root / "claims" / "main.yaml"
    good = claims.read_text(encoding="utf-8")
    claims.write_text(good + "  - id: [broken\n", encoding="utf-8")
    broken = shown.reopened()
    verdict = judge_reload(shown, broken)
    assert not verdict.take and "claims/main.yaml cannot be loaded now" in verdict.why_not
    # From a corpus with no claims there is nothing to keep; the fixed file is taken.
    claims.write_text(good, encoding="utf-8")
    assert judge_reload(broken, broken.reopened()).take
    # A new problem that leaves the file loaded (a dangling reference) is shown, not refused.
    claims.write_text(good.replace("ref: toll", "ref: no-such-quote"), encoding="utf-8")
    assert judge_reload(shown, shown.reopened()).take


def test_a_new_scale_is_not_taken_while_the_app_runs(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    shown = Workspace.open(root)
    (root / "factcheck.yaml").write_text(
        "scale:\n"
        '  - {label: Right, key: 1, colour: "#228822", meaning: right}\n'
        '  - {label: Wrong, key: 2, colour: "#882222", meaning: wrong}\n',
        encoding="utf-8",
    )
    reloaded = shown.reopened()
    assert reloaded.errors == 0, reloaded.problems
    verdict = judge_reload(shown, reloaded)
    assert not verdict.take and "scale" in verdict.why_not


def test_a_session_goes_on_over_a_reloaded_corpus(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    workspace = Workspace.open(root)
    session = workspace.session("Ana")
    claim = session.corpus.claims[0]
    session.rate(claim, 1)
    assert session.progress() == (1, 1, 0)
    claims = root / "claims" / "main.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("stance: contradicts}", "stance: context}", 1),
        encoding="utf-8",
    )
    reloaded = workspace.reopened()
    assert reloaded.corpus is not None
    session.replace_corpus(session.prepare_corpus(reloaded.corpus))
    assert session.corpus is reloaded.corpus
    assert session.progress() == (1, 1, 1)  # rated on other evidence: stale
    assert session.search("spokesman") == [0]
    # The claim is gone in the next reload: its undo goes with it.
    claims.write_text("claims: []\n", encoding="utf-8")
    emptied = reloaded.reopened()
    assert emptied.corpus is not None
    session.replace_corpus(session.prepare_corpus(emptied.corpus))
    assert session.visible == [] and not session.can_undo


def test_a_reloaded_corpus_is_searched_off_the_ui_thread(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    workspace = Workspace.open(root)
    session = workspace.session("Ana")
    session.set_query("hospital")
    assert session.visible == [0]
    claims = root / "claims" / "main.yaml"
    claims.write_text("claims: []\n", encoding="utf-8")
    prepared = session.prepare_corpus(workspace.reopened().corpus, session.query)
    assert prepared.found == []
    session.replace_corpus(prepared)
    assert session.visible == [] and session.query == "hospital"
