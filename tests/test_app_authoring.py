"""Pilot tests: bringing material in from the app as a fact-checker would. A claim added in a
form checked as one types, a passage of a source selected by keys and by mouse and added as
evidence, a link's stance changed and removed, and every change undone with u; the YAML on disk
compared with golden files that keep the hand-written comments and order."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import yaml
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static, TextArea
from textual.widgets._footer import FooterKey

from factcheck.app import ReviewApp, create_app
from factcheck.app.screens.claim_form import ClaimForm
from factcheck.app.screens.link_note import LinkNote
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.screens.source import CURSOR_STYLE, SELECTION_STYLE, SourceScreen
from factcheck.app.screens.source_picker import SourcePicker
from factcheck.app.widgets.corpus_author import CorpusAuthor
from factcheck.app.widgets.evidence_list import EvidenceList
from factcheck.app.widgets.source_paragraph import SourceParagraph
from factcheck.corpus.loader import load_corpus
from factcheck.corpus.problems import Severity
from tests.test_app_review import REVIEWER, opened
from tests.test_app_source_view import styled

DATA = Path(__file__).parent / "data"
CLAIMS = "claims/drought.yaml"
EVIDENCE = "evidence/courier-2023-06.yaml"
SOURCE_ID = "courier-2023-06"


def hand_written(root: Path) -> Path:
    """The writer's hand-written corpus: comments, mixed quoting, flow and block links."""
    (root / "claims").mkdir(parents=True)
    (root / "evidence").mkdir()
    shutil.copy(DATA / "writer" / "claims.yaml", root / CLAIMS)
    shutil.copy(DATA / "writer" / "evidence.yaml", root / EVIDENCE)
    shutil.copy(DATA / "writer" / "courier.txt", root / "evidence" / f"{SOURCE_ID}.txt")
    return root


def claims_on_disk(root: Path) -> dict[str, dict]:
    data = yaml.safe_load((root / CLAIMS).read_text(encoding="utf-8"))
    return {claim["id"]: claim for claim in data["claims"]}


def links_on_disk(root: Path, claim_id: str) -> dict[str, str]:
    return {link["ref"]: link["stance"] for link in claims_on_disk(root)[claim_id]["evidence"]}


def ratings(root: Path) -> dict[str, str]:
    path = root / "reviews" / "test-reviewer.yaml"
    reviews = yaml.safe_load(path.read_text(encoding="utf-8")).get("reviews") or []
    return {review["claim"]: review["verdict"] for review in reviews}


def errors_of(root: Path) -> list[str]:
    loaded = load_corpus(root, cache_dir=None)
    return [str(p) for p in loaded.problems if p.severity is Severity.ERROR]


def notices(app: ReviewApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


async def until(pilot: Pilot, condition: Callable[[], bool], seconds: float = 10) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            await pilot.pause()
            return
        await pilot.pause(0.02)
    raise AssertionError("it never happened")


async def written(pilot: Pilot, screen: ReviewScreen) -> None:
    """Wait for the change being written (in a worker) and the corpus reloaded after it."""
    author = screen.query_one(CorpusAuthor)
    await until(pilot, lambda: not author.busy)


async def type_into(pilot: Pilot, form: ClaimForm, field: str, text: str) -> None:
    form.query_one(f"#field-{field}").focus()
    await pilot.press(*text)


def problem_under(form: ClaimForm, field: str) -> str:
    shown = form.query_one(f"#problem-{field}", Static)
    return str(shown.render()) if shown.display else ""


async def add_claim(pilot: Pilot, screen: ReviewScreen, text: str) -> ClaimForm:
    """Open the form with `a` and fill it in as one would, kind quote, from the keyboard."""
    await pilot.press("a")
    form = pilot.app.screen
    assert isinstance(form, ClaimForm)
    assert form.query_one("#field-text", TextArea).has_focus  # the words first
    await pilot.press(*text)
    await pilot.press("tab", "enter", "down", "enter")  # kind: quote
    assert form.query_one("#field-kind", Select).value == "quote"
    await pilot.press("tab", *"The minister", "tab", "tab", *"2023-06-12")
    await pilot.press("tab", *"briefing", "tab", *"courier", "right", "tab", *"drought, water")
    return form


def drag_over(source: SourceScreen, words: str) -> tuple[SourceParagraph, tuple[int, int]]:
    """Where `words` start in the source view: their paragraph and (column, line) in it."""
    text = source.text
    assert text is not None
    start = text.index(words)
    paragraph = next(p for p in source._paragraphs if p.start <= start < p.end)
    line, column = paragraph.line_and_column(start)
    return paragraph, (column, line)


async def test_add_a_claim_quote_from_a_source_by_keys_and_mouse_restance_undo_golden(
    tmp_path: Path,
) -> None:
    """The whole of issue 12's app work, one fact-checker's session: the files on disk end as
    the golden files say, every hand-written comment, quote style and order kept."""
    root = hand_written(tmp_path / "corpus")
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        screen = await opened(pilot)

        # A claim, typed into the form; a claim of kind quote is checked against its source.
        form = await add_claim(pilot, screen, "would face water restrictions this summer")
        assert form.query_one("#field-id", Input).value == "would-face-water-restrictions"
        await pilot.press("ctrl+s")
        await written(pilot, screen)
        assert app.screen is screen
        assert screen.selected is not None and screen.selected.id == "would-face-water-restrictions"
        assert claims_on_disk(root)["would-face-water-restrictions"]["kind"] == "quote"

        # A source to quote from: the claim's own source comes first in the list.
        await pilot.press("S")
        picker = app.screen
        assert isinstance(picker, SourcePicker)
        await pilot.press("enter")
        source = app.screen
        assert isinstance(source, SourceScreen) and source.source.id == SOURCE_ID
        assert "Quoting for would-face-water-restrictions: v or a mouse drag" in str(
            source.query_one("#source-selection", Static).render()
        )

        # By keys: to the last quote of the text, v, then ) to the end of its sentence.
        await pilot.press("p", "v", "right_parenthesis")
        wells = (
            "irrigation quotas had already been cut by a third, and that several wells had run "
            "dry in May."
        )
        assert source.selection is not None and source.selection.words == wells
        assert styled(source, SELECTION_STYLE) == [wells]
        assert styled(source, CURSOR_STYLE) == ["May."]  # the end the keys move
        await pilot.press("c")
        await written(pilot, screen)
        assert links_on_disk(root, "would-face-water-restrictions") == {
            "irrigation-quotas-already-cut": "contradicts"
        }
        assert source.selection is None and source.quote_id == "irrigation-quotas-already-cut"

        # By mouse: a drag from inside the first word to the comma after the last; whole words,
        # the comma left out. The passage is a quote already: it is linked, not copied.
        paragraph, start = drag_over(source, "“We have")
        _, end = drag_over(source, "Verhoeven, a hydrologist")
        end = (end[0] + len("Verhoeven,"), end[1])
        await pilot.mouse_down(paragraph, offset=(start[0] + 2, start[1]))
        await pilot.hover(paragraph, offset=end)
        await pilot.mouse_up(paragraph, offset=end)
        assert source.selection is not None
        assert source.selection.words == (
            "“We have never seen the eastern basin this low in June,” said Tomas Verhoeven"
        )
        await pilot.press("S")  # supports, with a note
        assert isinstance(app.screen, LinkNote)
        await pilot.press(*"The basin is low.", "enter")
        await written(pilot, screen)
        assert links_on_disk(root, "would-face-water-restrictions") == {
            "irrigation-quotas-already-cut": "contradicts",
            "hydrologist": "supports",
        }
        assert "has this passage already, as quote 'hydrologist'" in notices(app)[-1]

        # Back in the evidence list: the stance changed, then undone.
        await pilot.press("q")
        assert app.screen is screen
        evidence = screen.query_one(EvidenceList)
        await pilot.press("tab", "down")
        assert evidence.selected_item is not None
        assert evidence.selected_item.quote.id == "hydrologist"
        await pilot.press("x")
        await written(pilot, screen)
        assert links_on_disk(root, "would-face-water-restrictions")["hydrologist"] == "context"
        assert evidence.selected_item.quote.id == "hydrologist"  # still on the same quote
        await pilot.press("u")
        await written(pilot, screen)
        assert links_on_disk(root, "would-face-water-restrictions")["hydrologist"] == "supports"
        assert "Undone:" in notices(app)[-1]

    assert (root / CLAIMS).read_text() == (DATA / "authoring" / "claims.golden.yaml").read_text()
    assert (root / EVIDENCE).read_text() == (
        DATA / "authoring" / "evidence.golden.yaml"
    ).read_text()
    assert errors_of(root) == []


async def test_the_form_shows_what_is_wrong_under_the_field_as_one_types(tmp_path: Path) -> None:
    root = hand_written(tmp_path / "corpus")
    before = (root / CLAIMS).read_bytes()
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await opened(pilot)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ClaimForm)
        assert problem_under(form, "date") == ""  # nothing said before one types
        await type_into(pilot, form, "date", "2023-13")
        assert problem_under(form, "date") == "'2023-13' is not a date: month 13 does not exist"
        await pilot.press("backspace", "backspace", "0", "6")
        assert problem_under(form, "date") == ""
        await type_into(pilot, form, "source", "courier-2023")
        assert problem_under(form, "source") == (
            "no source has the id 'courier-2023' (did you mean 'courier-2023-06'?)"
        )
        await pilot.press(*"-06")
        assert problem_under(form, "source") == (
            "The Valley Courier · Ministry's drought figures do not add up"
        )
        await type_into(pilot, form, "id", "no-restrictions")
        assert problem_under(form, "id") == "'no-restrictions' is the id of another claim already"

        # Saving says what is missing, at the first field that needs it; nothing is written.
        await pilot.press("ctrl+s")
        assert app.screen is form
        assert problem_under(form, "text") == "required"
        assert problem_under(form, "claimant") == "required"
        assert form.query_one("#field-text", TextArea).has_focus
        assert "Not saved: claim: required" in str(form.query_one("#claim-form-status").render())

        # Escape on a changed form asks first; 'd' discards.
        await pilot.press("escape")
        assert app.screen is not form
        await pilot.press("d")
        assert app.screen is screen
    assert (root / CLAIMS).read_bytes() == before


async def test_fields_typed_fast_with_tabs_between_land_each_in_its_own_field(
    tmp_path: Path,
) -> None:
    """A typist's 'Taliban official', tab, tab, '2021-11' arrive in one burst: each field gets
    its own words (seen in tmux: all of them landed in the claimant)."""
    root = hand_written(tmp_path / "corpus")
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(100, 32)) as pilot:
        await opened(pilot)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ClaimForm)
        form.query_one("#field-claimant").focus()
        await pilot.pause()
        burst = [*"Taliban official", "tab", "tab", *"2021-11", "tab", *"briefing"]
        for key in burst:
            character = key if len(key) == 1 else None
            app.post_message(events.Key("space" if key == " " else key, character))
        await pilot.pause(0.3)
        typed = form.typed
        assert (typed["claimant"], typed["role"], typed["date"], typed["venue"]) == (
            "Taliban official",
            "",
            "2021-11",
            "briefing",
        )


async def test_a_quote_claim_not_in_its_source_is_refused_with_the_writers_reasons(
    tmp_path: Path,
) -> None:
    """Checked at once against the source: the form stays open with why, nothing written;
    put right, it is saved."""
    root = hand_written(tmp_path / "corpus")
    before = (root / CLAIMS).read_bytes()
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        screen = await opened(pilot)
        form = await add_claim(pilot, screen, "No farm will ever face restrictions")
        await pilot.press("ctrl+s")
        await written(pilot, screen)
        assert app.screen is form
        status = str(form.query_one("#claim-form-status").render())
        assert "would bring errors" in status
        assert "claim 'farm-will-ever-face'" in status and "not" in status
        assert (root / CLAIMS).read_bytes() == before

        form.query_one("#field-text", TextArea).focus()
        await pilot.press("f7", *"no farm in the province would face water restrictions")
        await pilot.press("ctrl+s")
        await written(pilot, screen)
        assert app.screen is screen
        assert "farm-province-would-face" in claims_on_disk(root)  # the id follows the words
        assert errors_of(root) == []
        assert screen.selected is not None and screen.selected.id == "farm-province-would-face"

        await pilot.press("u")  # the claim added goes again; the list keeps a claim selected
        await written(pilot, screen)
        assert (root / CLAIMS).read_bytes() == before
        assert screen.selected is not None and screen.selected.id in claims_on_disk(root)


async def test_e_edits_the_selected_claim_in_place(tmp_path: Path) -> None:
    root = hand_written(tmp_path / "corpus")
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await opened(pilot)
        assert screen.selected is not None and screen.selected.id == "reservoirs-recovered"
        await pilot.press("E")
        form = app.screen
        assert isinstance(form, ClaimForm)
        assert form.query_one("#field-claimant", Input).value == "Agriculture ministry"
        assert form.query_one("#field-id", Input).disabled  # reviews name the claim by it
        await type_into(pilot, form, "venue", "a press conference")
        await pilot.press("ctrl+s")
        await written(pilot, screen)
        assert app.screen is screen
        assert "a press conference" in str(screen.query_one("#detail").render())
        await pilot.press("u")
        await written(pilot, screen)
    # The comment after the claimant stays; the venue came and went.
    assert (root / CLAIMS).read_text() == (DATA / "writer" / "claims.yaml").read_text()


async def test_a_link_removed_and_a_rating_are_undone_newest_first(tmp_path: Path) -> None:
    root = hand_written(tmp_path / "corpus")
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        screen = await opened(pilot)
        await pilot.press("tab")  # into the evidence: its first quote
        evidence = screen.query_one(EvidenceList)
        assert evidence.selected_item is not None
        assert evidence.selected_item.quote.id == "bulletin-41"
        await pilot.press("d")
        await written(pilot, screen)
        assert "bulletin-41" not in links_on_disk(root, "reservoirs-recovered")
        await pilot.press("6")  # rated after the link went
        assert ratings(root) == {"reservoirs-recovered": "False"}

        await pilot.press("u")  # the rating first
        assert not ratings(root)
        assert "bulletin-41" not in links_on_disk(root, "reservoirs-recovered")
        await pilot.press("u")  # then the link
        await written(pilot, screen)
        assert links_on_disk(root, "reservoirs-recovered")["bulletin-41"] == "contradicts"
        await pilot.press("u")
        assert "Nothing to undo." in notices(app)
    assert (root / CLAIMS).read_text() == (DATA / "writer" / "claims.yaml").read_text()


async def test_an_undo_of_a_change_edited_since_on_disk_is_refused_and_dropped(
    tmp_path: Path,
) -> None:
    root = hand_written(tmp_path / "corpus")
    app = create_app(root, REVIEWER, poll_seconds=3600)  # no poll: the undo finds the edit
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        screen = await opened(pilot)
        await pilot.press("tab", "x")  # bulletin-41 becomes context
        await written(pilot, screen)
        edited = (root / CLAIMS).read_text().replace("# Keep one claim", "# Keep a claim")
        (root / CLAIMS).write_text(edited)
        await pilot.press("u")
        await written(pilot, screen)
        assert "changed since" in notices(app)[-1]
        assert "off the undo list" in notices(app)[-1]
        assert (root / CLAIMS).read_text() == edited  # never overwritten
        assert not screen.session.can_undo


async def test_keys_move_the_selection_by_words_sentences_lines_and_paragraphs(
    tmp_path: Path,
) -> None:
    root = hand_written(tmp_path / "corpus")
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(60, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press("S", "enter")
        source = app.screen
        assert isinstance(source, SourceScreen)
        await pilot.press("w")  # not in the visual mode: no selection to move
        assert source.selection is None
        await pilot.press("v")  # at the top of the view: the headline's first word
        assert source.selection is not None and source.selection.words == "Ministry's"
        await pilot.press("w", "w")
        assert source.selection.words == "Ministry's drought figures"
        await pilot.press("b")
        assert source.selection.words == "Ministry's drought"
        await pilot.press("right_parenthesis")  # a headline ends its paragraph: a sentence
        assert source.selection.words == "Ministry's drought figures do not add up"
        # A line down, at the same column: the next paragraph's first line, as wrapped.
        await pilot.press("j")
        assert source.selection.words.endswith("up\n\nThe agriculture ministry said on Monday")
        paragraph = source._paragraphs[1]
        assert paragraph.line_and_column(source.selection.cursor[0])[0] == 0
        await pilot.press("j")
        assert paragraph.line_and_column(source.selection.cursor[0])[0] == 1
        await pilot.press("k", "k")
        assert source.selection.words == "Ministry's drought figures do not add up"
        await pilot.press("right_curly_bracket")  # to the end of the next paragraph
        assert source.selection.words.endswith("water restrictions this summer.")
        await pilot.press("o", "w")  # the other end moves: the headline's first word drops
        assert source.selection.words.startswith("drought figures")
        await pilot.press("escape")  # ends the selection, stays in the view
        assert source.selection is None and app.screen is source
        await pilot.press("escape")
        assert app.screen is screen


async def test_the_footer_stays_while_the_line_above_the_text_says_what_keys_do_now(
    tmp_path: Path,
) -> None:
    """Opened from a quote, the view quotes for that quote's claim. The footer names v and
    c/s/x from the start and never changes (a rebuild lays the screen out again: seconds in a
    long source); the line above the text says what is selected and which keys move it."""
    root = hand_written(tmp_path / "corpus")
    app = create_app(root, REVIEWER, poll_seconds=3600)
    async with app.run_test(size=(140, 32), notifications=True) as pilot:
        await opened(pilot)
        await pilot.press("enter", "enter")  # the first quote of the first claim
        source = app.screen
        assert isinstance(source, SourceScreen)
        assert source.claim is not None and source.claim.id == "reservoirs-recovered"
        footer = footer_keys(source)
        assert footer == {
            "q/esc": "Back",
            "n/p": "Quote",
            "v": "Select",
            "c/s/x": "Add",
            "?": "Help",
            "^p": "palette",
        }
        await pilot.press("c")
        assert "Select a passage first" in notices(app)[-1]
        await pilot.press("v")
        line = selection_line(source)
        assert line.startswith("Quoting for reservoirs-recovered: 1 word selected")
        assert "w b ( ) j k { } o move its end" in line
        await pilot.press("v")  # the visual mode ends, the selection stays: c/s/x still work
        assert "move its end" not in selection_line(source)
        assert "c contradicts · s supports · x context" in selection_line(source)
        assert footer_keys(source) == footer


def selection_line(screen: SourceScreen) -> str:
    return str(screen.query_one("#source-selection", Static).render())


def footer_keys(screen: SourceScreen) -> dict[str, str]:
    return {key.key_display: key.description for key in screen.query(FooterKey)}


async def test_j_pressed_fast_scrolls_a_line_each(tmp_path: Path) -> None:
    """Ten j in one burst scroll ten lines (seen in tmux: 24 j scrolled 8, each starting from
    where the last had not yet moved the view)."""
    root = hand_written(tmp_path / "corpus")
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(60, 16)) as pilot:
        await opened(pilot)
        await pilot.press("S", "enter")
        source = app.screen
        assert isinstance(source, SourceScreen)
        text = source.query_one("#source-text")
        assert text.scroll_y == 0 and text.max_scroll_y >= 10
        for _ in range(10):
            app.post_message(events.Key("j", "j"))
        await pilot.pause(0.3)
        assert text.scroll_y == 10
