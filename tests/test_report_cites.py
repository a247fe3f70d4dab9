"""The report shows the quotes a verdict cites first, under the verdict, marked as cited: in the
model, Markdown, HTML, JSON (against its schema), CSV and ClaimReview."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest

from factcheck.report.jsonout import schema_text
from factcheck.report.model import Report
from factcheck.report.registry import render
from factcheck.reviews import Review, ReviewStore
from factcheck.workspace import Workspace
from tests.conftest import CorpusWriter
from tests.test_citation_lint import FILES

WHEN = "2026-11-23T10:00:00+00:00"
SETTINGS = """\
title: Bridges
organisation: {name: Desk, url: "https://desk.example"}
publication_url: "https://desk.example/checks/"
"""


def review(reviewer: str, verdict: str, *cites: str, note: str = "why") -> Review:
    return Review("bridge-done", verdict, note, reviewer, WHEN, "", cites)


def report_of(root: Path, *reviews: Review, reviewer: str | None = None) -> Report:
    for made in reviews:
        ReviewStore(root, made.reviewer).put(made)
    return Workspace.open(root, cache=False).report(reviewer=reviewer)


@pytest.fixture
def root(write_corpus: CorpusWriter) -> Path:
    # The quote with <script> in its words shows that a cited quote is escaped like any other.
    evidence = FILES["evidence/paper.yaml"].replace(
        "It crosses the river at its widest point.", "It crosses <script>x</script> the river."
    )
    source = FILES["evidence/paper.txt"].replace(
        "It crosses the river at its widest point.", "It crosses <script>x</script> the river."
    )
    return write_corpus(
        {
            **FILES,
            "evidence/paper.yaml": evidence,
            "evidence/paper.txt": source,
            "factcheck.yaml": SETTINGS,
            "claims/main.yaml": None,
            "evidence/wire-2021.yaml": None,
        }
    )


def test_the_cited_quotes_come_first_in_the_order_cited_and_are_marked(root: Path) -> None:
    [claim] = report_of(root, review("Ana", "False", "river", "closed")).claims
    assert [(e.quote_id, e.cited) for e in claim.evidence] == [
        ("river", True),
        ("closed", True),
        ("finished", False),
        ("cost", False),
    ]
    assert claim.resolved.cites == ["river", "closed"]
    assert claim.reviews[0].cites == ["river", "closed"]


def test_agreeing_reviewers_cites_are_joined_and_an_editors_stand_alone(
    root: Path, write_corpus: CorpusWriter
) -> None:
    [claim] = report_of(
        root, review("Ana", "False", "closed"), review("Ben", "False", "cost", "closed")
    ).claims
    assert claim.resolved.cites == ["closed", "cost"]
    (root / "factcheck.yaml").write_text(SETTINGS + "editors: [Eve]\n", encoding="utf-8")
    [claim] = report_of(root, review("Eve", "Mostly false", "finished")).claims
    assert claim.resolved.signed_off_by == "Eve"
    assert [e.quote_id for e in claim.evidence if e.cited] == ["finished"]


def test_a_disputed_claim_has_no_cited_quotes(root: Path) -> None:
    [claim] = report_of(
        root, review("Ana", "False", "closed"), review("Ben", "True", "finished")
    ).claims
    assert claim.resolved.cites == []
    assert not any(entry.cited for entry in claim.evidence)
    # Each reviewer's own citations are still in their review.
    assert [r.cites for r in claim.reviews] == [["closed"], ["finished"]]


def test_markdown_puts_the_cited_quotes_under_the_verdict(root: Path) -> None:
    text = render(report_of(root, review("Ana", "False", "river", "closed")), "md")
    claim = text[text.index("### bridge-done") :]
    order = [
        claim.index("**Verdict: False"),
        claim.index("#### Cited for the verdict"),
        claim.index("It crosses"),
        claim.index("Engineers said"),
        claim.index("#### Supports"),
        claim.index("#### Context"),
    ]
    assert order == sorted(order)
    assert "quote exact · **cited · contradicts the claim**" in claim
    assert "**cited · context**" in claim
    assert "#### Contradicts" not in claim  # its one quote is cited, above


def test_html_marks_the_cited_quotes_and_escapes_them(root: Path) -> None:
    text = render(report_of(root, review("Ana", "False", "river")), "html")
    claim = text[text.index('<div class="evidence">') :]
    assert claim.index("<h4>Cited for the verdict</h4>") < claim.index("<h4>Contradicts</h4>")
    assert '<figure class="stance-context cited">' in claim
    assert "It crosses &lt;script&gt;x&lt;/script&gt; the river." in claim
    assert "<script>x" not in text
    assert '<strong class="cited">cited · context</strong>' in claim


def test_json_carries_the_citations_and_validates(root: Path) -> None:
    text = render(report_of(root, review("Ana", "False", "closed")), "json")
    document = json.loads(text)
    jsonschema.validate(document, json.loads(schema_text()))
    [claim] = document["claims"]
    assert claim["resolved"]["cites"] == ["closed"]
    assert claim["reviews"][0]["cites"] == ["closed"]
    assert [(e["quote_id"], e["cited"]) for e in claim["evidence"]][:2] == [
        ("closed", True),
        ("finished", False),
    ]


def test_csv_has_each_reviewers_cited_quotes(root: Path) -> None:
    text = render(report_of(root, review("Ana", "False", "closed", "river")), "csv")
    [row] = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert (row["reviewer"], row["cites"]) == ("Ana", "closed; river")


def test_claimreview_cites_the_sources_of_the_cited_quotes(root: Path) -> None:
    report = report_of(root, review("Ana", "False", "closed", "river"))
    [item] = json.loads(render(report, "claimreview"))
    assert item["citation"] == [
        {
            "@type": "CreativeWork",
            "headline": "Bridge",
            "publisher": {"@type": "Organization", "name": "Paper"},
        }
    ]


def test_claimreview_without_citations_has_no_citation(root: Path) -> None:
    [item] = json.loads(render(report_of(root, review("Ana", "False")), "claimreview"))
    assert "citation" not in item
