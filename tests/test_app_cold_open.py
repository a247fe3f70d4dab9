"""The first open of a corpus big enough to parse in two processes, in a real terminal.

Textual replaces sys.stderr with an object whose fileno() is -1 while the app runs, and the
corpus is loaded in a worker thread; starting a process pool there once crashed the app with
`ValueError: bad value(s) in fds_to_keep`. Pilot tests run in-process with the pool already
possible, so only the real command in a pseudo-terminal shows it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.corpus.generate import generate_corpus
from factcheck.corpus.yamlio import PARALLEL_MIN_FILES
from factcheck.processes import available_cores
from tests.conftest import review_in_terminal

CLAIMS = 1_000
"""Five claims per source: 200 evidence files and 2 claims files, just over the threshold;
short source texts keep the test quick."""


@pytest.mark.skipif(available_cores() < 2, reason="the corpus is parsed in one process here")
def test_first_open_of_a_corpus_parsed_in_two_processes(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    size = generate_corpus(root, claims=CLAIMS, source_bytes=600)
    assert size.files >= PARALLEL_MIN_FILES, "the corpus must be big enough to start a process"
    empty_cache = tmp_path / "cache"
    empty_cache.mkdir()
    with review_in_terminal(
        root, "--reviewer", "Kim", env={"FACTCHECK_CACHE_DIR": str(empty_cache)}
    ) as terminal:
        terminal.read_until(f"0/{CLAIMS:,} rated".encode())
        terminal.press(b"q")
        exit_code = terminal.wait_for_exit()
    shown = terminal.tail(len(terminal.seen))
    assert "Traceback" not in shown and "Error" not in shown, terminal.tail()
    assert exit_code == 0
    assert any(empty_cache.iterdir()), "the parsed files were cached for the next open"
