"""One line asked for before a workflow step: why a claim is set aside, what an editor sends
back, why a published verdict is corrected. It stays open until `save` says the line is on
disk: a save that fails (a held lock, a full disk, an empty correction) keeps the text."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from factcheck.app.text import one_line


class ReasonDialog(ModalScreen[str | None]):
    """Enter saves with `save` and closes once saved (returning the text); escape closes with
    None and saves nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-reason"),
    ]

    def __init__(
        self,
        title: str,
        question: str,
        save: Callable[[str], bool],
        *,
        text: str = "",
        placeholder: str = "",
        keys: str = "enter save · escape cancel",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.text = text
        self.placeholder = placeholder
        self.keys = keys
        self._save = save

    def compose(self) -> ComposeResult:
        with Vertical(id="reason-box"):
            yield Static(one_line(self.title_text, "bold"), id="reason-title")
            yield Static(Text(self.question), id="reason-question")
            yield Input(self.text, placeholder=self.placeholder, id="reason-text")
            yield Static(self.keys, markup=False, classes="dim-keys")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._save(event.value):
            self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
