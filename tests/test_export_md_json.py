"""The Markdown and JSON exports: content, escaping, the shipped JSON Schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus.model import Corpus
from factcheck.report.jsonout import SCHEMA_FILE, report_json_schema, schema_text
from factcheck.report.registry import render
from tests.test_report_model import NASTY_QUOTE, make_report, report_corpus

__all__ = ["report_corpus"]  # the fixture, imported for pytest


def test_markdown_has_a_summary_then_a_section_per_claim(
    report_corpus: tuple[Path, Corpus],
) -> None:
    text = render(make_report(*report_corpus), "md")
    summary = text.index("## Summary")
    sections = [text.index(f"### {claim_id}") for claim_id in ("defeated", "peace", "unrated")]
    assert summary < sections[0] < sections[1] < sections[2]
    row = "| [defeated](#defeated) the group had been defeated | A Spokesman | False (stale) |"
    assert row in text
    assert "**Verdict: Disputed** · reviewers split" in text
    assert "**Verdict: Pending**" in text
    assert "from 1 (False) to 6 (True)" in text  # the numeric scale is documented
    assert '[Wire \\<i\\>\\&amp;\\</i\\>: A "report" \\| \\<b\\>bold\\</b\\>]' in text


def _table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("|")]


def test_markdown_escapes_what_would_break_tables_and_blocks(
    report_corpus: tuple[Path, Corpus],
) -> None:
    text = render(make_report(*report_corpus), "md")
    # Every table row has as many unescaped pipes as its table's header: no cell was split.
    for row in _table_rows(text):
        assert len(re.findall(r"(?<!\\)\|", row)) in {3, 4, 5}, row
    assert "<script>" not in text and "</blockquote>" not in text
    assert "\\<script\\>" in text
    # A note's "# Not a heading" stays text; its fake table row is not a row.
    assert not re.search(r"^#+ Not a heading", text, re.MULTILINE)
    assert "| not | a row |" not in text
    assert not re.search(r"(?<!\\)\]\(javascript:", text)  # a link only when escaped
    # The quote is a blockquote whose every line is quoted.
    quote_line = next(line for line in text.splitlines() if "alert" in line and "He wrote" in line)
    assert quote_line.startswith("> ")
    assert "\\*stars\\*" in quote_line and "\\`code\\`" in quote_line


def test_markdown_with_one_reviewer_shows_only_theirs(report_corpus: tuple[Path, Corpus]) -> None:
    text = render(make_report(*report_corpus, reviewer="Ana"), "md")
    assert "**Verdict: Mostly false**" in text
    assert "Agree with Ana" not in text


def test_a_house_template_can_extend_or_replace(
    report_corpus: tuple[Path, Corpus], tmp_path: Path
) -> None:
    house = tmp_path / "house.md.j2"
    house.write_text(
        "{% for claim in report.claims %}* {{ claim.id }}: {{ verdict_text(claim) | md }}\n"
        "{% endfor %}",
        encoding="utf-8",
    )
    text = render(make_report(*report_corpus), "md", template=house)
    assert text == "* defeated: False (stale)\n* peace: Disputed\n* unrated: Pending\n"


def test_json_validates_against_the_shipped_schema(report_corpus: tuple[Path, Corpus]) -> None:
    document = json.loads(render(make_report(*report_corpus), "json"))
    jsonschema.validate(document, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    defeated = document["claims"][0]
    assert defeated["resolved"] == {
        "status": "rated",
        "verdict": "False",
        "rationale": defeated["resolved"]["rationale"],
        "reviewers": ["Ana", "Ben"],
        "stale": True,
        "time": "2026-11-20T09:00:00+00:00",
        "signed_off_by": None,
        "cites": [],
    }
    assert defeated["evidence"][2]["quote"] == NASTY_QUOTE  # JSON keeps the words as written
    assert defeated["evidence"][0]["source"]["url"] == "https://example.org/a?b=1&c=2"
    assert document["format_version"] == 1
    assert document["generated"] == "2026-11-23T12:00:00+00:00"


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "regenerate: .venv/bin/python -m factcheck.report.jsonout "
        "> factcheck/report/report.schema.json"
    )
    jsonschema.Draft202012Validator.check_schema(report_json_schema())


def test_every_field_of_the_json_is_documented() -> None:
    schema = report_json_schema()
    for name, definition in schema["$defs"].items():
        assert definition.get("description"), f"{name} has no docstring"


@pytest.mark.parametrize("format_name", ["md", "json"])
def test_cli_export_to_stdout_and_file(
    report_corpus: tuple[Path, Corpus], tmp_path: Path, format_name: str
) -> None:
    root, _ = report_corpus
    runner = CliRunner()
    shown = runner.invoke(cli, ["export", "--format", format_name, str(root)])
    assert shown.exit_code == 0, shown.output
    assert "defeated" in shown.stdout
    out = tmp_path / f"out.{format_name}"
    written = runner.invoke(cli, ["export", "--format", format_name, "-o", str(out), str(root)])
    assert written.exit_code == 0, written.output
    assert written.stdout == ""
    assert f"wrote {out}" in written.stderr
    assert "defeated" in out.read_text(encoding="utf-8")


def test_cli_exports_a_corpus_with_errors_but_warns(report_corpus: tuple[Path, Corpus]) -> None:
    root, _ = report_corpus
    broken = (root / "claims" / "main.yaml").read_text(encoding="utf-8")
    (root / "claims" / "main.yaml").write_text(broken.replace("ref: toll", "ref: tol"), "utf-8")
    result = CliRunner().invoke(cli, ["export", "--format", "json", str(root)])
    assert result.exit_code == 0
    # The broken ref, and the javascript: link the test corpus holds on purpose.
    assert "the corpus has 2 error(s)" in result.stderr
    assert json.loads(result.stdout)["total_claims"] == 3


def test_cli_rejects_an_unknown_reviewer(report_corpus: tuple[Path, Corpus]) -> None:
    root, _ = report_corpus
    result = CliRunner().invoke(cli, ["export", "--reviewer", "Zoe", str(root)])
    assert result.exit_code == 2
    assert "no reviews by 'Zoe' (reviewers: Ana, Ben)" in result.stderr
