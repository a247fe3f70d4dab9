"""Pilot tests: drive the review app as a fact-checker would, assert on screen and on disk."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from factcheck.app import ReviewApp, create_app
from factcheck.app.screens.help import HelpScreen
from factcheck.app.screens.note import NoteEditor
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.screens.source import QUOTE_STYLE, SourceScreen
from factcheck.app.widgets.claim_detail import ClaimDetail, RatingBar
from factcheck.app.widgets.claim_list import ClaimList
from factcheck.app.widgets.evidence_list import EvidenceList
from factcheck.app.widgets.header import ReviewHeader

REVIEWER = "Test Reviewer"


def review_file(root: Path) -> dict:
    path = root / "reviews" / "test-reviewer.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def ratings(root: Path) -> dict[str, str | None]:
    return {r["claim"]: r["verdict"] for r in review_file(root)["reviews"]}


async def opened(pilot: Pilot) -> ReviewScreen:
    """Wait for the corpus to load and the review screen to be up."""
    for _ in range(200):
        if isinstance(pilot.app.screen, ReviewScreen):
            await pilot.pause()
            return pilot.app.screen
        await pilot.pause(0.02)
    raise AssertionError("the review screen never opened")


def detail_text(screen: ReviewScreen) -> str:
    """The claim detail and the rating bar under it, as plain text."""
    return str(screen.query_one(ClaimDetail).render()) + str(screen.query_one(RatingBar).render())


def header_text(screen: ReviewScreen) -> str:
    return str(screen.query_one("#header-progress").render())


async def test_review_loop_rates_notes_undoes_on_disk(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        claims = screen.claim_list
        first = claims.selected
        assert first is not None and first.id == "daesh-defeated"
        assert "Zabihullah Mujahid" in detail_text(screen)
        assert "0/12 rated" in header_text(screen)

        await pilot.press("6")
        assert ratings(bundled_copy) == {"daesh-defeated": "False"}
        assert "1/12 rated" in header_text(screen)
        assert "False" in detail_text(screen)

        await pilot.press("j")
        second = claims.selected
        assert second is not None and second.id != first.id
        await pilot.press("4")
        assert ratings(bundled_copy)[second.id] == "Misleading"

        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        app.screen.query_one(TextArea).insert("Attacks go on.\nSecond line [bold]kept[/].")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        entry = next(r for r in review_file(bundled_copy)["reviews"] if r["claim"] == second.id)
        assert entry["note"] == "Attacks go on.\nSecond line [bold]kept[/]."
        assert entry["fingerprint"].startswith("sha256:")
        assert "[bold]kept[/]" in detail_text(screen)

        await pilot.press("u")  # takes back the note
        entry = next(r for r in review_file(bundled_copy)["reviews"] if r["claim"] == second.id)
        assert entry["note"] == "" and entry["verdict"] == "Misleading"
        await pilot.press("u")  # takes back the rating
        assert second.id not in ratings(bundled_copy)
        await pilot.press("k")
        assert claims.selected is first

        await pilot.press("right_square_bracket")
        assert claims.selected is second  # the first unrated claim after the rated one
        await pilot.press("q")
    assert ratings(bundled_copy) == {"daesh-defeated": "False"}


async def test_source_view_highlights_the_quote_and_escape_returns(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("j", "j")
        position = screen.claim_list.cursor
        await pilot.press("enter")  # into the evidence
        evidence = screen.query_one(EvidenceList)
        assert evidence.has_focus
        item = evidence.selected_item
        assert item is not None
        await pilot.press("down")
        item = evidence.selected_item
        assert item is not None
        await pilot.press("enter")
        source = app.screen
        assert isinstance(source, SourceScreen)
        await pilot.pause()
        target = source._target
        assert target is not None
        from tests.test_app_source_view import styled  # it imports this module

        # Non-empty: an empty string is "in" any quote, and the check passed with no highlight.
        highlighted = "".join(styled(source, QUOTE_STYLE))
        assert highlighted
        assert item.quote.text.strip() in highlighted or highlighted in item.quote.text
        assert target.region.y >= 0  # scrolled into view
        await pilot.press("escape")
        assert app.screen is screen
        assert screen.claim_list.cursor == position
        assert evidence.selected_item == item


async def test_search_and_filters(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("6")
        await pilot.press("slash")
        search = screen.query_one("#search", Input)
        assert search.has_focus
        await pilot.press(*"shia")
        shown = [c.id for c in screen.claim_list.claims]
        assert shown and shown[0] == "protect-shias"
        assert "search:" in header_text(screen)
        await pilot.press("enter")
        assert screen.claim_list.has_focus
        await pilot.press("escape")  # clears the search
        assert len(screen.claim_list.claims) == 12

        from factcheck.reviews.session import Filters

        screen.apply_filters(Filters(unrated=True))
        await pilot.pause()
        assert "daesh-defeated" not in [c.id for c in screen.claim_list.claims]
        assert len(screen.claim_list.claims) == 11
        screen.apply_filters(Filters(verdict="False"))
        await pilot.pause()
        assert [c.id for c in screen.claim_list.claims] == ["daesh-defeated"]
        await pilot.press("escape")
        assert len(screen.claim_list.claims) == 12


async def test_filter_from_the_command_palette(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"tag casualties")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.session.filters.tag == "casualties"
        assert all("casualties" in c.tags for c in screen.claim_list.claims)
        assert "tag=casualties" in header_text(screen)


async def test_help_screen(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_markup_and_escapes_in_the_corpus_show_literally(write_corpus) -> None:
    root = write_corpus(
        {
            "claims/main.yaml": (
                "claims:\n"
                "  - id: defeated\n"
                '    text: "the group [bold]had[/] been \\x1b[31mdefeated"\n'
                "    kind: summary\n"
                '    claimant: "[red]A Spokesman"\n'
                "    source: wire-2021\n"
                "    evidence:\n"
                "      - {ref: toll, stance: contradicts}\n"
            )
        }
    )
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        text = detail_text(screen)
        assert "[bold]had[/]" in text
        assert "␛[31mdefeated" in text
        assert "[red]A Spokesman" in text
        row = screen.claim_list.render_line(0).text
        assert "[bold]had[/]" in row and "\x1b" not in row


async def test_unreadable_review_file_opens_read_only_and_is_kept(bundled_copy: Path) -> None:
    reviews = bundled_copy / "reviews"
    reviews.mkdir()
    broken = "reviewer: Test Reviewer\nreviews: [unclosed\n"
    (reviews / "test-reviewer.yaml").write_text(broken, encoding="utf-8")
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        assert "READ-ONLY" in header_text(screen)
        await pilot.press("1")
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        app.screen.query_one(TextArea).insert("x")
        await pilot.press("ctrl+s")
    assert (reviews / "test-reviewer.yaml").read_text(encoding="utf-8") == broken


async def test_corpus_with_errors_opens_with_the_problems_listed(bundled_copy: Path) -> None:
    claims = bundled_copy / "claims" / "security.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("ref: kunduz-blast", "ref: no-such-quote", 1),
        encoding="utf-8",
    )
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        panel = screen.query_one("#problems")
        assert panel.display
        assert "no-such-quote" in str(panel.render())
        assert len(screen.claim_list.claims) == 12


async def test_not_a_corpus_exits_with_the_problems(tmp_path: Path) -> None:
    app = ReviewApp(tmp_path, REVIEWER)
    async with app.run_test() as pilot:
        await pilot.pause(0.2)
    assert app.return_code == 1
    assert app.return_value  # the problems, for the CLI to print


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_header_reads_at_both_sizes(bundled_copy: Path, size: tuple[int, int]) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=size) as pilot:
        screen = await opened(pilot)
        assert "0/12 rated" in header_text(screen)
        assert screen.query_one(ReviewHeader).region.height == 1
        assert screen.query_one(ClaimList).region.width >= 30
        title = screen.query_one("#header-title").render_line(0).text.rstrip()
        full = "The Taliban and IS-K: claims about security in Afghanistan, 2021-2022"
        # Cut short with an ellipsis at 80 columns, not at a word break that reads as its end.
        assert title == full if size[0] >= 120 else title.endswith("…")


async def test_note_editor_title_ends_in_an_ellipsis_when_cut(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        await opened(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, NoteEditor)
        title = app.screen.query_one("#note-title")
        assert title.region.height == 1
        assert title.render_line(0).text.rstrip().endswith("…")


async def test_letters_typed_fast_after_slash_reach_the_search(bundled_copy: Path) -> None:
    """A typist's '/shia1' arrives in one burst, queued behind the '/' on the claim list."""
    from textual import events

    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        for character in "/shia1":
            app.post_message(events.Key("slash" if character == "/" else character, character))
        await pilot.pause(0.2)
        assert screen.search_box.value == "shia1"
        assert not (bundled_copy / "reviews").exists()  # the '1' searched, it did not rate


async def test_export_writes_the_report(bundled_copy: Path, tmp_path: Path) -> None:
    from factcheck.app.screens.export import ExportDialog

    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("6", "e")
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("down", "tab")  # html, then into the path
        path = app.screen.query_one(Input)
        assert path.value.endswith("factcheck-report.html")
        path.value = str(tmp_path / "out.html")
        await pilot.press("enter")
        assert app.screen is screen
        await app.workers.wait_for_complete()
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "daesh-defeated" in html or "Daesh" in html


async def test_escape_clearing_the_search_keeps_the_claim_found(bundled_copy: Path) -> None:
    """Found a claim, rated it, escape: the full list comes back with that claim still
    selected, not the first claim of the corpus."""
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("slash", *"haqqani", "enter", "6")
        assert screen.selected is not None and screen.selected.id == "taliban-rely-on-haqqani"
        await pilot.press("escape")
        await pilot.pause()
        assert len(screen.claim_list.claims) == 12
        assert screen.selected is not None and screen.selected.id == "taliban-rely-on-haqqani"
        assert "Haqqani" in detail_text(screen)


async def test_problems_panel_is_not_under_the_footer_at_80x24(bundled_copy: Path) -> None:
    from textual.widgets import Footer

    claims = bundled_copy / "claims" / "security.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("ref: kunduz-blast", "ref: no-such-quote", 1),
        encoding="utf-8",
    )
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        panel = screen.query_one("#problems").region
        assert panel.height >= 2
        assert panel.bottom <= screen.query_one(Footer).region.y
        assert panel.y >= screen.query_one("#body").region.bottom


async def test_footer_and_help_show_the_keys_of_the_scale(bundled_copy: Path) -> None:
    """The default scale rates with 1-7: neither the footer nor the help promises 1-9."""
    from textual.widgets._footer import FooterKey

    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        shown = [key.key_display for key in screen.query(FooterKey)]
        assert "1-7" in shown and "1-9" not in shown
        await pilot.press("question_mark")
        help_text = "\n".join(
            static.render_line(y).text
            for static in app.screen.query("Static")
            for y in range(static.size.height)
        )
        assert "1-7" in help_text and "1-9" not in help_text


async def test_footer_shows_the_keys_of_a_custom_scale(write_corpus) -> None:
    from textual.widgets._footer import FooterKey

    root = write_corpus(
        {
            "factcheck.yaml": """
                scale:
                  - {label: "Fine", key: 1, colour: "#228822", meaning: "fine"}
                  - {label: "Wrong", key: 2, colour: "#882222", meaning: "wrong"}
                  - {label: "Unsure", key: 5, colour: "#888888", meaning: "?"}
                """
        }
    )
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        assert "1,2,5" in [key.key_display for key in screen.query(FooterKey)]
        assert "press 1,2,5" in detail_text(screen)
        await pilot.press("5")
        assert review_file(root)["reviews"][0]["verdict"] == "Unsure"


@pytest.mark.parametrize(
    "relative", ["claims/security.yaml", "reviews/test-reviewer.yaml", "factcheck.yaml"]
)
async def test_export_refuses_to_overwrite_a_corpus_file(bundled_copy: Path, relative: str) -> None:
    from factcheck.app.screens.export import ExportDialog

    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened(pilot)
        await pilot.press("6")
        target = bundled_copy / relative
        before = target.read_text(encoding="utf-8")
        await pilot.press("e", "tab")
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        assert isinstance(app.screen, ExportDialog)  # still open, for another path
        await pilot.press("escape")
        assert app.screen is screen
        await app.workers.wait_for_complete()
    assert target.read_text(encoding="utf-8") == before
