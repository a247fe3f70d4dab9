"""`check --reviews` and `stats`: verdicts at odds with the evidence they cite, as warnings at
their place in the review file and as counts per reviewer."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from tests.conftest import CorpusWriter
from tests.test_citation_lint import FILES

ANA = """\
reviewer: Ana
reviews:
- claim: bridge-done
  verdict: 'False'
  note: ''
  time: '2026-11-23T10:00:00+00:00'
  fingerprint: ''
  cites:
  - finished
  - cost
"""

BEN = """\
reviewer: Ben
reviews:
- claim: bridge-done
  verdict: Half true
  note: today's format, before citations
  time: '2026-11-23T10:00:00+00:00'
  fingerprint: ''
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def reviewed(write_corpus: CorpusWriter) -> Path:
    return write_corpus(
        {
            **FILES,
            "claims/main.yaml": None,
            "evidence/wire-2021.yaml": None,
            "reviews/ana.yaml": ANA,
            "reviews/ben.yaml": BEN,
        }
    )


def test_check_reviews_lists_each_warning_at_its_place(reviewed: Path) -> None:
    code, out, _ = run("check", "--reviews", str(reviewed))
    lines = out.splitlines()
    assert code == 1  # for the corpus's own error: the quote 'cost' changed a figure
    assert lines[0].startswith("evidence/paper.yaml:12:12: error: quote 'cost'")
    assert lines[1:] == [
        "reviews/ana.yaml:4:12: warning: claim 'bridge-done': the verdict 'False' cites only "
        "evidence that supports the claim (finished): cite what contradicts it, or check the "
        "verdict",
        "reviews/ana.yaml:10:5: warning: claim 'bridge-done': the verdict 'False' cites quote "
        "'cost', which no longer verifies (a figure differs from the source): fix the quote, or "
        "cite another",
        "reviews/ben.yaml:4:12: warning: claim 'bridge-done': the verdict 'Half true' cites no "
        "evidence: cite what it rests on",
        "1 claim, 4 quotes, 1 source: 1 error, 3 warnings",
    ]


def test_without_the_flag_check_leaves_the_reviews_alone(reviewed: Path) -> None:
    _, out, _ = run("check", str(reviewed))
    assert "reviews/" not in out


def test_check_reviews_says_so_when_there_are_no_review_files(
    write_corpus: CorpusWriter,
) -> None:
    code, _, err = run("check", "--reviews", str(write_corpus()))
    assert code == 0
    assert "--reviews: no review files in" in err and "so none was checked" in err


def test_check_reviews_reports_an_unreadable_review_file_as_an_error(reviewed: Path) -> None:
    (reviewed / "reviews" / "ben.yaml").write_text("reviewer: Ben\nreviews: [\n", "utf-8")
    code, out, _ = run("check", "--reviews", "--no-quotes", str(reviewed))
    assert code == 1
    assert any(
        line.startswith("reviews/ben.yaml:") and "error" in line for line in out.splitlines()
    )


def test_check_reviews_in_json_carries_the_codes(reviewed: Path) -> None:
    _, out, _ = run("check", "--reviews", "--format", "json", str(reviewed))
    found = {
        (p["file"], p["code"]) for p in json.loads(out)["problems"] if p["file"].startswith("rev")
    }
    assert found == {
        ("reviews/ana.yaml", "false-cites-support"),
        ("reviews/ana.yaml", "cites-unverified"),
        ("reviews/ben.yaml", "cites-nothing"),
    }


def test_stats_counts_per_reviewer_and_names_the_claims(reviewed: Path) -> None:
    code, out, _ = run("stats", str(reviewed))
    assert code == 0
    section = out[out.index("Verdicts and the evidence they cite:") :]
    assert section.splitlines() == [
        "Verdicts and the evidence they cite:",
        "  Ana: 1 lean false on supporting evidence only, 1 cite a quote that no longer verifies",
        "  Ben: 1 cite nothing",
        "Verdicts at odds with what they cite (2):",
        "  bridge-done (Ana, False): cites quote 'cost', which no longer verifies (a figure "
        "differs from the source): fix the quote, or cite another",
        "  bridge-done (Ana, False): cites only evidence that supports the claim (finished): "
        "cite what contradicts it, or check the verdict",
        "`factcheck check --reviews` gives each one's place in the review files.",
    ]


def test_stats_without_quote_checks_says_what_it_left_out(reviewed: Path) -> None:
    _, out, _ = run("stats", "--no-quotes", str(reviewed))
    assert "Ana: 1 lean false on supporting evidence only\n" in out
    assert "(quotes not verified: cited quotes that no longer verify are not counted)" in out


def test_stats_json_has_the_citations(reviewed: Path) -> None:
    _, out, _ = run("stats", "--format", "json", str(reviewed))
    citations = json.loads(out)["citations"]
    assert citations["reviewers"] == {
        "Ana": {"false-cites-support": 1, "cites-unverified": 1},
        "Ben": {"cites-nothing": 1},
    }
    assert {(w["reviewer"], w["code"], w["quote"]) for w in citations["warnings"]} == {
        ("Ana", "cites-unverified", "cost"),
        ("Ana", "false-cites-support", None),
        ("Ben", "cites-nothing", None),
    }
