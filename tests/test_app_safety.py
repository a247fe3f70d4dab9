"""Pilot tests: the app never throws a person's work away without asking (notes, exports)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Static, TextArea

from factcheck.app import create_app
from factcheck.app.screens.ask import DiscardNote, Overwrite
from factcheck.app.screens.export import ExportDialog
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


async def test_ctrl_q_in_a_changed_note_asks_instead_of_quitting(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("n", *"Half an hour of work", "ctrl+q")
        assert isinstance(app.screen, DiscardNote)
        await pilot.press("ctrl+q")  # asking already: still asking, still running
        assert isinstance(app.screen, DiscardNote)
        await pilot.press("s")
        assert app.screen is screen
        claim = screen.selected
        assert claim is not None
        assert note_of(bundled_copy, claim.id) == "Half an hour of work"
        await pilot.press("ctrl+q")
    assert app.return_code == 0


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


async def _export_to(pilot: Pilot, typed: str) -> ExportDialog:
    """Open the export dialog, keep Markdown, type `typed` as the path and press enter."""
    await pilot.press("e", "tab")
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    dialog.query_one(Input).value = typed
    await pilot.press("enter")
    return dialog


async def test_export_to_an_existing_file_asks_first(bundled_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_bytes(b"a report someone kept\r\n")
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("6")
        dialog = await _export_to(pilot, str(target))
        assert isinstance(app.screen, Overwrite)
        assert "Overwrite it?" in screen_text(app.screen)
        assert "y overwrite" in screen_text(app.screen)

        await pilot.press("n")  # back in the dialog, for another path
        assert app.screen is dialog and dialog.query_one(Input).has_focus
        await app.workers.wait_for_complete()
        assert target.read_bytes() == b"a report someone kept\r\n"

        await pilot.press("enter")
        assert isinstance(app.screen, Overwrite)
        await pilot.press("escape")
        assert app.screen is dialog
        assert target.read_bytes() == b"a report someone kept\r\n"

        await pilot.press("enter", "y")
        assert app.screen is screen
        await app.workers.wait_for_complete()
    assert "daesh-defeated" in target.read_text(encoding="utf-8")


async def test_export_path_without_a_folder_lands_in_the_corpus_folder(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "started-here"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("e")
        assert "corpus folder" in screen_text(app.screen)  # the dialog says where it goes
        await pilot.press("escape")
        await _export_to(pilot, "mine.md")
        assert app.screen is screen
        await app.workers.wait_for_complete()
    assert (bundled_copy / "mine.md").is_file()
    assert list(elsewhere.iterdir()) == []


async def test_export_into_a_missing_folder_says_so_and_writes_nothing(
    bundled_copy: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-folder"
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        dialog = await _export_to(pilot, str(missing / "report.md"))
        assert app.screen is dialog  # still open
        error = dialog.query_one("#export-error", Static)
        assert error.display and "does not exist" in screen_text(dialog)
        await pilot.press("x")  # editing the path clears the message
        assert not error.display
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert not missing.exists()
