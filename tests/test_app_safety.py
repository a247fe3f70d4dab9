"""Pilot tests: the app never throws a person's work away without asking (notes, exports)."""

from __future__ import annotations

from pathlib import Path

from textual.screen import Screen
from textual.widgets import Static, TextArea

from factcheck.app import create_app
from factcheck.app.screens.ask import DiscardNote
from factcheck.app.screens.note import NoteEditor
from tests.test_app_review import REVIEWER, opened, review_file


def screen_text(screen: Screen[object]) -> str:
    """Every line the screen's texts show, as plain text."""
    return "\n".join(
        static.render_line(y).text
        for static in screen.query(Static)
        for y in range(static.size.height)
    )


def note_of(root: Path, claim_id: str) -> str | None:
    reviews = root / "reviews" / "test-reviewer.yaml"
    if not reviews.exists():
        return None
    entry = next((r for r in review_file(root)["reviews"] if r["claim"] == claim_id), None)
    return entry["note"] if entry else None


async def test_escape_on_a_changed_note_asks_and_discard_keeps_the_file(
    bundled_copy: Path,
) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("6", "n")
        claim = screen.selected
        assert claim is not None
        before = (bundled_copy / "reviews" / "test-reviewer.yaml").read_bytes()
        assert "escape" in screen_text(app.screen)  # the editor names its keys
        await pilot.press(*"Minutes of writing")
        await pilot.press("escape")
        assert isinstance(app.screen, DiscardNote)
        shown = screen_text(app.screen)
        assert "Discard the changes to this note?" in shown
        assert "s save" in shown and "d discard" in shown and "k keep editing" in shown

        await pilot.press("k")  # keep editing: the text is all there
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        assert editor.query_one(TextArea).text == "Minutes of writing"
        await pilot.press("escape", "q")  # q does not quit from the question
        assert isinstance(app.screen, NoteEditor) and app.is_running

        await pilot.press("escape", "d")
        assert app.screen is screen
        assert (bundled_copy / "reviews" / "test-reviewer.yaml").read_bytes() == before
        assert note_of(bundled_copy, claim.id) == ""


async def test_escape_on_a_changed_note_then_s_saves_it(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("n", *"Attacks went on", "escape")
        assert isinstance(app.screen, DiscardNote)
        await pilot.press("s")
        assert app.screen is screen
        claim = screen.selected
        assert claim is not None
        assert note_of(bundled_copy, claim.id) == "Attacks went on"


async def test_escape_on_an_unchanged_note_closes_at_once(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("n", "escape")
        assert app.screen is screen
        # Typed and taken back is unchanged too.
        await pilot.press("n", "x", "backspace", "escape")
        assert app.screen is screen
    assert not (bundled_copy / "reviews").exists()
