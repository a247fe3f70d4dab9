"""The note on a piece of evidence (shift+c/s/x in the source view): why the passage bears on
the claim, one line, kept on the link; returned with `dismiss` (None: escape, nothing added)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from factcheck.app.text import one_line
from factcheck.corpus.model import Claim, Stance


class LinkNote(ModalScreen[str | None]):
    """Enter adds the passage with the note typed (it may be empty); escape adds nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-link-note"),
    ]

    def __init__(self, claim: Claim, words: str, stance: Stance) -> None:
        super().__init__()
        self.claim = claim
        self.words = words
        self.stance = stance

    def compose(self) -> ComposeResult:
        with Vertical(id="link-note-box"):
            yield Static(one_line(f"“{self.words}”", "italic"))
            yield Static(
                Text.assemble(
                    ("as evidence that ", "dim"),
                    (str(self.stance), "bold"),
                    (" claim ", "dim"),
                    one_line(self.claim.id, "bold"),
                )
            )
            yield Input(placeholder="why it bears on the claim (optional)", id="link-note")
            yield Static("enter add · escape cancel", markup=False, classes="dim-keys")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
