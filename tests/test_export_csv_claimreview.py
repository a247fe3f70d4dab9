"""The CSV export (a row per claim and reviewer) and the ClaimReview markup."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus.loader import load_corpus
from factcheck.corpus.model import Corpus
from factcheck.report.claimreview import SUMMARY_LIMIT, claim_summary, claimant
from factcheck.report.csvout import COLUMNS
from factcheck.report.escaping import spreadsheet_cell
from factcheck.report.registry import notices, render
from tests.test_report_model import (
    CSV_NOTE,
    NASTY_NOTE,
    make_report,
    report_corpus,
    write_report_corpus,
    write_reviews,
)

__all__ = ["report_corpus"]  # the fixture, imported for pytest


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_csv_has_a_row_per_claim_and_reviewer(report_corpus: tuple[Path, Corpus]) -> None:
    rows = _rows(render(make_report(*report_corpus), "csv"))
    assert [(row["claim_id"], row["reviewer"]) for row in rows] == [
        ("defeated", "Ana"),
        ("defeated", "Ben"),
        ("peace", "Ana"),
        ("peace", "Ben"),
        ("unrated", ""),
    ]
    assert list(rows[0]) == list(COLUMNS)
    ana, ben = rows[0], rows[1]
    assert (ana["verdict"], ana["stale"], ben["stale"]) == ("False", "no", "yes")
    assert ana["rationale"] == f"Nineteen dead.\n{NASTY_NOTE}"  # newlines and pipes survive
    assert rows[2]["rationale"] == CSV_NOTE  # commas, quotes and a newline survive
    assert rows[2]["status"] == "disputed" and rows[2]["agreement"] == "split"
    assert ana["reported_by"] == "Wire <i>&amp;</i>"
    assert (ana["contradicts"], ana["context"]) == ("2", "1")
    assert ana["url"] == "https://desk.example/checks/defeated"


def test_csv_for_one_reviewer(report_corpus: tuple[Path, Corpus]) -> None:
    rows = _rows(render(make_report(*report_corpus, reviewer="Ben"), "csv"))
    assert [row["reviewer"] for row in rows] == ["Ben", "Ben", ""]
    assert rows[1]["published_verdict"] == "Half true"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-12%", "-12%"),
        ("+44 20", "'+44 20"),
        ("plain, text", "plain, text"),
    ],
)
def test_csv_cells_never_run_as_formulas(value: str, cell: str) -> None:
    assert spreadsheet_cell(value) == cell


REQUIRED = ("url", "claimReviewed", "reviewRating")


def test_claimreview_items_carry_the_required_fields(report_corpus: tuple[Path, Corpus]) -> None:
    report = make_report(*report_corpus, reviewer="Ana")
    items = json.loads(render(report, "claimreview"))
    assert len(items) == 2  # Ana rated both; `unrated` has nothing to publish
    for item in items:
        assert item["@context"] == "https://schema.org" and item["@type"] == "ClaimReview"
        assert all(item.get(key) for key in REQUIRED), item
        rating = item["reviewRating"]
        assert rating["@type"] == "Rating"
        assert rating["alternateName"] in {"False", "Mostly false"}
        assert (rating["bestRating"], rating["worstRating"]) == (6, 1)
        assert len(item["claimReviewed"]) <= SUMMARY_LIMIT
        assert rating["alternateName"] not in item["claimReviewed"]
    defeated, peace = items
    assert defeated["url"] == "https://desk.example/checks/defeated"
    assert defeated["reviewRating"]["ratingValue"] == 1
    assert peace["reviewRating"]["ratingValue"] == 2
    assert defeated["reviewRating"]["ratingExplanation"].startswith("Nineteen dead.")
    assert defeated["author"] == {
        "@type": "Organization",
        "name": "Test Desk",
        "url": "https://desk.example/",
    }
    assert defeated["datePublished"] == "2026-11-20"
    claim = defeated["itemReviewed"]
    assert claim["@type"] == "Claim" and claim["datePublished"] == "2021-11"
    assert claim["author"] == {
        "@type": "Person",
        "name": "A Spokesman",
        "jobTitle": "spokesman for the interior ministry",
    }
    assert claim["appearance"]["url"] == "https://example.org/a?b=1&c=2"
    assert claim["appearance"]["publisher"]["name"] == "Wire <i>&amp;</i>"
    assert peace["itemReviewed"]["author"]["@type"] == "Organization"
    assert "url" not in peace["itemReviewed"]["appearance"]  # its javascript: URL is dropped


def test_claimreview_is_safe_inside_a_script_element(report_corpus: tuple[Path, Corpus]) -> None:
    text = render(make_report(*report_corpus, reviewer="Ana"), "claimreview")
    assert "<" not in text and ">" not in text
    assert "\\u003cscript\\u003e" in text  # the claim's own words, still all there


def test_disputed_claims_are_left_out_and_said_so(report_corpus: tuple[Path, Corpus]) -> None:
    report = make_report(*report_corpus)
    items = json.loads(render(report, "claimreview"))
    assert [item["url"].rsplit("/", 1)[1] for item in items] == ["defeated"]
    said = " ".join(notices(report, "claimreview"))
    assert "2 claim(s) left out" in said and "1 disputed" in said
    assert "1 published verdict(s) are stale" in said


def test_without_publication_url_the_markup_is_written_but_not_publishable(
    tmp_path: Path,
) -> None:
    root = write_report_corpus(tmp_path / "corpus", settings="title: No URL\n")
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    write_reviews(root, corpus)
    result = CliRunner().invoke(
        cli, ["export", "--format", "claimreview", "--reviewer", "Ana", str(root)]
    )
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert len(items) == 2 and all("url" not in item for item in items)
    assert "not yet publishable" in result.stderr
    assert "no organisation" in result.stderr


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        ("Short claim.", "Short claim."),
        ("word " * 30, ("word " * 15).strip() + "…"),
        ("x" * 100, "x" * (SUMMARY_LIMIT - 1) + "…"),
    ],
)
def test_claim_summary(text: str, summary: str) -> None:
    assert claim_summary(text) == summary
    assert len(claim_summary(text)) <= SUMMARY_LIMIT


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Zabihullah Mujahid", "Person"),
        ("Taliban authorities", "Organization"),
        ("Soufan Centre", "Organization"),
        ("Interior Ministry", "Organization"),
    ],
)
def test_claimant_is_a_person_or_an_organisation(name: str, kind: str) -> None:
    assert claimant(name, None) == {"@type": kind, "name": name}
