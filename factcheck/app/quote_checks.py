"""Where each quote sits in its source and how well it matches: what the app shows beside a
quote and highlights in the source view. Plain Python, no Textual.

The anchoring itself is `factcheck.quotes` (one quote) and `factcheck.quotes.batch` (many);
this module turns their anchors into the little the app needs, in batches it can show early.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.corpus.anchors import AnchorCache, corpus_jobs
from factcheck.corpus.model import Corpus, Quote
from factcheck.quotes import Anchor, SourceText, anchor_quote
from factcheck.quotes.batch import verify_quotes

BATCH = 500
"""Quotes verified between two deliveries: the first claims' statuses show within a frame or
two, and the UI thread gets the GIL back between batches."""


@dataclass(frozen=True, slots=True)
class QuoteCheck:
    status: str
    """exact, normalised, elided, fuzzy or not found (factcheck.quotes.MatchStatus values)."""
    score: float
    spans: tuple[tuple[int, int], ...]
    """Half-open character ranges in the source's original text."""
    problem: bool
    """True when the quote should be shown as a warning or error."""


NO_TEXT = QuoteCheck("no source text", 0.0, (), True)


def _from_anchor(anchor: Anchor) -> QuoteCheck:
    return QuoteCheck(
        str(anchor.status),
        anchor.score,
        tuple((span.start, span.end) for span in anchor.spans),
        anchor.severity != "ok",
    )


def check_quote(quote: str, source_text: str) -> QuoteCheck:
    """One quote, on demand: the source view opened before the worker reached it."""
    return _from_anchor(anchor_quote(quote, SourceText(source_text)))


def check_corpus_quotes(
    corpus: Corpus,
    quotes: Sequence[Quote],
    deliver: Callable[[dict[str, QuoteCheck]], None],
    cancel: threading.Event,
    batch: int = BATCH,
    cache_dir: Path | None = None,
) -> None:
    """Hand every quote's check to `deliver`: at once for sources verified before and unchanged
    (the shared anchor cache), then the rest in `quotes`' order, batch by batch; stops when
    `cancel` is set. Meant for a thread: it touches nothing but its arguments."""
    cache = AnchorCache(corpus, cache_dir, corpus_jobs(corpus))
    missing = {job[0]: job for job in cache.missing}
    cited = {q.id for q in quotes}
    deliver({q.id: NO_TEXT for q in quotes if q.source_id not in cache.texts})
    pending: dict[str, QuoteCheck] = {}
    for found in cache.known_by_source():
        if cancel.is_set():
            return
        pending.update((qid, _from_anchor(a)) for qid, a in found.items() if qid in cited)
        if len(pending) >= batch:
            deliver(pending)
            pending = {}
            time.sleep(0.002)  # as below: let the UI thread in
    deliver(pending)
    # The quotes the claims cite first, in their order; then the rest (claims' own words).
    order = [missing.pop(q.id) for q in quotes if q.id in missing] + list(missing.values())
    for start in range(0, len(order), batch):
        if cancel.is_set():
            break
        chunk = order[start : start + batch]
        anchors = verify_quotes(chunk, cache.texts, workers=1)
        cache.add(anchors)
        deliver({item_id: _from_anchor(a) for item_id, a in anchors.items() if item_id in cited})
        # A busy thread keeps the GIL for 5 ms at a time, and a key press needs it many
        # times over before its screen is drawn: let the UI thread in between batches.
        time.sleep(0.002)
    cache.save()
