"""Killing the app mid-session (SIGKILL, not a clean quit) loses no completed rating."""

from __future__ import annotations

import signal
from pathlib import Path

import yaml

from tests.conftest import review_in_terminal


def test_sigkill_after_ratings_keeps_every_rating(bundled_copy: Path, tmp_path: Path) -> None:
    """Run the real command under a pseudo-terminal, rate three claims, SIGKILL it."""
    with review_in_terminal(bundled_copy, "--reviewer", "Kim") as terminal:
        terminal.read_until(b"0/12 rated")
        for done, keys in enumerate((b"6", b"j5", b"j1"), start=1):
            terminal.press(keys)
            terminal.read_until(f"{done}/12 rated".encode())
        # The header said so after the handler returned; the last rating went to disk first.
        terminal.process.send_signal(signal.SIGKILL)
        terminal.process.wait(timeout=10)
    assert terminal.process.returncode == -signal.SIGKILL
    saved = yaml.safe_load((bundled_copy / "reviews" / "kim.yaml").read_text(encoding="utf-8"))
    verdicts = [entry["verdict"] for entry in saved["reviews"]]
    assert sorted(verdicts) == sorted(["False", "Mostly false", "True"])
    # No temporary file left behind; the lock file (.kim.lock) stays by design.
    leftovers = [p for p in (bundled_copy / "reviews").iterdir() if p.name.startswith(".")]
    assert [p.name for p in leftovers if p.suffix != ".lock"] == []
