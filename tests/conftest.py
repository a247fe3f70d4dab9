"""Shared fixtures (every test works on its own corpus copy and its own parse cache) and a
helper to run the real app in a pseudo-terminal."""

from __future__ import annotations

import fcntl
import itertools
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from textwrap import dedent

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The parse cache must never leak between tests or into the user's home, nor the copy of
    # the bundled corpus (and its ratings) into the user's data folder.
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("FACTCHECK_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture(autouse=True)
def _stopped_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    # The time spent on claims (reviews/time_spent.py) does not pass in tests unless a test
    # moves a clock of its own: review files stay the same however slow the machine.
    monkeypatch.setattr("factcheck.reviews.time_spent.monotonic", lambda: 0.0)


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    """A copy of the repository's corpus that a test may change."""
    root = tmp_path / "corpus"
    root.mkdir()
    shutil.copytree(REPO / "claims", root / "claims")
    shutil.copytree(REPO / "evidence", root / "evidence")
    shutil.copy(REPO / "factcheck.yaml", root / "factcheck.yaml")
    return root


@pytest.fixture
def desk(bundled_copy: Path) -> Path:
    """The bundled corpus with one editor, Ed."""
    settings = bundled_copy / "factcheck.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "editors: [Ed]\n", "utf-8")
    return bundled_copy


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A second passes between any two changes of a review, as it does between a person's key
    presses: times are kept to the second, and a send-back and a new rating within one second
    would be in no order."""
    ticks = itertools.count()

    def tick() -> str:
        n = next(ticks)
        return f"2030-01-01T{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}+00:00"

    monkeypatch.setattr("factcheck.reviews.session.now", tick)


def git(root: Path, *args: str) -> str:
    """Run git in `root` as a committer named Test; what it printed. A failure fails the test."""
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


SOURCE_TEXT = (
    "KABUL: The spokesman said the group had been defeated.\n"
    "Nineteen people were killed in the attack on the hospital.\n"
    "Residents said they did not feel safe in the city.\n"
)

EVIDENCE_YAML = """\
source:
  id: wire-2021
  outlet: Wire
  title: "A report"
  published: 2021-11
  text: wire-2021.txt
quotes:
  - id: toll
    quote: "Nineteen people were killed in the attack on the hospital."
  - id: unsafe
    quote: "Residents said they did not feel safe in the city."
"""

CLAIMS_YAML = """\
claims:
  - id: defeated
    text: "the group had been defeated"
    kind: quote
    claimant: A Spokesman
    source: wire-2021
    evidence:
      - {ref: toll, stance: contradicts}
      - {ref: unsafe, stance: contradicts}
"""

CorpusWriter = Callable[..., Path]


@pytest.fixture
def write_corpus(tmp_path: Path) -> CorpusWriter:
    """Write a small valid corpus into tmp_path; keyword arguments replace or add files
    (relative path -> text; None removes the file)."""

    def write(files: dict[str, str | None] | None = None) -> Path:
        root = tmp_path / "corpus"
        contents: dict[str, str | None] = {
            "evidence/wire-2021.yaml": EVIDENCE_YAML,
            "evidence/wire-2021.txt": SOURCE_TEXT,
            "claims/main.yaml": CLAIMS_YAML,
        }
        contents.update(files or {})
        for relative, text in contents.items():
            path = root / relative
            if text is None:
                path.unlink(missing_ok=True)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
        (root / "claims").mkdir(parents=True, exist_ok=True)
        (root / "evidence").mkdir(parents=True, exist_ok=True)
        return root

    return write


_TERMINAL_ESCAPE = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][0-9A-B]|[=>])")


@dataclass
class Terminal:
    """The real `factcheck review` running in a pseudo-terminal, as a user runs it: what Pilot
    cannot see (the process's own stderr, processes it starts, a crash at start) shows here."""

    process: subprocess.Popen[bytes]
    leader: int
    """Our end of the pseudo-terminal: the app's screen comes out of it, keys go into it."""
    seen: bytearray = field(default_factory=bytearray)
    """Everything the app has written to the terminal so far."""

    def read_until(self, needle: bytes, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.seen:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"{needle!r} never appeared on the screen:\n{self.tail()}")
            ready, _, _ = select.select([self.leader], [], [], remaining)
            if ready:
                try:
                    self.seen += os.read(self.leader, 65536)
                except OSError:
                    raise AssertionError(
                        f"the app ended before {needle!r} appeared:\n{self.tail()}"
                    ) from None

    def tail(self, characters: int = 2000) -> str:
        """The end of what the app wrote, without terminal escapes: a crash's last words."""
        text = _TERMINAL_ESCAPE.sub("", self.seen.decode("utf-8", errors="replace"))
        return text[-characters:]

    def press(self, keys: bytes) -> None:
        os.write(self.leader, keys)

    def wait_for_exit(self, timeout: float = 20) -> int:
        """Read the screen until the app closes the terminal, then its exit code."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.leader], [], [], deadline - time.monotonic())
            if not ready:
                continue
            try:
                chunk = os.read(self.leader, 65536)
            except OSError:  # Linux says EIO once the other end is closed
                break
            if not chunk:
                break
            self.seen += chunk
        return self.process.wait(timeout=max(0.1, deadline - time.monotonic()))


@contextmanager
def review_in_terminal(
    *arguments: str | Path, rows: int = 24, columns: int = 100, env: dict[str, str] | None = None
) -> Iterator[Terminal]:
    """Start `factcheck review ARGUMENTS` in a pseudo-terminal of rows x columns; killed at the
    end if still running."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    environment = {**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}
    # Textual takes COLUMNS and LINES over the terminal's own size, and pytest-xdist's workers
    # set them to 80x24: the app was laid out for a terminal other than this one.
    environment |= {"COLUMNS": str(columns), "LINES": str(rows)}
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "review", *map(str, arguments)],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env={**environment, **(env or {})},
        start_new_session=True,
    )
    os.close(follower)
    try:
        yield Terminal(process, leader)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        os.close(leader)
