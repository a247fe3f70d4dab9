"""The editor's final verdict (issue 6): a disputed claim, the same claim signed off by an editor,
and how every export format shows each."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus.loader import load_corpus
from factcheck.corpus.model import Corpus
from factcheck.report.jsonout import SCHEMA_FILE
from factcheck.report.model import Agreement, Status
from factcheck.report.registry import notices, render
from factcheck.report.resolution import ReviewEntry, resolve
from factcheck.reviews import Review, ReviewStore, fingerprint, load_all_reviews
from factcheck.reviews.agreement import measure_agreement
from tests.test_report_model import SETTINGS, WHEN, make_report, write_report_corpus

SIGNED = "2026-11-22T15:30:00+00:00"
EDITOR_NOTE = "Nineteen dead in one attack: the claim is false, not mostly false."


def _put(
    root: Path, corpus: Corpus, reviewer: str, claim_id: str, verdict: str | None, **kw: str
) -> None:
    claim = corpus.claims_by_id[claim_id]
    mark = kw.get("fingerprint", fingerprint(corpus, claim))
    note = kw.get("note", f"{reviewer} on {claim_id}")
    time = kw.get("time", WHEN)
    ReviewStore(root, reviewer).put(Review(claim_id, verdict, note, reviewer, time, mark))


def _corpus(tmp_path: Path, settings: str = SETTINGS) -> tuple[Path, Corpus]:
    """Ana, Ben and Cy review `defeated`, Cy disagreeing; Ana and Ben agree on `peace`."""
    root = write_report_corpus(tmp_path / "corpus", settings=settings)
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    for reviewer, verdict in (("Ana", "False"), ("Ben", "False"), ("Cy", "Mostly false")):
        _put(root, corpus, reviewer, "defeated", verdict)
    _put(root, corpus, "Ana", "peace", "Mostly false")
    _put(root, corpus, "Ben", "peace", "Mostly false")
    return root, corpus


@pytest.fixture
def disputed(tmp_path: Path) -> tuple[Path, Corpus]:
    return _corpus(tmp_path)


@pytest.fixture
def signed_off(tmp_path: Path) -> tuple[Path, Corpus]:
    """The same reviews, and Eve, an editor in factcheck.yaml (spelt in lower case there),
    signs `defeated` off."""
    root, corpus = _corpus(tmp_path, SETTINGS + "editors: [eve]\n")
    _put(root, corpus, "Eve", "defeated", "False", note=EDITOR_NOTE, time=SIGNED)
    return root, corpus


def _csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_three_reviewers_one_disagreement_is_disputed(disputed: tuple[Path, Corpus]) -> None:
    report = make_report(*disputed)
    defeated = report.claims[0]
    assert defeated.id == "defeated"
    resolved = defeated.resolved
    assert (resolved.status, resolved.verdict, resolved.signed_off_by) == (
        Status.DISPUTED,
        None,
        None,
    )
    assert resolved.reviewers == ["Ana", "Ben", "Cy"]
    assert defeated.agreement is Agreement.SPLIT
    assert report.editors == []
    assert (report.statuses.final, report.statuses.rated) == (0, 1)
    assert (report.statuses.disputed, report.statuses.pending) == (1, 1)


def test_the_disputed_claim_in_every_format(disputed: tuple[Path, Corpus]) -> None:
    report = make_report(*disputed)
    md = render(report, "md")
    assert (
        "**Verdict: Disputed** · reviewers split — Ana: False; Ben: False; Cy: Mostly false" in md
    )
    assert "Reviewed by Ana, Ben, Cy." in md
    assert "| Disputed: the reviewers differ | 1 |" in md
    assert '<p class="disputed">Disputed: Ana: False; Ben: False; Cy: Mostly false</p>' in (
        render(report, "html")
    )
    document = json.loads(render(report, "json"))
    assert document["claims"][0]["resolved"]["status"] == "disputed"
    assert [r["verdict"] for r in document["claims"][0]["reviews"]] == [
        "False",
        "False",
        "Mostly false",
    ]
    rows = [row for row in _csv_rows(render(report, "csv")) if row["claim_id"] == "defeated"]
    assert [(row["reviewer"], row["verdict"], row["status"]) for row in rows] == [
        ("Ana", "False", "disputed"),
        ("Ben", "False", "disputed"),
        ("Cy", "Mostly false", "disputed"),
    ]
    assert {row["published_verdict"] for row in rows} == {""}
    items = json.loads(render(report, "claimreview"))
    assert [item["url"] for item in items] == ["https://desk.example/checks/peace"]
    assert any("1 disputed" in note for note in notices(report, "claimreview"))


def test_an_editors_verdict_is_final(signed_off: tuple[Path, Corpus]) -> None:
    report = make_report(*signed_off)
    defeated = report.claims[0]
    resolved = defeated.resolved
    assert (resolved.status, resolved.verdict) == (Status.FINAL, "False")
    assert (resolved.rationale, resolved.signed_off_by, resolved.time) == (
        EDITOR_NOTE,
        "Eve",
        SIGNED,
    )
    assert resolved.reviewers == ["Ana", "Ben", "Cy"]  # who reviewed before the sign-off
    assert not resolved.stale
    # The editor settles the dispute; they do not vote in it.
    assert defeated.agreement is Agreement.SPLIT
    assert [(r.reviewer, r.editor) for r in defeated.reviews][-1] == ("Eve", True)
    assert report.editors == ["Eve"]
    assert (report.statuses.final, report.statuses.disputed) == (1, 0)
    counts = {count.verdict: count.count for count in report.counts}
    assert (counts["False"], counts["Mostly false"], counts["disputed"]) == (1, 1, 0)


def test_the_final_verdict_in_markdown_and_html(signed_off: tuple[Path, Corpus]) -> None:
    report = make_report(*signed_off)
    md = render(report, "md")
    assert "**Verdict: False** · final · reviewers split\n" in md
    assert "Reviewed by Ana, Ben, Cy; signed off by Eve (editor)." in md
    assert EDITOR_NOTE in md
    assert "| Eve (editor) | False |" in md
    assert "| Final: signed off by an editor | 1 |" in md
    html = render(report, "html")
    assert '<p class="signoff meta">Reviewed by Ana, Ben, Cy; signed off by Eve (editor).</p>' in (
        html
    )
    assert f'<h4>Rationale, signed off by Eve</h4>\n<p class="rationale">{EDITOR_NOTE}</p>' in html
    assert '<tr><td>Eve <span class="editor">editor</span></td>' in html
    assert '<tr><td>Final: signed off by an editor</td><td class="number">1</td></tr>' in html


def test_the_final_verdict_in_json_csv_and_claimreview(signed_off: tuple[Path, Corpus]) -> None:
    report = make_report(*signed_off)
    document = json.loads(render(report, "json"))
    jsonschema.validate(document, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert document["claims"][0]["resolved"] == {
        "status": "final",
        "verdict": "False",
        "rationale": EDITOR_NOTE,
        "reviewers": ["Ana", "Ben", "Cy"],
        "stale": False,
        "time": SIGNED,
        "signed_off_by": "Eve",
        "cites": [],
    }
    assert document["statuses"] == {"final": 1, "rated": 1, "disputed": 0, "pending": 1}
    assert document["editors"] == ["Eve"]

    rows = [row for row in _csv_rows(render(report, "csv")) if row["claim_id"] == "defeated"]
    assert [row["reviewer"] for row in rows] == ["Ana", "Ben", "Cy", "Eve"]
    assert {(row["published_verdict"], row["status"], row["signed_off_by"]) for row in rows} == {
        ("False", "final", "Eve")
    }

    items = {item["url"]: item for item in json.loads(render(report, "claimreview"))}
    final = items["https://desk.example/checks/defeated"]
    assert final["reviewRating"]["alternateName"] == "False"
    assert final["reviewRating"]["ratingExplanation"] == EDITOR_NOTE
    assert final["datePublished"] == SIGNED[:10]
    assert "https://desk.example/checks/peace" in items  # the unanimous one, as before


def test_a_stale_sign_off_says_so(tmp_path: Path) -> None:
    root, corpus = _corpus(tmp_path, SETTINGS + "editors: [Eve]\n")
    _put(root, corpus, "Eve", "defeated", "False", note=EDITOR_NOTE, fingerprint="sha256:old")
    report = make_report(root, corpus)
    resolved = report.claims[0].resolved
    assert resolved.status is Status.FINAL and resolved.stale
    md = render(report, "md")
    assert "**Verdict: False (stale)** · final" in md
    assert "signed off by Eve (editor), stale: the claim or its evidence changed" in md
    assert "(stale: the evidence changed after the sign-off)" in render(report, "html")
    assert any("1 published verdict(s) are stale" in n for n in notices(report, "claimreview"))


def test_an_editor_named_for_the_export(tmp_path: Path) -> None:
    root, corpus = _corpus(tmp_path)  # no editors in factcheck.yaml
    _put(root, corpus, "Eve", "defeated", "False", note=EDITOR_NOTE, time=SIGNED)
    assert make_report(root, corpus).claims[0].resolved.status is Status.DISPUTED
    assert make_report(root, corpus, editors=["EVE"]).claims[0].resolved.status is Status.FINAL

    runner = CliRunner()
    result = runner.invoke(cli, ["export", "--format", "json", "--editor", "Eve", str(root)])
    assert result.exit_code == 0, result.output
    resolved = json.loads(result.stdout)["claims"][0]["resolved"]
    assert (resolved["status"], resolved["signed_off_by"]) == ("final", "Eve")
    typo = runner.invoke(cli, ["export", "--format", "json", "--editor", "Evee", str(root)])
    assert "no reviews by editor 'Evee' yet" in typo.stderr
    assert json.loads(typo.stdout)["claims"][0]["resolved"]["status"] == "disputed"
    plain = runner.invoke(cli, ["export", "--format", "json", "--verdict", "final", str(root)])
    assert json.loads(plain.stdout)["claims"] == []


def test_a_chosen_reviewer_still_publishes_their_own_verdicts(
    signed_off: tuple[Path, Corpus],
) -> None:
    report = make_report(*signed_off, reviewer="Cy")
    resolved = report.claims[0].resolved
    assert (resolved.status, resolved.verdict, resolved.signed_off_by) == (
        Status.RATED,
        "Mostly false",
        None,
    )
    assert "| Rated by Cy | 1 |" in render(report, "md")


def test_filter_by_status(signed_off: tuple[Path, Corpus]) -> None:
    assert [c.id for c in make_report(*signed_off, verdicts=["final"]).claims] == ["defeated"]
    assert [c.id for c in make_report(*signed_off, verdicts=["rated"]).claims] == ["peace"]


def _entry(
    reviewer: str, verdict: str | None, *, editor: bool = False, time: str = WHEN
) -> ReviewEntry:
    return ReviewEntry(reviewer, verdict, f"{reviewer}'s note", time, False, editor)


@pytest.mark.parametrize(
    ("reviews", "status", "verdict", "signed_off_by"),
    [
        # An editor's note without a verdict signs nothing off.
        ([_entry("Ana", "True"), _entry("Eve", None, editor=True)], Status.RATED, "True", None),
        # An editor alone: final, with nobody else's review.
        ([_entry("Eve", "False", editor=True)], Status.FINAL, "False", "Eve"),
        # Two editors: the later sign-off stands.
        (
            [
                _entry("Eve", "False", editor=True, time=SIGNED),
                _entry("Max", "Half true", editor=True),
            ],
            Status.FINAL,
            "False",
            "Eve",
        ),
        ([_entry("Ana", "True"), _entry("Ben", "False")], Status.DISPUTED, None, None),
        ([], Status.PENDING, None, None),
    ],
)
def test_resolve(
    reviews: list[ReviewEntry], status: Status, verdict: str | None, signed_off_by: str | None
) -> None:
    resolved = resolve(reviews, None)
    assert (resolved.status, resolved.verdict, resolved.signed_off_by) == (
        status,
        verdict,
        signed_off_by,
    )


@pytest.mark.parametrize("fixture", ["disputed", "signed_off"])
def test_the_report_and_stats_agree_on_disputes(
    fixture: str, request: pytest.FixtureRequest
) -> None:
    """Editors left out of agreement in both: the claims `stats` lists as in dispute are the
    report's disputed claims, and those it lists as settled are its final split claims, with
    the same editor and verdict."""
    root, corpus = request.getfixturevalue(fixture)
    report = make_report(root, corpus)
    stats = measure_agreement(
        corpus, load_all_reviews(root, cache_dir=None), editors=corpus.settings.editors
    )
    split = [claim for claim in report.claims if claim.agreement is Agreement.SPLIT]
    assert [claim.id for claim in split] == ["defeated"]
    disputed = [claim.id for claim in split if claim.resolved.status is Status.DISPUTED]
    assert disputed == [dispute.claim_id for dispute in stats.disputes]
    final = [
        (claim.id, claim.resolved.signed_off_by, claim.resolved.verdict)
        for claim in split
        if claim.resolved.status is Status.FINAL
    ]
    assert final == [(d.claim_id, d.settled_by, d.final_verdict) for d in stats.settled]
    assert len(disputed) + len(final) == 1
