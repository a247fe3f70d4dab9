"""Pilot tests of the workflow in the app: set aside (A), the next assigned claim (]), the state
filter, and the editor's desk (D): keys pressed, what is shown and what is on disk asserted."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from textual.pilot import Pilot
from textual.widgets import Static

from factcheck.app import create_app
from factcheck.app.screens.desk import DeskScreen
from factcheck.app.screens.reason import ReasonDialog
from factcheck.app.widgets.claim_detail import RatingBar
from factcheck.cli import cli
from factcheck.reviews.session import Filters
from factcheck.reviews.workflow import State
from tests.test_app_core import notices
from tests.test_app_others import write_review
from tests.test_app_review import opened


def reviews_of(root: Path, name: str) -> dict[str, dict]:
    path = root / "reviews" / f"{name}.yaml"
    written = yaml.safe_load(path.read_text(encoding="utf-8"))["reviews"] or []
    return {r["claim"]: r for r in written}


def assign(root: Path, *arguments: str) -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["assign", str(root), *arguments])
    assert result.exit_code == 0, result.stderr


def bar_text(screen: object) -> str:
    return " ".join(str(screen.query_one(RatingBar).render()).split())  # type: ignore[attr-defined]


async def test_a_sets_aside_with_a_reason_on_disk_and_the_filter_finds_it(
    bundled_copy: Path,
) -> None:
    app = create_app(bundled_copy, "Ana")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        claim = screen.selected
        assert claim is not None
        await pilot.press("A")
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("enter")  # no reason: refused, the dialog stays
        assert isinstance(app.screen, ReasonDialog)
        assert not (bundled_copy / "reviews" / "ana.yaml").exists()
        await pilot.press(*"duplicate", "enter")
        assert not isinstance(app.screen, ReasonDialog)
        assert reviews_of(bundled_copy, "ana")[claim.id]["set_aside"] == "duplicate"
        assert "Set aside by Ana: duplicate" in bar_text(screen)
        # In the list too: not left looking like a claim still to do.
        position = screen.claim_list.cursor
        row = screen.claim_list.render_line(position - round(screen.claim_list.scroll_y))
        assert row.text.lstrip().startswith("⊘")  # the list is narrow here: 'set aside' wide
        screen.apply_filters(Filters(state=State.SET_ASIDE))
        await pilot.pause()
        assert [c.id for c in screen.claim_list.claims] == [claim.id]
        await pilot.press("u")  # undone: the review it made is gone from disk
        assert claim.id not in reviews_of(bundled_copy, "ana")


async def test_a_verdict_on_a_claim_set_aside_says_it_is_no_longer_aside(
    bundled_copy: Path,
) -> None:
    """Rating takes a claim out of 'set aside', and its reason goes: said, not silent (the
    soak of the new keys noticed it), and u brings the set-aside back."""
    app = create_app(bundled_copy, "Ana")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await opened(pilot)
        claim = screen.selected
        assert claim is not None
        await pilot.press("A", *"duplicate", "enter", "2")
        assert reviews_of(bundled_copy, "ana")[claim.id].get("set_aside") in (None, "")
        said = f"{claim.id} is no longer set aside (duplicate); u takes the verdict back"
        assert said in notices(app)
        await pilot.press("u")
        assert reviews_of(bundled_copy, "ana")[claim.id]["set_aside"] == "duplicate"


async def test_bracket_goes_to_my_next_assigned_claim(bundled_copy: Path) -> None:
    assign(bundled_copy, "--to", "Ana", "--claim", "isk-cell-destroyed,complete-security")
    app = create_app(bundled_copy, "Ana")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("right_square_bracket")
        assert screen.selected is not None and screen.selected.id == "isk-cell-destroyed"
        assert "assigned: Ana" in bar_text(screen)
        await pilot.press("2")  # rated: on disk before the key press is over
        assert reviews_of(bundled_copy, "ana")["isk-cell-destroyed"]["verdict"] == "Mostly true"
        await pilot.press("right_square_bracket")
        assert screen.selected is not None and screen.selected.id == "complete-security"
        await pilot.press("3", "right_square_bracket")
        assert screen.selected.id == "complete-security"  # nothing else waits: it stays


def write_cited(root: Path, reviewer: str, position: int, verdict: str, note: str) -> None:
    """A review that cites the claim's first quote, as part 4's space key writes it."""
    from factcheck.corpus.loader import load_corpus
    from factcheck.reviews import Review, ReviewStore, fingerprint, now

    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    claim = corpus.claims[position]
    cites = (claim.evidence[0].quote_id,)
    made = Review(claim.id, verdict, note, reviewer, now(), fingerprint(corpus, claim), cites)
    ReviewStore(root, reviewer).put(made)


async def desk_opened(pilot: Pilot) -> DeskScreen:
    for _ in range(200):
        if isinstance(pilot.app.screen, DeskScreen):
            await pilot.pause()
            return pilot.app.screen
        await pilot.pause(0.02)
    raise AssertionError("the desk never opened")


def desk_text(desk: DeskScreen) -> str:
    return " ".join(
        " ".join(str(widget.render()).split()) for widget in desk.query(Static) if widget.display
    )


@pytest.mark.usefixtures("clock")
async def test_the_desk_signs_off_writes_the_rationale_and_sends_back(desk: Path) -> None:
    assign(desk, "--to", "Ana,Bo", "--per-claim", "2", "--count", "3")
    write_review(desk, "Ana", 1, "True", "Ana's note")
    write_review(desk, "Bo", 1, "True", "Bo agrees")
    write_cited(desk, "Ana", 2, "False", "No cell was destroyed")
    write_review(desk, "Bo", 2, "Half true", "One cell, maybe")
    app = create_app(desk, "Ed")
    async with app.run_test(size=(120, 36)) as pilot:
        desk_screen = await desk_opened(pilot)  # an editor with claims to sign off starts here
        screen = desk_screen.review
        ids = [c.id for c in desk_screen.claims]
        disputed, agreed = screen.session.corpus.claims[2].id, screen.session.corpus.claims[1].id
        assert ids == [disputed, agreed]  # the dispute first; claim 0 is not rated by anyone
        shown = desk_text(desk_screen)
        assert "2 awaiting sign-off, 1 in dispute" in shown
        for words in ("Ana", "False", "No cell was destroyed", "Bo", "Half true", "One cell"):
            assert words in shown
        cited = screen.session.corpus.claims[2].evidence[0]
        assert f"Cites: • {cited.quote_id} ({cited.stance})" in shown  # Ana's column
        assert "Cites: nothing" in shown  # Bo's
        await pilot.press("6")  # the final verdict, on disk before the key press is over
        assert reviews_of(desk, "ed")[disputed]["verdict"] == "False"
        await pilot.press("n", *"Two counts differ", "ctrl+s")
        assert reviews_of(desk, "ed")[disputed]["note"] == "Two counts differ"
        assert "Published rationale: Two counts differ" in desk_text(desk_screen)
        await pilot.press("j", "b")
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press(*"Quote the source", "enter")
        assert app.screen is desk_screen
        sent = reviews_of(desk, "ed")[agreed]["sent_back"]
        assert sent["comment"] == "Quote the source"
        await pilot.press("escape")
        assert app.screen is screen
        await pilot.press("D")  # and back: the claims signed off or sent back are gone
        reopened = app.screen
        assert isinstance(reopened, DeskScreen) and reopened.claims == []
        assert "No claim awaits sign-off" in desk_text(reopened)

    # The reviewer sees the comment, and the claim is back in their queue.
    app = create_app(desk, "Ana")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(pilot)
        await pilot.press("right_square_bracket")  # from the first claim, which Ana has not rated
        assert screen.selected is not None and screen.selected.id == agreed
        assert "Sent back by Ed: Quote the source" in bar_text(screen)
        await pilot.press("right_square_bracket")  # the claim signed off waits on nobody
        assert screen.selected.id == "daesh-defeated"


@pytest.mark.usefixtures("clock")
async def test_a_published_verdict_changed_asks_for_a_correction(desk: Path) -> None:
    from click.testing import CliRunner

    write_review(desk, "Ed", 0, "Mostly false", "The first reading")
    result = CliRunner().invoke(cli, ["export", str(desk), "--publish", "Ed", "--no-verify"])
    assert result.exit_code == 0, result.stderr
    before = (desk / "reviews" / "ed.yaml").read_bytes()
    app = create_app(desk, "Ed")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await opened(pilot)
        assert "State published" in bar_text(screen)
        await pilot.press("6")
        dialog = app.screen
        assert isinstance(dialog, ReasonDialog)
        assert "Published as Mostly false; now False" in " ".join(
            str(w.render()) for w in dialog.query(Static)
        )
        assert (desk / "reviews" / "ed.yaml").read_bytes() == before  # nothing yet
        await pilot.press("enter")  # an empty note: refused, the dialog stays open
        assert app.screen is dialog
        await pilot.press(*"A later count", "enter")
        assert app.screen is screen
        [correction] = reviews_of(desk, "ed")[screen.selected.id]["corrections"]
        assert (correction["old"], correction["new"], correction["note"]) == (
            "Mostly false",
            "False",
            "A later count",
        )
        assert "Corrected 1 time since published" in bar_text(screen)


async def test_the_desk_names_its_keys_and_its_help_lists_them_with_the_scale(
    desk: Path,
) -> None:
    """On the desk, ? did nothing, the help had no word of the desk's keys (b, n, and 1-9 as
    the final verdict), the footer said 1-9 for a scale of seven, and at 100 columns the header
    cut the advice to a reviewer who is not an editor (seen in tmux)."""
    from textual.widgets._footer import FooterKey

    from factcheck.app.screens.help import HelpScreen
    from tests.test_app_suggest import help_text

    write_review(desk, "Bo", 1, "True")
    app = create_app(desk, "Ana")
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        await pilot.press("D")
        desk_screen = app.screen
        assert isinstance(desk_screen, DeskScreen)
        footer = {key.key_display: key.description for key in desk_screen.query(FooterKey)}
        assert footer["1-7"] == "Final verdict" and "1-9" not in footer
        assert footer["?"] == "Help"
        header = desk_screen.query_one("#desk-header", Static)
        assert "pass --editor to sign off" in str(header.render())
        assert header.size.height == 2  # wrapped, not cut, at 100 columns
        # Ana's note is hers, not a rationale published with a verdict (the soak saw it so).
        assert "Your note: none yet: n writes it" in desk_text(desk_screen)
        assert "Published rationale" not in desk_text(desk_screen)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = help_text(app.screen)
        assert "On the editor's desk (D)" in shown
        for words in ("send the claim back to its reviewers", "published rationale", "Mostly"):
            assert words in shown
        assert "the final verdict, on that key of the scale" in shown
        flat = " ".join(shown.split())
        # The review screen's keys say what the new steps do too (they did not).
        assert "an editor changing a published verdict is asked for the correction note" in flat
        assert "u does not take a comment back" in flat
        await pilot.press("escape")
        assert app.screen is desk_screen


@pytest.mark.parametrize("size", [(100, 30), (160, 48)])
async def test_every_reviewers_column_on_the_desk_can_be_read(
    desk: Path, size: tuple[int, int]
) -> None:
    """Four reviewers at 100 columns: each column took the whole pane, so the editor saw one
    verdict of four, the rest off to the right with no key to reach them (seen in tmux)."""
    from textual.containers import HorizontalScroll

    for reviewer, verdict in (("Ana", "True"), ("Bo", "False"), ("Cy", "True"), ("Dee", "False")):
        write_review(desk, reviewer, 1, verdict, f"{reviewer}'s note")
    app = create_app(desk, "Ed")
    async with app.run_test(size=size) as pilot:
        desk_screen = await desk_opened(pilot)
        pane = desk_screen.query_one("#desk-reviews", HorizontalScroll)
        columns = list(pane.children)
        assert len(columns) == 4
        assert all(column.size.width >= 24 for column in columns)  # a readable width each

        def seen() -> list[str]:
            shown = (
                pane.scroll_offset.x,
                pane.scroll_offset.x + pane.scrollable_content_region.width,
            )
            return [
                str(column.render()).split()[0]
                for column in columns
                if shown[0] <= column.virtual_region.x and column.virtual_region.right <= shown[1]
            ]

        if size[0] >= 160:
            assert seen() == ["Ana", "Bo", "Cy", "Dee"]  # side by side, all of them
        else:
            assert seen() == ["Ana", "Bo"]
            await pilot.press("right", "right")
            assert "Dee" in seen()
            await pilot.press("left", "left")
            assert seen() == ["Ana", "Bo"]


async def wait_for(pilot: Pilot, seen: object) -> None:
    """Until `seen()` holds: the watcher polls every 0.05 s here, and reads in a thread."""
    for _ in range(150):
        if seen():  # type: ignore[operator]
            return
        await pilot.pause(0.02)
    raise AssertionError("the desk never showed the change on disk")


@pytest.mark.usefixtures("clock")
async def test_the_desk_follows_the_reviewers_files_as_they_change_on_disk(desk: Path) -> None:
    """With the desk open, another reviewer's file changed (a pull): the columns kept the old
    verdict and the header its counts from the opening (seen in the app review)."""
    write_review(desk, "Ana", 1, "True", "Ana's note")
    write_review(desk, "Bo", 1, "True", "Bo agrees")
    write_review(desk, "Ana", 2, "False", "No cell")
    write_review(desk, "Bo", 2, "False", "None at all")
    app = create_app(desk, "Ed", poll_seconds=0.05)
    async with app.run_test(size=(120, 36)) as pilot:
        desk_screen = await desk_opened(pilot)
        claims = desk_screen.review.session.corpus.claims
        first, second, third = claims[1].id, claims[2].id, claims[3].id
        assert [c.id for c in desk_screen.claims] == [first, second]
        assert "2 awaiting sign-off, 0 in dispute" in desk_text(desk_screen)
        await pilot.press("j")
        assert desk_screen.selected is not None and desk_screen.selected.id == second

        write_review(desk, "Bo", 2, "Half true", "Bo changed his mind")
        await wait_for(pilot, lambda: "Bo changed his mind" in desk_text(desk_screen))
        shown = desk_text(desk_screen)
        assert "Half true" in shown and "None at all" not in shown  # the column, redrawn
        assert "2 awaiting sign-off, 1 in dispute" in shown  # recounted
        # The dispute goes first, and the highlight stays on the claim the editor was on.
        assert [c.id for c in desk_screen.claims] == [second, first]
        assert desk_screen.selected is not None and desk_screen.selected.id == second

        write_review(desk, "Cy", 3, "True", "A third claim rated")
        await wait_for(pilot, lambda: third in [c.id for c in desk_screen.claims])
        assert "3 awaiting sign-off, 1 in dispute" in desk_text(desk_screen)
        assert desk_screen.selected.id == second

        # Cy sets the third claim aside after all: it no longer awaits sign-off. It stays on
        # the list, marked with where it stands now, and leaves the counts.
        from dataclasses import replace

        from factcheck.reviews import ReviewStore

        cy = ReviewStore(desk, "Cy")
        cy.put(replace(cy.reviews[third], set_aside="a duplicate of another"))
        await wait_for(pilot, lambda: "2 awaiting sign-off" in desk_text(desk_screen))
        assert third in [c.id for c in desk_screen.claims]
        row = desk_screen.options.get_option(third)
        assert "set-aside" in str(row.prompt)
        assert desk_screen.selected.id == second
        await pilot.press("6")  # the editor signs off the dispute: the counts follow too
        assert reviews_of(desk, "ed")[second]["verdict"] == "False"
        assert "1 awaiting sign-off, 0 in dispute" in desk_text(desk_screen)
        assert str(desk_screen.options.get_option(second).prompt).startswith("✓")


@pytest.mark.usefixtures("clock")
async def test_enter_on_the_desk_shows_the_claim_on_the_claims_screen_and_back(
    desk: Path,
) -> None:
    """Enter on a desk claim did nothing: the editor could not read its evidence in full."""
    from textual.widgets._footer import FooterKey

    from factcheck.app.screens.help import HelpScreen
    from tests.test_app_review import detail_text
    from tests.test_app_suggest import help_text

    write_review(desk, "Ana", 1, "True", "Ana's note")
    write_review(desk, "Bo", 1, "True", "Bo agrees")
    write_review(desk, "Ana", 2, "False", "No cell")
    write_review(desk, "Bo", 2, "False", "None at all")
    app = create_app(desk, "Ed")
    async with app.run_test(size=(120, 36)) as pilot:
        desk_screen = await desk_opened(pilot)
        screen = desk_screen.review
        footer = {key.key_display: key.description for key in desk_screen.query(FooterKey)}
        assert footer.get("enter") == "Read in full"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        desk_keys = help_text(app.screen).split("On the editor's desk (D)")[1]
        assert re.search(r"enter +the claim on the claims screen", desk_keys)
        await pilot.press("escape", "escape")  # the help, then the desk
        assert app.screen is screen
        # The claims screen hides the desk's second claim behind a search.
        claim = screen.session.corpus.claims[2]
        screen.session.set_query("no such words anywhere")
        screen.claim_list.set_claims([], 0)
        await pilot.press("D")
        desk_screen = await desk_opened(pilot)
        await pilot.press("j")
        assert desk_screen.selected is not None and desk_screen.selected.id == claim.id
        await pilot.press("enter")
        assert app.screen is screen
        assert screen.selected is not None and screen.selected.id == claim.id
        assert claim.id in [c.id for c in screen.claim_list.claims]
        assert claim.text.split()[0] in detail_text(screen)
        quote_ids = {item.quote.id for item in screen.evidence._items.values()}
        assert quote_ids == {link.quote_id for link in claim.evidence}
        messages = [n.message for n in app._notifications]
        assert f"Search cleared to show {claim.id}" in messages
        await pilot.press("escape")  # back to the desk, on the same claim
        back = await desk_opened(pilot)
        assert back.selected is not None and back.selected.id == claim.id
        await pilot.press("enter", "D")  # and D does the same
        back = await desk_opened(pilot)
        assert back.selected is not None and back.selected.id == claim.id
