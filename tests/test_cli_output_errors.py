"""Standard output that cannot be written (a full disk, /dev/full) is one clean error with one
exit code for every command (issue 16): `check`, `check --format json`, `stats` and `schema`
ended in an OSError traceback. The command runs as a user runs it, in its own process, since what
fails is the process's real stdout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.cli import ExitCode
from tests.conftest import CorpusWriter

pytestmark = pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")


def to_full_device(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    with open("/dev/full", "w") as full:
        return subprocess.run(
            [sys.executable, "-m", "factcheck", *map(str, arguments)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )


@pytest.mark.parametrize(
    "command",
    [
        ["check", "--no-quotes"],
        ["check", "--no-quotes", "--format", "json"],
        ["stats"],
        ["stats", "--format", "json"],
        ["schema"],
        ["schema", "report"],
        ["export", "--no-verify"],
        ["export", "--no-verify", "--format", "csv"],
        ["--help"],
        ["check", "--help"],
        ["--version"],
    ],
    ids=" ".join,
)
def test_a_full_stdout_is_one_clean_error(write_corpus: CorpusWriter, command: list[str]) -> None:
    takes_corpus = command[0] in {"check", "stats", "export"} and "--help" not in command
    arguments = [*command, write_corpus()] if takes_corpus else command
    done = to_full_device(*arguments)
    assert "Traceback" not in done.stderr, done.stderr
    assert "Exception ignored" not in done.stderr, done.stderr
    assert done.stderr == "factcheck: cannot write the output: No space left on device\n"
    assert done.returncode == ExitCode.OUTPUT


def test_a_write_to_a_full_disk_in_the_core_is_still_shown_as_what_it_is(
    write_corpus: CorpusWriter, tmp_path: Path
) -> None:
    """Only a failure of stdout itself is 'cannot write the output': export -o to a full
    device is refused (not a regular file), and says so."""
    arguments = ["export", "--no-verify", "--format", "md", "-o", "/dev/full", write_corpus()]
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == ExitCode.USAGE
    assert "cannot write the output" not in done.stderr
    assert "character device" in done.stderr
