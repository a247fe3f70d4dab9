"""Worker processes, started one way by every part that uses them (parsing YAML, verifying quotes).

The one module outside the parts: the corpus loader and the quote verifier both start processes,
and `factcheck.quotes` may not import the corpus, so what they share sits below both.

Processes are started so that they work from any thread while sys.stderr is replaced, as it is
in the app (Textual's stand-in for stderr answers fileno() with -1, and the app loads and
verifies in worker threads). A task whose process cannot start or dies is done in this process
instead, and the log says so: slower, never lost, never silent.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import resource_tracker
from multiprocessing.context import BaseContext
from typing import Any, TextIO, TypeVar

logger = logging.getLogger(__name__)

Task = TypeVar("Task")
Result = TypeVar("Result")


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_in_processes(
    function: Callable[[Task], Result],
    tasks: Sequence[Task],
    *,
    processes: int,
    here: int = 0,
    preload: Sequence[str] = (),
) -> list[Result]:
    """`function(task)` for every task, in order: the first `here` tasks in this process while
    `processes` worker processes do the rest.

    `function` must be a module-level function (or a partial of one) so a worker can unpickle
    it; `preload` names the modules it needs, imported once by the fork server rather than by
    every worker. A task that no process could take is done here, and logged.
    """
    remote = list(range(here, len(tasks)))
    futures: dict[int, Future[Result]] = {}
    with _started_pool(processes if remote else 0, preload) as pool:
        if pool is not None:
            futures = _submit_all(pool, function, tasks, remote)
        results = {index: function(tasks[index]) for index in range(here)}
        failed_in_worker = False
        for index in remote:
            future = futures.get(index)
            if future is not None:
                try:
                    results[index] = future.result()
                    continue
                except Exception:
                    # The worker died, or the task failed there. Either way, doing it here gives
                    # the answer or raises the task's own error where the caller sees it.
                    if not failed_in_worker:
                        logger.warning(
                            "a task of %s failed in a worker process; running it here instead",
                            _name(function),
                            exc_info=True,
                        )
                    failed_in_worker = True
            results[index] = function(tasks[index])
    return [results[index] for index in range(len(tasks))]


def _submit_all(
    pool: ProcessPoolExecutor,
    function: Callable[[Task], Result],
    tasks: Sequence[Task],
    indexes: list[int],
) -> dict[int, Future[Result]]:
    futures: dict[int, Future[Result]] = {}
    try:
        for index in indexes:
            futures[index] = pool.submit(function, tasks[index])
    except Exception:
        # Starting a worker can fail in many ways (OSError from fork, ValueError from bad
        # descriptors, BrokenProcessPool); whichever it is, the tasks not submitted run here.
        logger.warning(
            "could not start a worker process; %d of %d tasks of %s run in this process instead",
            len(indexes) - len(futures),
            len(indexes),
            _name(function),
            exc_info=True,
        )
    return futures


@contextmanager
def _started_pool(processes: int, preload: Sequence[str]) -> Iterator[ProcessPoolExecutor | None]:
    """A pool of `processes` workers, or None (logged) where processes cannot be started."""
    if processes < 1:
        yield None
        return
    try:
        context = process_context(preload)
        pool = ProcessPoolExecutor(max_workers=processes, mp_context=context)
    except Exception:
        logger.warning("could not start worker processes; working in this process", exc_info=True)
        yield None
        return
    with pool:
        yield pool


_starting = threading.Lock()
_preloaded: set[str] = set()


def process_context(preload: Sequence[str] = ()) -> BaseContext:
    """The multiprocessing context every pool here uses, ready to start processes from any
    thread, whatever sys.stderr is at the moment.

    Never fork: the app parses and verifies in threads, and forking a process with threads can
    copy a held lock into the child. A fork server forks clean workers from a process that
    imported `preload` once; where there is none (Windows), spawn.
    """
    with _starting, _stderr_with_a_descriptor():
        if "forkserver" not in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("spawn")
            if os.name == "posix":  # spawn starts the resource tracker there too
                _start_resource_tracker()
            return context
        context = multiprocessing.get_context("forkserver")
        _preloaded.update(preload)
        context.set_forkserver_preload(sorted(_preloaded))  # no effect once the server runs
        _start_resource_tracker()
        from multiprocessing import forkserver  # here: Windows has none

        forkserver.ensure_running()
        return context


def _start_resource_tracker() -> None:
    """Start the resource tracker now, while sys.stderr has a descriptor.

    multiprocessing starts it (and the fork server) on first use and keeps it for the life of
    this process. It is started with `sys.stderr.fileno()` among the descriptors it keeps
    (resource_tracker.ensure_running, read in CPython 3.11); a -1 there makes
    `_posixsubprocess.fork_exec` raise `ValueError: bad value(s) in fds_to_keep`. Once it runs,
    starting the fork server or a worker reads no stderr. If it dies, the next call restarts it
    the same way.
    """
    resource_tracker.ensure_running()


@contextmanager
def _stderr_with_a_descriptor() -> Iterator[None]:
    """sys.stderr answers fileno() with the real stderr's descriptor for a moment; all it is
    written goes where it went before, so nothing reaches the terminal behind the app's back."""
    replaced = sys.stderr
    if _descriptor_of(replaced) is not None:
        yield
        return
    stand_in = _StderrWithDescriptor(replaced, _descriptor_of(sys.__stderr__))
    sys.stderr = stand_in  # type: ignore[assignment]
    try:
        yield
    finally:
        if sys.stderr is stand_in:  # someone else may have replaced it meanwhile: keep theirs
            sys.stderr = replaced


def _descriptor_of(stream: TextIO | None) -> int | None:
    try:
        descriptor = stream.fileno() if stream is not None else None
    except (OSError, ValueError):  # io.UnsupportedOperation is both
        return None
    return descriptor if isinstance(descriptor, int) and descriptor >= 0 else None


class _StderrWithDescriptor:
    """Writes go to the stream it stands in for; fileno() gives the real stderr's descriptor,
    or raises (multiprocessing then passes none) if there is no real stderr."""

    def __init__(self, stream: TextIO, descriptor: int | None) -> None:
        self._stream = stream
        self._descriptor = descriptor

    def fileno(self) -> int:
        if self._descriptor is None:
            raise io.UnsupportedOperation("no real stderr")
        return self._descriptor

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _name(function: Callable[..., Any]) -> str:
    inner = getattr(function, "func", function)  # a functools.partial names its function
    return getattr(inner, "__qualname__", repr(inner))
