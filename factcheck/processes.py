"""Worker processes, started one way by every part that uses them (parsing YAML, verifying quotes).

The one module outside the parts: the corpus loader and the quote verifier both start processes,
and `factcheck.quotes` may not import the corpus, so what they share sits below both.
"""

from __future__ import annotations

import os


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
