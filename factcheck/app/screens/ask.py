"""A small question with one-key answers, asked before work on disk or in an editor is lost."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class Ask(ModalScreen[str]):
    """Dismisses with the name of the answer chosen; subclasses bind the keys to
    `answer('<name>')` and list them in `choices`, which are drawn as links: a click on one
    answers too, for someone on a mouse (or in a browser, `factcheck serve`)."""

    choices: ClassVar[tuple[tuple[str, str], ...]] = ()
    """(what is shown, the answer) for each answer, in order."""

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="ask-box"):
            yield Static(Text(self.question, "bold"), classes="ask-question")
            yield Static(self._links(), classes="ask-keys")

    def _links(self) -> Content:
        links = [
            Content.from_markup(f"[@click=screen.answer('{answer}')]{shown}[/]")
            for shown, answer in self.choices
        ]
        return Content(" · ").join(links)

    def action_answer(self, name: str) -> None:
        self.dismiss(name)


class DiscardNote(Ask):
    """Escape in a changed note: 'save', 'discard' or 'keep' (editing)."""

    choices = (("s save", "save"), ("d discard", "discard"), ("escape or k keep editing", "keep"))
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

    choices = (
        ("s save and quit", "save"),
        ("d discard and quit", "discard"),
        ("esc/k keep editing", "keep"),
    )

    def __init__(self) -> None:
        super().__init__("Quit: save the changes to this note first?")


class Overwrite(Ask):
    """Export to a file that exists: 'yes' or 'no'."""

    choices = (("y overwrite", "yes"), ("n or escape choose another path", "no"))
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('yes')", "Overwrite", id="overwrite-yes"),
        Binding("n,escape", "answer('no')", "Keep it", id="overwrite-no"),
        Binding("q", "answer('no')", "Keep it", show=False, id="overwrite-q"),
    ]

    def __init__(self, path: str) -> None:
        super().__init__(f"{path} exists. Overwrite it?")
