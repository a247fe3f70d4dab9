"""The editor's desk (D): what finding the claims awaiting sign-off costs on the UI thread.

Run on demand:  .venv/bin/python benchmarks/bench_desk.py --corpus /tmp/c10k-copy [--runs 3]

The corpus needs review files with current fingerprints for the desk to have claims (a copy of
/tmp/c10k-ed whose reviews were rewritten with today's fingerprints has 2,000). Printed, each
the median of `--runs`:
- `awaiting_sign_off` the first time (no fingerprint computed yet) and again (the session keeps
  them), as the desk's opening runs it;
- the baseline, in the same run: `summarise`, every claim's state as `factcheck stats` finds it
  (reviews/workflow.py over all files, every claim fingerprinted), the same work done once.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from factcheck.reviews.workflow import summarise
from factcheck.workspace import Workspace


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--reviewer", default="Ed")
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    workspace = Workspace.open(arguments.corpus)
    first: list[float] = []
    again: list[float] = []
    baseline: list[float] = []
    waiting = 0
    for _ in range(arguments.runs):
        session = workspace.session(arguments.reviewer)
        started = time.perf_counter()
        waiting = len(session.awaiting_sign_off())
        first.append(time.perf_counter() - started)
        started = time.perf_counter()
        session.awaiting_sign_off()
        again.append(time.perf_counter() - started)
        started = time.perf_counter()
        summarise(session.corpus, session.review_files(), session.editors)
        baseline.append(time.perf_counter() - started)
    claims = len(workspace.corpus.claims) if workspace.corpus is not None else 0
    print(f"{claims} claims, {waiting} awaiting sign-off, median of {arguments.runs} runs")
    base = statistics.median(baseline)
    for name, times in (("awaiting_sign_off, first", first), ("awaiting_sign_off, again", again)):
        median = statistics.median(times)
        print(f"{name:<28} {median * 1000:7.1f} ms  ({median / base:.2f} x the baseline)")
    print(f"{'baseline: summarise (stats)':<28} {base * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
