"""`write_atomically`: a file is replaced whole or not at all, keeps its permissions, and is on
disk when a durable write returns."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus import files
from factcheck.corpus.files import write_atomically
from factcheck.reviews import Review, ReviewStore, now
from tests.conftest import CorpusWriter


def names_in(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_replaces_the_file_and_leaves_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "alice.yaml"
    target.write_text("old\n")
    write_atomically(target, "new “text”\r\n")
    assert target.read_bytes() == "new “text”\r\n".encode()  # UTF-8, line ends as given
    write_atomically(target, b"\x00bytes")
    assert target.read_bytes() == b"\x00bytes"
    assert names_in(tmp_path) == ["alice.yaml"]


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.html"
    target.write_text("the old report")

    def no_rename(source: str, destination: Path) -> None:
        assert Path(source).read_text() == "half"  # written in full to the temporary file
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, "half")
    assert target.read_text() == "the old report"
    assert names_in(tmp_path) == ["report.html"]


def test_a_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "shared.yaml"
    target.write_text("old")
    target.chmod(0o640)
    write_atomically(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_file_gets_the_umask_mode_not_a_private_one(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        write_atomically(tmp_path / "report.md", "# Report")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "report.md").stat().st_mode) == 0o644


@pytest.mark.parametrize("durable", [True, False])
def test_durable_writes_fsync_the_file_and_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, durable: bool
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(descriptor: int) -> None:
        kind = "folder" if stat.S_ISDIR(os.fstat(descriptor).st_mode) else "file"
        synced.append(kind)
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    write_atomically(tmp_path / "x.yaml", "x", durable=durable)
    assert synced == (["file", "folder"] if durable else [])


def test_two_temporaries_never_collide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A temporary name already taken (another writer's) is never opened again: O_EXCL."""
    tokens = iter(["aaaa", "aaaa", "bbbb"])
    monkeypatch.setattr(files.secrets, "token_hex", lambda _: next(tokens))
    (tmp_path / ".x.yaml.aaaa.tmp").write_text("another writer's")
    write_atomically(tmp_path / "x.yaml", "mine")
    assert (tmp_path / ".x.yaml.aaaa.tmp").read_text() == "another writer's"
    assert (tmp_path / "x.yaml").read_text() == "mine"


def test_an_exported_report_is_written_whole_and_shared(
    write_corpus: CorpusWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`factcheck export -o` goes through the one atomic write: readable by others (a report is
    meant to be shared), and an export that fails leaves the previous report as it was."""
    root, target = write_corpus(), tmp_path / "out" / "report.md"
    target.parent.mkdir()
    mask = os.umask(0o022)
    try:
        result = CliRunner().invoke(cli, ["export", "--no-verify", "-o", str(target), str(root)])
    finally:
        os.umask(mask)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert names_in(target.parent) == ["report.md"]

    before = target.read_bytes()

    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    result = CliRunner().invoke(cli, ["export", "--no-verify", "-o", str(target), str(root)])
    assert result.exit_code != 0
    assert target.read_bytes() == before
    assert names_in(target.parent) == ["report.md"]


def test_a_rating_is_on_disk_when_put_returns(
    write_corpus: CorpusWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review store writes through the one atomic write, durably: the file is fsynced before
    the rename and the folder after it, and no temporary file is left in reviews/."""
    root = write_corpus()
    store = ReviewStore(root, "ana")
    synced: list[str] = []
    real_fsync = os.fsync

    def recording_fsync(descriptor: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(descriptor).st_mode) else "file")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    store.put(Review("defeated", "False", "", "ana", now(), ""))
    assert synced == ["file", "folder"]
    assert [name for name in names_in(root / "reviews") if not name.endswith(".lock")] == [
        "ana.yaml"
    ]
    assert "verdict: 'False'" in (root / "reviews" / "ana.yaml").read_text(encoding="utf-8")
