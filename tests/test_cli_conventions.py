"""What people expect of any terminal tool: shell completion, NO_COLOR and --no-color, a light
or dark theme that stays chosen."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.app import create_app
from factcheck.app.screens.review import ReviewScreen
from factcheck.cli import cli
from tests.conftest import review_in_terminal


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
