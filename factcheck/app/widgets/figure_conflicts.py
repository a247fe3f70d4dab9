"""Figures that disagree between sources, in the app: found in a thread once quote verification
has ended (the two do not compete for the GIL), and shown under each quote of a claim's evidence
whose passage gives one of the two figures."""

from __future__ import annotations

import threading

from rich.text import Text
from textual.message import Message
from textual.widget import Widget

from factcheck.app.later import AFTER_FIRST_SCREEN_SECONDS
from factcheck.app.text import plain
from factcheck.app.threads import run_in_thread
from factcheck.corpus.conflicts import FigureConflict, SourcedFigure, counted_phrase
from factcheck.corpus.model import Corpus, Quote
from factcheck.quotes import Anchor
from factcheck.workspace import Workspace

CONFLICTS_GROUP = "figure-conflicts"
"""The worker group of the search for figures that disagree."""

Sides = dict[str, list[tuple[SourcedFigure, SourcedFigure, FigureConflict]]]
"""Per source id: (its figure, the other source's, the conflict) for each disagreement."""


class ConflictFinder(Widget):
    """Finds the figures that disagree between the sources of one workspace, in a thread, and
    posts them up. Nothing to draw. A failure reaches the app's one worker-failure handler."""

    class Found(Message):
        """The disagreements of `workspace`'s corpus (a reload may have replaced it since)."""

        def __init__(self, workspace: Workspace, conflicts: list[FigureConflict]) -> None:
            super().__init__()
            self.workspace = workspace
            self.conflicts = conflicts

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self._cancel = threading.Event()

    def on_unmount(self) -> None:
        self._cancel.set()  # the app quits, or the corpus was reloaded: stop reading figures

    def on_mount(self) -> None:
        # A moment after the checks end, which at a warm start is the first screen: reading
        # every source's figures (hashing 16 MB of text at 2,000 sources, even from the cache)
        # would share the GIL with the first keys pressed.
        self.set_timer(AFTER_FIRST_SCREEN_SECONDS, self._start)

    def _start(self) -> None:
        workspace = self.workspace

        def background() -> None:
            # The cache answers for every unchanged source: 10 ms warm at 2,000 sources.
            self.post_message(self.Found(workspace, workspace.conflicts(self._cancel)))

        run_in_thread(self, background, name="finding figures that disagree", group=CONFLICTS_GROUP)


def sides_by_source(conflicts: list[FigureConflict]) -> Sides:
    found: Sides = {}
    for conflict in conflicts:
        for this, other in conflict.sides():
            found.setdefault(this.source_id, []).append((this, other, conflict))
    return found


def disagreements_of(
    quote: Quote, anchor: Anchor | None, sides: Sides, corpus: Corpus
) -> Text | None:
    """'⚠ figures disagree: “Nineteen” here, RFE/RL (rferl-2022-05) says “at least 20”: people
    killed, military hospital, Kabul, November 2021', a line per disagreement whose passage the
    quote overlaps; None when there is none (or the quote is not verified yet)."""
    if anchor is None:
        return None
    lines = [
        (this, other, conflict)
        for this, other, conflict in sides.get(quote.source_id, ())
        if this.touches(anchor)
    ]
    if not lines:
        return None
    out = Text()
    for index, (this, other, conflict) in enumerate(lines):
        if index:
            out.append("\n  ")
        out.append("⚠ figures disagree: ", "bold #d08000")
        out.append_text(plain(f"“{this.written(corpus)}” here, "))
        source = corpus.sources[other.source_id]
        out.append_text(plain(f"{source.outlet} ({other.source_id})", "bold"))
        out.append_text(plain(f" says “{other.written(corpus)}”"))
        out.append_text(plain(f": {counted_phrase(conflict)}, {conflict.event}", "dim"))
    return out
