"""A rating key while another process holds the review file's lock: the app gives the key press
back after the lock's deadline, says why nothing was saved, and saves once the lock is free."""

from __future__ import annotations

import time
from pathlib import Path

from factcheck.app import ReviewApp, create_app
from tests.test_app_review import REVIEWER, header_text, opened, ratings
from tests.test_reviews_store import lock_held_by_another_process


def notices(app: ReviewApp) -> list[str]:
    """The notifications on screen, as plain text (Toast is private: found by type name)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def test_a_rating_key_gives_up_on_a_held_lock_then_saves_once_it_is_free(
    bundled_copy: Path,
) -> None:
    own_file = bundled_copy / "reviews" / "test-reviewer.yaml"
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await opened(pilot)
        assert "0/12 rated" in header_text(screen)
        with lock_held_by_another_process(screen.session.store.lock_path):
            started = time.monotonic()
            await pilot.press("6")
            assert time.monotonic() - started < 10  # the key press came back: the UI is not frozen
            await pilot.pause()
            assert any(
                notice.startswith(
                    "Not saved: another factcheck process is saving to reviews/test-reviewer.yaml"
                )
                and "Try again" in notice
                for notice in notices(app)
            ), notices(app)
            assert "0/12 rated" in header_text(screen)
            assert not own_file.exists()
            await pilot.press("u")  # the rating that was not saved cannot be undone either
            await pilot.pause()
            assert "Nothing to undo." in notices(app)
            assert not own_file.exists()

        await pilot.press("6")
        assert ratings(bundled_copy) == {"daesh-defeated": "False"}
        assert "1/12 rated" in header_text(screen)
