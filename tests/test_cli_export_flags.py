"""`factcheck export` options as a user types them (issue 11): the format follows the file name,
filters that match nothing say so, and an empty reviewer name is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factcheck.cli import cli
from tests.test_report_model import write_report_corpus


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_report_corpus(tmp_path / "corpus")


def export(*arguments: str | Path) -> Result:
    return CliRunner().invoke(cli, ["export", "--no-verify", *map(str, arguments)])


# 1. The format follows the extension of -o


def _looks_like(format_name: str, text: str) -> bool:
    if format_name == "md":
        return text.startswith("# Test") and "<html" not in text
    if format_name == "html":
        return text.startswith("<!DOCTYPE html>")
    if format_name == "json":
        return isinstance(json.loads(text), dict) and "claims" in json.loads(text)
    if format_name == "csv":
        return text.startswith("\ufeffclaim_id,claim,")
    if format_name == "claimreview":
        items = json.loads(text)
        return isinstance(items, list) and all(i["@type"] == "ClaimReview" for i in items)
    raise AssertionError(format_name)


@pytest.mark.parametrize(
    ("name", "format_name"),
    [
        ("report.html", "html"),
        ("report.md", "md"),
        ("report.json", "json"),
        ("report.csv", "csv"),
        ("report.jsonld", "claimreview"),
        ("REPORT.HTML", "html"),
    ],
)
def test_the_extension_of_output_chooses_the_format(
    corpus: Path, tmp_path: Path, name: str, format_name: str
) -> None:
    target = tmp_path / name
    result = export("-o", target, corpus)
    assert result.exit_code == 0, result.output
    assert _looks_like(format_name, target.read_text(encoding="utf-8"))


def test_an_extension_that_contradicts_format_is_refused(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = export("--format", "md", "-o", target, corpus)
    assert result.exit_code == 2
    assert "report.html" in result.stderr and "--format md" in result.stderr
    assert ".md" in result.stderr  # what the file should be called instead
    assert not target.exists()


def test_an_extension_that_agrees_with_format_is_written(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = export("--format", "html", "-o", target, corpus)
    assert result.exit_code == 0, result.output
    assert _looks_like("html", target.read_text(encoding="utf-8"))


def test_claimreview_may_be_written_to_a_json_file(corpus: Path, tmp_path: Path) -> None:
    """JSON-LD is JSON: `.json` does not contradict `--format claimreview`."""
    target = tmp_path / "items.json"
    result = export("--format", "claimreview", "-o", target, corpus)
    assert result.exit_code == 0, result.output
    assert _looks_like("claimreview", target.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["report.txt", "report"])
def test_an_unknown_extension_without_format_is_refused(
    corpus: Path, tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    result = export("-o", target, corpus)
    assert result.exit_code == 2
    for suffix in (".md", ".html", ".json", ".csv", ".jsonld"):
        assert suffix in result.stderr
    assert "--format" in result.stderr
    assert not target.exists()


def test_an_unknown_extension_with_format_is_written(corpus: Path, tmp_path: Path) -> None:
    """`--format md -o notes.txt`: the person said what they want, and .txt names no format."""
    target = tmp_path / "notes.txt"
    result = export("--format", "md", "-o", target, corpus)
    assert result.exit_code == 0, result.output
    assert _looks_like("md", target.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("arguments", "written"),
    [((), "factcheck-report.md"), (("--format", "html"), "factcheck-report.html")],
)
def test_a_folder_as_output_gets_the_default_file_name(
    corpus: Path, tmp_path: Path, arguments: tuple[str, ...], written: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    result = export(*arguments, "-o", folder, corpus)
    assert result.exit_code == 0, result.output
    assert [p.name for p in folder.iterdir()] == [written]


def test_stdout_is_markdown_by_default(corpus: Path) -> None:
    result = export(corpus)
    assert result.exit_code == 0, result.output
    assert _looks_like("md", result.stdout)


# 2. Filters that match nothing say why


def test_a_verdict_not_on_the_scale_is_refused_with_a_guess(corpus: Path) -> None:
    result = export("--verdict", "Fals", corpus)
    assert result.exit_code == 2
    assert "'Fals'" in result.stderr and "did you mean 'False'?" in result.stderr
    assert "disputed" in result.stderr  # the statuses are named among what --verdict takes
    assert result.stdout == ""  # no report of "0 of 3 claims"


@pytest.mark.parametrize("verdict", ["false", "Mostly False", "disputed", "PENDING", "final"])
def test_verdicts_and_statuses_are_taken_in_any_case(corpus: Path, verdict: str) -> None:
    result = export("--verdict", verdict, corpus)
    assert result.exit_code == 0, result.output
    assert "did you mean" not in result.stderr


def test_a_verdict_with_no_near_label_is_refused_without_a_guess(corpus: Path) -> None:
    result = export("--verdict", "zzzz", corpus)
    assert result.exit_code == 2
    assert "'zzzz'" in result.stderr and "did you mean" not in result.stderr
    assert "Mostly true" in result.stderr  # the scale is listed instead


@pytest.mark.parametrize(
    ("flags", "named"),
    [
        (("--state", "published"), "state published"),
        (("--verdict", "Half true", "--rated-only"), "verdict Half true"),
    ],
)
def test_known_filters_that_together_match_no_claim_say_so(
    corpus: Path, tmp_path: Path, flags: tuple[str, ...], named: str
) -> None:
    """Each value is one the corpus knows, but no claim passes them all: a report of no claim
    written to a file said only 'wrote ...'."""
    target = tmp_path / "report.md"
    result = export(*flags, "-o", target, corpus)
    assert result.exit_code == 0, result.output
    assert "no claim matches" in result.stderr and named in result.stderr
    assert "0 of 3 claims" in target.read_text(encoding="utf-8")  # still written


def test_a_tag_no_claim_has_is_a_warning_naming_the_tags(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    result = export("--tag", "nosuchtag", "-o", target, corpus)
    assert result.exit_code == 0, result.output
    assert "warning" in result.stderr and "'nosuchtag'" in result.stderr
    assert "peace, security" in result.stderr
    assert "0 of 3 claims" in target.read_text(encoding="utf-8")  # still written


def test_a_misspelt_tag_gets_a_guess(corpus: Path) -> None:
    result = export("--tag", "securty", "--tag", "peace", corpus)
    assert result.exit_code == 0, result.output
    assert "did you mean 'security'?" in result.stderr
    assert "'peace'" not in result.stderr  # a tag that exists is not warned about
    assert "1 of 3 claims" in result.stdout


def test_a_tag_that_exists_gives_no_warning(corpus: Path) -> None:
    result = export("--tag", "security", corpus)
    assert result.exit_code == 0, result.output
    assert "tag" not in result.stderr


# An empty reviewer name is refused, not replaced by git's user.name


@pytest.mark.parametrize("name", ["", "   "])
def test_export_refuses_an_empty_reviewer(corpus: Path, name: str) -> None:
    result = export("--reviewer", name, corpus)
    assert result.exit_code == 2
    assert "--reviewer" in result.stderr and "empty" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("name", ["", "   "])
def test_review_refuses_an_empty_reviewer(
    corpus: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import factcheck.app

    def no_app(*arguments: object, **options: object) -> None:
        raise AssertionError("the app must not start for an empty reviewer name")

    monkeypatch.setattr(factcheck.app, "create_app", no_app)
    result = CliRunner().invoke(cli, ["review", "--reviewer", name, str(corpus)])
    assert result.exit_code == 2
    assert "--reviewer" in result.stderr and "empty" in result.stderr
    assert not (corpus / "reviews").exists()


# factcheck schema report: the schema the app and the JSON export point to


def test_schema_prints_the_report_schema() -> None:
    from factcheck.report.jsonout import SCHEMA_FILE

    result = CliRunner().invoke(cli, ["schema", "report"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert json.loads(result.stdout)["$id"].endswith("report.schema.json")
