"""Pilot: citing the quotes a verdict rests on, with space on a quote in the evidence; each mark
on disk when its key press is done, shown on the quote and under the verdict with the lint."""

from __future__ import annotations

import io
from pathlib import Path

import yaml
from rich.console import Console
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from factcheck.app import create_app
from factcheck.app.screens.help import HelpScreen
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.widgets.claim_detail import RatingBar
from factcheck.app.widgets.evidence_list import CITED_BADGE, EvidenceList
from tests.conftest import CorpusWriter
from tests.test_app_review import REVIEWER, opened
from tests.test_citation_lint import FILES


def cites_on_disk(root: Path) -> list[str] | None:
    path = root / "reviews" / "test-reviewer.yaml"
    [entry] = yaml.safe_load(path.read_text(encoding="utf-8"))["reviews"]
    return entry.get("cites")


def rating_bar(screen: ReviewScreen) -> str:
    return str(screen.query_one(RatingBar).render())


def cited_on_screen(screen: ReviewScreen) -> list[str]:
    """The ids of the quotes that wear the CITED badge in the evidence list."""
    evidence = screen.query_one(EvidenceList)
    return [
        item.quote.id
        for option_id, item in evidence._items.items()
        if str(evidence.get_option(option_id).prompt).startswith(CITED_BADGE)
    ]


def corpus(write_corpus: CorpusWriter) -> Path:
    return write_corpus({**FILES, "claims/main.yaml": None, "evidence/wire-2021.yaml": None})


async def test_space_cites_and_uncites_the_highlighted_quote_on_disk_at_once(
    write_corpus: CorpusWriter,
) -> None:
    root = corpus(write_corpus)
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await opened(pilot)
        await pilot.press("6")  # False
        assert "cites no evidence" in rating_bar(screen)

        await pilot.press("enter")  # into the evidence: contradicts first
        evidence = screen.query_one(EvidenceList)
        assert evidence.has_focus
        footer = {key.key_display: key.description for key in screen.query(FooterKey)}
        assert footer.get("space") == "Cite"
        assert evidence.selected_item is not None
        assert evidence.selected_item.quote.id == "closed"

        await pilot.press("space")
        assert cites_on_disk(root) == ["closed"]
        assert cited_on_screen(screen) == ["closed"]
        bar = rating_bar(screen)
        assert "Cites 1 quote: closed" in bar and "⚠" not in bar

        await pilot.press("down", "space")  # 'finished' supports the claim
        assert cites_on_disk(root) == ["closed", "finished"]
        assert cited_on_screen(screen) == ["closed", "finished"]

        await pilot.press("up", "space")  # uncite 'closed': False now rests on support only
        assert cites_on_disk(root) == ["finished"]
        assert cited_on_screen(screen) == ["finished"]
        assert "cites only evidence that supports the claim (finished)" in rating_bar(screen)

        await pilot.press("u")
        assert cites_on_disk(root) == ["closed", "finished"]
        assert cited_on_screen(screen) == ["closed", "finished"]
        assert "⚠" not in rating_bar(screen)

        # The cited quotes stay marked when the claim is shown again.
        await pilot.press("shift+tab")
        assert not evidence.has_focus
        await pilot.press("space")  # on the claim list, space cites nothing
        assert cites_on_disk(root) == ["closed", "finished"]


async def test_a_cited_quote_that_does_not_verify_is_warned_about(
    write_corpus: CorpusWriter,
) -> None:
    root = corpus(write_corpus)
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await opened(pilot)
        await pilot.press("3", "enter", "down", "down", "space")  # Half true, on 'cost'
        assert cites_on_disk(root) == ["cost"]
        for _ in range(200):  # the quotes are checked in a worker
            if not screen.checking:
                break
            await pilot.pause(0.02)
        assert "cites quote 'cost', which no longer verifies" in rating_bar(screen)


async def test_help_names_the_cite_key(write_corpus: CorpusWriter) -> None:
    app = create_app(corpus(write_corpus), REVIEWER)
    async with app.run_test(size=(100, 34)) as pilot:
        await opened(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        for static in app.screen.query(Static):
            console.print(static.content)
        shown = " ".join(console.export_text().split())
        assert "space on a quote in the evidence: cite it" in shown


async def test_uncite_on_a_claim_set_aside_keeps_the_set_aside(write_corpus: CorpusWriter) -> None:
    """A claim set aside (no verdict, no note), a quote cited and uncited: the review still
    holds the set-aside. Uncite dropped the whole entry as having 'nothing left to keep', and
    the set-aside and its reason went with it (found by the app soak)."""
    root = corpus(write_corpus)
    path = root / "reviews" / "test-reviewer.yaml"
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(100, 34)) as pilot:
        screen = await opened(pilot)
        await pilot.press("A", *"not checkable", "enter")
        [entry] = yaml.safe_load(path.read_text(encoding="utf-8"))["reviews"]
        assert entry["set_aside"] == "not checkable"

        await pilot.press("tab", "space")  # cite the first quote
        assert cites_on_disk(root) == ["closed"]
        await pilot.press("space")  # and uncite it
        [entry] = yaml.safe_load(path.read_text(encoding="utf-8"))["reviews"]
        assert entry["set_aside"] == "not checkable"
        assert "cites" not in entry
        assert "Set aside by" in rating_bar(screen)

        await pilot.press("u", "u")  # the uncite, then the cite: set aside as before both
        [entry] = yaml.safe_load(path.read_text(encoding="utf-8"))["reviews"]
        assert entry["set_aside"] == "not checkable" and "cites" not in entry
