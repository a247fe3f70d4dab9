"""Which quotes a verdict rests on: kept in the review file, marked and unmarked in the session,
undone like a rating; review files written before citations existed still load."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from factcheck.corpus.loader import load_corpus
from factcheck.reviews import Review, ReviewStore, read_review_file
from factcheck.reviews.session import ReviewSession
from tests.conftest import CorpusWriter

TODAYS_FORMAT = """\
# Reviews written by factcheck: one entry per claim, sorted by claim id.
reviewer: Ana
reviews:
- claim: defeated
  verdict: 'False'
  note: Two attacks since.
  time: '2026-11-23T10:00:00+00:00'
  fingerprint: sha256:0123456789abcdef
"""


def session_on(root: Path, reviewer: str = "Ana") -> ReviewSession:
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    return ReviewSession(corpus, ReviewStore(root, reviewer))


def cites_on_disk(root: Path) -> dict[str, list[str] | None]:
    document = yaml.safe_load((root / "reviews" / "ana.yaml").read_text(encoding="utf-8"))
    return {entry["claim"]: entry.get("cites") for entry in document["reviews"] or []}


def test_a_review_file_in_todays_format_still_loads_and_is_kept_as_written(
    write_corpus: CorpusWriter,
) -> None:
    root = write_corpus({"reviews/ana.yaml": TODAYS_FORMAT})
    found = read_review_file(root, "reviews/ana.yaml")
    assert found.unreadable is None
    review = found.reviews["defeated"]
    assert (review.verdict, review.note, review.cites) == ("False", "Two attacks since.", ())
    # Another claim's change leaves the old entry's text as it was: no `cites: []` appears.
    session = session_on(root)
    session.rate(session.corpus.claims_by_id["defeated"], 1)
    session.undo()
    assert "cites" not in (root / "reviews" / "ana.yaml").read_text(encoding="utf-8")


def test_cites_round_trip_through_the_store(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path, "Ana")
    store.put(Review("c1", "False", "", "Ana", "2026-11-23T10:00:00+00:00", "", ("b", "a")))
    assert cites_on_disk(tmp_path) == {"c1": ["b", "a"]}
    assert read_review_file(tmp_path, "reviews/ana.yaml").reviews["c1"].cites == ("b", "a")


def test_a_quote_cited_twice_by_hand_counts_once(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"reviews/ana.yaml": TODAYS_FORMAT + "  cites: [toll, unsafe, toll]\n"})
    assert read_review_file(root, "reviews/ana.yaml").reviews["defeated"].cites == (
        "toll",
        "unsafe",
    )


def test_cites_that_are_not_a_list_of_ids_are_a_problem_with_a_position(
    write_corpus: CorpusWriter,
) -> None:
    root = write_corpus({"reviews/ana.yaml": TODAYS_FORMAT + "  cites: {toll: yes}\n"})
    found = read_review_file(root, "reviews/ana.yaml")
    assert found.unreadable is not None
    assert [(p.file, p.line) for p in found.problems] == [("reviews/ana.yaml", 9)]


def test_marking_and_unmarking_is_on_disk_at_once_and_undone_one_by_one(
    write_corpus: CorpusWriter,
) -> None:
    root = write_corpus()
    session = session_on(root)
    claim = session.corpus.claims_by_id["defeated"]
    session.rate(claim, 6)
    session.toggle_cite(claim, "unsafe")
    assert cites_on_disk(root) == {"defeated": ["unsafe"]}
    session.toggle_cite(claim, "toll")
    assert cites_on_disk(root) == {"defeated": ["unsafe", "toll"]}
    session.toggle_cite(claim, "unsafe")
    assert cites_on_disk(root) == {"defeated": ["toll"]}
    session.rate(claim, 5)  # a new verdict keeps what it rests on
    assert cites_on_disk(root) == {"defeated": ["toll"]}
    session.set_note(claim, "why")
    assert cites_on_disk(root) == {"defeated": ["toll"]}
    session.undo()  # the note
    session.undo()  # the rating
    session.undo()  # unmarking 'unsafe'
    assert cites_on_disk(root) == {"defeated": ["unsafe", "toll"]}
    session.undo()
    session.undo()
    assert cites_on_disk(root) == {"defeated": None}
    assert session.review(claim.id) is not None and session.review(claim.id).verdict == "False"


def test_marking_before_rating_keeps_a_review_without_a_verdict_until_unmarked(
    write_corpus: CorpusWriter,
) -> None:
    root = write_corpus()
    session = session_on(root)
    claim = session.corpus.claims_by_id["defeated"]
    review = session.toggle_cite(claim, "toll")
    assert review is not None and review.verdict is None and review.cites == ("toll",)
    assert session.needs_rating(claim)
    assert session.progress()[0] == 0
    assert session.toggle_cite(claim, "toll") is None  # nothing left: the entry goes
    assert cites_on_disk(root) == {}
    session.undo()
    assert cites_on_disk(root) == {"defeated": ["toll"]}


def test_marking_a_quote_that_is_not_the_claims_evidence_is_refused(
    write_corpus: CorpusWriter,
) -> None:
    root = write_corpus()
    session = session_on(root)
    with pytest.raises(KeyError, match="not evidence of claim 'defeated'"):
        session.toggle_cite(session.corpus.claims_by_id["defeated"], "nowhere")
    assert not (root / "reviews" / "ana.yaml").exists()
