"""Suggested evidence: how well it finds the evidence a fact-checker linked, and how fast.

1. Quality, on the bundled corpus: each claim's links are hidden, its suggestions ranked over
   the two bundled sources plus the distractor articles in benchmarks/data/ (other conflicts,
   other Afghan news), and each linked quote's rank noted. Recall@5, recall@10 (also capped at
   k: a claim with 11 quotes can find at most 10 in a top 10) and MRR, for BM25 alone and with
   each part of the ranking added in turn, so the table says what each part adds.
2. Speed, on a generated corpus of 10,000 claims and 2,000 sources: building the index (cold,
   and read back from the cache) and one claim's suggestions, each against a baseline measured
   in the same run: bm25s's own `BM25.index` over the same sentences, and a plain bm25s
   top-10 retrieval of the claim's words.

    .venv/bin/python benchmarks/bench_suggest.py                 # both, corpus at /tmp/c10k
    .venv/bin/python benchmarks/bench_suggest.py --corpus DIR    # another (made if missing)
    .venv/bin/python benchmarks/bench_suggest.py --quality-only
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import bm25s
import numpy as np

from factcheck.corpus.model import Stance
from factcheck.corpus.suggest.evaluation import Evaluation, evaluate
from factcheck.corpus.suggest.expansion import Expansion
from factcheck.corpus.suggest.index import index_texts, passage_index
from factcheck.corpus.suggest.ranking import Weights, suggest
from factcheck.corpus.suggest.terms import terms_of
from factcheck.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
DISTRACTORS = ROOT / "benchmarks" / "data" / "suggest_distractors.txt"
BUILD_TARGET = 3.0
SUGGEST_TARGET = 0.050
RUNS = 3


def distractor_texts(path: Path = DISTRACTORS) -> dict[str, str]:
    """The articles of the distractor file: '## id: title' starts one; '#' lines are comments."""
    texts: dict[str, list[str]] = {}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].split(":", 1)[0].strip()
            texts[current] = []
        elif current is not None and not line.startswith("#"):
            texts[current].append(line)
    return {source_id: "\n".join(lines).strip() + "\n" for source_id, lines in texts.items()}


def steps() -> list[tuple[str, Weights]]:
    """BM25 alone, then each part added to what came before; the last rows are parts tried
    and left off by default, each added to the default ranking on its own."""
    none = Expansion.none()
    default = Weights()
    expansion = default.expansion
    bm25 = Weights.bm25_only()
    with_fuzzy = replace(bm25, fuzzy=default.fuzzy)
    with_overlap = replace(with_fuzzy, overlap=default.overlap)
    with_source = replace(with_overlap, same_source=default.same_source)
    with_contrary = replace(with_source, expansion=replace(none, contrary=expansion.contrary))
    with_rest = replace(with_contrary, expansion=expansion)
    assert replace(with_rest, near_claim=default.near_claim) == default
    return [
        ("BM25 alone (claim's words)", bm25),
        ("+ fuzzy similarity", with_fuzzy),
        ("+ names/dates/numbers overlap", with_overlap),
        ("+ in the reporting source", with_source),
        ("+ expansion: contrary facts", with_contrary),
        ("+ expansion: tags, claimant, date", with_rest),
        ("+ near the claim's report (default)", default),
        ("  tried: + words of linked evidence", _tried(default, linked_elsewhere=0.25)),
        ("  tried: + pseudo-relevance feedback", _tried(default, feedback=0.3)),
        ("  tried: + already quoted elsewhere", replace(default, quoted_elsewhere=0.4)),
    ]


def _tried(weights: Weights, **expansion: float) -> Weights:
    return replace(weights, expansion=replace(weights.expansion, **expansion))


def quality() -> None:
    workspace = Workspace.open(ROOT, cache=False)
    corpus = workspace.corpus
    assert corpus is not None
    anchors = workspace.verify().anchors
    texts = {sid: s.text for sid, s in sorted(corpus.sources.items()) if s.text is not None}
    bundled = len(index_texts(texts))
    distractors = distractor_texts()
    index = index_texts({**texts, **distractors})
    print(
        f"Quality: {len(corpus.claims)} claims; ranked over {len(index)} sentences: "
        f"{bundled} of the bundled sources, {len(index) - bundled} of {len(distractors)} "
        "distractor articles"
    )
    for title, stances in (
        ("every linked quote", frozenset(Stance)),
        ("quotes linked as contradicts or supports", frozenset(Stance) - {Stance.CONTEXT}),
    ):
        first = evaluate(corpus, index, anchors, Weights(), stances=stances)
        print(f"\n{title}: {first.quotes} quotes of {len(first.claims)} claims")
        print(f"  {'ranking':40} {'R@5':>6} {'R@10':>6} {'cR@5':>6} {'cR@10':>6} {'MRR':>6}")
        for name, weights in steps():
            print(_row(name, evaluate(corpus, index, anchors, weights, stances=stances)))
    print("\nwhere each claim's quotes come (default ranking, every quote; - is below 50):")
    for ranks in evaluate(corpus, index, anchors, Weights()).claims:
        shown = " ".join(f"{rank or '-'}" for rank in sorted(ranks.ranks.values(), key=_order))
        print(f"  {ranks.claim_id:32} {shown}")


def _order(rank: int | None) -> int:
    return rank if rank is not None else 10**6


def _row(name: str, result: Evaluation) -> str:
    figures = (
        result.recall(5),
        result.recall(10),
        result.recall(5, capped=True),
        result.recall(10, capped=True),
        result.mrr(),
    )
    return f"  {name:40} " + " ".join(f"{value:6.3f}" for value in figures)


def speed(corpus_dir: Path) -> None:
    if not (corpus_dir / "claims").is_dir():
        from factcheck.corpus.generate import generate_corpus

        print(f"generating 10,000 claims in {corpus_dir} ...")
        generate_corpus(corpus_dir)
    workspace = Workspace.open(corpus_dir)
    corpus = workspace.corpus
    assert corpus is not None
    texts = {sid: s.text for sid, s in sorted(corpus.sources.items()) if s.text is not None}
    megabytes = sum(len(t) for t in texts.values()) / 1e6
    print(f"\nSpeed: {corpus_dir}: {len(corpus.claims):,} claims, {len(texts):,} source texts")
    print(f"  ({megabytes:.1f} million characters)")

    builds = []
    for _ in range(RUNS):
        started = time.perf_counter()
        index = index_texts(texts)
        builds.append(time.perf_counter() - started)
    build = statistics.median(builds)
    baseline_build = statistics.median(_bm25s_build(index, texts) for _ in range(RUNS))
    with tempfile.TemporaryDirectory() as cache:
        passage_index(corpus, Path(cache))  # builds and writes the cache
        started = time.perf_counter()
        cached = passage_index(corpus, Path(cache))
        warm = time.perf_counter() - started
        assert cached.from_cache
    print(f"  sentences indexed: {len(index):,}; terms: {len(index.vocabulary):,}")
    print(
        f"  index build, cold (median of {RUNS}): {build:6.2f} s, splitting and tokenising "
        f"included (target < {BUILD_TARGET:.0f} s)"
    )
    print(
        f"  baseline, bm25s's own build over the same terms, tokenising excluded: "
        f"{baseline_build:6.2f} s (ours, all included, takes {build / baseline_build:.2f}x that)"
    )
    print(f"  index read from cache: {warm:6.3f} s ({build / warm:.0f}x faster than a build)")

    claims = random.Random(7).sample(corpus.claims, min(200, len(corpus.claims)))
    suggest(corpus, index, claims[0])  # warm the caches of the first call
    times = []
    for claim in claims:
        started = time.perf_counter()
        suggest(corpus, index, claim, limit=10)
        times.append(time.perf_counter() - started)
    plain = _bm25s_query_times(index, claims)
    median, p95 = statistics.median(times), float(np.percentile(times, 95))
    print(
        f"  one claim's suggestions ({len(claims)} claims): median {median * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms, max {max(times) * 1000:.1f} ms "
        f"(target < {SUGGEST_TARGET * 1000:.0f} ms)"
    )
    plain_median = statistics.median(plain)
    print(
        f"  baseline, plain bm25s top-10 of the claim's words: median {plain_median * 1000:.1f} "
        f"ms (ours takes {median / plain_median:.1f}x that, for the expansion, the finer "
        "scores and the reasons)"
    )


def _bm25s_build(index: object, texts: dict[str, str]) -> float:
    """bm25s's own index build over the same sentences and terms, tokenising excluded."""
    from factcheck.corpus.suggest.index import PassageIndex

    assert isinstance(index, PassageIndex)
    documents = [terms_of(index.text_of(n)) for n in range(len(index))]
    vocabulary = index.vocabulary
    ids = [[vocabulary[t] for t in doc] for doc in documents]
    retriever = bm25s.BM25(k1=1.5, b=0.75, method="lucene")
    started = time.perf_counter()
    retriever.build_index_from_ids(list(range(len(vocabulary))), ids, show_progress=False)
    return time.perf_counter() - started


def _bm25s_query_times(index: object, claims: list) -> list[float]:
    from factcheck.corpus.suggest.index import PassageIndex

    assert isinstance(index, PassageIndex)
    times = []
    for claim in claims:
        started = time.perf_counter()
        ids = index.term_ids(terms_of(claim.text))
        if ids:
            scores = index.retriever.get_scores_from_ids(ids)
            np.argpartition(-scores, 9)[:10]
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/c10k"))
    parser.add_argument("--quality-only", action="store_true")
    parser.add_argument("--speed-only", action="store_true")
    options = parser.parse_args()
    if not options.speed_only:
        quality()
    if not options.quality_only:
        speed(options.corpus)


if __name__ == "__main__":
    main()
