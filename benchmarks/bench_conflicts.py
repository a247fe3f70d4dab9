"""Figures that disagree: precision and recall on the labelled pairs, and what the scan costs.

Run on demand:  .venv/bin/python benchmarks/bench_conflicts.py [--corpus /tmp/c10k] [--runs 3]

1. The seeds: every figure of benchmarks/data/figure_pairs.yaml is looked up among the figures
   read from the two bundled sources, and every pair of them is judged (all pairs, within one
   source too: the judgement of one pair does not know where its figures come from). A conflict
   found between figures the set does not name counts as a false one.
2. The made-up pairs of the same file: two short passages each, a conflict or not.
3. The cost at 10,000 claims: the scan cold (no cache) and warm (every source cached), and
   `check` (warm caches) with and without it, in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

from factcheck.corpus import conflicts as corpus_conflicts
from factcheck.corpus.dates import PartialDate
from factcheck.quotes.counts import CountedFigure, counted_figures, disagree
from factcheck.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
PAIRS = Path(__file__).with_name("data") / "figure_pairs.yaml"


class Tally:
    def __init__(self) -> None:
        self.true_positive = self.false_positive = self.false_negative = self.true_negative = 0
        self.mistakes: list[str] = []

    def add(self, predicted: bool, labelled: bool, what: str) -> None:
        if predicted and labelled:
            self.true_positive += 1
        elif predicted:
            self.false_positive += 1
            self.mistakes.append(f"false conflict: {what}")
        elif labelled:
            self.false_negative += 1
            self.mistakes.append(f"missed: {what}")
        else:
            self.true_negative += 1

    def line(self, name: str, negatives: str = "pairs rightly not in conflict") -> str:
        found = self.true_positive + self.false_positive
        labelled = self.true_positive + self.false_negative
        precision = self.true_positive / found if found else float("nan")
        recall = self.true_positive / labelled if labelled else float("nan")
        return (
            f"{name}: precision {precision:.2f} ({self.true_positive}/{found}), recall "
            f"{recall:.2f} ({self.true_positive}/{labelled}); {self.true_negative} {negatives}"
        )


def published(value: Any) -> tuple[int | None, int | None, int | None]:
    date = PartialDate.parse(str(value))
    return (date.year, date.month, date.day)


def seeds(labels: dict[str, Any]) -> tuple[Tally, Tally]:
    """(conflicts, same event) over every pair of the labelled seed figures."""
    workspace = Workspace.open(REPO, cache=False)
    corpus = workspace.corpus
    assert corpus is not None
    read: dict[str, list[CountedFigure]] = {}
    for source_id, source in corpus.sources.items():
        assert source.text is not None and source.published is not None
        read[source_id] = counted_figures(source.text, published(source.published))
    found: dict[str, CountedFigure | None] = {}
    for name, entry in labels["figures"].items():
        text = corpus.sources[entry["source"]].text or ""
        at = text.index(entry["at"])
        start = at + entry["at"].index(entry["figure"].split()[-1])
        found[name] = next(
            (f for f in read[entry["source"]] if f.amount.start <= start < f.amount.end), None
        )
    print(
        f"seed figures read: {sum(f is not None for f in found.values())} of {len(found)} "
        f"labelled ({sum(map(len, read.values()))} read in all)"
    )
    labelled = {frozenset(p["figures"]): p for p in labels["pairs"]}
    conflicts, events = Tally(), Tally()
    for one, other in combinations(sorted(found), 2):
        label = labelled.get(frozenset((one, other)), {})
        first, second = found[one], found[other]
        event = None
        conflict = False
        if first is not None and second is not None:
            conflict = disagree(first, second) is not None
            event = corpus_conflicts.counts.same_event(first.event, second.event, first.counted)
        conflicts.add(conflict, bool(label.get("conflict")), f"{one} / {other}")
        if first is not None and second is not None and first.comparable(second):
            events.add(event is not None, bool(label.get("same_event")), f"{one} / {other}")
    # A conflict between figures the set does not name is a false one.
    named = {id(f) for f in found.values() if f is not None}
    every = [f for figures in read.values() for f in figures]
    for first, second in combinations(every, 2):
        if id(first) in named and id(second) in named:
            continue
        if disagree(first, second) is not None:
            conflicts.add(True, False, f"unlabelled figures {first.amount} / {second.amount}")
    return conflicts, events


def made_up(labels: dict[str, Any]) -> Tally:
    tally = Tally()
    for index, pair in enumerate(labels["made_up"]):
        one = counted_figures(pair["a"]["text"], published(pair["a"]["published"]))
        other = counted_figures(pair["b"]["text"], published(pair["b"]["published"]))
        predicted = any(disagree(a, b) is not None for a in one for b in other)
        tally.add(predicted, pair["conflict"], f"made_up[{index}]: {pair['b']['text'][:60]}")
    return tally


def best(runs: int, action: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_checks(root: Path) -> None:
    """`check` on an empty cache, with the scan and without (a fresh cache folder each)."""
    import os

    import factcheck.workspace.workspace as workspace_module

    def cold_check() -> float:
        with tempfile.TemporaryDirectory() as cache:
            os.environ["FACTCHECK_CACHE_DIR"] = cache
            start = time.perf_counter()
            Workspace.open(root).check()
            return time.perf_counter() - start

    saved = workspace_module.find_conflicts
    workspace_module.find_conflicts = lambda corpus, cache_dir: []  # type: ignore[assignment]
    without = cold_check()
    workspace_module.find_conflicts = saved
    with_scan = cold_check()
    print(
        f"  check (cold caches): {without:.2f} s without the scan, {with_scan:.2f} s with it "
        f"(x{with_scan / without:.2f})"
    )


def timings(root: Path, runs: int) -> None:
    print(f"\ncorpus: {root}")
    with tempfile.TemporaryDirectory() as cache:
        workspace = Workspace.open(root)
        corpus = workspace.corpus
        assert corpus is not None
        print(f"  {len(corpus.claims):,} claims, {len(corpus.sources):,} sources")
        cpu = time.process_time()
        cold = best(1, lambda: corpus_conflicts.find_conflicts(corpus, cache_dir=None))
        cpu = time.process_time() - cpu
        corpus_conflicts.find_conflicts(corpus, cache_dir=Path(cache))
        warm = best(runs, lambda: corpus_conflicts.find_conflicts(corpus, cache_dir=Path(cache)))
        found = corpus_conflicts.find_conflicts(corpus, cache_dir=Path(cache))
        print(
            f"  scan cold (no cache): {cold:.2f} s ({cpu:.2f} s of CPU); warm (cached): "
            f"{warm * 1000:.0f} ms"
        )
        print(f"  disagreements found: {len(found)}")
    Workspace.open(root).check()  # every cache warm

    def check() -> None:
        Workspace.open(root).check()

    with_scan = best(runs, check)
    original = corpus_conflicts.find_conflicts
    corpus_conflicts.find_conflicts = lambda corpus, cache_dir: []  # type: ignore[assignment]
    try:
        import factcheck.workspace.workspace as workspace_module

        saved = workspace_module.find_conflicts
        workspace_module.find_conflicts = corpus_conflicts.find_conflicts  # type: ignore[assignment]
        without = best(runs, check)
        workspace_module.find_conflicts = saved
    finally:
        corpus_conflicts.find_conflicts = original
    print(
        f"  check (warm caches): {without:.2f} s without the scan, {with_scan:.2f} s with it "
        f"(x{with_scan / without:.2f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/c10k"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-timings", action="store_true")
    parser.add_argument("--cold", action="store_true", help="also `check` on empty caches")
    args = parser.parse_args()
    labels = yaml.safe_load(PAIRS.read_text(encoding="utf-8"))
    conflicts, events = seeds(labels)
    print(conflicts.line("seeds, conflicts"))
    print(
        events.line(
            "seeds, same event (of the pairs that count the same thing)",
            "pairs rightly told apart",
        )
    )
    invented = made_up(labels)
    print(invented.line("made-up pairs, conflicts"))
    for mistake in conflicts.mistakes + invented.mistakes:
        print(f"  {mistake}")
    if not args.no_timings and (args.corpus / "claims").is_dir():
        timings(args.corpus, args.runs)
        if args.cold:
            cold_checks(args.corpus)


if __name__ == "__main__":
    main()
