"""The app follows the disk while it runs: the reviewer's own file written by a second window,
the corpus edited in another program, and a corpus that cannot be loaded at all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from factcheck.app import create_app
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.widgets.claim_detail import RatingBar
from factcheck.corpus.yamlio import default_cache_dir
from factcheck.reviews import Review, ReviewStore, fingerprint, now
from factcheck.reviews.presence import MARKERS_FOLDER
from tests.conftest import review_in_terminal
from tests.test_app_others import corpus_of
from tests.test_app_review import header_text, opened, ratings

REVIEWER = "Test Reviewer"
OWN_CHANGED = "Your reviews changed on disk (another window?): reloaded"


def notices(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


def rating_text(screen: ReviewScreen) -> str:
    return str(screen.query_one(RatingBar).render())


def row_text(screen: ReviewScreen, position: int) -> str:
    """One row of the claim list as drawn (the verdict badge, the id, the text); wide enough
    for whole verdict labels at 200 columns."""
    claims = screen.claim_list
    return claims.render_line(position - round(claims.scroll_y)).text


def second_window_rates(root: Path, position: int, verdict: str) -> None:
    """What a second app on the same reviewer does when a key is pressed there: its own store
    (another process's, as far as the first app can tell) writes the same file."""
    corpus = corpus_of(root)
    claim = corpus.claims[position]
    review = Review(claim.id, verdict, "", REVIEWER, now(), fingerprint(corpus, claim))
    ReviewStore(root, REVIEWER).put(review)


async def until(pilot: Pilot, condition: Callable[[], bool], seconds: float = 5) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen never showed it")


async def test_own_reviews_written_by_a_second_window_show_here(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER, poll_seconds=0.05)
    async with app.run_test(size=(200, 40), notifications=True) as pilot:
        screen = await opened(pilot)
        await pilot.press("6")  # False on the first claim, here
        await pilot.pause(0.3)  # several polls: this window's own write is not news
        assert OWN_CHANGED not in notices(app)
        assert "1/12 rated" in header_text(screen)

        second_window_rates(bundled_copy, 0, "True")  # the other window changes its mind
        second_window_rates(bundled_copy, 1, "Half true")
        await until(pilot, lambda: "2/12 rated" in header_text(screen))
        assert "True" in rating_text(screen) and "False" not in rating_text(screen)
        assert "Half true" in row_text(screen, 1)
        assert notices(app).count(OWN_CHANGED) == 1
        # Undoing this window's False would overwrite the other window's later True.
        await pilot.press("u")
        assert "Nothing to undo." in notices(app)

        await pilot.press("j", "j", "3")  # and this window goes on saving, the others kept
        await pilot.pause(0.3)
        assert notices(app).count(OWN_CHANGED) == 1
    saved = ratings(bundled_copy)
    claims = corpus_of(bundled_copy).claims
    assert saved == {claims[0].id: "True", claims[1].id: "Half true", claims[2].id: "Half true"}


async def test_a_rating_that_merges_a_second_windows_write_shows_it_too(
    bundled_copy: Path,
) -> None:
    app = create_app(bundled_copy, REVIEWER, poll_seconds=3600)  # no poll: the write finds it
    async with app.run_test(size=(200, 40), notifications=True) as pilot:
        screen = await opened(pilot)
        second_window_rates(bundled_copy, 1, "Mostly true")
        await pilot.press("6")
        assert "2/12 rated" in header_text(screen)
        assert "Mostly true" in row_text(screen, 1)
        assert OWN_CHANGED in notices(app)


async def test_a_second_app_on_the_same_reviewer_is_warned(bundled_copy: Path) -> None:
    """The real command in a terminal is the first window; a second opens beside it."""
    markers = default_cache_dir() / MARKERS_FOLDER
    with review_in_terminal(bundled_copy, "--reviewer", REVIEWER) as first:
        first.read_until(b"0/12 rated")
        app = create_app(bundled_copy, REVIEWER)
        async with app.run_test(size=(120, 30), notifications=True) as pilot:
            await opened(pilot)
            warnings = [n for n in notices(app) if "also open in another factcheck" in n]
            assert len(warnings) == 1, notices(app)
            assert f"pid {first.process.pid}" in warnings[0]
        first.press(b"q")
        assert first.wait_for_exit() == 0
    # Each app removes its own marker when it closes; none was written into the corpus.
    assert list(markers.iterdir()) == []
    assert not (bundled_copy / "reviews").exists()

    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await opened(pilot)
        assert not any("also open" in n for n in notices(app))


async def test_a_killed_apps_marker_does_not_warn(bundled_copy: Path) -> None:
    markers = default_cache_dir() / MARKERS_FOLDER
    with review_in_terminal(bundled_copy, "--reviewer", REVIEWER) as first:
        first.read_until(b"0/12 rated")
        first.process.kill()
        first.process.wait(timeout=10)
    assert list(markers.iterdir())  # left behind
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await opened(pilot)
        assert not any("also open" in n for n in notices(app))
    assert list(markers.iterdir()) == []  # the stale one went with this app's own
