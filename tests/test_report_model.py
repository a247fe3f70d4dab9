"""The report model: verdicts resolved from reviews, stale marks, filters, evidence.

`report_corpus` and `rated_report` here are shared by the format tests (tests/test_export_*.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.corpus.loader import load_corpus
from factcheck.corpus.model import Corpus
from factcheck.report.building import build_report
from factcheck.report.model import Agreement, Report, Status
from factcheck.reviews import Review, ReviewStore, fingerprint, load_all_reviews

NASTY_QUOTE = 'He wrote <script>alert("x")</script> and </blockquote> | pipes | *stars* `code`.'
NASTY_NOTE = "# Not a heading\n| not | a row |\n[link](javascript:alert(1)) & _under_"
CSV_NOTE = 'Commas, "quotes"\nand newlines'

SOURCE_TEXT = (
    "KABUL: The spokesman said the group had been defeated.\n"
    "Nineteen people were killed in the attack on the hospital.\n"
    "Residents said they did not feel safe in the city.\n"
    f"{NASTY_QUOTE}\n"
)

EVIDENCE = f"""\
source:
  id: wire-2021
  outlet: Wire <i>&amp;</i>
  title: 'A "report" | <b>bold</b>'
  url: https://example.org/a?b=1&c=2
  published: 2021-11-03
  text: wire-2021.txt
quotes:
  - id: toll
    quote: "Nineteen people were killed in the attack on the hospital."
  - id: unsafe
    quote: "Residents said they did not feel safe in the city."
    note: Residents' own words.
  - id: nasty
    quote: '{NASTY_QUOTE}'
"""

OTHER_EVIDENCE = """\
source:
  id: blog
  outlet: A blog
  title: Posts
  url: "javascript:alert(1)"
  text: blog.txt
quotes:
  - id: blog-post
    quote: "Peace has been restored."
"""

CLAIMS = f"""\
claims:
  - id: defeated
    text: "the group had been defeated"
    kind: quote
    claimant: A Spokesman
    role: spokesman for the interior ministry
    date: 2021-11
    venue: a press conference
    source: wire-2021
    tags: [security]
    evidence:
      - {{ref: toll, stance: contradicts}}
      - {{ref: unsafe, stance: contradicts}}
      - ref: nasty
        stance: context
        note: {json.dumps(CSV_NOTE)}
  - id: peace
    text: "Peace | *restored* <script>x</script> everywhere, in every province and district of
      the country"
    claimant: Interior Ministry
    source: blog
    tags: [peace]
    evidence:
      - {{ref: blog-post, stance: supports}}
      - {{ref: unsafe, stance: contradicts}}
  - id: unrated
    text: "An unrated claim"
    claimant: Someone
    tags: [security]
"""

SETTINGS = """\
title: "Test <desk> | report"
organisation: {name: Test Desk, url: "https://desk.example/"}
publication_url: https://desk.example/checks/
"""

WHEN = "2026-11-20T09:00:00+00:00"


def write_report_corpus(root: Path, *, settings: str = SETTINGS) -> Path:
    files = {
        "evidence/wire-2021.yaml": EVIDENCE,
        "evidence/wire-2021.txt": SOURCE_TEXT,
        "evidence/blog.yaml": OTHER_EVIDENCE,
        "evidence/blog.txt": "Peace has been restored.\n",
        "claims/main.yaml": CLAIMS,
        "factcheck.yaml": settings,
    }
    for relative, text in files.items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")
    return root


def write_reviews(root: Path, corpus: Corpus) -> None:
    """Ana and Ben agree on `defeated` (Ben's review is stale) and differ on `peace`."""

    def put(reviewer: str, claim_id: str, verdict: str | None, note: str, stale: bool) -> None:
        claim = corpus.claims_by_id[claim_id]
        mark = "sha256:outdated" if stale else fingerprint(corpus, claim)
        ReviewStore(root, reviewer).put(Review(claim_id, verdict, note, reviewer, WHEN, mark))

    put("Ana", "defeated", "False", f"Nineteen dead.\n{NASTY_NOTE}", stale=False)
    put("Ana", "peace", "Mostly false", CSV_NOTE, stale=False)
    put("Ben", "defeated", "False", "Agree with Ana.", stale=True)
    put("Ben", "peace", "Half true", "Some calm <b>returned</b>.", stale=False)


@pytest.fixture
def report_corpus(tmp_path: Path) -> tuple[Path, Corpus]:
    root = write_report_corpus(tmp_path / "corpus")
    loaded = load_corpus(root, cache_dir=None)
    assert loaded.corpus is not None, loaded.problems
    write_reviews(root, loaded.corpus)
    return root, loaded.corpus


def make_report(root: Path, corpus: Corpus, **options: object) -> Report:
    from datetime import UTC, datetime

    return build_report(
        corpus,
        load_all_reviews(root, cache_dir=None),
        generated=datetime(2026, 11, 23, 12, 0, tzinfo=UTC),
        **options,  # type: ignore[arg-type]
    )


def test_the_test_corpus_loads_with_only_its_planted_errors(
    report_corpus: tuple[Path, Corpus],
) -> None:
    """`unrated` has no evidence and the blog's javascript: link is an error, both on purpose:
    the link is left out of the loaded source, and the renderers must drop such a link anyway."""
    root, corpus = report_corpus
    problems = load_corpus(root, cache_dir=None).problems
    assert [(problem.file, problem.code) for problem in problems] == [
        ("claims/main.yaml", "no-evidence"),
        ("evidence/blog.yaml", "bad-value"),
    ]
    assert corpus.sources["blog"].url is None


def test_all_reviewers_side_by_side(report_corpus: tuple[Path, Corpus]) -> None:
    report = make_report(*report_corpus)
    claims = {claim.id: claim for claim in report.claims}
    assert list(claims) == ["defeated", "peace", "unrated"]
    assert report.reviewers == ["Ana", "Ben"]

    defeated = claims["defeated"]
    assert (defeated.resolved.status, defeated.resolved.verdict) == (Status.RATED, "False")
    assert defeated.agreement is Agreement.UNANIMOUS
    assert defeated.resolved.stale  # Ben's review rests on older evidence
    assert [(r.reviewer, r.stale) for r in defeated.reviews] == [("Ana", False), ("Ben", True)]
    assert "Ana: Nineteen dead." in defeated.resolved.rationale
    assert "Ben: Agree with Ana." in defeated.resolved.rationale

    peace = claims["peace"]
    assert (peace.resolved.status, peace.resolved.verdict) == (Status.DISPUTED, None)
    assert peace.agreement is Agreement.SPLIT
    assert claims["unrated"].resolved.status is Status.PENDING
    counts = {count.verdict: count.count for count in report.counts}
    assert (counts["False"], counts["disputed"], counts["pending"]) == (1, 1, 1)


def test_one_reviewer_chosen(report_corpus: tuple[Path, Corpus]) -> None:
    report = make_report(*report_corpus, reviewer="Ben")
    claims = {claim.id: claim for claim in report.claims}
    assert claims["peace"].resolved.verdict == "Half true"
    assert claims["peace"].resolved.rationale == "Some calm <b>returned</b>."
    assert claims["defeated"].resolved.stale
    assert len(claims["peace"].reviews) == 2  # all reviews stay in the model, for issue 6


def test_evidence_carries_its_source_and_status(report_corpus: tuple[Path, Corpus]) -> None:
    root, corpus = report_corpus
    report = make_report(root, corpus, verification={"toll": "exact"})
    defeated = report.claims[0]
    toll, unsafe, nasty = defeated.evidence
    assert (toll.stance, toll.verification, unsafe.verification) == (
        "contradicts",
        "exact",
        "unverified",
    )
    assert toll.source.outlet == "Wire <i>&amp;</i>"
    assert (toll.source.published, toll.source.published_human) == ("2021-11-03", "3 November 2021")
    assert toll.source.url == "https://example.org/a?b=1&c=2"
    assert unsafe.quote_note == "Residents' own words."
    assert nasty.note == CSV_NOTE
    assert defeated.url == "https://desk.example/checks/defeated"
    assert defeated.date_human == "November 2021"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"rated_only": True}, ["defeated", "peace"]),
        ({"tags": ["security"]}, ["defeated", "unrated"]),
        ({"tags": ["peace", "security"]}, ["defeated", "peace", "unrated"]),
        ({"verdicts": ["false"]}, ["defeated"]),
        ({"verdicts": ["disputed", "pending"]}, ["peace", "unrated"]),
        ({"reviewer": "Ana", "verdicts": ["Mostly false"]}, ["peace"]),
        ({"reviewer": "Ana", "tags": ["peace"], "rated_only": True}, ["peace"]),
        ({"tags": ["nothing"]}, []),
    ],
)
def test_filters(
    report_corpus: tuple[Path, Corpus], options: dict[str, object], expected: list[str]
) -> None:
    report = make_report(*report_corpus, **options)
    assert [claim.id for claim in report.claims] == expected
    assert report.total_claims == 3


def test_an_unreadable_review_file_is_a_warning(report_corpus: tuple[Path, Corpus]) -> None:
    root, corpus = report_corpus
    (root / "reviews" / "broken.yaml").write_text("reviewer: [unclosed\n", encoding="utf-8")
    report = make_report(root, corpus)
    assert any("broken.yaml cannot be read" in warning for warning in report.warnings)
    assert report.reviewers == ["Ana", "Ben"]


def test_quote_statuses_are_verified_once_per_unchanged_source(
    report_corpus: tuple[Path, Corpus], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    verification = pytest.importorskip("factcheck.quotes.batch")
    from factcheck.corpus.verification import verify_corpus

    _, corpus = report_corpus
    first = verify_corpus(corpus, cache_dir=tmp_path / "cache").statuses()
    assert first is not None
    assert first["toll"] == "exact" and set(first) == set(corpus.quotes)

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("verified again though nothing changed")

    monkeypatch.setattr(verification, "verify_quotes", must_not_run)
    assert verify_corpus(corpus, cache_dir=tmp_path / "cache").statuses() == first
