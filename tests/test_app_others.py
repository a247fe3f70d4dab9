"""Pilot tests: the other reviewers' verdicts (hidden until asked for), the dispute filter, and
other reviewers' files reloaded while the app runs, the reviewer's own file left alone."""

from __future__ import annotations

from pathlib import Path

from factcheck.app import create_app
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.widgets.other_reviews import OtherReviewsView
from factcheck.corpus.loader import load_corpus
from factcheck.corpus.model import Corpus
from factcheck.reviews import Review, ReviewStore, fingerprint, now
from tests.test_app_review import opened

REVIEWER = "Test Reviewer"
OWN_FILE = "reviews/test-reviewer.yaml"


def corpus_of(root: Path) -> Corpus:
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    return corpus


def write_review(root: Path, reviewer: str, position: int, verdict: str, note: str = "") -> None:
    """What another reviewer's app does: one review into their own file."""
    corpus = corpus_of(root)
    claim = corpus.claims[position]
    review = Review(claim.id, verdict, note, reviewer, now(), fingerprint(corpus, claim))
    ReviewStore(root, reviewer).put(review)


def others_text(screen: ReviewScreen) -> str:
    """The others view as words (badges are padded with spaces), empty when not displayed."""
    view = screen.query_one(OtherReviewsView)
    return " ".join(str(view.render()).split()) if view.display else ""


def screen_text(screen: ReviewScreen) -> str:
    """Every widget's text on the review screen, to check nothing leaks while hidden."""
    return "\n".join(str(widget.render()) for widget in screen.query("Static"))


async def test_others_are_hidden_until_o_and_shown_as_text(bundled_copy: Path) -> None:
    (bundled_copy / "factcheck.yaml").write_text(
        (bundled_copy / "factcheck.yaml").read_text(encoding="utf-8") + "editors: [Eve]\n",
        encoding="utf-8",
    )
    write_review(bundled_copy, "Bo", 0, "Mostly false", "Bo says [bold]not[/] defeated")
    write_review(bundled_copy, "Eve", 0, "False", "Settled.")
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        hidden = others_text(screen)
        assert hidden == "2 other reviews hidden · o shows them"
        everything = screen_text(screen)
        for secret in ("Bo", "Eve", "Mostly false", "Settled", "defeated[/]", "FINAL"):
            assert secret not in everything

        await pilot.press("o")
        shown = others_text(screen)
        assert "Bo" in shown and "Mostly false" in shown
        assert "Bo says [bold]not[/] defeated" in shown  # markup in a note shows literally
        assert "FINAL False Eve (editor)" in shown  # the editor's verdict, labelled final
        assert shown.index("Eve") < shown.index("Bo")  # the final word first

        await pilot.press("j")  # nobody else reviewed the next claim
        assert "No one else has reviewed this claim." in others_text(screen)
        await pilot.press("o", "k")
        assert others_text(screen) == hidden
    assert not (bundled_copy / OWN_FILE).exists()  # looking rates nothing


async def test_dispute_filter_lists_only_disputed_claims(bundled_copy: Path) -> None:
    corpus = corpus_of(bundled_copy)
    ids = [claim.id for claim in corpus.claims]
    (bundled_copy / "factcheck.yaml").write_text(
        (bundled_copy / "factcheck.yaml").read_text(encoding="utf-8") + "editors: [Eve]\n",
        encoding="utf-8",
    )
    write_review(bundled_copy, "Bo", 0, "True")  # the reviewer will agree
    write_review(bundled_copy, "Bo", 1, "False")  # the reviewer will disagree
    write_review(bundled_copy, "Cy", 2, "True")  # two others disagree
    write_review(bundled_copy, "Dee", 2, "False")
    write_review(bundled_copy, "Bo", 3, "True")  # only an editor disagrees: settled
    write_review(bundled_copy, "Eve", 3, "False")
    write_review(bundled_copy, "Bo", 4, "True")  # no one else rated it
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("1", "j", "1")
        await pilot.press("ctrl+p", *"in dispute")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert [c.id for c in screen.claim_list.claims] == [ids[1], ids[2]]
        assert "filter: disputed" in str(screen.query_one("#header-progress").render())
        await pilot.press("escape")
        assert len(screen.claim_list.claims) == len(ids)


async def test_other_reviewers_files_reload_and_own_file_is_left_alone(
    bundled_copy: Path,
) -> None:
    write_review(bundled_copy, "Bo", 0, "Mostly false", "first look")
    app = create_app(bundled_copy, REVIEWER, poll_seconds=0.05)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("6", "o")
        own = (bundled_copy / OWN_FILE).read_bytes()
        own_stat = (bundled_copy / OWN_FILE).stat()
        assert "Mostly false" in others_text(screen)

        write_review(bundled_copy, "Bo", 0, "True", "changed my mind")
        write_review(bundled_copy, "Cy", 0, "Half true")  # a new reviewer, after a pull
        for _ in range(100):
            await pilot.pause(0.02)
            if "changed my mind" in others_text(screen) and "Cy" in others_text(screen):
                break
        shown = others_text(screen)
        assert "True Bo" in shown and "changed my mind" in shown and "Half true Cy" in shown
        assert "Mostly false" not in shown
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Reviews by ") and "reloaded" in m for m in messages)
        # The claim is in dispute: False against True and Half true.
        selected = screen.selected.id
        await pilot.press("ctrl+p", *"in dispute")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert [claim.id for claim in screen.claim_list.claims] == [selected]
    assert (bundled_copy / OWN_FILE).read_bytes() == own
    assert (bundled_copy / OWN_FILE).stat().st_mtime_ns == own_stat.st_mtime_ns
