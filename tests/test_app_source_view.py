"""Pilot tests: the source view reads like a pager (q goes back, ? helps), steps through the
quotes of its source with n / p, and shows the article's address as text."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style as RichStyle
from textual.content import Content
from textual.pilot import Pilot
from textual.style import Style
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from factcheck.app import create_app
from factcheck.app.screens.help import HelpScreen
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.screens.source import OTHER_QUOTE_STYLE, QUOTE_STYLE, SourceScreen
from factcheck.app.widgets.evidence_list import EvidenceList
from tests.conftest import CorpusWriter
from tests.test_app_review import REVIEWER, opened

# The quotes are listed out of their order in the text, and one is not in the text at all:
# n / p follow the text, and the one not found comes last.
EVIDENCE_WITH_URL = """\
source:
  id: wire-2021
  outlet: Wire
  title: "A report"
  url: "https://example.org/report?q=[bold]x[/]&s=\\e[31m"
  published: 2021-11
  text: wire-2021.txt
quotes:
  - id: unsafe
    quote: "Residents said they did not feel safe in the city."
  - id: toll
    quote: "Nineteen people were killed in the attack on the hospital."
  - id: spokesman
    quote: "The spokesman said the group had been defeated."
  - id: invented
    quote: "Nothing like this sentence is in the article."
"""

CLAIMS_ON_TOLL = """\
claims:
  - id: defeated
    text: "the group had been defeated"
    kind: summary
    claimant: A Spokesman
    evidence:
      - {ref: toll, stance: contradicts}
"""


def heading(source: SourceScreen) -> str:
    return str(source.query_one("#source-heading", Static).render())


def styled(source: SourceScreen, style: str) -> list[str]:
    """The runs of the source text drawn in `style` (as the screen draws it), in text order."""
    drawn_style = Style.from_rich_style(RichStyle.parse(style))
    runs = []
    for paragraph in source.query(".paragraph").results(Static):
        drawn = paragraph.render()
        assert isinstance(drawn, Content)
        runs += [drawn.plain[s.start : s.end] for s in drawn.spans if s.style == drawn_style]
    return runs


async def open_first_quote(pilot: Pilot) -> SourceScreen:
    await opened(pilot)
    await pilot.press("enter", "enter")  # into the evidence, then open its first quote
    await pilot.pause()
    source = pilot.app.screen
    assert isinstance(source, SourceScreen), source
    return source


async def test_q_goes_back_to_the_claim_instead_of_quitting(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("j", "enter", "down")
        evidence = screen.query_one(EvidenceList)
        item = evidence.selected_item
        await pilot.press("enter")
        assert isinstance(app.screen, SourceScreen)
        await pilot.press("q")
        assert app.is_running
        assert app.screen is screen
        assert evidence.selected_item == item  # back where the reader was
        await pilot.press("q")  # on the review screen q still quits
    assert app.return_code == 0


async def test_question_mark_opens_help_over_the_source_and_escape_returns(
    bundled_copy: Path,
) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        source = await open_first_quote(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is source


async def test_n_and_p_step_through_the_quotes_of_the_source_in_text_order(
    write_corpus: CorpusWriter,
) -> None:
    root = write_corpus(
        {"evidence/wire-2021.yaml": EVIDENCE_WITH_URL, "claims/main.yaml": CLAIMS_ON_TOLL}
    )
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        source = await open_first_quote(pilot)
        toll = "Nineteen people were killed in the attack on the hospital."
        unsafe = "Residents said they did not feel safe in the city."
        spokesman = "The spokesman said the group had been defeated."
        assert "quote 2 of 4" in heading(source) and "toll" in heading(source)
        assert styled(source, QUOTE_STYLE) == [toll]
        assert styled(source, OTHER_QUOTE_STYLE) == [spokesman, unsafe]

        await pilot.press("n")
        assert "quote 3 of 4" in heading(source) and "unsafe" in heading(source)
        assert "✓ exact" in heading(source)
        assert styled(source, QUOTE_STYLE) == [unsafe]
        assert styled(source, OTHER_QUOTE_STYLE) == [spokesman, toll]

        await pilot.press("n")  # the quote the text does not hold: said, nothing highlighted
        assert "quote 4 of 4" in heading(source) and "invented" in heading(source)
        assert "not found" in heading(source)
        assert styled(source, QUOTE_STYLE) == []

        await pilot.press("n")  # round to the first
        assert "quote 1 of 4" in heading(source) and "spokesman" in heading(source)
        assert styled(source, QUOTE_STYLE) == [spokesman]

        await pilot.press("p", "p")
        assert "quote 3 of 4" in heading(source)
        assert styled(source, QUOTE_STYLE) == [unsafe]
        await pilot.press("escape")
        assert isinstance(app.screen, ReviewScreen)


async def test_the_current_quote_is_scrolled_into_view_in_a_long_article(
    bundled_copy: Path,
) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        source = await open_first_quote(pilot)
        text = source.query_one("#source-text")
        seen = set()
        for _ in range(6):
            await pilot.press("n")
            await pilot.pause()
            target = source._target
            assert target is not None
            assert target.has_class("has-quote")
            assert len(source.query(".has-quote")) == 1
            assert text.region.contains_region(target.region.intersection(text.region))
            assert target.region.y >= text.region.y
            assert target.region.y < text.region.bottom
            seen.add(target.region.y + round(text.scroll_y))
        assert len(seen) > 1  # it did move through the article


async def test_the_footer_names_the_quote_keys_and_back(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(80, 24)) as pilot:
        source = await open_first_quote(pilot)
        keys = {
            key.key_display: key.description
            for key in source.query(FooterKey)
            if key.region.right <= 80 and key.region.width
        }
        assert keys.get("n/p") == "Quote"
        assert "Back" in [keys.get("q/esc"), keys.get("q")]
        assert keys.get("?") == "Help"
        assert "Quit" not in keys.values()


async def test_the_source_url_is_shown_as_text_never_as_a_link(write_corpus: CorpusWriter) -> None:
    root = write_corpus(
        {"evidence/wire-2021.yaml": EVIDENCE_WITH_URL, "claims/main.yaml": CLAIMS_ON_TOLL}
    )
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(120, 30)) as pilot:
        source = await open_first_quote(pilot)
        shown = source.query_one("#source-heading", Static).render()
        assert isinstance(shown, Content)
        # The markup shows as typed, the escape character as its picture.
        url = "https://example.org/report?q=[bold]x[/]&s=␛[31m"
        start = shown.plain.index(url)
        end = start + len(url)
        on_url = [str(s.style) for s in shown.spans if s.start < end and s.end > start]
        assert not any("link" in style or "bold" in style for style in on_url), on_url


async def test_a_source_without_url_shows_no_address(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        source = await open_first_quote(pilot)
        assert "http" not in heading(source)
        assert "RFE/RL" in heading(source)


async def test_help_lists_the_keys_of_the_source_view(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first_quote(pilot)
        await pilot.press("question_mark")
        lines = [
            static.render_line(y).text
            for static in app.screen.query(Static)
            for y in range(static.size.height)
        ]
        shown = "\n".join(lines)
        assert "In the source view" in shown
        # The source view's section only: the sections after it name some of the same keys.
        section = lines[lines.index(next(x for x in lines if "In the source view" in x)) :]
        section = section[: next(n for n, x in enumerate(section) if "In the suggested" in x)]
        keys = {line.split("  ")[0].strip(): line for line in section if "  " in line.strip()}
        assert "next / previous quote" in keys["n / p"]
        assert "back" in keys["q / escape"]
        assert "scroll" in keys["j / down, k / up"]
