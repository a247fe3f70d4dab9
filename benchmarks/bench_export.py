"""How long `factcheck export` takes on a large corpus, per format. Run on demand:

    .venv/bin/factcheck generate --claims 10000 /tmp/big
    .venv/bin/python benchmarks/bench_export.py /tmp/big

Writes reviews of half the claims by two reviewers (once, as single YAML dumps in the review
store's layout) unless the corpus has reviews already, then times, for each format, the whole
export as the command runs it (load the corpus with its parse cache warm, read the reviews,
verify quotes unless --no-verify, from a warm status cache, build the report, render, write)
and its parts (the fastest of --repeat runs). The target is under 3 s for any format.

On a shared machine the seconds move with the load, so each row also gives its total as a
multiple of a baseline timed in the same run: `json.dumps(indent=2)` of the report as plain
data, a fixed amount of pure-Python work on the same data (the best of three).

With --memory, each command runs as users run it, in a process of its own, and the row gives
its wall time and peak resident memory (the kernel's ru_maxrss of that process):

    .venv/bin/python benchmarks/bench_export.py /tmp/big --memory

first `check` with an empty cache (cold) and again (warm), then `export -o FILE` in every
format (warm caches). An export's row also splits its memory at the moment the report starts
to be built (Linux only): what is resident then (the corpus loaded, the reviews read, the
quotes verified: it grows with the corpus), the peak from then to the end, and the difference,
what building and writing the report adds: that share should not grow with the corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import yaml

from factcheck.corpus.model import Corpus
from factcheck.report.jsonout import report_document
from factcheck.report.registry import FORMATS, export
from factcheck.reviews import fingerprint, now
from factcheck.reviews.store import REVIEWS_FOLDER
from factcheck.workspace import Workspace

TARGET_SECONDS = 3.0
T = TypeVar("T")


def timed(label: str, work: Callable[[], T], figures: dict[str, float]) -> T:
    start = time.perf_counter()
    result = work()
    figures[label] = time.perf_counter() - start
    return result


def _seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def write_reviews(root: Path, corpus: Corpus) -> None:
    """Two reviewers rate every other claim; one in five of Ben's verdicts differ from Ana's."""
    labels = [verdict.label for verdict in corpus.scale]
    folder = root / REVIEWS_FOLDER
    folder.mkdir(exist_ok=True)
    for reviewer, shift in (("Ana", 0), ("Ben", 1)):
        entries = [
            {
                "claim": claim.id,
                "verdict": labels[(index + (shift if index % 5 == 0 else 0)) % len(labels)],
                "note": f"Rationale {index}: the quoted sources say otherwise, with figures.",
                "time": now(),
                "fingerprint": fingerprint(corpus, claim),
            }
            for index, claim in enumerate(sorted(corpus.claims, key=lambda c: c.id)[::2])
        ]
        text = yaml.dump(
            {"reviewer": reviewer, "reviews": entries},
            Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
            sort_keys=False,
            allow_unicode=True,
            width=100,
        )
        (folder / f"{reviewer.lower()}.yaml").write_text(text, encoding="utf-8")


def export_once(
    root: Path, name: str, out: Path, *, verify: bool
) -> tuple[float, dict[str, float], Path]:
    """One export as the command runs it: its total seconds, its parts, and the file."""
    figures: dict[str, float] = {}
    start = time.perf_counter()
    workspace = timed("load", lambda: Workspace.open(root), figures)
    timed("reviews", workspace.review_files, figures)
    if verify:
        timed("verify", workspace.verify, figures)
    report = timed("build", lambda: workspace.report(verify=verify), figures)
    path = timed(
        "render+write", lambda: export(report, name, out / f"report{FORMATS[name].suffix}"), figures
    )
    return time.perf_counter() - start, figures, path


_PHASES = """
import atexit, json, sys
import factcheck.workspace.workspace as workspace

def memory():
    with open("/proc/self/status") as status:
        fields = dict(line.split(":", 1) for line in status)
    return {key: int(fields[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM")}

marks = {}
build = workspace.build_report

def build_report(*arguments, **options):
    # VmHWM: the peak so far (loading, reading reviews, verifying); VmRSS: the floor
    marks["start"] = memory()
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")  # the peak starts again from here
    return build(*arguments, **options)

workspace.build_report = build_report  # what Workspace.report calls, once all is loaded
atexit.register(lambda: print(json.dumps({**marks, "end": memory()}), file=sys.stderr))
sys.argv[0] = "factcheck"
from factcheck.cli import main
main()
"""
"""`factcheck ARGS` as the command runs it, saying on its last line of stderr the memory when
the report starts to be built (resident, and the peak before it: loading the corpus, reading
the reviews, verifying the quotes) and the peak from there to the end, building and writing
the report (Linux: the peak is started again by writing 5 to /proc/self/clear_refs)."""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak: float
    """MB: the most resident memory of the whole run."""
    at_report: float | None = None
    """MB resident when the report started to be built (the corpus loaded, reviews read,
    quotes verified)."""
    report_peak: float | None = None
    """MB: the most resident memory from then on, building and writing the report."""


def run(command: list[str], env: dict[str, str]) -> Run:
    """Run `command` to its end: its wall seconds and its peak resident memory (the ru_maxrss
    of that one process, what /usr/bin/time -v calls 'Maximum resident set size'), and the
    phases `_PHASES` said. Its stdout is thrown away; a failure stops the benchmark."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        errors.seek(0)
        said = errors.read().decode("utf-8", "replace")
    # check exits 1 when the corpus has errors; a generated corpus has none, so any is a failure
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{said}")
    peak = usage.ru_maxrss / 1024  # KB on Linux
    last = said.strip().rsplit("\n", 1)[-1]
    if not last.startswith("{"):
        return Run(seconds, peak)
    phases = json.loads(last)
    start_of_report, end = phases["start"], phases["end"]
    # The peak was started again when the report began, and ru_maxrss with it.
    whole = max(start_of_report["VmHWM"], end["VmHWM"])
    return Run(seconds, whole, start_of_report["VmRSS"], end["VmHWM"])


def memory(root: Path, formats: list[str], *, check: bool = True) -> None:
    """Peak memory and wall time of check and of each export, each in a process of its own."""
    factcheck = [sys.executable, "-m", "factcheck"]
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-memory-") as scratch:
        env = {**os.environ, "FACTCHECK_CACHE_DIR": str(Path(scratch, "cache"))}
        print(
            f"{'command':20} {'wall':>8} {'peak RSS':>11} {'at report':>10} {'report peak':>12} "
            f"{'report adds':>12} {'output':>11}"
        )

        def row(label: str, command: list[str], output: Path | None = None) -> None:
            measured = run(command, env)
            line = f"{label:20} {measured.seconds:6.1f} s {measured.peak:8.0f} MB"
            if measured.at_report is not None and measured.report_peak is not None:
                adds = measured.report_peak - measured.at_report
                line += (
                    f" {measured.at_report:7.0f} MB {measured.report_peak:9.0f} MB {adds:+9.0f} MB"
                )
            if output is not None:
                line += f" {output.stat().st_size / 1e6:8.1f} MB"
            print(line, flush=True)

        if check:
            row("check (cold)", [*factcheck, "check", str(root)])
        else:
            run([*factcheck, "check", str(root)], env)  # the caches filled, unmeasured
        row("check (warm)", [*factcheck, "check", str(root)])
        for name in formats:
            output = Path(scratch, f"report{FORMATS[name].suffix}")
            command = [sys.executable, "-c", _PHASES, "export", str(root), "-o", str(output)]
            row(f"export {name}", command, output)
            output.unlink()


def prepare(root: Path, *, cache: bool = True) -> Workspace:
    """The corpus opened, with the benchmark's reviews written unless it has reviews."""
    warm = Workspace.open(root, cache=cache)  # fills the parse cache, as any earlier run has
    assert warm.corpus is not None, warm.problems[:3]
    if not any((root / REVIEWS_FOLDER).glob("*.yaml")):
        write_reviews(root, warm.corpus)
    print(f"{root}: {len(warm.corpus.claims):,} claims, {len(warm.corpus.quotes):,} quotes")
    return warm


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--no-verify", action="store_true", help="skip quote verification")
    parser.add_argument(
        "--repeat", type=int, default=1, help="export each format N times, show the fastest"
    )
    parser.add_argument(
        "--memory",
        action="store_true",
        help="peak memory and wall time of check and each export, each in its own process",
    )
    parser.add_argument(
        "--format",
        dest="formats",
        action="append",
        choices=list(FORMATS),
        help="only this format (repeatable); default: every format",
    )
    parser.add_argument(
        "--no-cold-check",
        action="store_true",
        help="with --memory: fill the caches without measuring the cold check",
    )
    args = parser.parse_args()
    root: Path = args.corpus
    formats = args.formats or list(FORMATS)

    if args.memory:
        prepare(root, cache=False)  # the measured runs keep a cache of their own
        memory(root, formats, check=not args.no_cold_check)
        return 0
    warm = prepare(root)

    warm.verify()  # warm, as the parse cache
    document = report_document(warm.report())
    baseline = min(_seconds(lambda: json.dumps(document, indent=2)) for _ in range(3))
    print(f"baseline: json.dumps of the report as plain data {baseline:.2f} s")
    worst = 0.0
    with tempfile.TemporaryDirectory() as out:
        for name in formats:
            runs = [
                export_once(root, name, Path(out), verify=not args.no_verify)
                for _ in range(max(args.repeat, 1))
            ]
            total, figures, path = min(runs, key=lambda run: run[0])
            worst = max(worst, total)
            parts = "  ".join(f"{label} {seconds:5.2f}" for label, seconds in figures.items())
            size = path.stat().st_size / 1e6
            flag = "ok" if total < TARGET_SECONDS else "SLOW"
            print(
                f"{name:12} {total:5.2f} s {flag:4} {total / baseline:4.1f}x baseline  "
                f"({parts})  {size:6.1f} MB"
            )
    print(f"worst {worst:.2f} s; target < {TARGET_SECONDS:.0f} s")
    return 0 if worst < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
