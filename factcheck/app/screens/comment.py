"""Writing a comment on a claim: the note editor's box, for a message to the other reviewers
and the editor. The thread stays in view beside it, under the claim."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Static, TextArea

from factcheck.app.screens.ask import DiscardNote
from factcheck.app.screens.note import NoteEditor
from factcheck.app.text import one_line
from factcheck.corpus.model import Claim

KEYS = "ctrl+s add the comment · escape close (asks first if written)"


class CommentEditor(NoteEditor):
    """Adds with `save` on ctrl+s and closes once the comment is on disk; a failed save keeps
    the text. Escape on a written comment asks first, as the note editor does (and so does
    ctrl+q: the app asks every changed NoteEditor)."""

    # The note editor's keys, named for a comment: its footer said "Save note".
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Add comment", id="save-note"),
        Binding("escape", "close", "Close", id="close-note"),
    ]

    def __init__(self, claim: Claim, save: Callable[[str], bool]) -> None:
        super().__init__(claim, "", save)

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="comment-box"):
            title = one_line(f"Comment on {self.claim.id}: {self.claim.text}", "bold")
            yield Static(title, id="note-title")
            yield TextArea("", soft_wrap=True, id="note-text")
            yield Static(KEYS, id="note-keys", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def action_close(self) -> None:
        if not self.changed:
            self.dismiss(None)
            return
        self.app.push_screen(DiscardNote("Discard this comment?"), self._answered)
