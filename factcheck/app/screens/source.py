"""The source view: a quote's whole source text, scrolled to the quote and highlighted."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

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


def styled_paragraph(text: str, start: int, end: int, quote: Spans, others: Spans) -> Text:
    out = plain(text[start:end])
    for spans, style in ((others, OTHER_QUOTE_STYLE), (quote, QUOTE_STYLE)):
        for span_start, span_end in spans:
            low, high = max(span_start, start), min(span_end, end)
            if low < high:
                out.stylize(style, low - start, high - start)
    return out


class SourceScreen(Screen[None]):
    """The source text with the chosen quote highlighted, the source's other quotes underlined."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "app.pop_screen", "Back", id="back"),
        Binding("j", "scroll(1)", "Down", show=False, id="source-down"),
        Binding("k", "scroll(-1)", "Up", show=False, id="source-up"),
        Binding("question_mark", "app.pop_screen", "Back", show=False, id="source-help"),
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
        self._target: Static | None = None

    def _spans(self, quote_id: str) -> list[tuple[int, int]]:
        anchor = self.anchors.get(quote_id)
        return [] if anchor is None else [(span.start, span.end) for span in anchor.spans]

    def compose(self) -> ComposeResult:
        source, quote = self.item.source, self.item.quote
        heading = Text()
        heading.append_text(plain(source.outlet, "bold"))
        heading.append(" · ")
        heading.append_text(plain(source.title, "italic"))
        if source.published:
            heading.append(f" · {source.published.human()}", "dim")
        heading.append("\nquote ")
        heading.append_text(plain(quote.id, "bold"))
        heading.append(" · ")
        heading.append_text(check_label(self.anchors.get(quote.id), source, checking=False))
        if source.text_file:
            heading.append(" · ", "dim")
            heading.append_text(one_line(source.text_file, "dim"))
        yield Static(heading, id="source-heading")
        with VerticalScroll(id="source-text"):
            yield from self._paragraphs()
        yield Footer()

    def _paragraphs(self) -> list[Static]:
        text = self.item.source.text
        if text is None:
            return [Static(Text("The source text could not be read.", "italic"))]
        quote_spans = self._spans(self.item.quote.id)
        others = [
            span
            for quote_id in self.item.source.quote_ids
            if quote_id != self.item.quote.id
            for span in self._spans(quote_id)
        ]
        widgets = []
        for start, end in paragraphs(text):
            widget = Static(
                styled_paragraph(text, start, end, quote_spans, others), classes="paragraph"
            )
            if self._target is None and any(s < end and e > start for s, e in quote_spans):
                self._target = widget
                widget.add_class("has-quote")
            widgets.append(widget)
        if not quote_spans:
            note = Text("This quote was not found in its source text.", "bold red")
            widgets.insert(0, Static(note, classes="paragraph"))
        return widgets

    def on_mount(self) -> None:
        if self._target is not None:
            target = self._target
            self.call_after_refresh(
                lambda: self.query_one("#source-text").scroll_to_widget(
                    target, animate=False, center=True, immediate=True
                )
            )
        self.query_one("#source-text").focus()

    def action_scroll(self, lines: int) -> None:
        self.query_one("#source-text").scroll_relative(y=lines, animate=False)
