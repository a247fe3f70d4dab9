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
        assert "claim number 399 about" in row_on_screen(claims, CLAIMS - 1)
        assert shown_in_detail(screen) == "c0399"
        await pilot.press("pageup")
        page = claims.size.height - 1
        assert claims.cursor == CLAIMS - 1 - page
        assert f"claim number {CLAIMS - 1 - page} " in row_on_screen(claims, claims.cursor)
        await pilot.press("home", "pagedown", "down", "down")
        assert claims.cursor == page + 2
        assert shown_in_detail(screen) == f"c{page + 2:04d}"
        await pilot.press("up")
        assert claims.cursor == page + 1
        assert f"claim number {page + 1} " in row_on_screen(claims, page + 1)


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


LONG_ID = "the-taliban-said-the-border-crossings-reopened-in-spring"
SHAPES = {
    "short": "Kabul is calm.",
    LONG_ID: "The border crossings all reopened in the spring of 2022, " * 4,
    "spaced": "Only the start shows" + " " * 3000 + "and these words come after a gap",
    "markup": MARKUP_TEXT,
}
"""Claims by id: a short one, a long one with a long id, one whose words resume after a long
run of spaces (only the start of a long claim is read for its row), and markup."""


def shapes_yaml() -> str:
    lines = ["claims:"]
    for claim_id, text in SHAPES.items():
        lines += [
            f"  - id: {claim_id}",
            f'    text: "{text}"',
            "    kind: summary",
            "    claimant: Speaker",
            "    source: wire-2021",
            "    evidence:",
            "      - {ref: toll, stance: contradicts}",
        ]
    return "\n".join(lines) + "\n"


def shown_words(claim_id: str) -> str:
    """The claim's words as a row shows them: on one line, markup and escapes visible."""
    return " ".join(SHAPES[claim_id].split()).replace("\x1b", "␛")


def check_id_cut(row: str, claim_id: str) -> None:
    """The row shows the whole id, or its start ending in '…', or nothing of it."""
    last = row.split()[-1]
    if last == claim_id:
        return
    if last.endswith("…") and claim_id.startswith(last[:-1]) and len(last) > 1:
        return
    assert claim_id[:8] not in row, f"{claim_id!r} cut without an ellipsis in {row!r}"


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_rows_show_the_words_first_and_every_cut_ends_in_an_ellipsis(
    write_corpus, size: tuple[int, int]
) -> None:
    root = write_corpus({"claims/main.yaml": shapes_yaml()})
    app = create_app(root, REVIEWER)
    async with app.run_test(size=size) as pilot:
        screen = await opened(pilot)
        claims = screen.claim_list
        await pilot.press("2")  # rates the first claim: its badge leads its row
        await pilot.pause()
        rows = {claim.id: row_on_screen(claims, n) for n, claim in enumerate(claims.claims)}
        assert set(rows) == set(SHAPES)
        starts = set()
        for claim_id, row in rows.items():
            assert len(row) == claims.scrollable_content_region.width
            words = shown_words(claim_id)
            start = row.index(words[:12])
            starts.add(start)
            # Before the words only the status marks: no id.
            assert claim_id[:5] not in row[:start]
            check_id_cut(row, claim_id)
        assert len(starts) == 1, "the words start in one column"
        # The rated claim's badge reads at any width; the unrated ones show a dot.
        badge = "Mostly true" if size[0] >= 160 else "MT"
        assert rows["short"].split()[0] == badge.split()[0]
        assert rows["markup"].split()[0] == "·"
        # Long words end in an ellipsis, and so do words whose rest was not read.
        long_row = rows[LONG_ID]
        assert "The border crossings all" in long_row
        assert long_row[start:].split("  ")[0].rstrip().endswith("…")
        assert "Only the start shows…" in rows["spaced"]
        assert "Kabul is calm." in rows["short"]
        assert "the [bold]army[/] took ␛[" in rows["markup"] and "\x1b" not in rows["markup"]
        if size[0] >= 200:
            # Room for an id column: the short id whole, the long one cut with an ellipsis.
            assert rows["short"].split()[-1] == "short"
            assert rows[LONG_ID].split()[-1].endswith("…")
        # Wherever the list has room for it, the id heads the detail pane, whole.
        await pilot.press("down")
        await pilot.pause()
        heading = str(screen.query_one(ClaimDetail).render()).split("\n")[0]
        assert heading == f"{LONG_ID} · summary"
        detail = screen.query_one(ClaimDetail)
        assert detail.region.y < size[1] and detail.region.height > 0
