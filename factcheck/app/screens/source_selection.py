"""Selecting a passage of the source view to quote, and adding it as evidence: the keys of a
visual mode as in vim (v, then w / b words, ) / ( sentences, j / k lines, } / { paragraphs, o the
other end), a mouse drag, and c / s / x (shift: with a note) to add the selection to the claim.

The base of `SourceScreen`, which draws the text: this part knows the selection, the source
screen how the paragraphs show it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.screen import Screen

from factcheck.app.passage import PassageSelection, word_at, word_before
from factcheck.app.screens.link_note import LinkNote
from factcheck.app.text import plain
from factcheck.app.widgets.source_paragraph import SourceParagraph
from factcheck.corpus.model import Claim, Source, Stance

if TYPE_CHECKING:
    from factcheck.app.screens.authoring import Authoring

Spans = list[tuple[int, int]]
STANCE_KEYS = {"c": Stance.CONTRADICTS, "s": Stance.SUPPORTS, "x": Stance.CONTEXT}


class PassageSelecting(Screen[None]):
    """A selection of whole words of `text`, drawn by the subclass's `_restyle_touching`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # The motions are named on the line above the text, not in the footer: it stays as it
        # is, since rebuilding it lays out the screen (seconds, in a source of thousands of
        # paragraphs). v and c / s / x are in the subclass's, in the footer's order, and j / k
        # too: a subclass's key replaces its base's.
        Binding("w", "word(1)", "Word", show=False, id="select-word"),
        Binding("b", "word(-1)", "Word back", show=False, id="select-word-back"),
        Binding("right_parenthesis", "sentence(1)", "Sentence", show=False, id="select-sentence"),
        Binding("left_parenthesis", "sentence(-1)", "Sentence back", show=False, id="select-back"),
        Binding("right_curly_bracket", "paragraph(1)", "Paragraph", show=False, id="select-par"),
        Binding(
            "left_curly_bracket", "paragraph(-1)", "Paragraph back", show=False, id="select-par-b"
        ),
        Binding("o", "swap", "Other end", show=False, id="select-swap"),
        Binding("s", "add('s')", "Supports", show=False, id="add-supports"),
        Binding("x", "add('x')", "Context", show=False, id="add-context"),
        Binding("C", "add('c', True)", "With a note", show=False, id="add-contradicts-note"),
        Binding("S", "add('s', True)", "With a note", show=False, id="add-supports-note"),
        Binding("X", "add('x', True)", "With a note", show=False, id="add-context-note"),
    ]

    _VISUAL_ONLY = frozenset({"line", "word", "sentence", "paragraph", "swap"})

    # What the subclass provides
    source: Source
    claim: Claim | None
    """The claim a passage selected here is added to as evidence (None: read only)."""
    authoring: Authoring | None
    _paragraphs: list[SourceParagraph]

    @property
    def text(self) -> str | None:
        return self.source.text

    def _restyle_touching(self, *spans: tuple[int, int]) -> None:
        """Draw again the paragraphs that these spans of the text touch."""
        raise NotImplementedError

    def _refresh_heading(self) -> None:
        raise NotImplementedError

    def _visual_start(self) -> int:
        """Where `v` begins, as a character of the text."""
        raise NotImplementedError

    def __init__(self) -> None:
        super().__init__()
        self.selection: PassageSelection | None = None
        """The passage selected, by keys or by mouse."""
        self.visual = False
        """Whether the keys move the selection's cursor (v), as in vim's visual mode."""
        self._drawn_selection: Spans = []
        """The spans the selection was last drawn on: drawn again (as they are now) when it
        changes."""
        self._line_column: int | None = None
        """The column j / k keep to, from the first of them since another motion."""

    def _selection_line(self) -> Text:
        """The claim a selection would be evidence of, and how to select or add it: one line,
        cut short at the screen's edge."""
        if self.claim is None:
            return Text("")
        line = Text("Quoting for ")
        line.append_text(plain(self.claim.id, "bold"))
        line.append(": ")
        if self.selection is None:
            line.append("v or a mouse drag selects a passage", "dim")
            return line
        words = len(self.selection.words.split())
        line.append(f"{words} word{'s' if words != 1 else ''} selected", "bold")
        if self.visual:
            line.append(" · w b ( ) j k { } o move its end")
        line.append(" · c contradicts · s supports · x context (shift: with a note) · esc drops it")
        return line

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Only bindings the footer does not show change with the selection (see BINDINGS).
        if action in self._VISUAL_ONLY:
            return self.visual
        return True

    def action_visual(self) -> None:
        """v: start selecting at the current quote (or the top of the view); v again ends the
        visual mode, keeping what is selected."""
        text = self.text
        if text is None:
            return
        if self.visual:
            self._set_visual(False)
            return
        self._set_selection(PassageSelection.at(text, self._visual_start()), visual=True)

    def action_word(self, steps: int) -> None:
        if self.selection is not None:
            self._moved(self.selection.word(steps))

    def action_sentence(self, direction: int) -> None:
        if self.selection is not None:
            self._moved(self.selection.sentence(direction))

    def action_paragraph(self, direction: int) -> None:
        """} to the last word of the paragraph (of the next, when there), { to its first."""
        selection, text = self.selection, self.text
        if selection is None or text is None:
            return
        index = self._paragraph_index(selection.cursor[0])
        paragraph = self._paragraphs[index]
        if direction > 0:
            last = self._last_word(paragraph)
            if last == selection.cursor and index + 1 < len(self._paragraphs):
                last = self._last_word(self._paragraphs[index + 1])
            self._moved(selection.move_to(last))
        else:
            first = word_at(text, paragraph.start)
            if first == selection.cursor and index > 0:
                first = word_at(text, self._paragraphs[index - 1].start)
            self._moved(selection.move_to(first))

    def _last_word(self, paragraph: SourceParagraph) -> tuple[int, int] | None:
        return word_before(self.text or "", paragraph.end)

    def action_line(self, lines: int) -> None:
        """j / k: the cursor to the word a line below or above, as the text is wrapped."""
        selection, text = self.selection, self.text
        if selection is None or text is None:
            return
        index = self._paragraph_index(selection.cursor[0])
        paragraph = self._paragraphs[index]
        line, column = paragraph.line_and_column(selection.cursor[0])
        # As in vim: lines of different lengths do not wear the column down.
        column = self._line_column = column if self._line_column is None else self._line_column
        line += lines
        if line < 0:
            if index == 0:
                return
            paragraph = self._paragraphs[index - 1]
            line = paragraph.line_count() - 1
        elif line >= paragraph.line_count():
            if index + 1 >= len(self._paragraphs):
                return
            paragraph, line = self._paragraphs[index + 1], 0
        offset = paragraph.offset_at(line, column)
        column = self._line_column
        self._moved(selection.move_to(word_at(text, offset) or selection.cursor))
        self._line_column = column

    def action_swap(self) -> None:
        if self.selection is not None:
            self.selection.swap()
            self._moved(True)

    def action_escape(self) -> None:
        """Escape ends the selection first, then goes back, as q does."""
        if self.selection is not None:
            self._set_selection(None)
        else:
            self.app.pop_screen()

    def _paragraph_index(self, offset: int) -> int:
        for index, paragraph in enumerate(self._paragraphs):
            if offset < paragraph.end:
                return index
        return len(self._paragraphs) - 1

    def _moved(self, moved: bool) -> None:
        """The cursor moved: draw the selection again, and keep the cursor in view."""
        self._line_column = None
        if not moved or self.selection is None:
            return
        self._set_selection(self.selection, visual=self.visual)

    def _set_visual(self, visual: bool) -> None:
        self._set_selection(self.selection, visual=visual)

    def _set_selection(self, selection: PassageSelection | None, *, visual: bool = False) -> None:
        """Show `selection` (None: none), drawing again only the paragraphs it and the one
        before touch."""
        before = self._drawn_selection
        self.selection = selection
        self.visual = visual and selection is not None
        after = self._selection_spans()
        self._drawn_selection = after
        if self.text is not None:
            self._restyle_touching(*before, *after)
        self._refresh_heading()
        if selection is not None and self.visual:
            self.call_after_refresh(self._scroll_to_cursor)

    def _selection_spans(self) -> Spans:
        if self.selection is None:
            return []
        return [self.selection.span, self.selection.cursor]

    def _scroll_to_cursor(self) -> None:
        if self.selection is None:
            return
        offset = self.selection.cursor[0]
        paragraph = self._paragraphs[self._paragraph_index(offset)]
        line, _ = paragraph.line_and_column(offset)
        region = paragraph.virtual_region
        spot = Region(0, region.y + paragraph.styles.padding.top + line, 1, 1)
        self.query_one("#source-text", VerticalScroll).scroll_to_region(
            spot, animate=False, immediate=True
        )

    # Selecting a passage: the mouse

    @on(events.TextSelected)
    def _mouse_selected(self) -> None:
        """A drag over the text ended: the words it covered become the selection (whole
        words, in the source text's own characters), drawn as the keys draw it."""
        text = self.text
        chosen = [p for p in self._paragraphs if p in self.selections]
        if text is None or not chosen:
            return
        first, last = chosen[0], chosen[-1]
        start_at, end_at = self.selections[first], self.selections[last]
        start = first.to_source(start_at.start.x) if start_at.start else first.start
        end = last.to_source(end_at.end.x) if end_at.end else last.end
        self.clear_selection()  # Textual's own highlight: ours shows the words to be quoted
        if end <= start:
            return
        self._set_selection(PassageSelection.between(text, start, end))

    # Adding the selection as evidence

    def action_add(self, key: str, with_note: bool = False) -> None:
        selection, claim, authoring = self.selection, self.claim, self.authoring
        if claim is None or authoring is None:
            self.notify("No claim to add evidence to: open a source from a claim.", timeout=4)
            return
        if selection is None:
            self.notify("Select a passage first: v, or a mouse drag over the text.", timeout=4)
            return
        stance = STANCE_KEYS[key]
        start, end = selection.span
        words = (self.text or "")[start:end]

        def add(note: str | None) -> None:
            def done(_: object) -> None:
                self._set_selection(None)

            authoring.add_evidence(claim, self.source, words, stance, note or None, done)

        if not with_note:
            add(None)
            return

        def noted(note: str | None) -> None:
            if note is not None:  # None: escape, nothing added
                add(note)

        self.app.push_screen(LinkNote(claim, words, stance), noted)
