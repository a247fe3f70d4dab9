"""One undo stack for ratings and changes to the corpus files, newest first; and a claim typed
into a form, checked field by field as `check` would."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.corpus.claim_input import (
    claim_as_typed,
    claim_changes,
    claim_problems,
    suggested_id,
    typed_fields,
)
from factcheck.corpus.loader import load_corpus
from factcheck.corpus.model import Corpus
from factcheck.corpus.writer import CorpusWriter
from factcheck.reviews import ReviewStore, read_review_file
from factcheck.reviews.session import CorpusEdit, ReviewSession


def loaded(root: Path) -> Corpus:
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    return corpus


def turn_first_link(root: Path, corpus: Corpus) -> CorpusEdit:
    """The first claim's first link given the other stance, by the writer, as an edit."""
    claim = corpus.claims[0]
    link = claim.evidence[0]
    stance = "supports" if link.stance != "supports" else "contradicts"
    change = CorpusWriter(root, cache_dir=None).set_stance(claim.id, link.quote_id, stance)
    assert change.written
    return CorpusEdit(change, claim.id)


def test_ratings_and_corpus_edits_share_one_stack_newest_first(bundled_copy: Path) -> None:
    session = ReviewSession(loaded(bundled_copy), ReviewStore(bundled_copy, "Ann"))
    claim = session.corpus.claims[0]
    session.rate(claim, 6)
    edit = turn_first_link(bundled_copy, session.corpus)
    session.record_edit(edit)
    session.rate(claim, 5)

    # Newest first: the second rating, then the edit (which the writer undoes), then the first.
    assert session.edit_to_undo is None
    assert session.undo() == claim.id
    assert session.edit_to_undo is edit
    with pytest.raises(ValueError, match="corpus files"):
        session.undo()
    session.forget_edit(edit)
    assert session.edit_to_undo is None
    assert session.undo() == claim.id
    assert read_review_file(bundled_copy, "reviews/ann.yaml").reviews == {}
    assert not session.can_undo


def test_an_edit_that_wrote_nothing_is_not_on_the_stack(bundled_copy: Path) -> None:
    session = ReviewSession(loaded(bundled_copy), ReviewStore(bundled_copy, "Ann"))
    claim = session.corpus.claims[0]
    link = claim.evidence[0]
    unchanged = CorpusWriter(bundled_copy, cache_dir=None).set_stance(
        claim.id, link.quote_id, str(link.stance)
    )
    assert not unchanged.written
    session.record_edit(CorpusEdit(unchanged, claim.id))
    assert not session.can_undo


def test_a_reload_keeps_the_corpus_edits_on_the_stack(bundled_copy: Path) -> None:
    session = ReviewSession(loaded(bundled_copy), ReviewStore(bundled_copy, "Ann"))
    session.record_edit(turn_first_link(bundled_copy, session.corpus))
    session.replace_corpus(session.prepare_corpus(loaded(bundled_copy)))
    assert session.edit_to_undo is not None


# A claim typed into the form


def test_a_claim_is_checked_field_by_field_in_checks_words(bundled_copy: Path) -> None:
    corpus = loaded(bundled_copy)
    assert claim_problems({}, corpus) == {
        "id": "required",
        "text": "required",
        "claimant": "required",
    }
    typed = {
        "id": "daesh-defeated",
        "text": "x",
        "kind": "quote",
        "claimant": "y",
        "date": "2022-13",
        "tags": "security, is-k bad!",
        "source": "rferl-2022",
    }
    assert claim_problems(typed, corpus) == {
        "id": "'daesh-defeated' is the id of another claim already",
        "date": "'2022-13' is not a date: month 13 does not exist",
        "tags": "'bad!' is not a valid 'tags': use letters, digits, '.', '_' and '-'",
        "source": "no source has the id 'rferl-2022' (did you mean 'rferl-2022-05'?)",
    }
    # Its own id is not taken when the claim is being edited.
    assert "id" not in claim_problems(typed, corpus, editing="daesh-defeated")
    quote_alone = {"id": "new", "text": "x", "kind": "quote", "claimant": "y"}
    assert claim_problems(quote_alone, corpus) == {
        "source": "a claim of kind quote needs the source it is verified against"
    }
    assert claim_problems({**quote_alone, "kind": "opinion"}, corpus) == {
        "kind": "'kind' must be one of 'quote' or 'summary', not 'opinion'"
    }


def test_fields_typed_become_yaml_fields_and_an_edit_only_what_changed(
    bundled_copy: Path,
) -> None:
    assert typed_fields({"id": " a ", "tags": "x, y  z,", "role": "  "}) == {
        "id": "a",
        "text": None,
        "kind": None,
        "claimant": None,
        "role": None,
        "date": None,
        "venue": None,
        "source": None,
        "tags": ["x", "y", "z"],
    }
    claim = loaded(bundled_copy).claims_by_id["daesh-defeated"]
    typed = claim_as_typed(claim)
    assert claim_changes(claim, typed) == {}
    typed |= {"role": "", "tags": "security", "venue": "a radio interview"}
    assert claim_changes(claim, typed) == {
        "role": None,
        "venue": "a radio interview",
        "tags": ["security"],
    }


def test_a_new_claims_id_is_made_from_its_words_and_unique(bundled_copy: Path) -> None:
    corpus = loaded(bundled_copy)
    assert suggested_id("The dam will be finished by May.", corpus) == "dam-will-finished-may"
    taken = corpus.claims[0].id
    assert suggested_id(taken.replace("-", " "), corpus) == f"{taken}-2"
