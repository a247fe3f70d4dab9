"""Verifying a corpus's quotes: the one call that `check`, `export`, `stats` and the app make.

Every quote, and the words of every claim of kind quote, is anchored in its source (see
`factcheck.quotes`). Sources unchanged since their last verification are taken from the anchor
cache (`factcheck.corpus.anchors`) without verifying anything again. The same call serves a
command that wants everything at once and the app, which wants the first claims' quotes first,
results batch by batch as they come, and a way to stop.
"""

from __future__ import annotations

import threading
import time
from collections import ChainMap
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from factcheck.corpus.anchors import (
    CLAIM_PREFIX,
    AnchorCache,
    CachedAnchors,
    corpus_jobs,
    read_stored,
)
from factcheck.corpus.diagnostics import ProblemCollector
from factcheck.corpus.model import ClaimKind, Corpus, Place
from factcheck.corpus.problems import Problem
from factcheck.quotes import Anchor, MatchStatus, describe
from factcheck.quotes.batch import verify_quotes

BATCH = 500
"""Quotes verified between two deliveries when results are delivered as they come: the first
claims' statuses show within a frame or two, and the UI thread gets the GIL back between
batches."""

Deliver = Callable[[Mapping[str, Anchor]], None]
"""Called with the anchors known from the cache (a mapping that decodes a source's anchors when
one of them is asked for), then with each batch verified (a dict)."""


@dataclass(slots=True)
class Verification:
    """The anchors found, by quote id and `claim:<id>` for claims of kind quote."""

    anchors: Mapping[str, Anchor]
    complete: bool
    """False when the run was stopped before every quote was verified."""

    def statuses(self) -> dict[str, str]:
        """Quote id -> how it was found (exact, normalised, ...): what a report shows."""
        return {
            item_id: anchor.status.value
            for item_id, anchor in self.anchors.items()
            if not item_id.startswith(CLAIM_PREFIX)
        }


def verify_corpus(
    corpus: Corpus,
    *,
    cache_dir: Path | None,
    workers: int | None = None,
    first: Iterable[str] = (),
    deliver: Deliver | None = None,
    cancel: threading.Event | None = None,
    known: CachedAnchors | None = None,
) -> Verification:
    """Anchor every quote of `corpus` in its source; `cache_dir=None` verifies afresh and keeps
    nothing. `known`: the anchor cache already read (`read_known`), else it is read here.

    Without `deliver`, everything is verified in one go (across `workers` processes when it
    pays). With it, the anchors known from the cache are delivered first, then the rest in
    batches of `BATCH`, the ids in `first` before the others, in one process; the run stops when
    `cancel` is set, and what was verified is kept in the cache either way. Quotes whose source
    has no text are left out: that is the loader's finding, not a quote "not found".
    """
    if deliver is None:
        cache = AnchorCache(corpus, cache_dir, corpus_jobs(corpus))
        anchors = cache.known()
        anchors.update(cache.fill(workers))
        return Verification(anchors, complete=True)
    if known is None:
        known = read_known(corpus, cache_dir)
    return _verify_in_batches(corpus, cache_dir, first, deliver, cancel or threading.Event(), known)


def read_known(corpus: Corpus, cache_dir: Path | None) -> CachedAnchors:
    """The anchors the cache holds for `corpus`, each source's checked and decoded when first
    asked for. Reading them holds the GIL (40-60 ms at 50,000 quotes), so the app reads them
    while it loads, before its first screen (see ReviewApp.load)."""
    return CachedAnchors(corpus, read_stored(corpus, cache_dir))


CHECK_AFTER_SECONDS = 0.5
"""How long after the cached anchors are delivered the rest of a verification begins."""


def _verify_in_batches(
    corpus: Corpus,
    cache_dir: Path | None,
    first: Iterable[str],
    deliver: Deliver,
    cancel: threading.Event,
    known: CachedAnchors,
) -> Verification:
    fresh: dict[str, Anchor] = {}
    stored = known.stored
    if stored:
        # At once and at no cost: a source's anchors are checked and decoded when one of them
        # is shown. Listing every job and checking every source against the cache (some 60 ms
        # at 50,000 quotes, holding the GIL) waits a moment: at a warm start that moment is the
        # first screen, and the first key pressed would share the GIL with it.
        deliver(known)
        if cancel.wait(CHECK_AFTER_SECONDS):
            return Verification(known, complete=False)
    cache = AnchorCache(corpus, cache_dir, corpus_jobs(corpus), stored)
    missing = {job[0]: job for job in cache.missing}
    order = [missing.pop(item_id) for item_id in first if item_id in missing]
    order += missing.values()
    complete = True
    for start in range(0, len(order), BATCH):
        if cancel.is_set():
            complete = False
            break
        found = verify_quotes(order[start : start + BATCH], cache.texts, workers=1)
        cache.add(found)
        fresh.update(found)
        deliver(found)
        # A busy thread keeps the GIL for 5 ms at a time, and a key press needs it many times
        # over before its screen is drawn: let the UI thread in between batches.
        time.sleep(0.002)
    cache.save()
    return Verification(ChainMap(fresh, known), complete)


def verification_problems(corpus: Corpus, anchors: Mapping[str, Anchor]) -> list[Problem]:
    """Not found and changed figures are errors, fuzzy quotes warnings, folded and elided
    quotes notes (shown with --verbose)."""
    collector = ProblemCollector(corpus.root)
    for item_id, anchor in anchors.items():
        if anchor.status is MatchStatus.EXACT:
            continue
        if item_id.startswith(CLAIM_PREFIX):
            claim = corpus.claims_by_id[item_id.removeprefix(CLAIM_PREFIX)]
            what, words, source_id = f"claim '{claim.id}'", claim.text, claim.source_id or ""
            place = Place(claim.place.file, (*claim.place.path, "text"))
        else:
            quote = corpus.quotes[item_id]
            what, words, source_id = f"quote '{quote.id}'", quote.text, quote.source_id
            place = Place(quote.place.file, (*quote.place.path, "quote"))
        source = corpus.sources[source_id]
        detail = describe(anchor, words, source.text)
        where = f"source '{source_id}' ({source.text_file})"
        code = f"quote-{anchor.status.value.replace(' ', '-')}"
        if anchor.changed_numbers:
            code = "quote-changed-figure"
        collector.at(place, anchor.severity, code, f"{what} in {where}: {detail}")
    return collector.problems()


def verify_now(corpus: Corpus, item_ids: Iterable[str]) -> dict[str, Anchor]:
    """Anchor a few items at once, without the cache: the app's source view opened on a source
    the background verification has not reached yet."""
    # The jobs of these items only: listing every job of a corpus of 50,000 quotes to keep a
    # few took 60 ms, the whole of a claim's suggestions' budget.
    jobs = []
    for item_id in dict.fromkeys(item_ids):
        if item_id.startswith(CLAIM_PREFIX):
            claim = corpus.claims_by_id.get(item_id.removeprefix(CLAIM_PREFIX))
            if claim is not None and claim.kind is ClaimKind.QUOTE and claim.source_id:
                jobs.append((item_id, claim.source_id, claim.text))
        elif (quote := corpus.quotes.get(item_id)) is not None:
            jobs.append((item_id, quote.source_id, quote.text))
    needed = {job[1] for job in jobs}
    texts = {
        sid: source.text
        for sid in needed
        if (source := corpus.sources.get(sid)) is not None and source.text is not None
    }
    return verify_quotes(jobs, texts, workers=1)
