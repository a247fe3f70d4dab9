"""The claim search without the UI: what it looks in (the claim, the reviewer's note, the quotes
of its evidence and their notes, source titles), where it says a claim matched, its order, and
that the search run off the UI thread finds what the one on it finds."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from factcheck.corpus.cancelling import Cancelled
from factcheck.corpus.loader import load_corpus
from factcheck.reviews import ReviewStore
from factcheck.reviews import search as search_module
from factcheck.reviews.session import ReviewSession


def session_on(root: Path, reviewer: str = "Ann") -> ReviewSession:
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    return ReviewSession(corpus, ReviewStore(root, reviewer))


def found(session: ReviewSession, query: str) -> list[str]:
    session.set_query(query)
    return [session.corpus.claims[index].id for index in session.visible]


def citing(session: ReviewSession, quote_id: str) -> set[str]:
    return {
        claim.id
        for claim in session.corpus.claims
        if any(link.quote_id == quote_id for link in claim.evidence)
    }


def test_a_word_only_in_a_quote_finds_the_claims_citing_it(bundled_copy: Path) -> None:
    session = session_on(bundled_copy)
    expected = citing(session, "kunduz-blast")
    assert expected
    assert set(found(session, "Kunduz")) == expected
    for claim_id in expected:
        claim = session.corpus.claims_by_id[claim_id]
        assert session.where_found(claim) == "quote kunduz-blast"


def test_a_typo_in_a_quoted_word_still_finds_it(bundled_copy: Path) -> None:
    session = session_on(bundled_copy)
    assert set(found(session, "province of Kundus")) >= citing(session, "kunduz-blast")


def test_the_note_on_a_quote_is_searched(bundled_copy: Path) -> None:
    session = session_on(bundled_copy)
    shown = found(session, "days before or around the spokesman")
    assert set(shown) == citing(session, "kunduz-blast")
    claim = session.corpus.claims_by_id[shown[0]]
    assert session.where_found(claim) == "the note on quote kunduz-blast"


def test_a_source_title_is_searched(bundled_copy: Path) -> None:
    session = session_on(bundled_copy)
    shown = found(session, "Puncture Taliban's Narrative")
    assert shown
    claim = session.corpus.claims_by_id[shown[0]]
    assert session.where_found(claim) == "source title rferl-2022-05"


def test_the_reviewers_own_note_is_searched_as_soon_as_written(bundled_copy: Path) -> None:
    session = session_on(bundled_copy)
    session.prepare_search()  # as the app does after the first paint
    claim = session.corpus.claims[3]
    assert found(session, "zebra crossing") == []
    session.set_note(claim, "Compare with the zebra crossing figures")
    assert found(session, "zebra crossing") == [claim.id]
    assert session.where_found(claim) == "your note"
    session.undo()
    assert found(session, "zebra crossing") == []
    # Another reviewer's session does not search Ann's notes.
    session.set_note(claim, "Compare with the zebra crossing figures")
    assert found(session_on(bundled_copy, "Bob"), "zebra crossing") == []


def test_a_match_in_the_claims_own_words_comes_first(bundled_copy: Path) -> None:
    session = session_on(bundled_copy)
    shown = found(session, "haqqani")
    assert shown[0] == "taliban-rely-on-haqqani"
    assert session.where_found(session.corpus.claims_by_id[shown[0]]) == "the claim"


def test_few_letters_match_as_written_own_words_first(bundled_copy: Path) -> None:
    session = session_on(bundled_copy)
    shown = found(session, "shia")
    assert shown[0] == "protect-shias"
    assert all(
        "shia" in " ".join(search_module.claim_fields(session.corpus, claim, "")[0].text.split())
        or session.where_found(claim) is not None
        for claim in (session.corpus.claims_by_id[claim_id] for claim_id in shown)
    )


def test_no_search_no_where(bundled_copy: Path) -> None:
    session = session_on(bundled_copy)
    assert session.where_found(session.corpus.claims[0]) is None


@pytest.mark.parametrize(
    "query", ["Kunduz", "province of kundus", "haqqani", "shia", "Mujahd", "zzqxj", "is-k attacks"]
)
def test_the_search_off_the_ui_thread_finds_what_the_one_on_it_finds(
    bundled_copy: Path, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large corpus is scored with rapidfuzz's cdist (it lets go of the GIL), a small one
    claim by claim: the same claims in the same order."""
    small = found(session_on(bundled_copy), query)
    monkeypatch.setattr(search_module, "COSTLY_CHARACTERS", 0)
    costly = session_on(bundled_copy)
    costly.prepare_search()
    assert costly.search_is_costly
    assert found(costly, query) == small


@pytest.mark.parametrize("query", ["mujahid", "province of kundus", "shia mosque"])
def test_typing_letter_by_letter_finds_what_a_fresh_search_finds(
    bundled_copy: Path, query: str
) -> None:
    """A longer query may match claims a shorter did not: the search is not narrowed to the
    last matches as one types."""
    session = session_on(bundled_copy)
    for length in range(1, len(query) + 1):
        typed = found(session, query[:length])
        assert typed == found(session_on(bundled_copy), query[:length])


def test_the_quick_answer_is_part_of_the_thorough_one(bundled_copy: Path) -> None:
    session = session_on(bundled_copy)
    for query in ("province of kundus", "Kunduz", "mujahid", "the taliban"):
        quick = session.search(query, thorough=False)
        thorough = session.search(query)
        assert set(quick) <= set(thorough)
    assert session.search("province of kundus", thorough=False) == []  # a typo: thorough only
    assert session.search("province of kundus")


def test_building_the_keys_stops_when_cancelled_and_builds_later(bundled_copy: Path) -> None:
    """The app builds them in a thread; quitting sets the event (at 50,000 claims, 1-2 s of
    keys held the exit). Nothing half-built is kept: a search builds them whole."""
    session = session_on(bundled_copy)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        session.prepare_search(cancel)
    assert session.search_is_costly  # not built
    assert found(session, "Puncture Taliban's Narrative")  # a search builds them, whole
    assert not session.search_is_costly
