"""The note editor: the rationale for a verdict, several lines, returned with `dismiss`."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from factcheck.app.screens.ask import DiscardNote
from factcheck.app.text import one_line
from factcheck.corpus.model import Claim

KEYS = "ctrl+s save · escape close (asks before throwing changes away)"


class NoteEditor(ModalScreen[str | None]):
    """Returns the new note on ctrl+s, None when closed without saving. Escape on a changed
    note asks first: a rationale can be minutes of writing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save note", id="save-note"),
        Binding("escape", "close", "Close", id="close-note"),
    ]

    def __init__(self, claim: Claim, note: str) -> None:
        super().__init__()
        self.claim = claim
        self.note = note

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    @property
    def changed(self) -> bool:
        return self.text != self.note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box"):
            title = one_line(f"Note on {self.claim.id}: {self.claim.text}", "bold")
            yield Static(title, id="note-title")
            yield TextArea(self.note, soft_wrap=True, id="note-text")
            yield Static(KEYS, id="note-keys", markup=False)

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_close(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.action_save()
            elif answer == "discard":
                self.dismiss(None)
            # 'keep': back in the editor, the text and cursor as they were

        self.app.push_screen(DiscardNote(), answered)
