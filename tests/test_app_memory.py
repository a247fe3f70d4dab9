"""Widgets the app removes are let go: Textual keeps a removed widget that watched another
object's reactive until that reactive changes (Textualize/textual#6666), and the app's theme
and the footer's compact never do. Found by the soak (benchmarks/soak_app.py): 450 keys kept
400 footer keys and every note editor's TextArea, +50 MB per 1,000 keys."""

from __future__ import annotations

import gc
from pathlib import Path

from textual.widget import Widget
from textual.widgets import TextArea
from textual.widgets._footer import FooterKey

from factcheck.app import create_app
from factcheck.app.screens.note import NoteEditor
from factcheck.app.screens.review import ReviewScreen
from tests.test_app_review import REVIEWER, opened


def removed(kinds: tuple[type[Widget], ...]) -> list[Widget]:
    """The widgets of those kinds still alive, though no longer in the app."""
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, kinds) and not o.is_attached]


async def test_closed_note_editors_and_rebuilt_footer_keys_are_let_go(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        for round in range(4):
            await pilot.press("n", *"why", "ctrl+s")  # a note editor opened, typed, saved
            assert isinstance(app.screen, ReviewScreen)
            # Into the search box and out: the keys the footer shows change both ways.
            await pilot.press("slash", "x", "escape", "escape", "j")
            await pilot.pause()
            assert removed((NoteEditor, TextArea, FooterKey)) == [], f"round {round}"
        assert any(isinstance(w, FooterKey) and w.is_attached for w in gc.get_objects())
