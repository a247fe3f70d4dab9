"""Anchors of a corpus's quotes kept between runs, per source.

Verifying 50,000 quotes takes seconds; most runs change a source or two at most. The anchors of
a source are kept with a hash of its text and of the quotes anchored in it (including the claims
of kind quote), and reused while that hash holds. `check`, `export` and the app share the cache.
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from factcheck.corpus.cache_files import cache_file, cache_key, read_cache, write_cache
from factcheck.corpus.model import ClaimKind, Corpus
from factcheck.quotes import Anchor, Difference, MatchStatus, Span
from factcheck.quotes.batch import Job, verify_quotes

CLAIM_PREFIX = "claim:"
"""Anchors of claims of kind quote are keyed `claim:<id>`, beside the quotes' own ids."""

_FORMAT = cache_key("anchors", 3)
_STATUSES = {status.value: status for status in MatchStatus}


def corpus_jobs(corpus: Corpus) -> list[Job]:
    """Every quote, and the words of every claim of kind quote, with the source to find it in."""
    jobs: list[Job] = [(q.id, q.source_id, q.text) for q in corpus.quotes.values()]
    jobs.extend(corpus_jobs_of_quote_claims(corpus))
    return jobs


def corpus_jobs_of_quote_claims(corpus: Corpus) -> list[Job]:
    """The words of every claim of kind quote, with the source to find them in."""
    return [
        (CLAIM_PREFIX + claim.id, claim.source_id, claim.text)
        for claim in corpus.claims
        if claim.kind is ClaimKind.QUOTE and claim.source_id is not None
    ]


class AnchorCache:
    """Splits a corpus's verification into what is known already and the jobs still to run."""

    def __init__(
        self,
        corpus: Corpus,
        cache_dir: Path | None,
        jobs: Iterable[Job],
        stored: dict[str, tuple[str, bytes]] | None = None,
    ) -> None:
        """`stored`: the cache file's entries when they were read already (`read_stored`)."""
        self.texts = {sid: s.text for sid, s in corpus.sources.items() if s.text is not None}
        by_source: dict[str, list[Job]] = {}
        for job in jobs:
            if job[1] in self.texts:
                by_source.setdefault(job[1], []).append(job)
        self._keys = {sid: _source_key(self.texts[sid], group) for sid, group in by_source.items()}
        self._path = _cache_file(corpus.root, cache_dir)
        if stored is None:
            stored = read_stored(corpus, cache_dir)
        # Each source's anchors stay serialised until asked for: reading all 50,000 in one call
        # would hold the GIL for a quarter of a second, and the app's UI thread with it.
        self._entries: dict[str, tuple[str, bytes]] = {
            sid: stored[sid] for sid, key in self._keys.items() if stored.get(sid, ("",))[0] == key
        }
        self._dirty = stored.keys() != self._entries.keys()
        self._missing_by_source = {
            sid: group for sid, group in by_source.items() if sid not in self._entries
        }
        self.missing: list[Job] = [
            job for group in self._missing_by_source.values() for job in group
        ]
        """The jobs whose source changed since it was last verified, or was never verified."""
        self._fresh: dict[str, Anchor] = {}

    def known(self) -> dict[str, Anchor]:
        """The anchors of unchanged sources, all decoded: what a command that reports on every
        quote wants."""
        return {
            item: anchor
            for _, blob in self._entries.values()
            for item, anchor in _decoded(blob).items()
        }

    def fill(self, workers: int | None = None) -> dict[str, Anchor]:
        """Verify the missing jobs, keep them, and return their anchors."""
        fresh = verify_quotes(self.missing, self.texts, workers=workers) if self.missing else {}
        self.add(fresh)
        self.save()
        return fresh

    def add(self, anchors: dict[str, Anchor]) -> None:
        """Record anchors of missing jobs; a source is kept once all of its jobs have one, so a
        run stopped half-way never leaves a source that looks verified and is not."""
        self._fresh.update(anchors)

    def save(self) -> None:
        for source_id, group in self._missing_by_source.items():
            if source_id not in self._entries and all(job[0] in self._fresh for job in group):
                found = {job[0]: self._fresh[job[0]] for job in group}
                blob = marshal.dumps({item_id: _row(anchor) for item_id, anchor in found.items()})
                self._entries[source_id] = (self._keys[source_id], blob)
                self._dirty = True
        if self._path is None or not self._dirty:
            return
        write_cache(self._path, (_FORMAT, self._entries))
        self._dirty = False


def read_stored(corpus: Corpus, cache_dir: Path | None) -> dict[str, tuple[str, bytes]]:
    """The anchor cache's entries for `corpus`: source id -> (key, anchors serialised)."""
    path = _cache_file(corpus.root, cache_dir)
    match read_cache(path) if path is not None else None:
        case (fmt, dict() as entries) if fmt == _FORMAT:
            return entries
        case _:
            return {}  # no cache yet, or an old or broken one: verify afresh


class CachedAnchors(Mapping[str, Anchor]):
    """The cached anchors of a corpus, by item id, each source's checked against its text and
    quotes and decoded only when one of its items is first asked for: what the app shows is one
    claim's handful. Built at no cost, so the first claim's statuses show at once, while
    checking every source (hashing its text and quotes) and decoding all 50,000 anchors would
    hold the GIL in front of the first key press. A source that changed since it was cached
    has no anchors here, never stale ones."""

    def __init__(self, corpus: Corpus, stored: dict[str, tuple[str, bytes]]) -> None:
        self._corpus = corpus
        self.stored = stored
        """The cache's entries it was built from: source id -> (key, anchors serialised)."""
        self._checked: dict[str, dict[str, Anchor] | None] = {}
        # Built here, in the verification's thread: a pass over every claim (15 ms at 50,000)
        # that the UI thread would otherwise make when the first claim's statuses arrive.
        self._quote_claims: dict[str, list[Job]] = {}
        for job in corpus_jobs_of_quote_claims(corpus):
            self._quote_claims.setdefault(job[1], []).append(job)

    def __getitem__(self, item_id: str) -> Anchor:
        source_id = self._source_of(item_id)
        found = self._anchors_of(source_id) if source_id is not None else None
        if found is None or item_id not in found:
            raise KeyError(item_id)
        return found[item_id]

    def __contains__(self, item_id: object) -> bool:
        return isinstance(item_id, str) and self.get(item_id) is not None

    def __iter__(self) -> Iterator[str]:
        for source_id in self.stored:
            yield from self._anchors_of(source_id) or ()

    def __len__(self) -> int:
        return sum(len(self._anchors_of(source_id) or ()) for source_id in self.stored)

    def _source_of(self, item_id: str) -> str | None:
        corpus = self._corpus
        if item_id.startswith(CLAIM_PREFIX):
            claim = corpus.claims_by_id.get(item_id.removeprefix(CLAIM_PREFIX))
            return claim.source_id if claim is not None and claim.kind is ClaimKind.QUOTE else None
        quote = corpus.quotes.get(item_id)
        return quote.source_id if quote is not None else None

    def _anchors_of(self, source_id: str) -> dict[str, Anchor] | None:
        if source_id in self._checked:
            return self._checked[source_id]
        found = None
        entry = self.stored.get(source_id)
        source = self._corpus.sources.get(source_id)
        if (
            entry is not None
            and source is not None
            and source.text is not None
            and _source_key(source.text, self._jobs_of(source_id)) == entry[0]
        ):
            found = _decoded(entry[1])
        self._checked[source_id] = found
        return found

    def _jobs_of(self, source_id: str) -> list[Job]:
        """The source's jobs as `corpus_jobs` lists them, found without listing every job."""
        corpus = self._corpus
        source = corpus.sources[source_id]
        jobs: list[Job] = [
            (quote.id, source_id, quote.text)
            for quote_id in source.quote_ids
            if (quote := corpus.quotes.get(quote_id)) is not None and quote.source_id == source_id
        ]
        return jobs + self._quote_claims.get(source_id, [])


def _decoded(blob: bytes) -> dict[str, Anchor]:
    return {item_id: _anchor(row) for item_id, row in marshal.loads(blob).items()}


def _row(anchor: Anchor) -> tuple[Any, ...]:
    """An anchor as plain tuples: marshal writes 50,000 of them in a tenth of the time pickle
    takes over the named tuples and dataclasses."""
    return (
        anchor.status.value,
        anchor.score,
        tuple((span.start, span.end) for span in anchor.spans),
        anchor.folded,
        tuple(
            (d.in_quote, d.in_source, tuple(d.quote_span), tuple(d.source_span))
            for d in anchor.differences
        ),
        anchor.changed_numbers,
        None if anchor.near_miss is None else tuple(anchor.near_miss),
    )


def _anchor(row: tuple[Any, ...]) -> Anchor:
    status, score, spans, folded, differences, changed_numbers, near_miss = row
    return Anchor(
        _STATUSES[status],
        score,
        tuple(Span(start, end) for start, end in spans),
        folded,
        tuple(Difference(q, s, Span(*qs), Span(*ss)) for q, s, qs, ss in differences),
        changed_numbers,
        None if near_miss is None else Span(*near_miss),
    )


def _source_key(text: str, jobs: list[Job]) -> str:
    digest = hashlib.sha1(text.encode(), usedforsecurity=False)
    for item_id, _, quote in sorted(jobs):
        digest.update(f"\0{item_id}\1{quote}".encode())
    return digest.hexdigest()


def _cache_file(root: Path, cache_dir: Path | None) -> Path | None:
    if cache_dir is None:
        return None
    return cache_file(cache_dir, "anchors", root)
