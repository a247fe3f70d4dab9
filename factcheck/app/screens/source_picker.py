"""Choose a source to quote from (key S on the review screen): type to narrow the list by id,
outlet or title, enter opens it; returns the source's id with `dismiss`."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from factcheck.app.text import one_line, plain
from factcheck.corpus.model import Corpus, Source


class SourcePicker(ModalScreen[str | None]):
    """Every source of the corpus, `first` (the claim's reporting source) at the top, then
    the newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-source"),
        # Priority: enter in the filter box opens the source highlighted in the list.
        Binding("enter", "open", "Open", priority=True, id="open-source"),
        Binding("down", "move(1)", show=False, priority=True, id="source-pick-down"),
        Binding("up", "move(-1)", show=False, priority=True, id="source-pick-up"),
    ]

    def __init__(self, corpus: Corpus, *, first: str | None = None) -> None:
        super().__init__()
        newest_first = sorted(
            corpus.sources.values(),
            key=lambda source: str(source.published or ""),
            reverse=True,
        )
        self.sources = sorted(newest_first, key=lambda source: source.id != first)

    def compose(self) -> ComposeResult:
        with Vertical(id="source-picker-box"):
            yield Static(Text("Quote from which source?", "bold"))
            yield Input(placeholder="type to narrow: id, outlet, title", id="source-filter")
            yield OptionList(id="source-options")
            yield Static(
                "enter open · up/down choose · escape cancel", markup=False, classes="dim-keys"
            )

    def on_mount(self) -> None:
        self._show("")
        self.query_one(Input).focus()

    @on(Input.Changed, "#source-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, query: str) -> None:
        words = query.casefold().split()
        options = self.query_one(OptionList)
        options.set_options(
            Option(_row(source), id=source.id)
            for source in self.sources
            if all(word in _searched(source) for word in words)
        )
        if options.option_count:
            options.highlighted = 0

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(current + delta, options.option_count - 1))

    def action_open(self) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is not None:
            self.dismiss(option.id)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _searched(source: Source) -> str:
    return f"{source.id} {source.outlet} {source.title}".casefold()


def _row(source: Source) -> Text:
    row = plain(source.outlet, "bold")
    if source.published:
        row.append(f" · {source.published.human()}", "dim")
    row.append_text(plain(f"  {source.id}", "dim"))
    row.append("\n  ")
    row.append_text(one_line(source.title, "italic"))
    return row
