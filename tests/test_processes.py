"""Worker processes: started from any thread whatever sys.stderr is, and never losing a task."""

from __future__ import annotations

import functools
import json
import logging
import os
import subprocess
import sys
from concurrent.futures import Future
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest

from factcheck import processes
from factcheck.processes import map_in_processes

# Run in a fresh interpreter: multiprocessing starts its resource tracker and fork server once per
# process, so in the test process an earlier test may already have started them with a real stderr.
AS_IN_THE_APP = dedent(
    """
    import io, json, logging, sys, threading
    from pathlib import Path

    warnings = []
    class Keep(logging.Handler):
        def emit(self, record):
            warnings.append(record.getMessage())
    logging.getLogger("factcheck").addHandler(Keep())

    class TextualLikeStderr(io.StringIO):
        def fileno(self):
            return -1  # what Textual's stand-in for stderr answers while the app runs
    sys.stderr = TextualLikeStderr()

    from factcheck.corpus import yamlio
    from factcheck.quotes.batch import verify_quotes

    root = Path(sys.argv[1])
    files = sorted(p.relative_to(root).as_posix() for p in root.glob("*.yaml"))
    texts = {"a": "The group was defeated. Nineteen people died.", "b": "Residents felt unsafe."}
    jobs = [("q1", "a", "Nineteen people died."), ("q2", "b", "felt unsafe")]
    outcome = {}

    def work():  # the app loads and verifies in worker threads
        try:
            cache = yamlio.ParseCache(root, None)
            yamlio.parse_into(cache, root, files)
            outcome["missing"] = len(cache.missing(root, files))
            anchors = verify_quotes(jobs, texts, workers=2)
            outcome["statuses"] = sorted(a.status.name for a in anchors.values())
        except Exception as error:
            outcome["error"] = repr(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    outcome["warnings"] = warnings
    print(json.dumps(outcome))
    """
)


def test_pools_start_from_a_thread_while_stderr_has_no_descriptor(tmp_path: Path) -> None:
    from factcheck.corpus.yamlio import PARALLEL_MIN_FILES

    for number in range(PARALLEL_MIN_FILES):
        (tmp_path / f"file-{number:03d}.yaml").write_text(f"number: {number}\n")
    run = subprocess.run(
        [sys.executable, "-c", AS_IN_THE_APP, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    outcome = json.loads(run.stdout)
    assert "error" not in outcome, outcome["error"]
    assert outcome["missing"] == 0
    assert outcome["statuses"] == ["EXACT", "EXACT"]
    assert outcome["warnings"] == [], "the work was done in processes, not by the fallback"


def double(number: int) -> int:
    return number * 2


def double_unless_in_a_worker(parent: int, number: int) -> int:
    if os.getpid() != parent:
        os._exit(3)  # the worker dies without a word, as a killed process would
    return number * 2


def test_results_come_in_task_order_with_some_done_here() -> None:
    tasks = list(range(7))
    assert map_in_processes(double, tasks, processes=2, here=2) == [n * 2 for n in tasks]


def test_tasks_are_done_here_and_logged_when_no_process_can_start(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    class NoProcesses:
        def __init__(self, **_: Any) -> None:
            pass

        def submit(self, *_: Any) -> Future[int]:
            raise OSError(11, "Resource temporarily unavailable")

        def __enter__(self) -> NoProcesses:
            return self

        def __exit__(self, *_: object) -> None:
            pass

    monkeypatch.setattr(processes, "ProcessPoolExecutor", NoProcesses)
    with caplog.at_level(logging.WARNING, logger="factcheck.processes"):
        assert map_in_processes(double, [1, 2, 3], processes=2) == [2, 4, 6]
    assert "could not start a worker process; 3 of 3 tasks" in caplog.text
    assert "Resource temporarily unavailable" in caplog.text


def test_tasks_of_a_worker_that_died_are_done_here_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    dying = functools.partial(double_unless_in_a_worker, os.getpid())
    with caplog.at_level(logging.WARNING, logger="factcheck.processes"):
        assert map_in_processes(dying, [1, 2, 3], processes=1, preload=[__name__]) == [2, 4, 6]
    assert "failed in a worker process; running it here instead" in caplog.text
    assert caplog.text.count("failed in a worker process") == 1, "one warning, not one per task"
