"""Killing the app mid-session (SIGKILL, not a clean quit) loses no completed rating."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import yaml


def _read_until(fd: int, needle: bytes, seen: bytearray, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while needle not in seen:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"{needle!r} never appeared on the screen")
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                raise AssertionError(f"the app ended before {needle!r} appeared") from None


def test_sigkill_after_ratings_keeps_every_rating(bundled_copy: Path, tmp_path: Path) -> None:
    """Run the real command under a pseudo-terminal, rate three claims, SIGKILL it."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "TEXTUAL_ANIMATIONS": "none"}
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "review", str(bundled_copy), "--reviewer", "Kim"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        start_new_session=True,
    )
    os.close(follower)
    seen = bytearray()
    try:
        _read_until(leader, b"0/12 rated", seen)
        for done, keys in enumerate((b"6", b"j5", b"j1"), start=1):
            os.write(leader, keys)
            _read_until(leader, f"{done}/12 rated".encode(), seen)
        # The header said so after the handler returned; the last rating went to disk first.
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    assert process.returncode == -signal.SIGKILL
    saved = yaml.safe_load((bundled_copy / "reviews" / "kim.yaml").read_text(encoding="utf-8"))
    verdicts = [entry["verdict"] for entry in saved["reviews"]]
    assert sorted(verdicts) == sorted(["False", "Mostly false", "True"])
    assert not [p for p in (bundled_copy / "reviews").iterdir() if p.name.startswith(".")]
