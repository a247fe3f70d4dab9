"""Pilot tests: the suggested evidence for a claim (g), as a fact-checker uses it. The passages
listed best first with source, score and why, the linked ones marked; one shown in its source,
highlighted and selected; one quoted as evidence with c, after which the claim shows it and the
claims file on disk has the link; and u undoes it."""

from __future__ import annotations

import io
from pathlib import Path

import yaml
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import OptionList, Static
from textual.widgets._footer import FooterKey

from factcheck.app import create_app
from factcheck.app.screens.help import HelpScreen
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.screens.source import SELECTION_STYLE, SourceScreen
from factcheck.app.screens.suggestions import SuggestionsScreen
from factcheck.app.widgets.evidence_list import EvidenceList
from tests.test_app_authoring import until, written
from tests.test_app_review import REVIEWER, opened
from tests.test_app_source_view import styled

CLAIM = "bombings-symptoms-of-weakness"
"""The second claim of the bundled corpus (j from the first)."""
BUSTED = (
    "But a string of deadly IS-K attacks in recent weeks, mostly targeting religious minorities, "
    "have busted the Taliban's claim."
)
"""A passage suggested for the claim, quoted (as 'string-busted') for other claims, not it."""


def links_on_disk(root: Path, claim_id: str) -> dict[str, str]:
    data = yaml.safe_load((root / "claims" / "isk-defeated.yaml").read_text(encoding="utf-8"))
    claim = next(c for c in data["claims"] if c["id"] == claim_id)
    return {link["ref"]: link["stance"] for link in claim["evidence"]}


async def suggestions_for_second_claim(pilot: Pilot) -> SuggestionsScreen:
    review = await opened(pilot)
    await pilot.press("j", "g")
    screen = pilot.app.screen
    assert isinstance(screen, SuggestionsScreen) and screen.claim.id == CLAIM
    await until(pilot, lambda: bool(screen.suggestions))
    assert review.suggestion_index is not None  # kept for the next claim
    return screen


def help_text(screen: HelpScreen) -> str:
    """The help's words, as a wide terminal shows them."""
    console = Console(width=200, record=True, file=io.StringIO())
    for shown in screen.query(Static):
        console.print(shown.content)
    return console.export_text()


def rows(screen: SuggestionsScreen) -> list[str]:
    options = screen.query_one("#suggestions", OptionList)
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]


async def test_g_lists_suggestions_with_source_score_why_and_linked_mark(
    bundled_copy: Path,
) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await suggestions_for_second_claim(pilot)
        shown = rows(screen)
        assert len(shown) == 20
        first = shown[0].splitlines()
        # The claim's report and the sentence before it (already linked, as the quote it
        # answers) come first, as one passage of two sentences.
        assert first[0].startswith("✓ linked  1. ")
        assert "rferl-2022-05 [1908:2169] as mujahid-radio-azadi" in first[0]
        assert first[1].startswith('"Without doubt, Daesh has been defeated')
        assert "Mujahid said IS-K's bombings of mosques" in shown[0]
        assert first[-1].startswith("why: names: Mujahid, Zabihullah; words: defeated, symptoms")
        linked = [row for row in shown if row.startswith("✓ linked")]
        assert not any(BUSTED[:40] in row for row in linked)  # not yet evidence of this claim
        note = str(screen.query_one("#suggest-note", Static).render())
        assert note.startswith("20 of 103 passages, best first")
        footer = {key.key_display: key.description for key in screen.query(FooterKey)}
        assert footer["enter"] == "Show in source"  # the list's own enter hid it
        assert footer["c/s/x"] == "Quote it"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown_help = help_text(app.screen)
        assert "In the suggested evidence (g)" in shown_help
        assert "suggest evidence: the passages of the sources" in shown_help
        await pilot.press("escape", "q")
        assert isinstance(app.screen, ReviewScreen)


async def test_enter_shows_the_passage_in_its_source_highlighted_and_selected(
    bundled_copy: Path,
) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await suggestions_for_second_claim(pilot)
        position = next(n for n, s in enumerate(screen.suggestions) if s.text == BUSTED)
        screen.query_one("#suggestions", OptionList).highlighted = position
        await pilot.press("enter")
        source = app.screen
        assert isinstance(source, SourceScreen) and source.source.id == "rferl-2022-05"
        assert source.selection is not None and source.selection.words == BUSTED
        assert styled(source, SELECTION_STYLE) == [BUSTED]
        line = str(source.query_one("#source-selection", Static).render())
        assert line.startswith(f"Quoting for {CLAIM}: 19 words selected")
        await pilot.press("q")
        assert app.screen is screen


async def test_c_quotes_a_suggestion_as_evidence_on_disk_and_u_undoes_it(
    bundled_copy: Path,
) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(110, 36), notifications=True) as pilot:
        screen = await suggestions_for_second_claim(pilot)
        review = screen.opener
        assert "string-busted" not in links_on_disk(bundled_copy, CLAIM)
        position = next(n for n, s in enumerate(screen.suggestions) if s.text == BUSTED)
        screen.query_one("#suggestions", OptionList).highlighted = position
        await pilot.press("c")
        await written(pilot, review)
        await until(pilot, lambda: rows(screen)[position].startswith("✓ linked"))

        # On disk: the passage's quote, which the corpus had, is linked; nothing was copied.
        assert links_on_disk(bundled_copy, CLAIM)["string-busted"] == "contradicts"
        evidence = (bundled_copy / "evidence" / "rferl-2022-05.yaml").read_text(encoding="utf-8")
        assert evidence.count("have busted the Taliban's claim") == 1
        # Here: the row is marked, as what it was quoted as.
        assert rows(screen)[position].startswith("✓ linked")
        assert "as string-busted" in rows(screen)[position]

        # Back on the claim: the new evidence shows under contradicts.
        await pilot.press("q")
        assert app.screen is review
        assert review.selected is not None and review.selected.id == CLAIM
        shown = review.query_one(EvidenceList)
        quotes = [item.quote.id for item in shown._items.values()]
        assert "string-busted" in quotes

        # And u takes it back off the disk.
        await pilot.press("u")
        await written(pilot, review)
        assert "string-busted" not in links_on_disk(bundled_copy, CLAIM)


async def test_the_linked_mark_follows_undo_and_a_quote_made_in_the_source(
    bundled_copy: Path,
) -> None:
    """u in the list took the quote off the disk but left '✓ linked as string-busted' on its
    row; a passage quoted in its source (enter, then c) was not marked on coming back."""
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(110, 36), notifications=True) as pilot:
        screen = await suggestions_for_second_claim(pilot)
        review = screen.opener
        position = next(n for n, s in enumerate(screen.suggestions) if s.text == BUSTED)
        screen.query_one("#suggestions", OptionList).highlighted = position
        before = sum(1 for row in rows(screen) if row.startswith("✓ linked"))
        note = str(screen.query_one("#suggest-note", Static).render())
        assert f"· {before} linked already (✓)" in note
        await pilot.press("c")
        await written(pilot, review)
        await until(pilot, lambda: rows(screen)[position].startswith("✓ linked"))
        note = str(screen.query_one("#suggest-note", Static).render())
        assert f"· {before + 1} linked already (✓)" in note

        await pilot.press("u")
        await written(pilot, review)
        assert "string-busted" not in links_on_disk(bundled_copy, CLAIM)
        assert not rows(screen)[position].startswith("✓ linked")
        assert "as string-busted" not in rows(screen)[position]
        note = str(screen.query_one("#suggest-note", Static).render())
        assert f"· {before} linked already (✓)" in note

        # Shown in its source and quoted there: marked here on coming back.
        await pilot.press("enter")
        assert isinstance(app.screen, SourceScreen)
        await pilot.press("s")
        await written(pilot, review)
        assert links_on_disk(bundled_copy, CLAIM)["string-busted"] == "supports"
        await pilot.press("q")
        assert app.screen is screen
        assert rows(screen)[position].startswith("✓ linked")
        assert "as string-busted" in rows(screen)[position]


async def test_g_without_a_selected_claim_says_what_to_do(write_corpus) -> None:
    root = write_corpus({"claims/main.yaml": "claims: []\n"})
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await opened(pilot)
        await pilot.press("g")
        assert app.screen is screen
        assert any("Select a claim first" in str(n.message) for n in app._notifications)


async def test_the_palette_opens_the_suggestions(bundled_copy: Path) -> None:
    """Every other key of the review screen is in the palette (ctrl+p); g was not."""
    from tests.test_app_export import palette

    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        review = await opened(pilot)
        await palette(pilot, "suggest evidence")
        screen = app.screen
        assert isinstance(screen, SuggestionsScreen)
        assert review.selected is not None and screen.claim.id == review.selected.id
        await until(pilot, lambda: bool(screen.suggestions))
