"""Pilot tests of the note editor: ctrl+q on a changed note asks, and 'save' saves then quits;
the editor leaves the claim and its evidence in view while one writes."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import TextArea

from factcheck.app import create_app
from factcheck.app.screens.ask import DiscardNote
from factcheck.app.screens.note import NoteEditor
from tests.test_app_lock import notices
from tests.test_app_review import REVIEWER, opened
from tests.test_app_safety import note_of, screen_text
from tests.test_reviews_store import lock_held_by_another_process


async def until_closed(pilot: Pilot) -> None:
    """Let the app finish what the last key started; it may be quitting."""
    for _ in range(50):
        if not pilot.app.is_running:
            return
        await pilot.pause(0.02)


async def test_ctrl_q_then_save_saves_the_note_and_quits(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        claim = screen.selected
        assert claim is not None
        await pilot.press("6", "n", *"Half an hour of work", "ctrl+q")
        assert isinstance(app.screen, DiscardNote)
        shown = screen_text(app.screen)
        assert "s save and quit" in shown and "d discard and quit" in shown
        assert "esc/k keep editing" in shown
        box, keys = app.screen.query_one(".ask-box"), app.screen.query_one(".ask-keys")
        assert box.content_region.contains_region(keys.region)  # not cut at 80 columns
        await pilot.press("s")
        await until_closed(pilot)
        assert not app.is_running
    assert app.return_code == 0
    assert note_of(bundled_copy, claim.id) == "Half an hour of work"


async def test_ctrl_q_then_discard_quits_and_leaves_the_file_alone(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        claim = screen.selected
        assert claim is not None
        await pilot.press("6")
        before = (bundled_copy / "reviews" / "test-reviewer.yaml").read_bytes()
        await pilot.press("n", *"Not worth keeping", "ctrl+q", "d")
        await until_closed(pilot)
        assert not app.is_running
    assert (bundled_copy / "reviews" / "test-reviewer.yaml").read_bytes() == before
    assert note_of(bundled_copy, claim.id) == ""


async def test_ctrl_q_then_keep_editing_stays_in_the_editor(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("n", *"Still writing", "ctrl+q", "k")
        await pilot.pause()
        assert app.is_running
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert editor.query_one(TextArea).text == "Still writing"


async def test_ctrl_q_then_save_stays_when_the_note_could_not_be_saved(
    bundled_copy: Path,
) -> None:
    """Quitting would take the 'Not saved' notice away with the app."""
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await opened(pilot)
        claim = screen.selected
        assert claim is not None
        await pilot.press("n", *"Held up", "ctrl+q")
        with lock_held_by_another_process(screen.session.store.lock_path):
            await pilot.press("s")
            await pilot.pause(0.1)
        assert app.is_running
        assert app.screen is screen
        assert any(notice.startswith("Not saved") for notice in notices(app)), notices(app)
    assert note_of(bundled_copy, claim.id) is None
