"""How long `factcheck check` takes on a 10,000-claim corpus, against PyYAML's C loader.

Run on demand:  .venv/bin/python benchmarks/bench_check.py [--claims N] [--corpus DIR]

The floor is what no loader can beat without a faster parser: reading every YAML file of the
corpus and parsing it with `yaml.CSafeLoader`. Validation (schema, references, source texts)
without quote verification should add at most 50% to it on a cold cache; a warm parse cache
(files unchanged since the last run) takes the parse off the hot path.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from factcheck.corpus.generate import generate_corpus
from factcheck.corpus.loader import load_corpus
from factcheck.corpus.snapshot import snapshot_file


def best_of(runs: int, action: Callable[[], object]) -> tuple[float, float]:
    """(best, median) wall time of `runs` calls, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--corpus", type=Path, default=None, help="reuse or create it here")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    root = args.corpus or Path(tempfile.gettempdir()) / f"factcheck-bench-{args.claims}"
    if not (root / "claims").is_dir():
        print(f"generating {args.claims:,} claims into {root} ...", flush=True)
        generate_corpus(root, claims=args.claims)
    files = sorted([*root.glob("claims/*.yaml"), *root.glob("evidence/*.yaml")])
    size = sum(path.stat().st_size for path in files)
    print(f"corpus: {root} ({len(files):,} YAML files, {size / 1e6:.1f} MB)")

    def floor() -> None:
        for path in files:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

    def floor_gc_paused() -> None:
        # The loader pauses the cyclic GC while it builds the corpus; give the floor the same.
        gc.disable()
        try:
            floor()
        finally:
            gc.enable()

    cache_dir = Path(tempfile.mkdtemp(prefix="factcheck-bench-cache-"))
    plain_best, plain_median = best_of(args.runs, floor)
    floor_best, floor_median = best_of(args.runs, floor_gc_paused)
    cold_best, cold_median = best_of(args.runs, lambda: load_corpus(root, cache_dir=None))
    load_corpus(root, cache_dir=cache_dir)  # fills the caches

    def parse_cache_only() -> None:
        snapshot_file(root, cache_dir).unlink(missing_ok=True)
        load_corpus(root, cache_dir=cache_dir)

    parsed_best, parsed_median = best_of(args.runs, parse_cache_only)
    warm_best, warm_median = best_of(args.runs, lambda: load_corpus(root, cache_dir=cache_dir))
    result = load_corpus(root, cache_dir=cache_dir)
    assert result.corpus is not None and not result.problems, result.problems[:3]

    def whole_command() -> None:
        subprocess.run(
            [sys.executable, "-m", "factcheck", "check", str(root)],
            check=False,
            capture_output=True,
        )

    whole_command()  # warms the user's cache the way a second run in CI or pre-commit would
    command_best, command_median = best_of(args.runs, whole_command)

    print(f"{'':40} {'best':>8} {'median':>8} {'vs floor':>9}")
    rows = [
        ("read + yaml.CSafeLoader", plain_best, plain_median),
        ("floor: the same, GC paused", floor_best, floor_median),
        ("load + validate, no cache", cold_best, cold_median),
        ("load, parse cache warm, no snapshot", parsed_best, parsed_median),
        ("load from the snapshot", warm_best, warm_median),
        ("`factcheck check`, all caches warm", command_best, command_median),
    ]
    for name, best, median in rows:
        print(f"{name:40} {best:7.2f}s {median:7.2f}s {best / floor_best:8.2f}x")
    overhead = cold_best / floor_best - 1
    print(f"validation adds {overhead:+.0%} to the floor on a cold cache (target at most +50%)")


if __name__ == "__main__":
    main()
