"""Changes to the corpus files made from the app (a claim added or edited, a passage quoted as
evidence, a link's stance changed or the link removed, and their undo), written by the one
corpus writer off the UI thread.

A widget with nothing to draw, like the corpus watcher beside it: it runs one change at a time
in a thread worker (the writer loads and checks the corpus: milliseconds on a small corpus, a
second or two at 10,000 claims), then loads the corpus again through the watcher's reload, so
the screen shows the change at once, and posts the outcome up; the review screen applies it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message
from textual.widget import Widget

from factcheck.app.threads import run_in_thread
from factcheck.app.widgets.corpus_watcher import CorpusReload, CorpusWatcher
from factcheck.corpus.writer import Change, ChangedOnDisk, CorpusWriter, WriteRefused
from factcheck.reviews.session import CorpusEdit
from factcheck.workspace.changes import scan_corpus

WRITE_GROUP = "corpus-write"


@dataclass(frozen=True, slots=True)
class WriteRequest:
    """One change to make, and what to do once it is made or refused."""

    write: Callable[[CorpusWriter], Change]
    """Runs in the worker thread: calls one method of the writer."""
    claim_id: str | None
    """The claim to select once it is written (and to return to when it is undone)."""
    undoing: CorpusEdit | None = None
    """The edit on the undo stack that this change undoes."""
    done: Callable[[Change], None] | None = None
    """Called on the UI thread once the change is written and the corpus reloaded."""
    refused: Callable[[str], None] | None = None
    """Called on the UI thread with the writer's reasons when nothing was written; without it,
    the reasons are a notice."""


class CorpusAuthor(Widget):
    """Writes one change at a time; `busy` while it does."""

    DEFAULT_CSS = """
    CorpusAuthor {
        display: none;
    }
    """

    class Written(Message):
        """A change was written (or needed no writing), and the corpus loaded again."""

        def __init__(self, request: WriteRequest, change: Change, reload: CorpusReload | None):
            super().__init__()
            self.request = request
            self.change = change
            self.reload = reload
            """None when nothing was written, so nothing needed loading."""

    class Refused(Message):
        """Nothing was written: `reason` says why, in the writer's words."""

        def __init__(self, request: WriteRequest, reason: str, *, final: bool) -> None:
            super().__init__()
            self.request = request
            self.reason = reason
            self.final = final
            """Whether trying again cannot help: the files changed since, or the change would
            bring errors (not a lock held by another process, or a full disk)."""

    def __init__(self, watcher: CorpusWatcher, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.watcher = watcher
        """The corpus on screen (`watcher.shown`) and the reload that the poll uses."""
        self.busy = False

    def write(self, request: WriteRequest) -> bool:
        """Start the change; False (and a notice) while the last one is still being written."""
        if self.busy:
            self.notify("The last change is still being written; try again in a moment.")
            return False
        self.busy = True
        run_in_thread(
            self,
            lambda: self._write_in_thread(request),
            name="writing to the corpus",
            group=WRITE_GROUP,
        )
        return True

    def _write_in_thread(self, request: WriteRequest) -> None:
        try:
            change = request.write(self._writer())
        except WriteRefused as refused:
            final = isinstance(refused, ChangedOnDisk) or bool(refused.problems)
            self.post_message(self.Refused(request, str(refused), final=final))
            return
        except OSError as error:  # a full disk, a read-only folder
            self.post_message(self.Refused(request, f"Not written: {error}", final=False))
            return
        except BaseException:
            self.post_message(self.Refused(request, "Not written: see the error", final=False))
            raise
        reload = None
        try:
            reload = self.watcher.look() if change.written else None
        finally:  # a reload that fails is the app's to report; the change is written all the same
            self.post_message(self.Written(request, change, reload))

    def _writer(self) -> CorpusWriter:
        """The writer, given the corpus on screen when that is what is on disk (one load
        saved); else it loads the corpus afresh."""
        shown = self.watcher.shown
        if scan_corpus(shown.root, shown.texts_elsewhere()) == shown.signatures:
            return shown.writer()
        return CorpusWriter(shown.root, cache_dir=shown.cache_dir)

    def on_corpus_author_written(self, message: Written) -> None:
        self.busy = False

    def on_corpus_author_refused(self, message: Refused) -> None:
        self.busy = False
