"""Suggested evidence for the selected claim: the passages of the sources that bear on it, best
first, each with its source, score and why, those already linked marked. Enter shows one in its
source, highlighted and selected; c / s / x quote it as evidence (contradicts / supports /
context) through the one corpus writer, as the source view does.

The ranking runs in a thread worker (the index of a large corpus is read from the cache, or
built, first): keys are never held up, and the list fills in when the answer comes."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from factcheck.app.screens.source import SourceScreen
from factcheck.app.screens.source_selection import STANCE_KEYS
from factcheck.app.text import one_line, plain
from factcheck.app.threads import run_in_thread
from factcheck.corpus.model import Claim, Corpus
from factcheck.corpus.suggest import (
    ClaimSuggestions,
    PassageIndex,
    Quoted,
    Suggestion,
    with_links_now,
)

if TYPE_CHECKING:
    from factcheck.app.screens.review import ReviewScreen

SUGGESTIONS = 20
"""Passages listed: two screens' worth, enough to find what the first ten miss."""
TEXT_SHOWN = 240
"""Characters of a passage shown in its row; enter shows it whole, in its source."""


class SuggestionsScreen(Screen[None]):
    """The suggestions for one claim; goes back to the claim with q or escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,escape", "app.pop_screen", "Back", key_display="q/esc", id="suggest-back"),
        # Priority: the list's own enter (select, not shown) hid this one from the footer.
        Binding(
            "enter", "open", "Show in source", key_display="enter", id="suggest-open", priority=True
        ),
        Binding("c", "accept('c')", "Quote it", key_display="c/s/x", id="suggest-contradicts"),
        Binding("s", "accept('s')", "Supports", show=False, id="suggest-supports"),
        Binding("x", "accept('x')", "Context", show=False, id="suggest-context"),
        Binding("j", "move(1)", "Down", show=False, id="suggest-down"),
        Binding("k", "move(-1)", "Up", show=False, id="suggest-up"),
        Binding("u", "undo", "Undo", id="suggest-undo"),
        Binding("question_mark", "help", "Help", key_display="?", id="suggest-help"),
    ]

    class Ranked(Message):
        """The worker's answer for `claim_id` (None: it failed; the app's worker handler says
        why)."""

        def __init__(
            self,
            claim_id: str,
            found: ClaimSuggestions | None,
            index: PassageIndex | None,
            quoted: Quoted | None = None,
        ) -> None:
            super().__init__()
            self.claim_id = claim_id
            self.found = found
            self.index = index
            self.quoted = quoted
            """What the claims have as evidence, when found from every quote checked."""

    def __init__(self, opener: ReviewScreen, claim: Claim) -> None:
        super().__init__()
        self.opener = opener
        self.claim = claim
        self.passages = 0
        """How many passages were ranked."""
        self.suggestions: list[Suggestion] = []
        """Best first; each one's `linked` kept as the claim's evidence is (corpus_changed)."""

    @property
    def corpus(self) -> Corpus:
        return self.opener.session.corpus

    @property
    def options(self) -> OptionList:
        return self.query_one("#suggestions", OptionList)

    def compose(self) -> ComposeResult:
        heading = Text("Suggested evidence for ", "bold")
        heading.append_text(plain(self.claim.id, "bold"))
        heading.append("\n")
        heading.append_text(one_line(self.claim.text, "italic"))
        yield Static(heading, id="suggestions-heading")
        yield Static(Text("Ranking the passages of the sources…", "dim italic"), id="suggest-note")
        yield OptionList(id="suggestions")
        yield Footer()

    def on_mount(self) -> None:
        self.options.focus()
        corpus, claim = self.corpus, self.claim
        cache_dir = self.opener.workspace.cache_dir
        # Only the claim's quotes' anchors (all that marks the linked passages): copying the
        # app's every anchor would decode all of them, here on the UI thread.
        anchors = {
            link.quote_id: anchor
            for link in claim.evidence
            if (anchor := self.opener.anchors.get(link.quote_id)) is not None
        }
        known = self.opener.suggestion_index
        known_quoted = self.opener.suggestion_quoted
        # Every quote's anchor, for what other claims already have as evidence: read in the
        # worker (the cache's are decoded there); kept only once every quote was checked.
        every_anchor, all_checked = self.opener.anchors, not self.opener.checking

        def rank() -> None:
            found = index = quoted = None
            try:
                from factcheck.corpus.suggest import passage_index, quoted_passages, suggest

                index = known if known is not None else passage_index(corpus, cache_dir)
                quoted = known_quoted or quoted_passages(corpus, index, every_anchor)
                found = suggest(
                    corpus, index, claim, limit=SUGGESTIONS, anchors=anchors, quoted=quoted
                )
            finally:
                kept = quoted if all_checked else None
                self.post_message(self.Ranked(claim.id, found, index, kept))

        run_in_thread(self, rank, name="suggest", group="suggest")

    @on(Ranked)
    def _ranked(self, message: Ranked) -> None:
        note = self.query_one("#suggest-note", Static)
        if message.found is None:
            note.update(Text("The passages could not be ranked (see the message).", "red"))
            return
        if message.index is not None and self.opener.session.corpus is self.corpus:
            self.opener.suggestion_index = message.index  # the next claim's is quicker
            if message.quoted is not None:
                self.opener.suggestion_quoted = message.quoted
        self.suggestions = list(message.found.suggestions)
        self.passages = message.found.passages
        self._show_count()
        self._draw(keep=0)

    def _show_count(self) -> None:
        linked = sum(1 for s in self.suggestions if s.linked)
        self.query_one("#suggest-note", Static).update(
            Text(
                f"{len(self.suggestions)} of {self.passages:,} passages, best first"
                f" · {linked} linked already (✓)"
                " · enter shows one in its source · c / s / x quote it as evidence",
                "dim",
            )
        )

    def _draw(self, keep: int | None = None) -> None:
        options = self.options
        highlighted = options.highlighted if keep is None else keep
        options.clear_options()
        options.add_options(
            [Option(self._row(n, s), id=str(n)) for n, s in enumerate(self.suggestions)]
        )
        if self.suggestions:
            options.highlighted = min(highlighted or 0, len(self.suggestions) - 1)
        else:
            options.add_option(
                Option(Text("No passage shares a word with this claim."), disabled=True)
            )

    def _row(self, position: int, suggestion: Suggestion) -> Text:
        row = Text()
        if suggestion.linked:
            row.append("✓ linked ", "bold green")
        row.append(f"{position + 1:2}. ", "bold")
        row.append(f"{suggestion.score:.2f} ", "dim")
        row.append_text(plain(suggestion.source_id, "bold"))
        row.append(f" [{suggestion.start}:{suggestion.end}]", "dim")
        if suggestion.linked:
            row.append(" as ", "dim")
            row.append_text(plain(", ".join(suggestion.linked), "green"))
        row.append("\n")
        text = " ".join(suggestion.text.split())
        if len(text) > TEXT_SHOWN:
            text = text[:TEXT_SHOWN].rsplit(" ", 1)[0] + " …"
        row.append_text(plain(text))
        row.append("\n")
        row.append("why: ", "dim bold")
        row.append_text(plain(suggestion.reasons.summary(), "dim"))
        return row

    @property
    def chosen(self) -> tuple[int, Suggestion] | None:
        position = self.options.highlighted
        if position is None or not 0 <= position < len(self.suggestions):
            return None
        return position, self.suggestions[position]

    def action_move(self, delta: int) -> None:
        if delta > 0:
            self.options.action_cursor_down()
        else:
            self.options.action_cursor_up()

    def action_open(self) -> None:
        chosen = self.chosen
        if chosen is None:
            return
        _, suggestion = chosen
        source = self.corpus.sources.get(suggestion.source_id)
        if source is None:
            self.notify(f"The source '{suggestion.source_id}' is no longer in the corpus.")
            return
        screen = SourceScreen(
            self.corpus,
            source,
            self.opener.anchors,
            claim=self.corpus.claims_by_id.get(self.claim.id, self.claim),
            authoring=self.opener.authoring,
            passage=(suggestion.start, suggestion.end),
        )
        self.app.push_screen(screen)

    @on(OptionList.OptionSelected, "#suggestions")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_accept(self, key: str) -> None:
        """Quote the highlighted passage as evidence of the claim with the stance of `key`;
        the writer links the quote of that passage if there is one already."""
        chosen = self.chosen
        if chosen is None:
            return
        _, suggestion = chosen
        source = self.corpus.sources.get(suggestion.source_id)
        claim = self.corpus.claims_by_id.get(self.claim.id)
        if source is None or claim is None:
            self.notify("The claim or the source is no longer in the corpus.", severity="error")
            return
        # The ✓ follows from the corpus once it is written and loaded again (corpus_changed).
        self.opener.authoring.add_evidence(
            claim, source, suggestion.text, STANCE_KEYS[key], None, None
        )

    def corpus_changed(self, corpus: Corpus, made: str | None) -> None:
        """The corpus was written and loaded again: a passage quoted here or in its source
        (enter, then c / s / x), or a quote's link undone. The ✓ marks follow the claim's
        evidence as it is now."""
        self.claim = corpus.claims_by_id.get(self.claim.id, self.claim)
        if not self.suggestions:
            return  # still ranking: the ranking marks what is linked by then
        self.suggestions = with_links_now(corpus, self.claim, self.suggestions, self.opener.anchors)
        self._show_count()
        self._draw()

    def action_help(self) -> None:
        self.opener.action_help()

    def action_undo(self) -> None:
        """`u` as on the review screen: the newest change, a passage quoted here among them."""
        self.opener.action_undo()
