"""Pilot tests of the note editor: ctrl+q on a changed note asks, and 'save' saves then quits;
the editor leaves the claim and its evidence in view while one writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual._compositor import LayoutUpdate
from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widgets import TextArea

from factcheck.app import create_app
from factcheck.app.screens.ask import DiscardNote
from factcheck.app.screens.note import NoteEditor
from factcheck.app.widgets.claim_detail import ClaimDetail, RatingBar
from factcheck.app.widgets.claim_list import ClaimList
from factcheck.app.widgets.evidence_list import EvidenceList
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
    """Quitting would take the 'Not saved' notice away with the app, and closing the editor
    the note: it stays open with the text as typed, and saves once the lock is free."""
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
        assert isinstance(app.screen, NoteEditor) and app.screen.text == "Held up"
        assert any(notice.startswith("Not saved") for notice in notices(app)), notices(app)
        assert note_of(bundled_copy, claim.id) is None
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    assert note_of(bundled_copy, claim.id) == "Held up"


async def test_a_note_whose_save_fails_stays_in_the_editor(bundled_copy: Path) -> None:
    """ctrl+s with the review file's lock held: 'Not saved', and the rationale typed is still
    in the editor (it was closed before the write, and the text lost)."""
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await opened(pilot)
        claim = screen.selected
        assert claim is not None
        await pilot.press("n", *"Minutes of writing")
        with lock_held_by_another_process(screen.session.store.lock_path):
            await pilot.press("ctrl+s")
            await pilot.pause(0.1)
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.text == "Minutes of writing"
        assert any(notice.startswith("Not saved") for notice in notices(app)), notices(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    assert note_of(bundled_copy, claim.id) == "Minutes of writing"


Cell = tuple[str, str]


def drawn(app: App[object], region: Region) -> list[list[Cell]]:
    """What the terminal shows in `region`, cell by cell: the character and its style (a
    space's colour left out: it shows nothing), the screens under a modal drawn as a snapshot
    draws them."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    assert isinstance(update, LayoutUpdate)
    rows = [Strip.join(line) for line in update.strips][region.y : region.bottom]
    return [
        [
            (character, str(segment.style if character != " " else segment.style.background_style))
            for segment in row.crop(region.x, region.right)
            if segment.style is not None
            for character in segment.text
        ]
        for row in rows
    ]


@pytest.mark.parametrize("size", [(120, 35), (80, 24), (250, 50)])
async def test_the_note_editor_leaves_the_claim_and_its_evidence_in_view(
    bundled_copy: Path, size: tuple[int, int]
) -> None:
    """While one writes the rationale, the claim, the rating bar and the evidence are drawn
    exactly as before (not covered, not dimmed); the editor takes the claim list's place."""
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=size) as pilot:
        screen = await opened(pilot)
        await pilot.press("6")
        reading = [
            screen.query_one(ClaimDetail).region,
            screen.query_one(RatingBar).region,
            screen.query_one(EvidenceList).region,
        ]
        assert all(region.area for region in reading)
        before = [drawn(app, region) for region in reading]

        await pilot.press("n")
        editor = app.screen
        assert isinstance(editor, NoteEditor)
        await pilot.press(*"Attacks went on")
        await pilot.pause()
        box = editor.query_one("#note-box").region
        for region, rows in zip(reading, before, strict=True):
            assert not box.overlaps(region)
            assert drawn(app, region) == rows
        # It sits where the claim list was, below the header, and is roomy enough to write in.
        assert box.x == 0 and box.y == 1
        assert box.width >= screen.query_one(ClaimList).region.width
        text = editor.query_one(TextArea).region
        assert text.width >= 25 and text.height >= 10, text
        assert "Attacks went on" in editor.query_one(TextArea).text
