"""Verifying many quotes at once: grouped by source, and across processes when that pays.

Imports only the standard library, factcheck.quotes and factcheck.processes, so the checker, the
app and the benchmark share it without pulling in a UI.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from factcheck.processes import available_cores, map_in_processes
from factcheck.quotes import Anchor, SourceText, anchor_quote

PARALLEL_MIN_QUOTES = 200_000
"""Below this many quotes `workers=None` stays in one process, because processes did not pay at
the sizes measured: on the benchmark's 50,000 quotes over 2,000 sources, two forkserver workers
took 7.98 s against 4.80 s for one process (and 10.3 s against 8.0 s on a loaded machine after
anchors were made cheap to unpickle). The cost is moving 16 MB of text out and 50,000 anchors
(5 MB pickled, when each still carried 64 characters of context) back, against 2.5-4 s of work. Pass
`workers=2` explicitly to use processes anyway; re-measure before lowering this."""

SHARDS_PER_WORKER = 4
"""Sources are split into more shards than workers so that a slow shard (a source with many
fuzzy quotes) does not leave the other workers idle at the end."""

Job = tuple[str, str, str]
"""(item_id, source_id, quote_text)."""

_SourceGroup = tuple[str, list[tuple[str, str]]]


def verify_quotes(
    jobs: Iterable[Job], texts: Mapping[str, str], workers: int | None = None
) -> dict[str, Anchor]:
    """Anchor every job's quote in its source's text; returns item_id -> Anchor.

    Jobs whose source_id has no text in `texts` are left out: a missing source text is the
    corpus checker's own finding, not a quote that is "not found". `workers=None` lets the size
    of the job decide; `workers=1` forces one process.
    """
    by_source: dict[str, list[tuple[str, str]]] = {}
    for item_id, source_id, quote in jobs:
        if source_id in texts:
            by_source.setdefault(source_id, []).append((item_id, quote))
    groups = [(texts[source_id], items) for source_id, items in by_source.items()]
    quote_count = sum(len(items) for _, items in groups)
    worker_count = _worker_count(workers, quote_count, len(groups))
    if worker_count <= 1:
        return _verify_groups(groups)
    shards = _shards(groups, worker_count * SHARDS_PER_WORKER)
    results: dict[str, Anchor] = {}
    for shard_result in map_in_processes(
        _verify_groups, shards, processes=worker_count, preload=[__name__]
    ):
        results.update(shard_result)
    return results


def _verify_groups(groups: list[_SourceGroup]) -> dict[str, Anchor]:
    results: dict[str, Anchor] = {}
    for text, items in groups:
        source = SourceText(text)
        for item_id, quote in items:
            results[item_id] = anchor_quote(quote, source)
    return results


def _worker_count(requested: int | None, quote_count: int, source_count: int) -> int:
    if requested is not None:
        return max(1, min(requested, source_count))
    if quote_count < PARALLEL_MIN_QUOTES:
        return 1
    return max(1, min(available_cores(), source_count))


def _shards(groups: list[_SourceGroup], shard_count: int) -> list[list[_SourceGroup]]:
    """Split source groups into shards of about equal work, biggest groups first (LPT)."""
    shards: list[list[_SourceGroup]] = [[] for _ in range(min(shard_count, len(groups)))]
    loads = [0] * len(shards)
    for group in sorted(groups, key=lambda group: len(group[1]), reverse=True):
        lightest = loads.index(min(loads))
        shards[lightest].append(group)
        loads[lightest] += len(group[1])
    return shards
