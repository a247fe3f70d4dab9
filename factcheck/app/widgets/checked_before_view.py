"""Where the selected claim was checked before, under the claim: "checked before: ... rated ...
by ..., on ...". The matching (workspace/checked_before.py) runs in a thread after the first
paint; the widget owns what it found and shows the lines of the claim on display."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from rich.text import Text
from textual.message import Message
from textual.widgets import Static

from factcheck.app.later import AFTER_FIRST_SCREEN_SECONDS
from factcheck.app.text import plain
from factcheck.app.threads import run_in_thread
from factcheck.corpus.checked_before import CheckedBefore
from factcheck.workspace import Workspace

if TYPE_CHECKING:
    from factcheck.workspace.checked_before import Found

SHOWN_PER_CLAIM = 3
"""The best matches shown; `factcheck checked-before --claim ID` lists them all."""


class CheckedBeforeView(Static):
    """Hidden while the claim was not checked before. Everything in it came from files (another
    outlet's claim and rating, another corpus's claims) and is shown as text."""

    class Found(Message):
        """The matches, from the worker thread."""

        def __init__(self, found: Found) -> None:
            super().__init__()
            self.found = found

    def __init__(self, workspace: Workspace, **options: str) -> None:
        super().__init__(**options)
        self.workspace = workspace
        self.found: Found = {}
        self.claim_id: str | None = None
        self.display = False
        self._cancel = threading.Event()

    def on_unmount(self) -> None:
        self._cancel.set()  # the app quits: stop matching

    def on_mount(self) -> None:
        # A moment after the first screen: the matching imports numpy and rapidfuzz and reads
        # every claim, and the first keys pressed would share the GIL with it.
        self.set_timer(AFTER_FIRST_SCREEN_SECONDS, self._start)

    def _start(self) -> None:
        def background() -> None:
            # Imported here: claim matching brings numpy and rapidfuzz, 0.2 s before the first
            # screen otherwise.
            from factcheck.workspace.checked_before import find_checked_before

            self.post_message(self.Found(find_checked_before(self.workspace, cancel=self._cancel)))

        run_in_thread(self, background, name="claims checked before", group="checked-before")

    def on_checked_before_view_found(self, message: Found) -> None:
        message.stop()
        self.found = message.found
        self.show(self.claim_id)

    def show(self, claim_id: str | None) -> None:
        self.claim_id = claim_id
        matches = self.found.get(claim_id, []) if claim_id is not None else []
        self.display = bool(matches)
        self.update(checked_before_text(matches) if matches else "")


def checked_before_text(matches: list[CheckedBefore]) -> Text:
    out = Text()
    for number, match in enumerate(matches[:SHOWN_PER_CLAIM]):
        if number:
            out.append("\n")
        line = match.line()
        label, _, rest = line.partition(": ")
        out.append(f"{label}: ", "bold magenta")
        out.append_text(plain(rest))
        out.append_text(plain(f"  ({match.score:.2f}: {'; '.join(match.reasons)})", "dim"))
        if match.url:
            out.append("\n  ")
            out.append_text(plain(match.url, "dim underline"))
    if len(matches) > SHOWN_PER_CLAIM:
        more = len(matches) - SHOWN_PER_CLAIM
        out.append(f"\n… and {more} more: factcheck checked-before --claim", "dim")
    return out
