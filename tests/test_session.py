"""The review session without the UI: ratings, notes, undo, staleness, search and filters."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.corpus.loader import load_corpus
from factcheck.reviews import ReviewStore, read_review_file
from factcheck.reviews.session import Filters, ReadOnlyError, ReviewSession, default_reviewer


def session_on(root: Path, reviewer: str = "Ann") -> ReviewSession:
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    return ReviewSession(corpus, ReviewStore(root, reviewer))


def on_disk(root: Path, reviewer: str = "ann") -> dict[str, tuple[str | None, str]]:
    found = read_review_file(root, f"reviews/{reviewer}.yaml")
    return {cid: (r.verdict, r.note) for cid, r in found.reviews.items()}


def test_session_module_does_not_import_textual() -> None:
    code = (
        "import sys, factcheck.reviews.session, factcheck.corpus.verification; "
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_rate_note_undo_are_on_disk_at_once(bundled_copy: Path) -> None:
    session = session_on(bundled_copy)
    claim = session.corpus.claims[0]
    session.rate(claim, 6)
    assert on_disk(bundled_copy) == {claim.id: ("False", "")}
    session.set_note(claim, "Two attacks since.\n")
    assert on_disk(bundled_copy) == {claim.id: ("False", "Two attacks since.")}
    session.rate(claim, 5)
    assert on_disk(bundled_copy) == {claim.id: ("Mostly false", "Two attacks since.")}
    assert session.progress() == (1, 12, 0)
    assert session.undo() == claim.id
    assert on_disk(bundled_copy) == {claim.id: ("False", "Two attacks since.")}
    session.undo()
    session.undo()
    assert on_disk(bundled_copy) == {}
    assert session.undo() is None


def test_a_note_before_any_rating_is_kept_but_not_counted(bundled_copy: Path) -> None:
    session = session_on(bundled_copy)
    claim = session.corpus.claims[1]
    session.set_note(claim, "look at the AFP toll")
    assert on_disk(bundled_copy) == {claim.id: (None, "look at the AFP toll")}
    assert session.progress() == (0, 12, 0)
    assert session.needs_rating(claim)


def test_rating_on_other_evidence_is_stale_until_rated_again(bundled_copy: Path) -> None:
    session = session_on(bundled_copy)
    claim = session.corpus.claims[0]
    session.rate(claim, 6)
    evidence = bundled_copy / "evidence" / "rferl-2022-05.yaml"
    quote = session.corpus.quotes[claim.evidence[0].quote_id]
    evidence.write_text(
        evidence.read_text(encoding="utf-8").replace(quote.text, quote.text[:-1] + " !"),
        encoding="utf-8",
    )
    later = session_on(bundled_copy)
    claim = later.corpus.claims_by_id[claim.id]
    assert later.status(claim).stale
    assert later.progress() == (1, 12, 1)
    assert later.needs_rating(claim)
    later.set_note(claim, "a note does not confirm the verdict")
    assert later.status(claim).stale
    later.rate(claim, 6)
    assert not later.status(claim).stale


def test_read_only_when_the_file_cannot_be_read(bundled_copy: Path) -> None:
    (bundled_copy / "reviews").mkdir()
    broken = bundled_copy / "reviews" / "ann.yaml"
    broken.write_text("reviews: [\n", encoding="utf-8")
    session = session_on(bundled_copy)
    assert session.read_only_reason
    with pytest.raises(ReadOnlyError):
        session.rate(session.corpus.claims[0], 1)
    assert broken.read_text(encoding="utf-8") == "reviews: [\n"


def test_two_sessions_on_one_file_keep_both_ratings(bundled_copy: Path) -> None:
    one, two = session_on(bundled_copy), session_on(bundled_copy)
    one.rate(one.corpus.claims[0], 1)
    two.rate(two.corpus.claims[1], 2)
    one.rate(one.corpus.claims[2], 3)
    assert set(on_disk(bundled_copy)) == {c.id for c in one.corpus.claims[:3]}


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("shia", "protect-shias"),
        ("Mujahid", "daesh-defeated"),
        ("haqqani", "taliban-rely-on-haqqani"),
        ("casualties", None),
        ("Mujahd", "daesh-defeated"),  # a typo still finds it
    ],
)
def test_search_finds_best_first(bundled_copy: Path, query: str, first: str | None) -> None:
    session = session_on(bundled_copy)
    session.set_query(query)
    shown = [session.corpus.claims[i].id for i in session.visible]
    assert shown
    if first:
        assert shown[0] == first


def test_search_for_nothing_like_it_finds_nothing(bundled_copy: Path) -> None:
    session = session_on(bundled_copy)
    session.set_query("zzqxj")
    assert session.visible == []


def test_filters_and_next_needing_rating(bundled_copy: Path) -> None:
    session = session_on(bundled_copy)
    claims = session.corpus.claims
    session.rate(claims[0], 6)
    session.rate(claims[2], 6)
    assert session.next_needing_rating(0) == 1
    assert session.next_needing_rating(1) == 3
    session.set_filters(Filters(unrated=True))
    assert len(session.visible) == 10
    session.set_filters(Filters(verdict="False"))
    assert [claims[i].id for i in session.visible] == [claims[0].id, claims[2].id]
    session.set_filters(Filters(tag="casualties"))
    assert all("casualties" in claims[i].tags for i in session.visible)
    assert Filters(unrated=True, tag="x").describe() == "unrated, tag=x"
    session.set_filters(Filters())
    for claim in claims:
        session.rate(claim, 7)
    assert session.next_needing_rating(0) is None


def test_default_reviewer_is_a_name(monkeypatch: pytest.MonkeyPatch) -> None:
    assert default_reviewer().strip()
