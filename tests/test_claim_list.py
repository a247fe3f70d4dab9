"""The claim list as a reader uses it on a long corpus: keys that go far, a click on a row, a
rating redrawing its row in place, corpus words shown as written; and the footer of keys, which
is drawn with the first screen and rebuilt only when its keys change."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.pilot import Pilot
from textual.widgets import Footer, Static
from textual.widgets._footer import FooterKey

from factcheck.app import create_app
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.widgets.claim_detail import ClaimDetail
from factcheck.app.widgets.claim_list import ClaimList
from factcheck.app.widgets.keys_footer import KeysFooter

REVIEWER = "List Reader"
CLAIMS = 400
MARKUP_AT = 333
MARKUP_TEXT = "the [bold]army[/] took \\x1b[31mthe pass"


def claims_yaml(count: int) -> str:
    lines = ["claims:"]
    for index in range(count):
        text = MARKUP_TEXT if index == MARKUP_AT else f"claim number {index} about the border"
        lines += [
            f"  - id: c{index:04d}",
            f'    text: "{text}"',
            "    kind: summary",
            f"    claimant: Speaker {index}",
            "    source: wire-2021",
            "    evidence:",
            "      - {ref: toll, stance: contradicts}",
        ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def long_corpus(write_corpus) -> Path:
    return write_corpus({"claims/main.yaml": claims_yaml(CLAIMS)})


async def opened(pilot: Pilot) -> ReviewScreen:
    for _ in range(300):
        if isinstance(pilot.app.screen, ReviewScreen):
            await pilot.pause()
            return pilot.app.screen
        await pilot.pause(0.02)
    raise AssertionError("the review screen never opened")


def row_on_screen(claims: ClaimList, position: int) -> str:
    """The text the list draws for the claim at `position`, which must be in view."""
    top = round(claims.scroll_y)
    assert top <= position < top + claims.size.height, "the row is not in view"
    return claims.render_line(position - top).text


def shown_in_detail(screen: ReviewScreen) -> str:
    shown = screen.query_one(ClaimDetail).shown
    assert shown is not None
    return shown.id


async def test_keys_go_far_and_the_selected_row_stays_in_view(long_corpus: Path) -> None:
    app = create_app(long_corpus, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        claims = screen.claim_list
        assert len(claims.claims) == CLAIMS
        await pilot.press("end")
        assert claims.cursor == CLAIMS - 1
        assert "c0399" in row_on_screen(claims, CLAIMS - 1)
        assert shown_in_detail(screen) == "c0399"
        await pilot.press("pageup")
        page = claims.size.height - 1
        assert claims.cursor == CLAIMS - 1 - page
        assert f"c{CLAIMS - 1 - page:04d}" in row_on_screen(claims, claims.cursor)
        await pilot.press("home", "pagedown", "down", "down")
        assert claims.cursor == page + 2
        assert shown_in_detail(screen) == f"c{page + 2:04d}"
        await pilot.press("up")
        assert claims.cursor == page + 1
        assert f"c{page + 1:04d}" in row_on_screen(claims, page + 1)


async def test_clicking_a_row_selects_its_claim(long_corpus: Path) -> None:
    app = create_app(long_corpus, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        claims = screen.claim_list
        await pilot.press("pagedown", "pagedown")
        top = round(claims.scroll_y)
        assert top > 0
        assert await pilot.click(ClaimList, offset=(10, 4))
        await pilot.pause()
        assert claims.cursor == top + 4
        assert shown_in_detail(screen) == f"c{top + 4:04d}"


async def test_rating_redraws_the_row_and_keeps_the_cursor_and_scroll(long_corpus: Path) -> None:
    app = create_app(long_corpus, REVIEWER)
    # Wide enough for the verdict's full name in the row.
    async with app.run_test(size=(160, 30)) as pilot:
        screen = await opened(pilot)
        claims = screen.claim_list
        await pilot.press("pagedown", "pagedown", "up", "up")
        position, top = claims.cursor, claims.scroll_y
        assert top > 0
        assert "Mostly true" not in row_on_screen(claims, position)
        await pilot.press("2")
        await pilot.pause()
        assert (claims.cursor, claims.scroll_y) == (position, top)
        assert "Mostly true" in row_on_screen(claims, position)
        # The rows around it are untouched.
        assert "Mostly true" not in row_on_screen(claims, position - 1)
        assert "Mostly true" not in row_on_screen(claims, position + 1)


async def test_markup_and_escapes_far_down_the_list_show_as_written(long_corpus: Path) -> None:
    app = create_app(long_corpus, REVIEWER)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await opened(pilot)
        claims = screen.claim_list
        while claims.cursor < MARKUP_AT:
            await pilot.press("pagedown")
        while claims.cursor > MARKUP_AT:
            await pilot.press("up")
        row = row_on_screen(claims, MARKUP_AT)
        assert "the [bold]army[/] took ␛[31m" in row
        assert "\x1b" not in row


async def test_footer_keys_follow_focus(long_corpus: Path) -> None:
    app = create_app(long_corpus, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        footer = screen.query_one(Footer)
        before = [key.key_display for key in footer.query(FooterKey)]
        assert "j/k" in before and "q" in before
        await pilot.press("j", "j")
        assert [key.key_display for key in footer.query(FooterKey)] == before
        # In the search box, letters type: the footer must stop offering them.
        await pilot.press("slash")
        await pilot.pause()
        while_searching = [key.key_display for key in footer.query(FooterKey)]
        assert while_searching != before
        await pilot.press("escape")
        await pilot.pause()
        assert [key.key_display for key in footer.query(FooterKey)] == before


class Box(Static, can_focus=True):
    pass


class BoxWithKey(Box):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+e", "bell", "Extra")]


class KeysApp(App[None]):
    """Two focusable widgets; the second adds a key of its own to the footer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "focus_next", "Next"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rebuilds = 0

    def compose(self) -> ComposeResult:
        yield Box("first", id="first")
        yield BoxWithKey("second", id="second")
        yield CountingFooter()


class CountingFooter(KeysFooter):
    async def recompose(self) -> None:
        assert isinstance(self.app, KeysApp)
        self.app.rebuilds += 1
        await super().recompose()


async def test_keys_footer_has_its_keys_at_once_and_rebuilds_only_when_they_change() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        footer = app.query_one(CountingFooter)
        assert [key.description for key in footer.query(FooterKey)] == ["Next", "Quit", "palette"]
        # Focus went to the first box and the screen came up: the same keys, no rebuild.
        assert app.rebuilds == 0
        app.query_one("#second").focus()
        await pilot.pause()
        await pilot.pause()
        assert [key.description for key in footer.query(FooterKey)] == [
            "Extra",
            "Next",
            "Quit",
            "palette",
        ]
        assert app.rebuilds == 1
        app.query_one("#first").focus()
        await pilot.pause()
        await pilot.pause()
        assert [key.description for key in footer.query(FooterKey)] == ["Next", "Quit", "palette"]
        assert app.rebuilds == 2
