"""`factcheck stats`: progress, Krippendorff's alpha, percent agreement, disputes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus.loader import load_corpus
from factcheck.corpus.model import Corpus
from factcheck.reviews import Review, ReviewStore, fingerprint, load_all_reviews
from factcheck.reviews.agreement import measure_agreement
from tests.conftest import CorpusWriter

FIVE_POINT_SCALE = """
    title: Agreement desk
    scale:
      - {label: "One", key: 1, colour: "#111111", meaning: "1", position: 1}
      - {label: "Two", key: 2, colour: "#222222", meaning: "2", position: 2}
      - {label: "Three", key: 3, colour: "#333333", meaning: "3", position: 3}
      - {label: "Four", key: 4, colour: "#444444", meaning: "4", position: 4}
      - {label: "Five", key: 5, colour: "#555555", meaning: "5", position: 5}
      - {label: "Unproven", key: 6, colour: "#666666", meaning: "?"}
    """
LABELS = {1: "One", 2: "Two", 3: "Three", 4: "Four", 5: "Five", 0: "Unproven"}


def claims_yaml(count: int) -> str:
    entries = [
        f"  - id: c{n:02d}\n    text: claim {n}\n    claimant: X\n"
        "    evidence:\n      - {ref: toll, stance: contradicts}\n"
        for n in range(1, count + 1)
    ]
    return "claims:\n" + "".join(entries)


def corpus_with(write_corpus: CorpusWriter, claims: int) -> Corpus:
    root = write_corpus(
        {"claims/main.yaml": claims_yaml(claims), "factcheck.yaml": FIVE_POINT_SCALE}
    )
    loaded = load_corpus(root, cache_dir=None)
    assert loaded.corpus is not None and loaded.problems == []
    return loaded.corpus


def rate(corpus: Corpus, reviewer: str, values: list[int | None]) -> None:
    """values[i] rates claim c{i+1}: a position 1-5, 0 for Unproven, None for not rated."""
    store = ReviewStore(corpus.root, reviewer)
    for number, value in enumerate(values, start=1):
        if value is None:
            continue
        claim = corpus.claims_by_id[f"c{number:02d}"]
        store.put(
            Review(
                claim.id,
                LABELS[value],
                "",
                reviewer,
                "2026-11-23T10:00:00+00:00",
                fingerprint(corpus, claim),
            )
        )


def test_krippendorffs_worked_example(write_corpus: CorpusWriter) -> None:
    """Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
    observers, twelve units, values 1-5, missing data. He computes alpha = 0.743 (nominal);
    the ordinal figure for the same data is 0.815."""
    corpus = corpus_with(write_corpus, 12)
    n = None
    rate(corpus, "A", [1, 2, 3, 3, 2, 1, 4, 1, 2, n, n, n])
    rate(corpus, "B", [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, n, 3])
    rate(corpus, "C", [n, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, n])
    rate(corpus, "D", [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, n])
    report = measure_agreement(corpus, load_all_reviews(corpus.root, cache_dir=None))
    assert report.claims_rated_by_several == 11  # unit 12 has a single value: not pairable
    assert report.alpha_nominal == pytest.approx(0.743, abs=5e-4)
    assert report.alpha_ordinal == pytest.approx(0.815, abs=5e-4)
    assert [(r.reviewer, r.rated, r.pending) for r in report.reviewers] == [
        ("A", 9, 3),
        ("B", 11, 1),
        ("C", 10, 2),
        ("D", 11, 1),
    ]


def test_percent_agreement_and_disputes_by_hand(write_corpus: CorpusWriter) -> None:
    """Three reviewers, four claims:
    c01: 2 2 2  -> 3 agreeing pairs of 3
    c02: 5 5 1  -> 1 of 3 (spread 4: the worst dispute)
    c03: 3 0 3  -> 1 of 3 (Unproven against an on-scale verdict: no numeric spread)
    c04: 4 4 -  -> 1 of 1
    Overall 6 agreeing pairs of 10 = 60%. Ana~Bo agree on c01, c02, c04: 3 of 4."""
    corpus = corpus_with(write_corpus, 4)
    rate(corpus, "Ana", [2, 5, 3, 4])
    rate(corpus, "Bo", [2, 5, 0, 4])
    rate(corpus, "Cy", [2, 1, 3, None])
    report = measure_agreement(corpus, load_all_reviews(corpus.root, cache_dir=None))
    assert report.percent_agreement == pytest.approx(60.0)
    pairs = {(p.first, p.second): (p.agreed, p.claims) for p in report.pairs}
    assert pairs == {("Ana", "Bo"): (3, 4), ("Ana", "Cy"): (2, 3), ("Bo", "Cy"): (1, 3)}
    assert [(d.claim_id, d.spread, d.off_scale) for d in report.disputes] == [
        ("c02", 4, False),
        ("c03", None, True),
    ]
    assert report.disputes[0].verdicts == {"Ana": "Five", "Bo": "Five", "Cy": "One"}
    assert report.off_scale == 1
    assert report.alpha_ordinal is not None and -1 <= report.alpha_ordinal <= 1


def test_editors_are_not_counted_as_reviewers(write_corpus: CorpusWriter) -> None:
    corpus = corpus_with(write_corpus, 2)
    rate(corpus, "Ana", [2, 5])
    rate(corpus, "Ed", [1, 1])
    with_editor = measure_agreement(
        corpus, load_all_reviews(corpus.root, cache_dir=None), editors=["ed"]
    )
    assert with_editor.claims_rated_by_several == 0
    assert with_editor.alpha_ordinal is None
    assert [r.reviewer for r in with_editor.reviewers] == ["Ana", "Ed"]


def test_stale_reviews_are_counted(write_corpus: CorpusWriter) -> None:
    corpus = corpus_with(write_corpus, 2)
    rate(corpus, "Ana", [2, 5])
    claims = corpus.root / "claims" / "main.yaml"
    claims.write_text(claims.read_text().replace("text: claim 1\n", "text: claim one\n"))
    changed = load_corpus(corpus.root, cache_dir=None).corpus
    assert changed is not None
    [progress] = measure_agreement(changed, load_all_reviews(corpus.root, cache_dir=None)).reviewers
    assert (progress.rated, progress.stale) == (2, 1)


def test_no_variation_gives_no_alpha_rather_than_a_fake_one(write_corpus: CorpusWriter) -> None:
    corpus = corpus_with(write_corpus, 3)
    rate(corpus, "Ana", [2, 2, 2])
    rate(corpus, "Bo", [2, 2, 2])
    report = measure_agreement(corpus, load_all_reviews(corpus.root, cache_dir=None))
    assert report.percent_agreement == 100.0
    assert report.alpha_ordinal is None
    assert report.alpha_nominal is None


def test_stats_command_text_and_json(write_corpus: CorpusWriter) -> None:
    corpus = corpus_with(write_corpus, 4)
    rate(corpus, "Ana", [2, 5, 3, 4])
    rate(corpus, "Bo", [2, 5, 0, 4])
    rate(corpus, "Cy", [2, 1, 3, None])
    runner = CliRunner()
    result = runner.invoke(cli, ["stats", str(corpus.root)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Agreement desk: 4 claims\n")
    assert "Cy             3       0        1  One 1, Two 1, Three 1" in out
    assert "percent agreement, overall:   60.0%" in out
    assert "Ana and Bo: agree on 3 of 4 (75.0%)" in out
    assert "In dispute (2), worst first:\n  c02  spread 4  Ana: Five; Bo: Five; Cy: One" in out
    assert "  c03  no numeric spread (off-scale verdict)  Ana: Three; Bo: Unproven" in out
    assert "spread 0" not in out
    result = runner.invoke(cli, ["stats", "--format", "json", "--editor", "Cy", str(corpus.root)])
    document = json.loads(result.stdout)
    assert document["percent_agreement"] == pytest.approx(100 * 3 / 4)
    # Cy, an editor for this run, has rated c03 Three: the dispute is settled, not open.
    assert document["disputes"] == []
    assert [(d["claim_id"], d["settled_by"]) for d in document["settled"]] == [("c03", "Cy")]


def test_stats_without_reviews(write_corpus: CorpusWriter, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["stats", str(write_corpus())])
    assert result.exit_code == 0
    assert "No reviews yet" in result.stdout
