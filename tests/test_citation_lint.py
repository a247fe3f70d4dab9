"""The citation lint on made-up reviews: each rule, and the scale's lean it rests on."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.corpus.loader import load_corpus
from factcheck.corpus.model import Corpus
from factcheck.corpus.scale import DEFAULT_SCALE, Lean, Scale, Verdict
from factcheck.reviews import Review, ReviewStore, load_all_reviews
from factcheck.reviews.citations import (
    CITES_NOTHING,
    CITES_UNLINKED,
    CITES_UNVERIFIED,
    FALSE_ON_SUPPORT,
    TRUE_ON_CONTRADICTION,
    citation_problems,
    lint_review,
)
from factcheck.workspace import Workspace
from tests.conftest import CorpusWriter

SOURCE = (
    "The ministry said the bridge was finished in May.\n"
    "Engineers said the bridge was still closed in June.\n"
    "The bridge cost 40 million dollars.\n"
    "It crosses the river at its widest point.\n"
)

EVIDENCE = """\
source:
  id: paper
  outlet: Paper
  title: "Bridge"
  text: paper.txt
quotes:
  - id: finished
    quote: "The ministry said the bridge was finished in May."
  - id: closed
    quote: "Engineers said the bridge was still closed in June."
  - id: cost
    quote: "The bridge cost 90 million dollars."
  - id: river
    quote: "It crosses the river at its widest point."
"""

CLAIMS = """\
claims:
  - id: bridge-done
    text: "The bridge was finished in May."
    kind: summary
    claimant: The Minister
    evidence:
      - {ref: finished, stance: supports}
      - {ref: closed, stance: contradicts}
      - {ref: cost, stance: context}
      - {ref: river, stance: context}
"""

FILES = {
    "evidence/paper.yaml": EVIDENCE,
    "evidence/paper.txt": SOURCE,
    "claims/bridge.yaml": CLAIMS,
}


@pytest.fixture
def corpus_root(write_corpus: CorpusWriter) -> Path:
    return write_corpus({**FILES, "claims/main.yaml": None, "evidence/wire-2021.yaml": None})


@pytest.fixture
def corpus(corpus_root: Path) -> Corpus:
    loaded = load_corpus(corpus_root, cache_dir=None).corpus
    assert loaded is not None
    return loaded


def rated(verdict: str | None, *cites: str) -> Review:
    return Review("bridge-done", verdict, "", "Ana", "2026-11-23T10:00:00+00:00", "", cites)


def codes(corpus: Corpus, review: Review) -> list[str]:
    anchors = Workspace.open(corpus.root, cache=False).verify().anchors
    return [warning.code for warning in lint_review(corpus, review, anchors)]


@pytest.mark.parametrize(
    ("verdict", "cites", "expected"),
    [
        ("False", (), [CITES_NOTHING]),
        ("Unproven", (), [CITES_NOTHING]),
        ("False", ("finished",), [FALSE_ON_SUPPORT]),
        ("Mostly false", ("finished", "river"), [FALSE_ON_SUPPORT]),
        ("False", ("finished", "closed"), []),
        ("False", ("closed",), []),
        ("True", ("closed",), [TRUE_ON_CONTRADICTION]),
        ("Mostly true", ("closed", "river"), [TRUE_ON_CONTRADICTION]),
        ("True", ("finished",), []),
        ("True", ("closed", "finished"), []),
        # The middle of the scale and off it lean neither way: any evidence will do.
        ("Half true", ("finished",), []),
        ("Misleading", ("closed",), []),
        ("Unproven", ("finished",), []),
        ("True", ("river",), []),
        # A quote whose figure no longer matches its source does not verify.
        ("Half true", ("cost",), [CITES_UNVERIFIED]),
        ("True", ("gone",), [CITES_UNLINKED]),
        # Not rated yet: quotes marked before rating are not judged.
        (None, ("finished",), []),
        (None, (), []),
    ],
)
def test_each_rule(
    corpus: Corpus, verdict: str | None, cites: tuple[str, ...], expected: list[str]
) -> None:
    assert codes(corpus, rated(verdict, *cites)) == expected


def test_a_quote_that_is_not_verified_yet_is_not_judged(corpus: Corpus) -> None:
    assert lint_review(corpus, rated("Half true", "cost"), {}) == []
    assert lint_review(corpus, rated("Half true", "cost"), None) == []


def test_a_quote_unlinked_from_the_claim_is_told_apart_from_one_gone(corpus: Corpus) -> None:
    other = Review("bridge-done", "True", "", "Ana", "", "", ("finished", "gone"))
    [warning] = lint_review(corpus, other, None)
    assert (warning.code, warning.quote_id) == (CITES_UNLINKED, "gone")
    assert "no longer in the corpus" in warning.message


def test_the_warning_says_which_quotes_and_what_to_do(corpus: Corpus) -> None:
    [warning] = lint_review(corpus, rated("False", "finished", "river"), None)
    assert warning.message == (
        "cites only evidence that supports the claim (finished): cite what contradicts it, or "
        "check the verdict"
    )


def _scale(*positions: int | None) -> Scale:
    return Scale(
        tuple(Verdict(f"v{i}", i, "#000000", "", pos) for i, pos in enumerate(positions, 1))
    )


def test_the_default_scale_leans_as_the_newsroom_reads_it() -> None:
    leans = {verdict.label: DEFAULT_SCALE.lean(verdict) for verdict in DEFAULT_SCALE}
    assert leans == {
        "True": Lean.TRUE,
        "Mostly true": Lean.TRUE,
        "Half true": Lean.NEITHER,
        "Misleading": Lean.NEITHER,
        "Mostly false": Lean.FALSE,
        "False": Lean.FALSE,
        "Unproven": Lean.NEITHER,
    }


@pytest.mark.parametrize(
    ("positions", "expected"),
    [
        ((1, 2, 3), [Lean.FALSE, Lean.NEITHER, Lean.TRUE]),
        ((0, 10), [Lean.FALSE, Lean.TRUE]),
        ((5,), [Lean.NEITHER]),  # one position: no ends to lean to
        ((1, None, 2), [Lean.FALSE, Lean.NEITHER, Lean.TRUE]),
    ],
)
def test_a_scale_of_its_own_leans_by_its_positions(
    positions: tuple[int | None, ...], expected: list[Lean]
) -> None:
    scale = _scale(*positions)
    assert [scale.lean(verdict) for verdict in scale] == expected


def test_problems_point_at_the_verdict_or_the_cited_quote_in_the_file(corpus_root: Path) -> None:
    store = ReviewStore(corpus_root, "Ana")
    store.put(Review("another", "True", "", "Ana", "2026-11-23T10:00:00+00:00", ""))
    store.put(rated("False", "finished", "cost"))
    workspace = Workspace.open(corpus_root, cache=False)
    assert workspace.corpus is not None
    files = load_all_reviews(corpus_root, cache_dir=None)
    problems = citation_problems(workspace.corpus, files, workspace.verify().anchors)
    lines = (corpus_root / "reviews" / "ana.yaml").read_text(encoding="utf-8").splitlines()
    found = {(p.code, lines[p.line - 1][p.column - 1 :]) for p in problems}
    # 'another' is no claim of this corpus: nothing to judge.
    assert found == {
        (CITES_UNVERIFIED, "cost"),
        (FALSE_ON_SUPPORT, "'False'"),
    }
    assert all(p.file == "reviews/ana.yaml" and p.severity == "warning" for p in problems)
    assert {p.message for p in problems if p.code == FALSE_ON_SUPPORT} == {
        "claim 'bridge-done': the verdict 'False' cites only evidence that supports the claim "
        "(finished): cite what contradicts it, or check the verdict"
    }
