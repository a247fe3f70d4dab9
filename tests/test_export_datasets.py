"""Research datasets: `export --format fever` and `--format averitec`, and the label mapping.

Golden files: tests/data/reports/report.fever.jsonl and report.averitec.json, the report of
`report_corpus` (rewrite them with FACTCHECK_UPDATE_GOLDEN=1 after a change on purpose)."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus.model import Corpus
from factcheck.report.datasets import Band, averitec_record, band, fever_record
from factcheck.report.registry import render
from tests.test_report_model import make_report, report_corpus

__all__ = ["report_corpus"]  # the fixture, imported for pytest

GOLDEN = Path(__file__).parent / "data" / "reports"


@pytest.mark.parametrize(
    ("format_name", "golden_name"),
    [("fever", "report.fever.jsonl"), ("averitec", "report.averitec.json")],
)
def test_each_dataset_matches_its_golden_file(
    report_corpus: tuple[Path, Corpus], tmp_path: Path, format_name: str, golden_name: str
) -> None:
    """Written through the CLI as a user would. (`-o x.fever.jsonl` alone would write jsonl:
    a format is chosen by the file's last extension.)"""
    root, _ = report_corpus
    target = tmp_path / golden_name
    result = CliRunner().invoke(
        cli, ["export", str(root), "--format", format_name, "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    golden = GOLDEN / golden_name
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN"):
        golden.write_bytes(target.read_bytes())
    assert target.read_bytes() == golden.read_bytes()


@pytest.mark.parametrize(
    ("verdict", "expected"),
    [
        ("True", Band.TRUE),
        ("Mostly true", Band.TRUE),
        ("Half true", Band.MIDDLE),
        ("Misleading", Band.MIDDLE),
        ("Mostly false", Band.FALSE),
        ("False", Band.FALSE),
        ("Unproven", Band.OFF_SCALE),
        ("Not on the scale", Band.OFF_SCALE),
    ],
)
def test_the_default_scale_maps_as_the_readme_says(
    report_corpus: tuple[Path, Corpus], verdict: str, expected: Band
) -> None:
    assert band(make_report(*report_corpus), verdict) is expected


def test_fever_lines_label_only_rated_claims_with_the_agreeing_evidence(
    report_corpus: tuple[Path, Corpus],
) -> None:
    root, _ = report_corpus
    result = CliRunner().invoke(
        cli, ["export", "--format", "fever", "--reviewer", "Ben", str(root)]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    # `unrated` has no verdict and is left out.
    assert [(r["id"], r["verdict"], r["label"]) for r in records] == [
        ("defeated", "False", "REFUTES"),
        ("peace", "Half true", "NOT ENOUGH INFO"),
    ]
    defeated, peace = records
    # Only the contradicting quotes are evidence for REFUTES, not the one given as context.
    assert [e["quote_id"] for e in defeated["evidence"]] == ["toll", "unsafe"]
    assert defeated["evidence"][0]["sentence"].startswith("Nineteen people were killed")
    assert peace["evidence"] == []


def test_fever_needs_an_agreeing_quote_for_supports_or_refutes(
    report_corpus: tuple[Path, Corpus],
) -> None:
    """A True verdict whose quotes all contradict or give context has no evidence to
    support it in FEVER's sense: NOT ENOUGH INFO, with our verdict kept beside it."""
    claim = next(c for c in make_report(*report_corpus).claims if c.id == "defeated")
    record = fever_record(claim, "True", Band.TRUE)
    assert (record["label"], record["verdict"], record["evidence"]) == (
        "NOT ENOUGH INFO",
        "True",
        [],
    )


def test_averitec_asks_a_question_per_noted_link_and_dates_as_averitec_does(
    report_corpus: tuple[Path, Corpus],
) -> None:
    report = make_report(*report_corpus, reviewer="Ana")
    document = json.loads(render(report, "averitec"))
    defeated = next(item for item in document if item["claim_id"] == "defeated")
    assert defeated["label"] == "Refuted"
    assert defeated["speaker"] == "A Spokesman"
    assert defeated["claim_date"] == "2021-11"  # only as precise as known
    assert defeated["justification"].startswith("Nineteen dead.")
    # Three quotes are linked; only the context link has a note, so one question.
    assert [q["question"] for q in defeated["questions"]] == ['Commas, "quotes"\nand newlines']
    answer = defeated["questions"][0]["answers"][0]
    assert answer["answer_type"] == "Extractive"
    assert answer["source_url"] == "https://example.org/a?b=1&c=2"
    claim = next(c for c in report.claims if c.id == "defeated")
    dated = averitec_record(replace(claim, date="2021-11-05"), "Misleading", Band.MIDDLE)
    assert dated["claim_date"] == "05-11-2021"
    assert dated["label"] == "Conflicting Evidence/Cherrypicking"


def test_an_empty_averitec_export_is_an_empty_array(report_corpus: tuple[Path, Corpus]) -> None:
    report = make_report(*report_corpus, verdicts=["pending"])
    assert json.loads(render(report, "averitec")) == []
    assert render(report, "fever") == ""
