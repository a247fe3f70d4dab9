"""Where each quote sits in its source and how well it matches: what the app shows beside a
quote and highlights in the source view. Plain Python, no Textual.

All anchoring goes through `check_quote`, the one place that talks to `factcheck.quotes`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from factcheck.corpus.model import Corpus, Quote


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    status: str
    """exact, normalised, elided, fuzzy or not found (factcheck.quotes.MatchStatus values)."""
    score: float
    spans: tuple[tuple[int, int], ...]
    """Half-open character ranges in the source's original text."""
    problem: bool
    """True when the quote should be shown as a warning or error."""


YIELD_EVERY = 20
NO_TEXT = QuoteCheck("no source text", 0.0, (), True)


def check_quote(quote: str, source_text: str) -> QuoteCheck:
    try:
        from factcheck.quotes import SourceText, anchor_quote
    except ImportError:  # pragma: no cover - only while factcheck.quotes is being written
        start = source_text.find(quote)
        if start < 0:
            return QuoteCheck("not found", 0.0, (), True)
        return QuoteCheck("exact", 100.0, ((start, start + len(quote)),), False)
    anchor = anchor_quote(quote, _source_text(source_text, SourceText))
    return QuoteCheck(
        str(anchor.status),
        anchor.score,
        tuple((span.start, span.end) for span in anchor.spans),
        anchor.severity != "ok",
    )


# A source is anchored against many quotes; its prepared form (folded copy) is built once.
_prepared: dict[int, object] = {}
_prepared_lock = threading.Lock()


def _source_text(text: str, factory: Callable[[str], object]) -> object:
    with _prepared_lock:
        prepared = _prepared.get(id(text))
        if prepared is None or getattr(prepared, "text", None) is not text:
            prepared = _prepared[id(text)] = factory(text)
        return prepared


def check_corpus_quotes(
    corpus: Corpus,
    quotes: Iterable[Quote],
    deliver: Callable[[dict[str, QuoteCheck]], None],
    cancel: threading.Event,
    batch: int = 2000,
) -> None:
    """Check `quotes` in order, handing results to `deliver` in batches; stops when `cancel`
    is set. Meant for a thread: it touches nothing but its arguments."""
    results: dict[str, QuoteCheck] = {}
    for done, quote in enumerate(quotes):
        if cancel.is_set():
            return
        if done % YIELD_EVERY == 0:
            # Hand the GIL to the UI thread: a busy thread keeps it for 5 ms at a time, and a
            # key press needs it many times over before its screen is drawn.
            time.sleep(0.001)
        source = corpus.sources.get(quote.source_id)
        if source is None or source.text is None:
            results[quote.id] = NO_TEXT
        else:
            results[quote.id] = check_quote(quote.text, source.text)
        if len(results) >= batch:
            deliver(results)
            results = {}
    if results:
        deliver(results)
