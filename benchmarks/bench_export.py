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
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--no-verify", action="store_true", help="skip quote verification")
    parser.add_argument(
        "--repeat", type=int, default=1, help="export each format N times, show the fastest"
    )
    args = parser.parse_args()
    root: Path = args.corpus

    warm = Workspace.open(root)  # fills the parse cache, as any earlier check or export has
    assert warm.corpus is not None, warm.problems[:3]
    if not any((root / REVIEWS_FOLDER).glob("*.yaml")):
        write_reviews(root, warm.corpus)
    print(f"{root}: {len(warm.corpus.claims):,} claims, {len(warm.corpus.quotes):,} quotes")

    warm.verify()  # warm, as the parse cache
    document = report_document(warm.report())
    baseline = min(_seconds(lambda: json.dumps(document, indent=2)) for _ in range(3))
    print(f"baseline: json.dumps of the report as plain data {baseline:.2f} s")
    worst = 0.0
    with tempfile.TemporaryDirectory() as out:
        for name in FORMATS:
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
