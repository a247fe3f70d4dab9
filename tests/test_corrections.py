"""Corrections, as a reader of the report sees them: once a claim is published (`export
--publish`), an editor's change of its verdict carries a correction note, and the report in
md, html, json and claimreview says what changed, when and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.workspace import Workspace

CLAIM = "daesh-defeated"


def invoke(*arguments: str | Path) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in arguments])
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.fixture
def corrected(bundled_copy: Path) -> Path:
    """Ed signs off 'Mostly false', publishes, then corrects it to 'False' with a note that
    holds markup, which every format must show as text."""
    settings = bundled_copy / "factcheck.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "editors: [Ed]\n", "utf-8")
    ed = Workspace.open(bundled_copy).session("Ed")
    claim = ed.corpus.claims_by_id[CLAIM]
    ed.rate(claim, 5)
    invoke("export", bundled_copy, "--publish", "Ed", "--no-verify", "-o", bundled_copy / "r.md")
    ed = Workspace.open(bundled_copy).session("Ed")
    ed.rate(claim, 6, correction="A later UN count <script>x</script>")
    return bundled_copy


def test_json_carries_the_correction_on_the_claim_and_in_the_section(corrected: Path) -> None:
    report = json.loads(invoke("export", corrected, "--format", "json", "--no-verify"))
    [section] = report["corrections"]
    assert (section["claim_id"], section["old"], section["new"], section["editor"]) == (
        CLAIM,
        "Mostly false",
        "False",
        "Ed",
    )
    assert section["note"] == "A later UN count <script>x</script>"
    [claim] = [c for c in report["claims"] if c["id"] == CLAIM]
    assert claim["state"] == "published" and claim["published"]
    assert claim["corrections"] == [section]
    assert claim["resolved"]["verdict"] == "False"


def test_markdown_and_html_have_a_corrections_section(corrected: Path) -> None:
    markdown = invoke("export", corrected, "--format", "md", "--no-verify")
    assert "## Corrections" in markdown
    row = next(line for line in markdown.splitlines() if line.startswith("| 20") and CLAIM in line)
    assert "| Mostly false | False | A later UN count" in row
    html = invoke("export", corrected, "--format", "html", "--no-verify")
    assert '<section id="corrections">' in html
    assert "A later UN count &lt;script&gt;x&lt;/script&gt;" in html
    assert "<script>x</script>" not in html


def test_claimreview_gets_date_modified_from_the_correction(corrected: Path) -> None:
    items = json.loads(invoke("export", corrected, "--format", "claimreview", "--no-verify"))
    [item] = [i for i in items if i["reviewRating"]["alternateName"] == "False"]
    report = json.loads(invoke("export", corrected, "--format", "json", "--no-verify"))
    correction = report["corrections"][0]["date"][:10]
    assert item["dateModified"] == correction
    assert item["datePublished"] <= item["dateModified"]


def test_a_report_without_corrections_has_no_section(bundled_copy: Path) -> None:
    assert "## Corrections" not in invoke("export", bundled_copy, "--format", "md", "--no-verify")
    report = json.loads(invoke("export", bundled_copy, "--format", "json", "--no-verify"))
    assert report["corrections"] == []


def test_only_an_editor_publishes(bundled_copy: Path) -> None:
    result = CliRunner().invoke(cli, ["export", str(bundled_copy), "--publish", "Ana"])
    assert result.exit_code == 2 and "'Ana' is not an editor" in result.stderr
    assert not (bundled_copy / "reviews").exists()
