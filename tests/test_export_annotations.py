"""Quotes as W3C Web Annotations: the JSON report's selectors, `export --format annotations`,
and finding the quotes again from those selectors once a source is re-captured and changed.

Golden file: tests/data/reports/annotations.verified.jsonld, the annotations of `report_corpus`
with its quotes verified, as `factcheck export` writes them (rewrite it with
FACTCHECK_UPDATE_GOLDEN=1 after a change on purpose)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus.model import Corpus
from factcheck.quotes.model import CONTEXT_CHARS
from factcheck.quotes.reanchor import ReanchorMethod, reanchor_all
from factcheck.report.annotations import selectors_by_source
from tests.test_report_model import report_corpus

__all__ = ["report_corpus"]  # the fixture, imported for pytest

GOLDEN = Path(__file__).parent / "data" / "reports" / "annotations.verified.jsonld"
WIRE_URL = "https://example.org/a?b=1&c=2"


def _export(root: Path, *arguments: str) -> str:
    result = CliRunner().invoke(cli, ["export", str(root), *arguments])
    assert result.exit_code == 0, result.output
    return result.stdout


def _annotations(root: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(_export(root, "--format", "annotations"))
    return document


def _by_id(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in document["first"]["items"]}


def test_annotations_export_matches_its_golden_file(
    report_corpus: tuple[Path, Corpus], tmp_path: Path
) -> None:
    root, _ = report_corpus
    target = tmp_path / "report.jsonld"
    _export(root, "--format", "annotations", "-o", str(target))
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN"):
        GOLDEN.write_bytes(target.read_bytes())
    assert target.read_bytes() == GOLDEN.read_bytes()


def test_every_cited_quote_is_an_annotation_on_its_source(
    report_corpus: tuple[Path, Corpus],
) -> None:
    root, corpus = report_corpus
    document = _annotations(root)
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert document["type"] == "AnnotationCollection"
    assert document["first"]["type"] == "AnnotationPage"
    links = [(c.id, link.quote_id) for c in corpus.claims for link in c.evidence]
    items = _by_id(document)
    # One annotation per link whose quote and source exist (the planted broken link aside).
    assert document["total"] == len(items) > 0
    assert set(items) <= {f"urn:factcheck:annotation:{c}:{q}" for c, q in links}
    toll = items["urn:factcheck:annotation:defeated:toll"]
    assert toll["type"] == "Annotation" and toll["motivation"] == "assessing"
    bodies = {body["purpose"]: body["value"] for body in toll["body"]}
    assert bodies["tagging"] == "contradicts"
    assert bodies["classifying"] == "False"  # the published verdict
    assert bodies["assessing"] == (
        "contradicts the claim \u201cthe group had been defeated\u201d (verdict: False)"
    )
    assert toll["target"]["source"] == WIRE_URL
    # A quote given as context, with a note on its link: said as such, and the note a comment.
    nasty = items["urn:factcheck:annotation:defeated:nasty"]
    bodies = {body["purpose"]: body["value"] for body in nasty["body"]}
    assert bodies["tagging"] == "context"
    assert bodies["assessing"].startswith("gives context for the claim \u201cthe group")
    assert bodies["commenting"] == 'Commas, "quotes"\nand newlines'


def test_selectors_point_at_the_quote_in_the_captured_text(
    report_corpus: tuple[Path, Corpus],
) -> None:
    root, corpus = report_corpus
    text = (root / "evidence" / "wire-2021.txt").read_text(encoding="utf-8")
    toll = _by_id(_annotations(root))["urn:factcheck:annotation:defeated:toll"]
    by_type = {selector["type"]: selector for selector in toll["target"]["selector"]}
    quote, position = by_type["TextQuoteSelector"], by_type["TextPositionSelector"]
    assert quote["exact"] == corpus.quotes["toll"].text
    assert text[position["start"] : position["end"]] == quote["exact"]
    assert quote["prefix"] == text[max(0, position["start"] - CONTEXT_CHARS) : position["start"]]
    assert quote["suffix"] == text[position["end"] : position["end"] + CONTEXT_CHARS]


def test_the_json_report_carries_the_same_selectors(report_corpus: tuple[Path, Corpus]) -> None:
    root, _ = report_corpus
    report = json.loads(_export(root, "--format", "json"))
    annotations = _by_id(_annotations(root))
    defeated = next(claim for claim in report["claims"] if claim["id"] == "defeated")
    toll = next(item for item in defeated["evidence"] if item["quote_id"] == "toll")
    assert toll["verification"] == "exact"
    assert (
        toll["selector"]
        == annotations["urn:factcheck:annotation:defeated:toll"]["target"]["selector"]
    )
    # Without verification nothing says where a quote is: no selectors, and a bare target.
    unverified = json.loads(_export(root, "--format", "json", "--no-verify"))
    assert all(item["selector"] == [] for c in unverified["claims"] for item in c["evidence"])
    bare = json.loads(_export(root, "--format", "annotations", "--no-verify"))
    assert all("selector" not in item["target"] for item in bare["first"]["items"])


def test_a_recaptured_source_reanchors_its_quotes_and_lists_the_orphans(
    report_corpus: tuple[Path, Corpus],
) -> None:
    """What a newsroom does when a page changed: read the exported annotations back and look
    for each quote in the new capture."""
    root, corpus = report_corpus
    exported = selectors_by_source(_annotations(root))
    wire = exported[WIRE_URL]
    assert {"toll", "unsafe"} <= set(wire)
    old = (root / "evidence" / "wire-2021.txt").read_text(encoding="utf-8")
    # The page gained an update line at the top and lost the residents' sentence.
    removed = corpus.quotes["unsafe"].text
    new = "Update: this article was corrected on 4 November.\n" + old.replace(removed, "")
    found, orphans = reanchor_all(wire, new)
    assert orphans == ["unsafe"]
    toll = found["toll"]
    assert toll.method is ReanchorMethod.EXACT
    assert toll.span is not None
    assert new[toll.span.start : toll.span.end] == corpus.quotes["toll"].text
    assert toll.span.start == wire["toll"].start + len(
        "Update: this article was corrected on 4 November.\n"
    )
