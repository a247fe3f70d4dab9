"""A folder or file of the corpus that cannot be read is an error (issue 16): an unreadable
claims/ gave '0 claims, 0 errors' and exit 0, and export wrote an empty report without a word.

Permissions are what is tested, so `factcheck` runs as a process that obeys them: as root (CI),
without the two capabilities that let root read anything (setpriv drops them), else as the user
running the tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import CorpusWriter

_OBEYING_PERMISSIONS = (
    ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.geteuid() == 0 else []
)


def factcheck(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    if _OBEYING_PERMISSIONS and shutil.which("setpriv") is None:
        pytest.skip("as root, testing permissions needs setpriv (util-linux)")
    return subprocess.run(
        [*_OBEYING_PERMISSIONS, sys.executable, "-m", "factcheck", *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@contextmanager
def unreadable(path: Path) -> Iterator[None]:
    mode = path.stat().st_mode
    path.chmod(0)
    try:
        yield
    finally:
        path.chmod(mode)  # or pytest cannot remove tmp_path


def test_an_unreadable_claims_folder_is_an_error(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    with unreadable(root / "claims"):
        done = factcheck("check", "--no-quotes", root)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "claims/: error: cannot be read: Permission denied" in done.stdout
    assert "1 error" in done.stdout.splitlines()[-1]


def test_an_unreadable_folder_inside_claims_is_an_error(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"claims/more/other.yaml": "claims: []\n"})
    with unreadable(root / "claims" / "more"):
        done = factcheck("check", "--no-quotes", root)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "claims/more/: error: cannot be read: Permission denied" in done.stdout


def test_an_unreadable_evidence_folder_is_an_error(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    with unreadable(root / "evidence"):
        done = factcheck("check", "--no-quotes", "--format", "json", root)
    assert done.returncode == 1, done.stdout + done.stderr
    assert '"file": "evidence/"' in done.stdout


def test_an_unreadable_claims_file_is_an_error(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    with unreadable(root / "claims" / "main.yaml"):
        done = factcheck("check", "--no-quotes", root)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "claims/main.yaml:1:1: error: cannot be read: Permission denied" in done.stdout


def test_the_error_outlives_a_warm_cache(write_corpus: CorpusWriter) -> None:
    """A corpus checked once (caches and snapshot written), then its claims/ made unreadable:
    the snapshot must not answer for files that can no longer be listed."""
    root = write_corpus()
    first = factcheck("check", "--no-quotes", root)
    assert first.returncode == 0, first.stdout + first.stderr
    with unreadable(root / "claims"):
        again = factcheck("check", "--no-quotes", root)
        twice = factcheck("check", "--no-quotes", root)
    assert again.returncode == twice.returncode == 1
    assert "claims/: error:" in twice.stdout
    restored = factcheck("check", "--no-quotes", root)
    assert restored.returncode == 0, restored.stdout


def test_export_of_an_unreadable_claims_folder_says_the_corpus_has_an_error(
    write_corpus: CorpusWriter, tmp_path: Path
) -> None:
    root = write_corpus()
    target = tmp_path / "report.md"
    with unreadable(root / "claims"):
        done = factcheck("export", "--no-verify", "-o", target, root)
    assert done.returncode == 0, done.stderr  # export writes what it can read, and says so
    assert "the corpus has 1 error(s)" in done.stderr


@pytest.mark.parametrize("command", ["stats", "export"])
def test_an_unreadable_reviews_folder_is_said_not_a_traceback(
    write_corpus: CorpusWriter, tmp_path: Path, command: str
) -> None:
    root = write_corpus({"reviews/ann.yaml": "reviewer: Ann\nreviews: []\n"})
    arguments = ["--no-verify", "-o", tmp_path / "report.md"] if command == "export" else []
    with unreadable(root / "reviews"):
        done = factcheck(command, *arguments, root)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    assert "reviews/" in done.stderr and "cannot be read: Permission denied" in done.stderr
