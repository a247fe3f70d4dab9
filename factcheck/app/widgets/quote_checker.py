"""Verifies every quote of the corpus in a thread after the first paint, posting the results up
batch by batch. A widget with nothing to draw: it owns the worker and the event that stops it."""

from __future__ import annotations

import threading
from collections.abc import Mapping

from textual.message import Message
from textual.widget import Widget

from factcheck.app.threads import run_in_thread
from factcheck.quotes import Anchor
from factcheck.workspace import Workspace


class QuoteChecker(Widget):
    """Quotes are checked in the order the claims cite them, so the first claims' statuses
    arrive first. A failure of the worker reaches the app's one worker-failure handler."""

    class Checked(Message):
        """Quote verification results from the worker thread: those known from the cache (a
        mapping that decodes a source's anchors when asked), then each batch verified."""

        def __init__(self, anchors: Mapping[str, Anchor]) -> None:
            super().__init__()
            self.anchors = anchors

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self._cancel = threading.Event()

    def on_mount(self) -> None:
        # After the first paint, so the list is usable at once.
        self.call_after_refresh(self._start)

    def on_unmount(self) -> None:
        self._cancel.set()

    def _start(self) -> None:
        corpus = self.workspace.corpus
        assert corpus is not None  # the app opens a screen only on a loaded corpus

        def background() -> None:
            # Read only if quotes must be verified, in the claims' order: never in front of
            # the first key press (at 50,000 claims listing them took 0.17 s).
            cited = (link.quote_id for claim in corpus.claims for link in claim.evidence)
            self.workspace.verify(
                first=cited,
                deliver=lambda batch: self.post_message(self.Checked(batch)),
                cancel=self._cancel,
            )

        # The cancel event, set on unmount, ends it with this widget.
        run_in_thread(self, background, name="quote verification", group="quote-checks")
