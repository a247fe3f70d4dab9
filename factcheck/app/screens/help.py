"""The help screen: every key, how to move between the claim list and the evidence, and where
the ratings are saved."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Click
from textual.screen import ModalScreen
from textual.widgets import Static

from factcheck.app.text import plain
from factcheck.app.widgets.claim_detail import rate_keys
from factcheck.corpus.scale import Scale

KEYS = [
    (
        "1-9",
        "rate the selected claim with the verdict on that key (below); an editor changing a "
        "published verdict is asked for the correction note published with the report",
    ),
    ("j / down, k / up", "next / previous claim (up and down move between quotes in the evidence)"),
    (
        "]",
        "next claim in your queue: assigned to you (factcheck assign) and not rated by you, "
        "stale, or sent back by an editor; with nothing assigned, the next claim you have not "
        "rated or whose rating is stale",
    ),
    (
        "A",
        "set the claim aside, with a reason (no verdict needed); A again changes or takes it back",
    ),
    (
        "D",
        "the editor's desk: claims awaiting sign-off, disputes first, every reviewer's verdict "
        "side by side; the final verdict, the published rationale, or send it back",
    ),
    (
        "n",
        "write or edit the rationale note: ctrl+s saves; escape closes, and asks "
        "(s save, d discard, k keep editing) when the note changed; ctrl+q asks the same, "
        "then quits",
    ),
    (
        "u",
        "undo the last change, newest first: a rating, a note, or a change to the claims and "
        "evidence made here",
    ),
    (
        "o",
        "show or hide the other reviewers' verdicts and notes (hidden so they do not anchor you)",
    ),
    ("shift+up / down", "scroll the claim detail when it is longer than its pane"),
    ("m", "more: the whole claim, when it is too long to show at once"),
    ("tab, enter", "tab (or enter on a claim) moves into the evidence; shift+tab goes back"),
    ("enter", "on a quote: open it in its source text, highlighted (keys below)"),
    (
        "/",
        "search claims by their words, claimant, tags and id, your notes, the quotes of their "
        "evidence and the titles of their sources (under the box: where it matched); enter "
        "keeps the result",
    ),
    (
        "escape",
        "close the search, then clear the search, then clear the filters; then, when you came "
        "from the editor's desk (enter there), back to it",
    ),
    (
        "e",
        "export the verdict report: pick a format and a path (same formats as factcheck "
        "export); a relative path is in the corpus folder; asks before overwriting",
    ),
    ("ctrl+p", "command palette: filters (unrated, stale, in dispute, verdict, tag), every action"),
    ("p", "show or hide the corpus problems panel"),
    (
        "a",
        "add a claim: a form checked as you type; ctrl+s saves it (a claim of kind quote is "
        "checked against its source first)",
    ),
    ("E", "edit the selected claim in the same form"),
    (
        "S",
        "quote a source as evidence of the selected claim: choose the source, then select a "
        "passage in it (keys below)",
    ),
    (
        "space",
        "on a quote in the evidence: cite it, marking it as one your verdict rests on (CITED; "
        "the report shows it first), or uncite it. Under the verdict, ⚠ says where the verdict "
        "and what it cites disagree: a false verdict on supporting evidence only, a true one on "
        "contradicting evidence only, no citation, a cited quote that no longer verifies",
    ),
    (
        "c / s / x, d",
        "on a quote in the evidence: its link contradicts / supports / is context; d removes "
        "the link (the quote stays in its source's file)",
    ),
    (
        "C",
        "comment on the selected claim, for the other reviewers and the editor: ctrl+s adds "
        "it (to comments/<you>.yaml, on disk at once); the thread shows under the claim. u "
        "does not take a comment back: once said, it stays",
    ),
    (
        "g",
        "suggest evidence: the passages of the sources that bear on the selected claim, best "
        "first, with why (keys below)",
    ),
    ("?", "this help"),
    ("q", "quit: every rating and note is already saved"),
]

SOURCE_KEYS = [
    ("n / p", "next / previous quote of this source, in the order of the text"),
    ("j / down, k / up", "scroll the text"),
    ("m", "more: the whole of paragraphs too long to show at once"),
    (
        "v",
        "select a passage from the keyboard: w / b a word on or back, ) / ( to the end or start "
        "of a sentence, j / k a line down or up, } / { to a paragraph's end or start, o moves "
        "the other end; v again keeps the selection, escape drops it",
    ),
    ("mouse drag", "select a passage: the whole words it touches"),
    (
        "c / s / x",
        "add the selection as evidence of the claim: contradicts / supports / context "
        "(shift+c/s/x: with a note). Its id is made from its words; a passage quoted already "
        "is linked, not copied",
    ),
    ("u", "undo the last change, as on the claim"),
    ("q / escape", "back to the claim"),
    ("?", "this help"),
]
"""The source view's keys: those of a pager, as in `less`."""

SUGGESTION_KEYS = [
    ("down / up, j / k", "next / previous suggested passage"),
    (
        "enter",
        "show the passage in its source, highlighted and selected: c / s / x there quote it",
    ),
    (
        "c / s / x",
        "quote the passage as evidence of the claim: contradicts / supports / context (a "
        "passage quoted already is linked, not copied); ✓ marks those linked",
    ),
    ("u", "undo, as on the claim"),
    ("q / escape", "back to the claim"),
]
"""The keys of the suggested evidence (g)."""

DESK_KEYS = [
    ("j / down, k / up", "next / previous claim awaiting sign-off (⚑: the reviewers disagree)"),
    (
        "1-9",
        "the final verdict, on that key of the scale (below): signs the claim off (✓). On a "
        "published claim it is a correction: asks for the note published with the report",
    ),
    ("n", "write or edit the published rationale, as the note (ctrl+s saves)"),
    ("b", "send the claim back to its reviewers with a comment (↩): it returns to their queues"),
    ("u", "undo, as on the claim: a verdict, a rationale, a send-back"),
    ("left / right", "scroll the reviewers' columns, when they do not all fit"),
    (
        "enter",
        "the claim on the claims screen, to read it and its evidence in full (a search or "
        "filter that hides it is cleared); escape or D there comes back to the desk",
    ),
    ("escape / D", "back to the claims"),
    ("?", "this help"),
]
"""The keys of the editor's desk (D)."""


class HelpScreen(ModalScreen[None]):
    """The keys, the scale with what each verdict means, and the file the ratings go to."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close", id="close-help"),
    ]

    def __init__(self, scale: Scale, saved_to: Path | None = None) -> None:
        super().__init__()
        self.scale = scale
        self.saved_to = saved_to
        """The reviewer's review file: the bundled corpus is a copy in the user data folder,
        so the path is not where one would look."""

    def compose(self) -> ComposeResult:
        keys = _keys_table(self._scale_keys(KEYS))
        verdicts = Table.grid(padding=(0, 2))
        verdicts.add_column(no_wrap=True)
        verdicts.add_column(no_wrap=True)
        verdicts.add_column()
        for verdict in self.scale:
            verdicts.add_row(
                Text(str(verdict.key), "bold"),
                plain(f" {verdict.label} ", f"bold white on {verdict.colour}"),
                plain(verdict.meaning),
            )
        with VerticalScroll(id="help-box"):
            if self.saved_to is not None:
                # First: the one line here that is not the same on every machine.
                saved = Text.assemble(
                    ("Ratings are saved to ", "bold"),
                    plain(str(self.saved_to)),
                    ("\neach rating and note is on disk once its key is pressed\n", "dim"),
                )
                yield Static(saved, id="help-saved-to")
            yield Static(Text("Keys", "bold underline"))
            yield Static(keys)
            yield Static(Text("\nIn the source view", "bold underline"))
            yield Static(_keys_table(SOURCE_KEYS))
            yield Static(Text("\nIn the suggested evidence (g)", "bold underline"))
            yield Static(_keys_table(SUGGESTION_KEYS))
            yield Static(Text("\nOn the editor's desk (D)", "bold underline"))
            yield Static(_keys_table(self._scale_keys(DESK_KEYS)))
            yield Static(Text("\nThe scale", "bold underline"))
            yield Static(verdicts)
            # Links for a mouse (or a browser, `factcheck serve`): this screen has no footer.
            yield Static(
                Content.from_markup(
                    "\n[dim]escape or ? closes this help, or a click [@click=screen.dismiss]"
                    "here[/] or outside it[/]"
                )
            )

    def _scale_keys(self, rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The rows with '1-9' as the keys this scale rates with ('1-7')."""
        return [(rate_keys(self.scale) if key == "1-9" else key, does) for key, does in rows]

    def on_click(self, event: Click) -> None:
        if event.widget is self:  # outside the box, on the screen behind it
            self.dismiss()


def _keys_table(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for key, does in rows:
        table.add_row(key, does)
    return table
