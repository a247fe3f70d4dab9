"""A smoke run of the quote benchmark: it builds its workload, anchors it and reports."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

BENCHMARK = Path(__file__).parent.parent / "benchmarks" / "bench_quotes.py"


def load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_quotes", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is being built.
    sys.modules.setdefault("bench_quotes", module)
    spec.loader.exec_module(module)
    return module


def test_benchmark_smoke_run_reports_every_figure() -> None:
    bench = load_benchmark()
    report = bench.run(source_count=6, quote_count=150, seed=7, workers=1)
    assert report["quotes"] == 150
    assert report["quotes per second (one core)"] > 0
    assert set(report["accuracy per variant"]) == set(bench.VARIANT_SHARES)
    assert "exact" in report["latency ms p50 / p99 per tier"]
    # Exact and other-source quotes are unambiguous even on a tiny workload.
    assert (
        report["accuracy per variant"]["exact"].split()[0].split("/")[0]
        == (report["accuracy per variant"]["exact"].split()[0].split("/")[1])
    )


def test_generated_sources_are_prose_of_the_asked_size() -> None:
    bench = load_benchmark()
    text = bench.generate_source(random.Random(1), 0)
    assert 8_000 <= len(text) < 9_000
    assert "\n\n" in text and "“" in text and "’" in text and "—" in text
