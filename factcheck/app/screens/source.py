"""The source view: a source's whole text, scrolled to a quote and highlighted; n / p step
through the quotes taken from it. A passage selected here (by mouse, or from the keyboard in a
visual mode with motions as in vim) is added with one key as evidence of the claim the view was
opened for: c contradicts, s supports, x context (shift: with a note)."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Static

from factcheck.app.long_text import PARAGRAPH_SHOWN, earlier, more, window
from factcheck.app.passage import PassageSelection
from factcheck.app.screens.source_selection import PassageSelecting, Spans
from factcheck.app.text import one_line, plain
from factcheck.app.widgets.evidence_list import check_label
from factcheck.app.widgets.source_paragraph import SourceParagraph
from factcheck.corpus.model import Claim, Corpus, Source
from factcheck.corpus.verification import verify_now
from factcheck.quotes import Anchor

if TYPE_CHECKING:
    from factcheck.app.screens.authoring import Authoring
    from factcheck.app.screens.review import ReviewScreen

QUOTE_STYLE = "bold black on yellow"
OTHER_QUOTE_STYLE = "underline"
SELECTION_STYLE = "black on #87afd7"
CURSOR_STYLE = "bold black on #5f87ff"
"""The word that the visual mode's motions move, within the selection."""


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: captured articles keep a paragraph to a line."""
    found = []
    start = 0
    for line in text.splitlines(keepends=True):
        end = start + len(line.rstrip("\r\n"))
        if text[start:end].strip():
            found.append((start, end))
        start += len(line)
    return found


def shown_part(
    start: int, end: int, quote: Spans, *, whole: bool = False, around: int | None = None
) -> tuple[int, int]:
    """The characters of the paragraph text[start:end] that are shown: all of it when `whole`,
    else at most PARAGRAPH_SHOWN of them, from where the quote (or `around`) starts."""
    if whole:
        return start, end
    if around is None or not start <= around < end:
        around = min((s for s, e in quote if start <= s < end), default=start)
    low, high = window(end - start, PARAGRAPH_SHOWN, around=around - start)
    return start + low, start + high


def styled_paragraph(
    text: str,
    start: int,
    end: int,
    quote: Spans,
    others: Spans,
    *,
    whole: bool = False,
    selected: Spans = (),  # type: ignore[assignment]
    cursor: Spans = (),  # type: ignore[assignment]
    around: int | None = None,
) -> Text:
    """The paragraph text[start:end], the quote highlighted, the other quotes underlined and a
    passage being selected shown as such; unless `whole`, at most PARAGRAPH_SHOWN characters of
    it, from where the quote (or `around`) starts."""
    shown_start, shown_end = shown_part(start, end, quote, whole=whole, around=around)
    body = plain(text[shown_start:shown_end])
    styles = (
        (others, OTHER_QUOTE_STYLE),
        (quote, QUOTE_STYLE),
        (selected, SELECTION_STYLE),
        (cursor, CURSOR_STYLE),
    )
    for spans, style in styles:
        for span_start, span_end in spans:
            low, high = max(span_start, shown_start), min(span_end, shown_end)
            if low < high:
                body.stylize(style, low - shown_start, high - shown_start)
    if shown_start == start and shown_end == end:
        return body
    out = Text()
    if shown_start > start:
        out.append_text(earlier(shown_start - start))
        out.append(" ")
    out.append_text(body)
    if shown_end < end:
        out.append(" ")
        out.append_text(more(end - shown_end, "press m to show all"))
    return out


class SourceScreen(PassageSelecting):
    """The source text with the current quote highlighted and the source's other quotes
    underlined. Keys as in a pager: q or escape goes back, ? helps, n / p move to the next or
    previous quote of this source, in the order of the text; v selects a passage."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # `q` goes back, as in `less`: quitting the whole app from here surprised people.
        Binding("q,backspace", "app.pop_screen", "Back", show=False, id="back-q"),
        Binding("escape", "escape", "Back", key_display="q/esc", id="back"),
        Binding("n", "step(1)", "Quote", key_display="n/p", id="source-next-quote"),
        Binding("p", "step(-1)", "Previous quote", show=False, id="source-previous-quote"),
        # In the visual mode j and k move the selection's end a line (PassageSelecting's
        # action_line); else they scroll.
        Binding("j", "line(1)", "Line down", show=False, id="select-line-down"),
        Binding("k", "line(-1)", "Line up", show=False, id="select-line-up"),
        Binding("j", "scroll(1)", "Down", show=False, id="source-down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="source-up"),
        Binding("v", "visual", "Select", id="source-select"),
        Binding("c", "add('c')", "Add", key_display="c/s/x", id="add-contradicts"),
        Binding("u", "undo", "Undo", show=False, id="source-undo"),
        Binding("question_mark", "help", "Help", key_display="?", id="source-help"),
        Binding("m", "whole", "Whole paragraphs", show=False, id="source-whole"),
    ]

    def __init__(
        self,
        corpus: Corpus,
        source: Source,
        anchors: Mapping[str, Anchor],
        *,
        quote_id: str | None = None,
        claim: Claim | None = None,
        authoring: Authoring | None = None,
        passage: tuple[int, int] | None = None,
    ) -> None:
        super().__init__()
        self.passage = passage
        """A span of the text to show highlighted and selected when no quote is: a suggested
        passage, which c / s / x then quote."""
        self.corpus = corpus
        self.source = source
        self.claim = claim
        """The claim a passage selected here is added to as evidence (None: read only)."""
        self.authoring = authoring
        self.anchors = self._with_source_anchors(anchors)
        self.quote_ids = self._in_text_order(source.quote_ids)
        """The source's quotes in the order n / p visit them: as they occur in the text, then
        those not found in it, in the order of the evidence file."""
        self.current: int | None = self.quote_ids.index(quote_id) if quote_id else None
        """The position in `quote_ids` of the quote highlighted now; None before n or p."""
        self._paragraphs: list[SourceParagraph] = []
        self._target: Static | None = None
        """The paragraph where the current quote starts, None when the text does not hold it."""
        self.whole = False
        """Paragraphs shown whole however long (key m, more), not cut to PARAGRAPH_SHOWN."""
        self.cut = False
        """Whether any paragraph is cut short: what key m would show."""
        self._heading_drawn: str | None = None
        """The heading's characters as drawn: drawn again only when they change."""

    def _with_source_anchors(self, anchors: Mapping[str, Anchor]) -> Mapping[str, Anchor]:
        # The background verification may not have reached this source yet: its handful of
        # quotes is quick to anchor now. Chained, not copied: a copy would decode every
        # cached anchor of the corpus.
        missing = [qid for qid in self.source.quote_ids if qid not in anchors]
        return ChainMap(verify_now(self.corpus, missing), anchors) if missing else anchors

    @property
    def quote_id(self) -> str | None:
        return self.quote_ids[self.current] if self.current is not None else None

    def _spans(self, quote_id: str | None) -> Spans:
        anchor = self.anchors.get(quote_id) if quote_id else None
        return [] if anchor is None else [(span.start, span.end) for span in anchor.spans]

    def _in_text_order(self, quote_ids: list[str]) -> list[str]:
        found = [(min(self._spans(q))[0], q) for q in quote_ids if self._spans(q)]
        not_found = [q for q in quote_ids if not self._spans(q)]
        return [q for _, q in sorted(found)] + not_found

    def compose(self) -> ComposeResult:
        with Vertical(id="source-top"):
            heading = self._heading()
            self._heading_drawn = heading.plain
            yield Static(heading, id="source-heading")
            line = Static(self._selection_line(), id="source-selection")
            line.display = self.claim is not None
            yield line
        with VerticalScroll(id="source-text"):
            yield from self._paragraph_widgets()
        yield Footer()

    def _heading(self) -> Text:
        source = self.source
        heading = Text()
        heading.append_text(plain(source.outlet, "bold"))
        heading.append(" · ")
        heading.append_text(plain(source.title, "italic"))
        if source.published:
            heading.append(f" · {source.published.human()}", "dim")
        if source.url:
            # Text, never a link: the address comes from the corpus like every other word.
            heading.append("\n")
            heading.append_text(one_line(source.url, "dim"))
        quote_id, position, count = self.quote_id, self.current, len(self.quote_ids)
        heading.append("\n")
        if quote_id is None or position is None:
            taken = f"{count} quotes taken from it: n / p visit them" if count else "no quote yet"
            heading.append(taken, "dim")
        else:
            heading.append(f"quote {position + 1} of {count}: ")
            heading.append_text(plain(quote_id, "bold"))
            heading.append(" · ")
            heading.append_text(check_label(self.anchors.get(quote_id), source, checking=False))
        if source.text_file:
            heading.append(" · ", "dim")
            heading.append_text(one_line(source.text_file, "dim"))
        if quote_id is not None and source.text is not None and not self._spans(quote_id):
            heading.append("\nThis quote was not found in its source text.", "bold red")
        return heading

    def _paragraph_widgets(self) -> list[Static]:
        text = self.text
        if text is None:
            return [Static(Text("The source text could not be read.", "italic"))]
        self._paragraphs = [SourceParagraph(start, end) for start, end in paragraphs(text)]
        self.cut = any(p.end - p.start > PARAGRAPH_SHOWN for p in self._paragraphs)
        current, others = self._current_and_other_spans()
        for paragraph in self._paragraphs:
            self._restyle(paragraph, current, others)
        self._mark_target(current)
        return list(self._paragraphs)

    def _current_and_other_spans(self) -> tuple[Spans, Spans]:
        others = [
            span
            for quote_id in self.quote_ids
            if quote_id != self.quote_id
            for span in self._spans(quote_id)
        ]
        if self.quote_id is None and self.passage is not None:
            return [self.passage], others
        return self._spans(self.quote_id), others

    def _restyle(self, paragraph: SourceParagraph, current: Spans, others: Spans) -> None:
        text = self.text
        assert text is not None
        selected: Spans = []
        cursor: Spans = []
        around = None
        if self.selection is not None:
            selected = [self.selection.span]
            if self.visual:
                cursor = [self.selection.cursor]
            around = self.selection.cursor[0]
        start, end = paragraph.start, paragraph.end
        shown = shown_part(start, end, current, whole=self.whole, around=around)
        styled = styled_paragraph(
            text,
            start,
            end,
            current,
            others,
            whole=self.whole,
            selected=selected,
            cursor=cursor,
            around=around,
        )
        body_at = len(earlier(shown[0] - start).plain) + 1 if shown[0] > start else 0
        paragraph.show(styled, text[shown[0] : shown[1]], shown[0], body_at)

    def _restyle_touching(self, *spans: tuple[int, int]) -> None:
        """Draw again the paragraphs these spans of the text touch."""
        current, others = self._current_and_other_spans()
        for paragraph in self._paragraphs:
            if any(s < paragraph.end and e > paragraph.start for s, e in spans):
                self._restyle(paragraph, current, others)

    def _mark_target(self, current: Spans) -> None:
        if self._target is not None:
            self._target.remove_class("has-quote")
        self._target = None
        if current:
            first = min(current)[0]
            self._target = next((p for p in self._paragraphs if first < p.end), None)
        if self._target is not None:
            self._target.add_class("has-quote")

    def on_mount(self) -> None:
        self.query_one("#source-text").focus()
        if self.passage is not None and self.text is not None and self.claim is not None:
            # Selected, so that c / s / x quote it at once, as a passage selected with v.
            self._set_selection(PassageSelection.between(self.text, *self.passage))
        self.call_after_refresh(self._scroll_to_target)

    def _scroll_to_target(self) -> None:
        scroll = self.query_one("#source-text", VerticalScroll)
        if self._target is None:
            scroll.scroll_home(animate=False, immediate=True)
        else:
            scroll.scroll_to_widget(self._target, animate=False, center=True, immediate=True)

    def action_step(self, delta: int) -> None:
        """Make the next (1) or previous (-1) quote of this source the current one, round
        from the last to the first."""
        if not self.quote_ids:
            self.notify("No quote is taken from this source yet.", timeout=3)
            return
        before = self._spans(self.quote_id)
        if self.current is None:
            self.current = 0 if delta > 0 else len(self.quote_ids) - 1
        else:
            self.current = (self.current + delta) % len(self.quote_ids)
        current, _ = self._current_and_other_spans()
        if self.text is not None:
            # Only the paragraphs of the quote left and the quote reached change style.
            self._restyle_touching(*before, *current)
        self._mark_target(current)
        self._refresh_heading()
        self._scroll_to_target()

    def action_whole(self) -> None:
        """Every paragraph whole, however long: asked for, so worth the wait on a huge one."""
        text = self.text
        if text is None or self.whole or not self.cut:
            self.notify("Every paragraph is shown whole.", timeout=2)
            return
        self.whole = True
        current, others = self._current_and_other_spans()
        for paragraph in self._paragraphs:
            if paragraph.end - paragraph.start > PARAGRAPH_SHOWN:
                self._restyle(paragraph, current, others)
        self.call_after_refresh(self._scroll_to_target)

    def action_scroll(self, lines: int) -> None:
        # Immediate: keys pressed fast would each start from the same, not yet moved, place.
        self.query_one("#source-text").scroll_relative(y=lines, animate=False, immediate=True)

    def action_help(self) -> None:
        """The review screen's help (keys, scale, where ratings are saved) over this view:
        one help, built in one place."""
        opener = self._opener()
        if opener is not None:
            opener.action_help()

    def action_undo(self) -> None:
        """`u` as on the review screen: the newest change, a rating or one made here."""
        opener = self._opener()
        if opener is not None:
            opener.action_undo()

    def _opener(self) -> ReviewScreen | None:
        from factcheck.app.screens.review import ReviewScreen  # it imports this module

        return next(
            (s for s in reversed(self.app.screen_stack) if isinstance(s, ReviewScreen)), None
        )

    def _refresh_heading(self) -> None:
        """Draw the heading again, laying the screen out again only when its lines changed:
        a layout of a source of thousands of paragraphs takes a second."""
        heading = self._heading()
        if heading.plain != self._heading_drawn:
            self._heading_drawn = heading.plain
            self.query_one("#source-heading", Static).update(heading)
        # One line, cut at the edge: never a layout.
        self.query_one("#source-selection", Static).update(self._selection_line(), layout=False)

    def _visual_start(self) -> int:
        """Where `v` begins: the current quote when it is in view, else the first paragraph at
        the top of the view."""
        scroll = self.query_one("#source-text", VerticalScroll)
        top = scroll.scroll_offset.y
        current = self._spans(self.quote_id)
        if current and self._target is not None:
            region = self._target.virtual_region
            if top <= region.y < top + scroll.size.height:
                return min(current)[0]
        for paragraph in self._paragraphs:
            region = paragraph.virtual_region
            if region.bottom > top:
                line = max(0, top - region.y)
                return paragraph.offset_at(line, 0)
        return 0

    def corpus_changed(self, corpus: Corpus, made: str | None) -> None:
        """The corpus was written and loaded again: show this source as it is now, the quote
        `made` (just added, or found) as the current one."""
        source = corpus.sources.get(self.source.id)
        if source is None:
            return
        old_spans = [span for quote_id in self.quote_ids for span in self._spans(quote_id)]
        self.corpus = corpus
        self.source = source
        if self.claim is not None:
            self.claim = corpus.claims_by_id.get(self.claim.id, self.claim)
        self.anchors = self._with_source_anchors(self.anchors)
        previous = self.quote_id
        self.quote_ids = self._in_text_order(source.quote_ids)
        wanted = made if made in self.quote_ids else previous
        self.current = self.quote_ids.index(wanted) if wanted in self.quote_ids else None
        new_spans = [span for quote_id in self.quote_ids for span in self._spans(quote_id)]
        if self.text is not None:
            self._restyle_touching(*old_spans, *new_spans)
        current, _ = self._current_and_other_spans()
        self._mark_target(current)
        self._refresh_heading()
