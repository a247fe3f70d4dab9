"""Other reviewers in the session, without the UI: their reviews, disputes, changes on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.corpus.loader import load_corpus
from factcheck.corpus.model import Corpus
from factcheck.reviews import Review, ReviewStore, fingerprint, now
from factcheck.reviews.others import OtherReviews, read_changes, scan_review_files
from factcheck.reviews.session import Filters, ReviewSession

OWN = "reviews/ann.yaml"


def corpus_of(root: Path) -> Corpus:
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    return corpus


def write_review(
    root: Path, reviewer: str, position: int, verdict: str | None, note: str = ""
) -> None:
    corpus = corpus_of(root)
    claim = corpus.claims[position]
    review = Review(claim.id, verdict, note, reviewer, now(), fingerprint(corpus, claim))
    ReviewStore(root, reviewer).put(review)


def session_on(root: Path) -> ReviewSession:
    corpus = corpus_of(root)
    return ReviewSession(
        corpus, ReviewStore(root, "Ann"), others=OtherReviews.load(root, OWN, cache_dir=None)
    )


def in_dispute(session: ReviewSession) -> list[str]:
    """The claims the 'in dispute' filter lists, the filters left as they were."""
    filters = session.filters
    session.set_filters(Filters(disputed=True))
    shown = [session.corpus.claims[index].id for index in session.visible]
    session.set_filters(filters)
    return shown


@pytest.fixture
def with_editor(bundled_copy: Path) -> Path:
    settings = bundled_copy / "factcheck.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "editors: [Eve]\n", "utf-8")
    return bundled_copy


def test_other_reviews_leave_out_the_own_file_and_put_editors_first(with_editor: Path) -> None:
    write_review(with_editor, "Ann", 0, "True")
    write_review(with_editor, "Bo", 0, "False", "no")
    write_review(with_editor, "Eve", 0, "Mostly false")
    write_review(with_editor, "Cy", 0, None, "a note, no verdict yet")
    session = session_on(with_editor)
    others = session.other_reviews(session.corpus.claims[0])
    assert [(o.reviewer, o.label, o.editor) for o in others] == [
        ("Eve", "Mostly false", True),
        ("Bo", "False", False),
        ("Cy", None, False),
    ]
    assert others[1].note == "no" and not others[1].stale
    assert session.other_reviews(session.corpus.claims[1]) == []


def test_disputes_count_this_reviewer_and_leave_editors_out(with_editor: Path) -> None:
    write_review(with_editor, "Bo", 0, "False")
    write_review(with_editor, "Bo", 1, "True")
    write_review(with_editor, "Eve", 1, "False")
    session = session_on(with_editor)
    claims = session.corpus.claims
    assert in_dispute(session) == []  # Bo alone on claim 0; on claim 1 only the editor differs
    session.rate(claims[0], 1)  # True against Bo's False
    assert in_dispute(session) == [claims[0].id]
    session.rate(claims[1], 1)  # agrees with Bo; the editor does not count
    assert in_dispute(session) == [claims[0].id]
    session.undo()
    session.undo()  # the first rating taken back: no dispute left
    assert in_dispute(session) == []


def test_changes_on_disk_are_read_without_the_own_file(bundled_copy: Path) -> None:
    write_review(bundled_copy, "Bo", 0, "False")
    session = session_on(bundled_copy)
    session.rate(session.corpus.claims[0], 1)
    others = session.other_files
    assert set(others.signatures) == {"reviews/bo.yaml"}
    assert read_changes(bundled_copy, OWN, others.signatures) is None
    session.rate(session.corpus.claims[1], 1)  # the own file changes: not the watcher's concern
    assert read_changes(bundled_copy, OWN, others.signatures) is None

    write_review(bundled_copy, "Bo", 0, "True")
    write_review(bundled_copy, "Cy", 0, "Mostly true")
    changes = read_changes(bundled_copy, OWN, others.signatures)
    assert changes is not None
    assert set(changes.files) == {"reviews/bo.yaml", "reviews/cy.yaml"}
    assert changes.reviewers == ["Bo", "Cy"]
    session.apply_review_changes(changes)
    claim = session.corpus.claims[0]
    assert [(o.reviewer, o.label) for o in session.other_reviews(claim)] == [
        ("Bo", "True"),
        ("Cy", "Mostly true"),
    ]
    assert in_dispute(session) == [claim.id]  # True, True, Mostly true

    (bundled_copy / "reviews" / "cy.yaml").unlink()
    changes = read_changes(bundled_copy, OWN, session.other_files.signatures)
    assert changes is not None and changes.removed == ["reviews/cy.yaml"]
    session.apply_review_changes(changes)
    assert in_dispute(session) == []


def test_a_file_broken_on_disk_keeps_what_it_said_until_it_reads_again(
    bundled_copy: Path,
) -> None:
    write_review(bundled_copy, "Bo", 0, "False")
    session = session_on(bundled_copy)
    (bundled_copy / "reviews" / "bo.yaml").write_text("reviews: [\n<<<<<<< HEAD\n", "utf-8")
    changes = read_changes(bundled_copy, OWN, session.other_files.signatures)
    assert changes is not None
    session.apply_review_changes(changes)
    claim = session.corpus.claims[0]
    assert [o.label for o in session.other_reviews(claim)] == ["False"]
    assert [f.relative for f in session.other_files.unreadable] == ["reviews/bo.yaml"]


def test_scan_lists_review_files_but_the_own_and_hidden_ones(bundled_copy: Path) -> None:
    folder = bundled_copy / "reviews"
    folder.mkdir()
    for name in ("ann.yaml", "bo.yaml", "cy.yml", ".bo.yaml.tmp123", "notes.txt"):
        (folder / name).write_text("reviewer: x\n", encoding="utf-8")
    assert set(scan_review_files(bundled_copy, OWN)) == {"reviews/bo.yaml", "reviews/cy.yml"}
    assert scan_review_files(bundled_copy / "nowhere", OWN) == {}
