"""Pilot tests: the app's export writes what the list shows (or all, when asked), and its
dialog does what its hint says: one enter exports, typing never replaces the path unseen."""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from factcheck.app import create_app
from factcheck.app.screens.ask import Overwrite
from factcheck.app.screens.export import ExportDialog
from factcheck.app.screens.review import ReviewScreen
from tests.test_app_others import write_review
from tests.test_app_review import REVIEWER, opened
from tests.test_app_safety import screen_text

ALL_CLAIMS = 12
"""The bundled corpus's claims."""


async def palette(pilot: Pilot, command: str) -> None:
    """Run a command palette entry, as a person types it."""
    await pilot.press("ctrl+p", *command)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def open_dialog(pilot: Pilot) -> ExportDialog:
    await pilot.press("e")
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


async def export_json(pilot: Pilot, target: Path, *keys: str) -> None:
    """Export JSON to `target` through the path field; `keys` are pressed in the dialog first."""
    dialog = await open_dialog(pilot)
    await pilot.press(*keys, "down", "down", "tab")  # JSON, then the path
    path = dialog.query_one(Input)
    assert path.has_focus
    path.value = str(target)
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()


def exported_ids(target: Path) -> list[str]:
    return [claim["id"] for claim in json.loads(target.read_text(encoding="utf-8"))["claims"]]


def shown_ids(screen: ReviewScreen) -> list[str]:
    return [claim.id for claim in screen.claim_list.claims]


def set_up_disputes(root: Path) -> None:
    """Claims 1 and 2 in dispute once the test reviewer rates claims 0 and 1 True."""
    write_review(root, "Bo", 0, "True")
    write_review(root, "Bo", 1, "False")
    write_review(root, "Cy", 2, "True")
    write_review(root, "Dee", 2, "False")


# Item 3: the export follows the list


async def test_export_with_the_dispute_filter_writes_only_the_disputed_claims(
    bundled_copy: Path, tmp_path: Path
) -> None:
    set_up_disputes(bundled_copy)
    target = tmp_path / "disputed.json"
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("1", "j", "1")
        await palette(pilot, "in dispute")
        shown = shown_ids(screen)
        assert len(shown) == 2
        await export_json(pilot, target)
        assert app.screen is screen
    assert exported_ids(target) == shown


async def test_export_after_a_search_or_a_tag_filter_writes_what_the_list_shows(
    bundled_copy: Path, tmp_path: Path
) -> None:
    found, tagged = tmp_path / "found.json", tmp_path / "tagged.json"
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("slash", *"haqqani", "enter")
        searched = shown_ids(screen)
        assert 0 < len(searched) < ALL_CLAIMS
        await export_json(pilot, found)

        await pilot.press("escape")  # the search goes, a tag filter comes
        await palette(pilot, "tag casualties")
        with_tag = shown_ids(screen)
        assert 0 < len(with_tag) < ALL_CLAIMS
        await export_json(pilot, tagged)
    assert exported_ids(found) == searched
    assert exported_ids(tagged) == with_tag


async def test_dialog_says_what_it_exports_and_a_exports_every_claim(
    bundled_copy: Path, tmp_path: Path
) -> None:
    set_up_disputes(bundled_copy)
    target = tmp_path / "all.json"
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        dialog = await open_dialog(pilot)
        said = screen_text(dialog)
        assert f"{ALL_CLAIMS} claims shown of {ALL_CLAIMS}" in said
        assert "export all" not in said  # nothing to choose between
        await pilot.press("escape")

        await pilot.press("1", "j", "1")
        await palette(pilot, "in dispute")
        dialog = await open_dialog(pilot)
        said = screen_text(dialog)
        assert f"2 claims shown of {ALL_CLAIMS} · filter: disputed" in said
        assert "a exports all" in said
        await pilot.press("a")
        assert f"All {ALL_CLAIMS} claims" in screen_text(dialog)
        await pilot.press("a")  # and back
        assert f"2 claims shown of {ALL_CLAIMS}" in screen_text(dialog)
        await pilot.press("escape")

        await export_json(pilot, target, "a")
        assert app.screen is screen
        assert len(shown_ids(screen)) == 2  # the list keeps its filter
    assert len(exported_ids(target)) == ALL_CLAIMS


async def test_nothing_shown_exports_nothing_and_says_how_to_export_all(
    bundled_copy: Path,
) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await palette(pilot, "verdict Mostly true")  # nothing is rated yet
        assert shown_ids(screen) == []
        dialog = await open_dialog(pilot)
        assert "No claim is shown · filter: verdict=Mostly true" in screen_text(dialog)
        await pilot.press("tab", "enter")
        assert app.screen is dialog
        assert "nothing would be exported: a exports all 12" in screen_text(dialog)
        await pilot.press("shift+tab", "a", "tab", "enter")
        assert app.screen is screen
        await app.workers.wait_for_complete()
    assert (bundled_copy / "factcheck-report.md").is_file()


# Item 6: one enter exports; the path is never replaced unseen


async def test_one_enter_exports_to_the_suggested_path(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("6")
        dialog = await open_dialog(pilot)
        hint = screen_text(dialog)
        assert "enter exports" in hint and "tab edits the path" in hint
        await pilot.press("down", "enter")  # HTML, exported at once
        assert app.screen is screen
        await app.workers.wait_for_complete()
    page = (bundled_copy / "factcheck-report.html").read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html")


async def test_enter_on_the_list_asks_before_overwriting_the_suggested_file(
    bundled_copy: Path,
) -> None:
    target = bundled_copy / "factcheck-report.md"
    target.write_text("kept\n", encoding="utf-8")
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        dialog = await open_dialog(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, Overwrite)
        await pilot.press("n")
        assert app.screen is dialog
        await app.workers.wait_for_complete()
        assert target.read_text(encoding="utf-8") == "kept\n"
        await pilot.press("enter", "y")
        assert app.screen is screen
        await app.workers.wait_for_complete()
    assert "daesh-defeated" in target.read_text(encoding="utf-8")


async def test_enter_on_the_list_refuses_a_corpus_file_typed_in_the_path(
    bundled_copy: Path,
) -> None:
    target = bundled_copy / "claims" / "security.yaml"
    before = target.read_bytes()
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        dialog = await open_dialog(pilot)
        await pilot.press("tab")
        dialog.query_one(Input).value = "claims/security.yaml"
        await pilot.press("shift+tab", "enter")
        assert app.screen is dialog
        assert "would overwrite a file of the corpus" in screen_text(dialog)
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert target.read_bytes() == before


async def test_typing_in_the_path_edits_the_suggestion_instead_of_replacing_it(
    bundled_copy: Path,
) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        dialog = await open_dialog(pilot)
        path = dialog.query_one(Input)
        suggested = path.value
        await pilot.press("tab", "e")
        assert path.value == suggested + "e"
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert not (bundled_copy / "e").exists()


async def test_a_bare_name_gets_the_suffix_of_the_format(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        await open_dialog(pilot)
        await pilot.press("down", "tab", "ctrl+u", *"weekly", "enter")  # HTML
        await app.workers.wait_for_complete()
    assert not (bundled_copy / "weekly").exists()
    assert "<html" in (bundled_copy / "weekly.html").read_text(encoding="utf-8").lower()


async def test_a_name_ending_in_another_formats_suffix_is_refused(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        dialog = await open_dialog(pilot)  # Markdown
        await pilot.press("tab", "ctrl+u", *"weekly.html", "enter")
        assert app.screen is dialog
        said = screen_text(dialog)
        assert "weekly.html would hold md, but .html is html" in said
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert not (bundled_copy / "weekly.html").exists()


async def test_another_format_keeps_the_name_typed_and_changes_its_suffix(
    bundled_copy: Path,
) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        dialog = await open_dialog(pilot)
        path = dialog.query_one(Input)
        await pilot.press("tab", "ctrl+u", *"weekly.md", "shift+tab", "down")
        assert path.value == "weekly.html"
        await pilot.press("down", "down")
        assert path.value == "weekly.csv"
        await pilot.press("escape")
