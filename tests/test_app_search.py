"""The search box as a fast typist uses it: no keystroke lost or misplaced at any speed, in the
real app in a pseudo-terminal and under Pilot; the search looks in quotes, notes and source
titles and says where it matched; a costly search runs off the UI thread."""

from __future__ import annotations

import codecs
import contextlib
import re
import time
from pathlib import Path

import pytest
import yaml
from rich.cells import get_character_cell_size
from textual import events
from textual.widgets import Static, TextArea

from factcheck.app import create_app
from factcheck.app.screens.note import NoteEditor
from factcheck.reviews import search as search_module
from factcheck.workspace import Workspace
from tests.conftest import Terminal, review_in_terminal
from tests.test_app_review import opened

REVIEWER = "Fast Typist"
BACKSPACE = b"\x7f"
"""What a terminal sends for the backspace key."""

_TOKEN = re.compile(
    rb"\x1b\[(?P<parameters>[0-9;?<>=]*)[ -/]*(?P<final>[@-~])"  # a control sequence
    rb"|\x1b(?:\][^\x07]*\x07|[()][0-9A-B]|[=>78])"  # other escapes: ignored
    rb"|(?P<text>[^\x1b]+)"
)
_UNFINISHED_ESCAPE = re.compile(rb"\x1b[^\x07@-~]*$")


class ScreenGrid:
    """What a terminal shows of the app's output: enough of a terminal for Textual, which
    moves the cursor with CUP and writes each changed line whole. Fed as output arrives."""

    def __init__(self, rows: int, columns: int) -> None:
        self.rows, self.columns = rows, columns
        self.cells = [[" "] * columns for _ in range(rows)]
        self.row = self.column = 0
        self._pending = b""
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def feed(self, output: bytes) -> None:
        data = self._pending + output
        unfinished = _UNFINISHED_ESCAPE.search(data)
        cut = unfinished.start() if unfinished else len(data)
        data, self._pending = data[:cut], data[cut:]
        for token in _TOKEN.finditer(data):
            if token.group("text") is not None:
                for character in self._decoder.decode(token.group("text")):
                    self._put(character)
            elif token.group("final") is not None:
                self._control(token.group("parameters").decode(), token.group("final").decode())

    def text(self) -> str:
        return "\n".join("".join(row) for row in self.cells)

    def line(self, row: int) -> str:
        """Row `row` (1-based, as the terminal counts) as text."""
        return "".join(self.cells[row - 1])

    def _control(self, parameters: str, final: str) -> None:
        if final in "Hf":
            numbers = [int(p) if p.isdigit() else 1 for p in parameters.split(";")] + [1, 1]
            self.row = min(max(numbers[0], 1), self.rows) - 1
            self.column = min(max(numbers[1], 1), self.columns) - 1
        elif final == "J" and parameters == "2":
            self.cells = [[" "] * self.columns for _ in range(self.rows)]

    def _put(self, character: str) -> None:
        if character == "\r":
            self.column = 0
        elif character == "\n":
            self.row = min(self.row + 1, self.rows - 1)
        elif character >= " ":
            width = get_character_cell_size(character)
            if width and self.column < self.columns:
                self.cells[self.row][self.column] = character
                if width == 2 and self.column + 1 < self.columns:
                    self.cells[self.row][self.column + 1] = ""
            self.column += width


class Screen:
    """The app in a pseudo-terminal, and what its screen shows."""

    def __init__(self, terminal: Terminal, rows: int, columns: int) -> None:
        self.terminal = terminal
        self.grid = ScreenGrid(rows, columns)
        self._fed = 0

    def settle(self, quiet: float = 0.6, timeout: float = 20) -> str:
        """Read the app's output until the screen's text has not changed for `quiet` seconds
        (the search box's cursor blinks for ever, but its text stays); that text."""
        deadline = time.monotonic() + timeout
        shown = self._read(quiet)
        while time.monotonic() < deadline:
            again = self._read(quiet)
            if again == shown:
                return shown
            shown = again
        raise AssertionError(f"the app never stopped changing:\n{self.terminal.tail()}")

    def search_box(self) -> str:
        return self.grid.line(2)[:40].strip()

    def _read(self, seconds: float) -> str:
        with contextlib.suppress(AssertionError):  # nothing more drawn for now
            self.terminal.read_until(b"\xff\xfe never drawn", timeout=seconds)
        self.grid.feed(bytes(self.terminal.seen[self._fed :]))
        self._fed = len(self.terminal.seen)
        return self.grid.text()


def type_keys(terminal: Terminal, keys: list[bytes], interval: float) -> None:
    """Type each key `interval` seconds after the last; 0 sends them all in one write."""
    if interval == 0:
        terminal.press(b"".join(keys))
        return
    for key in keys:
        terminal.press(key)
        time.sleep(interval)


TYPO_FIXED = [
    b"/",
    *[bytes([c]) for c in b"haqqani"],
    *[BACKSPACE] * 7,
    *[bytes([c]) for c in b"mujahid"],
]
"""The report's sequence: '/', a word, every letter of it erased, another word."""


def test_no_keystroke_is_lost_typing_fast_in_a_real_terminal(bundled_copy: Path) -> None:
    """The report's sequence at every speed, in one app (an app per speed took a minute of CI):
    all at once, 5, 20 and 50 ms a key."""
    rows, columns = 24, 100
    with review_in_terminal(bundled_copy, "--reviewer", REVIEWER, rows=rows, columns=columns) as t:
        t.read_until(b"rated")
        screen = Screen(t, rows, columns)
        screen.settle()
        for interval in (0, 0.005, 0.02, 0.05):
            type_keys(t, TYPO_FIXED, interval)
            screen.settle()
            shown = screen.search_box()
            assert shown == "mujahid", f"at {interval} s a key the search box shows {shown!r}"
            # Escape leaves the box, a second clears the search; each alone, since an escape
            # followed at once by a key reads as alt+key.
            for _ in range(2):
                t.press(b"\x1b")
                time.sleep(0.3)
            screen.settle()
            assert screen.search_box().startswith("/ search")


def test_enter_then_a_rating_key_typed_at_once_rates_the_claim_found(
    bundled_copy: Path,
) -> None:
    """'/mujahid', enter and 6 in one burst: the 6 rates the first claim found; it is not
    typed into the search box."""
    expected = Workspace.open(bundled_copy).session("someone").search("mujahid")[0]
    expected_id = Workspace.open(bundled_copy).corpus.claims[expected].id  # type: ignore[union-attr]
    rows, columns = 24, 100
    with review_in_terminal(bundled_copy, "--reviewer", REVIEWER, rows=rows, columns=columns) as t:
        t.read_until(b"rated")
        screen = Screen(t, rows, columns)
        screen.settle()
        t.press(b"/mujahid\r6")
        screen.settle()
        assert screen.search_box() == "mujahid"
        t.press(b"q")
        assert t.wait_for_exit() == 0
    saved = yaml.safe_load((bundled_copy / "reviews" / "fast-typist.yaml").read_text())
    assert [(r["claim"], r["verdict"]) for r in saved["reviews"]] == [(expected_id, "False")]


# Under Pilot: the same sequences posted as one burst, the app's own answers checked


def post_keys(app: object, keys: list[str]) -> None:
    """Queue key presses all at once, as a terminal delivers a fast typist's keys: a key name
    of one character types it; others ('backspace', 'left'...) type nothing."""
    named = {"slash": "/", "enter": "\r", "escape": "\x1b"}
    for key in keys:
        character = named.get(key, key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))  # type: ignore[attr-defined]


TYPO_FIXED_KEYS = ["slash", *"haqqani", *["backspace"] * 7, *"mujahid"]


def shown_ids(screen: object) -> list[str]:
    return [claim.id for claim in screen.claim_list.claims]  # type: ignore[attr-defined]


def where_label(screen: object) -> str:
    label = screen.query_one("#search-where", Static)  # type: ignore[attr-defined]
    return str(label.render()) if label.display else ""


async def test_a_burst_with_backspaces_keeps_every_key_in_order(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        post_keys(app, TYPO_FIXED_KEYS)
        await pilot.pause(0.3)
        assert screen.search_box.value == "mujahid"
        assert screen.session.query == "mujahid"
        assert shown_ids(screen)[0] == "daesh-defeated"
        # Left and home are editing keys too: 'x' goes where the cursor was moved.
        post_keys(app, ["left", "left", "x", "home", "y"])
        await pilot.pause(0.3)
        assert screen.search_box.value == "ymujahxid"


async def test_where_the_search_matched_is_shown_under_the_box(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        assert where_label(screen) == ""
        await pilot.press("slash", *"Kunduz")
        assert set(shown_ids(screen)) == {"daesh-defeated", "complete-security"}
        assert where_label(screen) == "found in quote kunduz-blast"
        await pilot.press("enter", "j")
        assert where_label(screen) == "found in quote kunduz-blast"
        await pilot.press("escape")
        await pilot.pause()
        assert where_label(screen) == ""


async def test_a_note_just_written_is_found(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("j", "j", "n")
        noted = screen.selected
        assert isinstance(app.screen, NoteEditor) and noted is not None
        app.screen.query_one(TextArea).insert("Check against the zebra crossing count")
        await pilot.press("ctrl+s")
        await pilot.press("slash", *"zebra crossing")
        assert shown_ids(screen) == [noted.id]
        assert where_label(screen) == "found in your note"


@pytest.fixture
def costly_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every corpus searched as a large one is: in the worker thread, quick answer first."""
    monkeypatch.setattr(search_module, "COSTLY_CHARACTERS", 0)


async def test_a_costly_search_runs_off_the_key_path_and_ends_on_the_last_query(
    bundled_copy: Path, costly_search: None
) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        post_keys(app, TYPO_FIXED_KEYS)
        await pilot.pause(0.2)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.search_box.value == "mujahid"
        assert screen.session.query == "mujahid"
        expected = [screen.session.corpus.claims[i].id for i in screen.session.search("mujahid")]
        assert shown_ids(screen) == expected
        assert "search: " in str(screen.query_one("#header-progress").render())

        # A typo only the thorough search forgives: its answer replaces the quick one.
        await pilot.press("escape", "escape", "slash", *"province of kundus")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert set(shown_ids(screen)) == {"daesh-defeated", "complete-security"}

        # Escape while a search may still run: the search is gone and stays gone.
        post_keys(app, ["slash", *"taliban"])
        await pilot.pause(0.05)
        await pilot.press("escape", "escape")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.search_box.value == ""
        assert screen.session.query == ""
        assert len(shown_ids(screen)) == 12


async def test_slash_in_the_search_box_is_a_character(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("slash", *"is", "slash", "k")
        assert screen.search_box.value == "is/k"
