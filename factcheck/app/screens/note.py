"""The note editor: the rationale for a verdict, several lines, returned with `dismiss`. It
takes the claim list's place, so the claim and its evidence stay in view while one writes."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TextArea

from factcheck.app.screens.ask import DiscardNote, QuitFromNote
from factcheck.app.text import one_line
from factcheck.corpus.model import Claim

KEYS = "ctrl+s save · escape close (asks first if changed)"


class NoteEditor(ModalScreen[str | None]):
    """Saves with `save` on ctrl+s and closes only once the note is saved: a save that fails
    (a held lock, a full disk) keeps the editor open with the text as typed. Returns the note
    saved, None when closed without saving. Escape on a changed note asks first: a rationale
    can be minutes of writing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save note", id="save-note"),
        Binding("escape", "close", "Close", id="close-note"),
    ]

    def __init__(self, claim: Claim, note: str, save: Callable[[str], bool]) -> None:
        """`save` writes the note and says whether it is on disk (it tells the user why not)."""
        super().__init__()
        self.claim = claim
        self.note = note
        self._save = save

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
        # The review screen's footer shows through otherwise, naming keys that type here.
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    def action_save(self) -> bool:
        """Save, and close once saved; whether it was."""
        if not self._save(self.text):
            return False
        self.dismiss(self.text)
        return True

    def action_close(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return
        self.app.push_screen(DiscardNote(), self._answered)

    def close_to_quit(self, quit: Callable[[str | None], None]) -> None:
        """ctrl+q on a changed note: ask; after 'save' (once the note is on disk) or 'discard'
        the editor closes and `quit` is called with the note saved (None when discarded). A
        save that fails keeps the editor open, and nothing quits."""

        def answered(answer: str | None) -> None:
            text = self.text
            if self._answered(answer):
                quit(text if answer == "save" else None)

        self.app.push_screen(QuitFromNote(), answered)

    def _answered(self, answer: str | None) -> bool:
        """Act on the answer to 'discard the changes?'; whether the editor closed."""
        if answer == "save":
            return self.action_save()
        if answer == "discard":
            self.dismiss(None)
        else:
            return False  # 'keep': back in the editor, the text and cursor as they were
        return True
