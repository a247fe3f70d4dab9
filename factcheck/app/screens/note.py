"""The note editor: the rationale for a verdict, several lines, returned with `dismiss`."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from factcheck.app.text import one_line
from factcheck.corpus.model import Claim


class NoteEditor(ModalScreen[str | None]):
    """Returns the new note on ctrl+s, None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save note", id="save-note"),
        Binding("escape", "cancel", "Cancel", id="cancel-note"),
    ]

    def __init__(self, claim: Claim, note: str) -> None:
        super().__init__()
        self.claim = claim
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            title = one_line(f"Note on {self.claim.id}: {self.claim.text}", "bold")
            yield Static(title, id="note-title")
            yield TextArea(self.note, soft_wrap=True, id="note-text")
            yield Static("ctrl+s save · escape cancel", id="note-keys", markup=False)

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
