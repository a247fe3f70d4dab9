"""What people expect of any terminal tool: shell completion, NO_COLOR and --no-color, a light
or dark theme that stays chosen."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from factcheck.app import create_app
from factcheck.app.screens.ask import DiscardNote
from factcheck.app.screens.export import ExportDialog
from factcheck.app.screens.help import HelpScreen
from factcheck.app.screens.note import NoteEditor
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.screens.source import SourceScreen
from factcheck.app.widgets.claim_list import ClaimList
from factcheck.app.widgets.evidence_list import EvidenceList
from factcheck.cli import cli
from tests.conftest import review_in_terminal
from tests.test_app_review import opened


def _complete(shell: str, words: str, *, env: dict[str, str] | None = None) -> str:
    """What `factcheck`'s completion answers the shell for the command line `words`."""
    environment = {**os.environ, "_FACTCHECK_COMPLETE": f"{shell}_complete", **(env or {})}
    environment |= {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    done = subprocess.run(
        [sys.executable, "-c", "from factcheck.cli import main; main()"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_completion_script(shell: str) -> None:
    # What the README tells people to put in their shell's start-up file.
    done = subprocess.run(
        [sys.executable, "-c", "from factcheck.cli import main; main()"],
        env={**os.environ, "_FACTCHECK_COMPLETE": f"{shell}_source"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "_FACTCHECK_COMPLETE" in done.stdout
    assert f"{shell}_complete" in done.stdout


def test_completion_names_commands_options_and_themes() -> None:
    assert _complete("bash", "factcheck se").split() == ["plain,serve"]
    assert "plain,--no-color" in _complete("bash", "factcheck review --no").split()
    themes = _complete("bash", "factcheck review --theme textual-").split()
    assert themes == ["plain,textual-dark", "plain,textual-light"]


_TRUECOLOR = re.compile(rb"\x1b\[[0-9;]*?[34]8;2;(\d+);(\d+);(\d+)")


def _colours_drawn(screen: bytes) -> set[tuple[int, int, int]]:
    return {tuple(map(int, found)) for found in _TRUECOLOR.findall(screen)}  # type: ignore[misc]


@pytest.mark.parametrize(
    ("arguments", "env"),
    [((), {"NO_COLOR": "1"}), (("--no-color",), {})],
    ids=["NO_COLOR", "--no-color"],
)
def test_no_color_draws_the_app_in_greys_only(
    bundled_copy: Path, arguments: tuple[str, ...], env: dict[str, str]
) -> None:
    truecolor = {"COLORTERM": "truecolor", **env}  # colours as r;g;b, to tell greys apart
    with review_in_terminal(
        bundled_copy, "--reviewer", "grey", *arguments, env=truecolor
    ) as terminal:
        terminal.read_until(b"Rate")
        terminal.read_until(b"Quit")
        colours = _colours_drawn(bytes(terminal.seen))
        terminal.press(b"q")
        assert terminal.wait_for_exit() == 0
    assert colours, "nothing was drawn in truecolor to check"
    assert all(red == green == blue for red, green, blue in colours), colours


def test_without_no_color_the_app_has_colour(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above can fail: the same screen in colour has non-grey colours."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    truecolor = {"COLORTERM": "truecolor"}
    with review_in_terminal(bundled_copy, "--reviewer", "colour", env=truecolor) as terminal:
        terminal.read_until(b"Rate")
        terminal.read_until(b"Quit")
        colours = _colours_drawn(bytes(terminal.seen))
        terminal.press(b"q")
        terminal.wait_for_exit()
    assert any(not red == green == blue for red, green, blue in colours)


async def test_a_theme_chosen_is_used_and_kept_for_the_next_review(bundled_copy: Path) -> None:
    chosen = create_app(bundled_copy, "Theme Tester", theme="textual-light")
    async with chosen.run_test() as pilot:
        await pilot.pause()
        assert chosen.theme == "textual-light"
        assert not chosen.current_theme.dark
    later = create_app(bundled_copy, "Theme Tester")
    async with later.run_test() as pilot:
        await pilot.pause()
        assert later.theme == "textual-light"
        # Changed again (as the command palette's "theme" does): that one is kept instead.
        later.theme = "textual-dark"
        await pilot.pause()
    again = create_app(bundled_copy, "Theme Tester")
    async with again.run_test() as pilot:
        await pilot.pause()
        assert again.theme == "textual-dark"
        for _ in range(200):
            if isinstance(again.screen, ReviewScreen):
                break
            await pilot.pause(0.02)
        assert isinstance(again.screen, ReviewScreen)


def test_an_unknown_theme_is_refused_with_a_guess(bundled_copy: Path) -> None:
    result = CliRunner().invoke(cli, ["review", str(bundled_copy), "--theme", "textual-lite"])
    assert result.exit_code == 2
    assert "no theme 'textual-lite' (did you mean 'textual-light'?)" in result.output


# --- The mouse throughout ----------------------------------------------------------------------


async def _click_text(pilot: Pilot, widget: Widget, text: str) -> None:
    """A click on the first character of `text` where `widget` draws it."""
    for y in range(widget.region.height):
        plain = "".join(segment.text for segment in widget.render_line(y))
        if text in plain:
            assert await pilot.click(widget, offset=(plain.index(text), y))
            await pilot.pause()
            return
    raise AssertionError(f"{text!r} is not drawn")


def _footer_key(screen: Screen[object], key: str) -> Widget:
    return next(k for k in screen.query(FooterKey) if k.key == key)


async def test_the_mouse_picks_claims_rates_opens_quotes_and_help(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, "Mouse User")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await opened(pilot)
        claims = screen.query_one(ClaimList)
        assert await pilot.click(ClaimList, offset=(20, 3))
        await pilot.pause()
        assert claims.cursor == 3
        assert screen.selected is not None and screen.selected is claims.selected
        chosen = screen.selected.id

        await pilot.click(_footer_key(screen, "1"))  # the footer's "1-7 Rate"
        await pilot.pause(0.2)
        review = yaml.safe_load((bundled_copy / "reviews" / "mouse-user.yaml").read_text())
        assert [r["claim"] for r in review["reviews"] if r["verdict"]] == [chosen]

        await pilot.click(_footer_key(screen, "question_mark"))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.click(offset=(0, 0))  # outside the help box
        await pilot.pause()
        assert app.screen is screen
        await pilot.click(_footer_key(screen, "question_mark"))
        await pilot.pause()
        help_screen = app.screen
        last_line = help_screen.query(Static).last()
        last_line.scroll_visible(animate=False)
        await pilot.pause()
        await _click_text(pilot, last_line, "here")
        assert app.screen is screen

        evidence = screen.query_one(EvidenceList)
        assert await pilot.click(EvidenceList, offset=(10, 1))
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        await pilot.click(_footer_key(app.screen, "escape"))
        await pilot.pause()
        assert app.screen is screen
        assert evidence.is_mounted


async def test_dialog_answers_are_links_a_click_answers(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, "Mouse User")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.click(_footer_key(screen, "n"))
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"not to keep")
        await pilot.click(_footer_key(app.screen, "escape"))
        await pilot.pause()
        assert isinstance(app.screen, DiscardNote)
        await _click_text(pilot, app.screen.query_one(".ask-keys", Static), "d discard")
        assert app.screen is screen
        assert not (bundled_copy / "reviews" / "mouse-user.yaml").exists()

        await pilot.click(_footer_key(screen, "e"))
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        await _click_text(pilot, app.screen.query_one("#export-keys", Static), "escape cancels")
        assert app.screen is screen
