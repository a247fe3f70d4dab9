"""Verifies every quote of the corpus in a thread after the first paint, posting the results up
batch by batch. A widget with nothing to draw: it owns the worker and the event that stops it."""

from __future__ import annotations

import threading
from collections.abc import Callable

from textual.message import Message
from textual.widget import Widget

from factcheck.app.quote_checks import QuoteCheck, check_corpus_quotes
from factcheck.corpus.model import Corpus
from factcheck.corpus.yamlio import default_cache_dir


class QuoteChecker(Widget):
    """Quotes are checked in the order the claims cite them, so the first claims' statuses
    arrive first."""

    class Checked(Message):
        """A batch of quote verification results from the worker thread."""

        def __init__(self, checks: dict[str, QuoteCheck]) -> None:
            super().__init__()
            self.checks = checks

    def __init__(self, corpus: Corpus, first: Callable[[], None] = lambda: None) -> None:
        """`first` runs in the same thread before the checks (the session's search keys): one
        background thread, not two competing with the UI for the GIL."""
        super().__init__()
        self.corpus = corpus
        self._first = first
        self._cancel = threading.Event()

    def on_mount(self) -> None:
        # After the first paint, so the list is usable at once.
        self.call_after_refresh(self._start)

    def on_unmount(self) -> None:
        self._cancel.set()

    def _start(self) -> None:
        corpus = self.corpus
        ordered = dict.fromkeys(link.quote_id for c in corpus.claims for link in c.evidence)
        quotes = [corpus.quotes[qid] for qid in ordered if qid in corpus.quotes]

        def background() -> None:
            self._first()
            check_corpus_quotes(
                corpus,
                quotes,
                lambda batch: self.post_message(self.Checked(batch)),
                self._cancel,
                cache_dir=default_cache_dir(),
            )

        self.run_worker(
            background, thread=True, name="quote-checks", group="quote-checks", exit_on_error=False
        )
