"""The review app: load the corpus in a worker, then hand over to the review screen."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import LoadingIndicator, Static

from factcheck.app.screens.ask import DiscardNote
from factcheck.app.screens.note import NoteEditor
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.widgets.reviews_watcher import POLL_SECONDS
from factcheck.corpus.loader import LoadResult, load_corpus
from factcheck.corpus.problems import Problem
from factcheck.reviews import ReviewStore
from factcheck.reviews.others import OtherReviews
from factcheck.reviews.session import ReviewSession


@dataclass(slots=True)
class Loaded:
    session: ReviewSession
    problems: list[Problem]


class ReviewApp(App[LoadResult | None]):
    """Exits with the LoadResult when the corpus cannot be opened at all, for the CLI to print."""

    CSS_PATH = "app.tcss"
    TITLE = "factcheck"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit", id="app-quit")]

    def __init__(self, root: Path, reviewer: str, *, poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__()
        self.root = root
        self.reviewer = reviewer
        self.poll_seconds = poll_seconds
        """How often the other reviewers' files are checked for changes on disk."""

    def compose(self) -> ComposeResult:
        yield Static(f"Opening {self.root} …", id="loading-text", markup=False)
        yield LoadingIndicator()

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exit_on_error=True)
    def load(self) -> None:
        loaded = load_corpus(self.root)
        if loaded.corpus is None:
            self.call_from_thread(self.exit, loaded, 1)
            return
        root = loaded.corpus.root
        store = ReviewStore(root, self.reviewer)
        others = OtherReviews.load(root, store.relative)
        session = ReviewSession(loaded.corpus, store, others=others)
        self.call_from_thread(self._open, Loaded(session, loaded.problems))

    async def action_quit(self) -> None:
        """Quit, except from a changed note: ctrl+q works on every screen, and would throw the
        note away; the editor asks first, as it does on escape."""
        if isinstance(self.screen, DiscardNote):
            return  # already asking
        editor = next(
            (s for s in self.screen_stack if isinstance(s, NoteEditor) and s.changed), None
        )
        if editor is not None:
            editor.action_close()
            return
        self.exit()

    def _open(self, loaded: Loaded) -> None:
        # A 10,000-claim corpus is millions of long-lived objects; without this, each full
        # garbage collection walks them all and stalls a key press by 100 ms or more.
        gc.freeze()
        # The spinner would keep animating under the review screen, redrawing for nothing.
        self.query_one(LoadingIndicator).remove()
        self.push_screen(ReviewScreen(loaded.session, loaded.problems, self.poll_seconds))


def create_app(root: Path, reviewer: str, *, poll_seconds: float = POLL_SECONDS) -> ReviewApp:
    """The app the `review` command runs; tests and benchmarks build it the same way (tests
    with a short `poll_seconds`, so a change on disk shows without waiting seconds)."""
    return ReviewApp(root, reviewer, poll_seconds=poll_seconds)
