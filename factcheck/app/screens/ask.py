"""A small question with one-key answers, asked before work on disk or in an editor is lost."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class Ask(ModalScreen[str]):
    """Dismisses with the name of the answer chosen; subclasses bind the keys to
    `answer('<name>')` and name them in `keys`."""

    keys: ClassVar[str] = ""

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="ask-box"):
            yield Static(Text(self.question, "bold"), classes="ask-question")
            yield Static(self.keys, markup=False, classes="ask-keys")

    def action_answer(self, name: str) -> None:
        self.dismiss(name)


class DiscardNote(Ask):
    """Escape in a changed note: 'save', 'discard' or 'keep' (editing)."""

    keys = "s save · d discard · escape or k keep editing"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "answer('save')", "Save", id="discard-note-save"),
        Binding("d", "answer('discard')", "Discard", id="discard-note-discard"),
        Binding("escape,k", "answer('keep')", "Keep editing", id="discard-note-keep"),
        # The app's 'q' quits: here it would throw the note away.
        Binding("q", "answer('keep')", "Keep editing", show=False, id="discard-note-q"),
    ]

    def __init__(self, question: str = "Discard the changes to this note?") -> None:
        super().__init__(question)


class QuitFromNote(DiscardNote):
    """ctrl+q in a changed note: the same answers, and after 'save' or 'discard' the app
    quits; the question and keys say so."""

    keys = "s save and quit · d discard and quit · esc/k keep editing"

    def __init__(self) -> None:
        super().__init__("Quit: save the changes to this note first?")


class Overwrite(Ask):
    """Export to a file that exists: 'yes' or 'no'."""

    keys = "y overwrite · n or escape choose another path"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('yes')", "Overwrite", id="overwrite-yes"),
        Binding("n,escape", "answer('no')", "Keep it", id="overwrite-no"),
        Binding("q", "answer('no')", "Keep it", show=False, id="overwrite-q"),
    ]

    def __init__(self, path: str) -> None:
        super().__init__(f"{path} exists. Overwrite it?")
