"""The source view: a quote's whole source text, scrolled to the quote and highlighted; n / p
step through the other quotes taken from the same source."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from factcheck.app.long_text import PARAGRAPH_SHOWN, earlier, more, window
from factcheck.app.text import one_line, plain
from factcheck.app.widgets.evidence_list import EvidenceItem, check_label
from factcheck.corpus.model import Corpus
from factcheck.corpus.verification import verify_now
from factcheck.quotes import Anchor

Spans = list[tuple[int, int]]
QUOTE_STYLE = "bold black on yellow"
OTHER_QUOTE_STYLE = "underline"


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


def styled_paragraph(
    text: str, start: int, end: int, quote: Spans, others: Spans, *, whole: bool = False
) -> Text:
    """The paragraph text[start:end], the quote highlighted and the other quotes underlined;
    unless `whole`, at most PARAGRAPH_SHOWN characters of it, from where the quote starts."""
    shown_start, shown_end = start, end
    if not whole:
        around = min((s for s, e in quote if start <= s < end), default=start)
        low, high = window(end - start, PARAGRAPH_SHOWN, around=around - start)
        shown_start, shown_end = start + low, start + high
    body = plain(text[shown_start:shown_end])
    for spans, style in ((others, OTHER_QUOTE_STYLE), (quote, QUOTE_STYLE)):
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


class SourceScreen(Screen[None]):
    """The source text with the current quote highlighted and the source's other quotes
    underlined. Keys as in a pager: q or escape goes back, ? helps, n / p move to the next or
    previous quote of this source, in the order of the text."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # `q` goes back, as in `less`: quitting the whole app from here surprised people.
        Binding("q,escape,backspace", "app.pop_screen", "Back", key_display="q/esc", id="back"),
        Binding("n", "step(1)", "Quote", key_display="n/p", id="source-next-quote"),
        Binding("p", "step(-1)", "Previous quote", show=False, id="source-previous-quote"),
        Binding("j", "scroll(1)", "Down", show=False, id="source-down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="source-up"),
        Binding("question_mark", "help", "Help", key_display="?", id="source-help"),
        Binding("m", "whole", "Whole paragraphs", show=False, id="source-whole"),
    ]

    def __init__(self, corpus: Corpus, item: EvidenceItem, anchors: dict[str, Anchor]) -> None:
        super().__init__()
        self.corpus = corpus
        self.item = item
        # The background verification may not have reached this source yet: its handful of
        # quotes is quick to anchor now.
        source = item.source
        missing = [qid for qid in source.quote_ids if qid not in anchors]
        self.anchors = {**anchors, **verify_now(corpus, missing)} if missing else anchors
        self.quote_ids = self._in_text_order(source.quote_ids)
        """The source's quotes in the order n / p visit them: as they occur in the text, then
        those not found in it, in the order of the evidence file."""
        self.current = self.quote_ids.index(item.quote.id)
        """The position in `quote_ids` of the quote highlighted now."""
        self._paragraphs: list[tuple[int, int, Static]] = []
        self._target: Static | None = None
        """The paragraph where the current quote starts, None when the text does not hold it."""
        self.whole = False
        """Paragraphs shown whole however long (key m, more), not cut to PARAGRAPH_SHOWN."""
        self.cut = False
        """Whether any paragraph is cut short: what key m would show."""

    @property
    def quote_id(self) -> str:
        return self.quote_ids[self.current]

    def _spans(self, quote_id: str) -> Spans:
        anchor = self.anchors.get(quote_id)
        return [] if anchor is None else [(span.start, span.end) for span in anchor.spans]

    def _in_text_order(self, quote_ids: list[str]) -> list[str]:
        found = [(min(self._spans(q))[0], q) for q in quote_ids if self._spans(q)]
        not_found = [q for q in quote_ids if not self._spans(q)]
        return [q for _, q in sorted(found)] + not_found

    def compose(self) -> ComposeResult:
        yield Static(self._heading(), id="source-heading")
        with VerticalScroll(id="source-text"):
            yield from self._paragraph_widgets()
        yield Footer()

    def _heading(self) -> Text:
        source = self.item.source
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
        quote_id = self.quote_id
        heading.append(f"\nquote {self.current + 1} of {len(self.quote_ids)}: ")
        heading.append_text(plain(quote_id, "bold"))
        heading.append(" · ")
        heading.append_text(check_label(self.anchors.get(quote_id), source, checking=False))
        if source.text_file:
            heading.append(" · ", "dim")
            heading.append_text(one_line(source.text_file, "dim"))
        if source.text is not None and not self._spans(quote_id):
            heading.append("\nThis quote was not found in its source text.", "bold red")
        return heading

    def _paragraph_widgets(self) -> list[Static]:
        text = self.item.source.text
        if text is None:
            return [Static(Text("The source text could not be read.", "italic"))]
        current, others = self._current_and_other_spans()
        self._paragraphs = [
            (start, end, Static(styled_paragraph(text, start, end, current, others)))
            for start, end in paragraphs(text)
        ]
        self.cut = any(end - start > PARAGRAPH_SHOWN for start, end, _ in self._paragraphs)
        for *_, widget in self._paragraphs:
            widget.add_class("paragraph")
        self._mark_target(current)
        return [widget for *_, widget in self._paragraphs]

    def _current_and_other_spans(self) -> tuple[Spans, Spans]:
        others = [
            span
            for quote_id in self.quote_ids
            if quote_id != self.quote_id
            for span in self._spans(quote_id)
        ]
        return self._spans(self.quote_id), others

    def _mark_target(self, current: Spans) -> None:
        if self._target is not None:
            self._target.remove_class("has-quote")
        self._target = None
        if current:
            first = min(current)[0]
            self._target = next(
                (widget for start, end, widget in self._paragraphs if first < end), None
            )
        if self._target is not None:
            self._target.add_class("has-quote")

    def on_mount(self) -> None:
        self.query_one("#source-text").focus()
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
        before = self._spans(self.quote_id)
        self.current = (self.current + delta) % len(self.quote_ids)
        current, others = self._current_and_other_spans()
        text = self.item.source.text
        if text is not None:
            # Only the paragraphs of the quote left and the quote reached change style.
            for start, end, widget in self._paragraphs:
                if any(s < end and e > start for s, e in before + current):
                    widget.update(
                        styled_paragraph(text, start, end, current, others, whole=self.whole)
                    )
        self._mark_target(current)
        self.query_one("#source-heading", Static).update(self._heading())
        self._scroll_to_target()

    def action_whole(self) -> None:
        """Every paragraph whole, however long: asked for, so worth the wait on a huge one."""
        text = self.item.source.text
        if text is None or self.whole or not self.cut:
            self.notify("Every paragraph is shown whole.", timeout=2)
            return
        self.whole = True
        current, others = self._current_and_other_spans()
        for start, end, widget in self._paragraphs:
            if end - start > PARAGRAPH_SHOWN:
                widget.update(styled_paragraph(text, start, end, current, others, whole=True))
        self.call_after_refresh(self._scroll_to_target)

    def action_scroll(self, lines: int) -> None:
        self.query_one("#source-text").scroll_relative(y=lines, animate=False)

    def action_help(self) -> None:
        """The review screen's help (keys, scale, where ratings are saved) over this view:
        one help, built in one place."""
        from factcheck.app.screens.review import ReviewScreen  # it imports this module

        opener = next(s for s in reversed(self.app.screen_stack) if isinstance(s, ReviewScreen))
        opener.action_help()
