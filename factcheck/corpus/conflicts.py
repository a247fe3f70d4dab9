"""Figures that disagree between the sources of a corpus: the Kabul military hospital attack
killed "Nineteen people" in one report and "at least 20" in another.

Every source text is read for figures that say what they count and of which event
(`factcheck.quotes.counts`), kept per source in a cache while the text is unchanged, and the
figures of different sources are compared: two disagree when they count the same people of the
same event and no count satisfies both. A source that gives two figures for one event is
usually updating itself, so figures of one source are not compared with each other.
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from factcheck.corpus import cache_files
from factcheck.corpus.cancelling import stop_if_cancelled
from factcheck.corpus.model import Corpus, Place, Source
from factcheck.corpus.problems import Problem, Severity
from factcheck.quotes import Anchor, counts, events, figures
from factcheck.quotes.counts import CountedFigure, disagree
from factcheck.quotes.events import Event
from factcheck.quotes.figures import Amount, Bound

CODE = "figures-disagree"
"""The code of `check`'s notes of a disagreement."""


@dataclass(frozen=True, slots=True)
class SourcedFigure:
    """A counted figure and the source whose text it is in."""

    source_id: str
    figure: CountedFigure

    def passage(self, corpus: Corpus) -> str:
        text = corpus.sources[self.source_id].text or ""
        start, end = self.figure.passage
        return text[start:end]

    def written(self, corpus: Corpus) -> str:
        """The amount as the source writes it: 'at least 20'."""
        text = corpus.sources[self.source_id].text or ""
        return text[self.figure.amount.start : self.figure.amount.end]

    def touches(self, anchor: Anchor) -> bool:
        """Whether a quote found at `anchor` (in this figure's source) overlaps its passage."""
        start, end = self.figure.passage
        return any(span.start < end and start < span.end for span in anchor.spans)


@dataclass(frozen=True, slots=True)
class FigureConflict:
    """Two sources' figures of one count of one event that no count satisfies both."""

    first: SourcedFigure
    second: SourcedFigure
    event: str
    """The event both are about, as the texts agree on it: 'military hospital, Kabul, November
    2021'."""

    @property
    def counted(self) -> str:
        return self.first.figure.counted

    @property
    def who(self) -> str:
        return self.first.figure.who

    def sides(self) -> tuple[tuple[SourcedFigure, SourcedFigure], ...]:
        """(this figure, the other) from each side."""
        return ((self.first, self.second), (self.second, self.first))

    def to_dict(self, corpus: Corpus) -> dict[str, Any]:
        return {
            "counted": self.counted,
            "who": self.who,
            "event": self.event,
            "figures": [figure_dict(side, corpus) for side in (self.first, self.second)],
        }


def figure_dict(side: SourcedFigure, corpus: Corpus) -> dict[str, Any]:
    """A figure for tools: its source, its passage and the figure as numbers."""
    amount = side.figure.amount
    start, end = side.figure.passage
    return {
        "source": side.source_id,
        "passage": {"text": side.passage(corpus), "start": start, "end": end},
        "figure": {
            "text": side.written(corpus),
            "start": amount.start,
            "end": amount.end,
            "value": _number(amount.value),
            "low": _number(amount.low),
            "high": None if math.isinf(amount.high) else _number(amount.high),
            "bound": amount.bound.value,
        },
        "event": side.figure.event.describe(),
    }


def _number(value: float) -> int | float:
    return int(value) if value == int(value) else value


def find_conflicts(
    corpus: Corpus, *, cache_dir: Path | None, cancel: threading.Event | None = None
) -> list[FigureConflict]:
    """Every disagreement between two sources of `corpus`, in the order of their sources.
    While no source changed, the pairs found last time are taken from the cache too.
    `Cancelled` once `cancel` is set, between two sources read."""
    cache = FigureCache(corpus, cache_dir)
    by_source = cache.figures(cancel)
    kept = cache.pairs()
    if kept is not None:
        return [
            FigureConflict(
                SourcedFigure(one, by_source[one][first]),
                SourcedFigure(other, by_source[other][second]),
                event,
            )
            for one, first, other, second, event in kept
        ]
    found = _pair(by_source)
    cache.keep_pairs(
        [
            (
                c.first.source_id,
                by_source[c.first.source_id].index(c.first.figure),
                c.second.source_id,
                by_source[c.second.source_id].index(c.second.figure),
                c.event,
            )
            for c in found
        ]
    )
    return found


def _pair(by_source: dict[str, list[CountedFigure]]) -> list[FigureConflict]:
    groups: dict[tuple[str, str, str], list[SourcedFigure]] = {}
    for source_id in sorted(by_source):
        for figure in by_source[source_id]:
            for bucket in _buckets(figure):
                groups.setdefault((figure.counted, figure.who, bucket), []).append(
                    SourcedFigure(source_id, figure)
                )
    found: dict[tuple[Any, ...], FigureConflict] = {}
    for group in groups.values():
        for index, one in enumerate(group):
            for other in group[index + 1 :]:
                if one.source_id == other.source_id:
                    continue
                key = (
                    one.source_id,
                    one.figure.amount.start,
                    other.source_id,
                    other.figure.amount.start,
                )
                if key in found:
                    continue
                event = disagree(one.figure, other.figure)
                if event is not None:
                    found[key] = FigureConflict(one, other, event)
    return sorted(
        found.values(),
        key=lambda c: (c.first.source_id, c.first.figure.amount.start, c.second.source_id),
    )


def _buckets(figure: CountedFigure) -> Iterable[str]:
    """Figures that may be of one event share a bucket: one event needs the same kind of
    target, or without one the same place (`counts.same_event`). Comparing only within a
    bucket keeps the scan near linear at 2,000 sources."""
    event = figure.event
    if event.targets and figure.counted not in counts.AGGREGATES and not event.period:
        return {f"target:{kind}" for kind, _ in event.targets}
    return {f"place:{events.place_key(place)}" for place in event.places}


TouchedSides = dict[str, list[tuple[SourcedFigure, SourcedFigure, FigureConflict]]]
"""Per quote id: (the figure its passage holds, the other source's figure, the conflict)."""


def conflicts_by_quote(
    corpus: Corpus, conflicts: list[FigureConflict], anchors: Mapping[str, Anchor]
) -> TouchedSides:
    """Per quote id: (the figure its passage holds, the other source's, the conflict) for each
    disagreement whose passage the quote overlaps. Quotes not verified yet are left out."""
    sides_by_source: TouchedSides = {}
    for conflict in conflicts:
        for this, other in conflict.sides():
            sides_by_source.setdefault(this.source_id, []).append((this, other, conflict))
    touched: TouchedSides = {}
    for source_id, sides in sides_by_source.items():
        source = corpus.sources.get(source_id)
        for quote_id in source.quote_ids if source is not None else ():
            anchor = anchors.get(quote_id)
            if anchor is None:
                continue
            for side in sides:
                if side[0].touches(anchor):
                    touched.setdefault(quote_id, []).append(side)
    return touched


class Counting(Protocol):
    """A disagreement as found here or as the report carries it (report.model.FiguresDisagree)."""

    @property
    def counted(self) -> str: ...
    @property
    def who(self) -> str: ...


def counted_phrase(conflict: Counting) -> str:
    """What both figures count, for people: 'people killed', 'attacks'. The one wording of
    the CLI, the app and the reports."""
    if conflict.counted == counts.ATTACKS:
        return conflict.who
    return f"{conflict.who} {conflict.counted}"


def conflict_problems(
    corpus: Corpus, conflicts: list[FigureConflict], anchors: Mapping[str, Anchor]
) -> list[Problem]:
    """`check`'s notes: one at each quote that touches a passage of a disagreement, else at the
    passage in its source text."""
    from factcheck.corpus.diagnostics import ProblemCollector

    collector = ProblemCollector(corpus.root)
    by_quote = conflicts_by_quote(corpus, conflicts, anchors)
    quoted: set[tuple[str, int]] = set()
    for quote_id, sides in by_quote.items():
        quote = corpus.quotes[quote_id]
        for this, other, conflict in sides:
            quoted.add((this.source_id, this.figure.amount.start))
            collector.at(
                Place(quote.place.file, (*quote.place.path, "quote")),
                Severity.INFO,
                CODE,
                f"quote '{quote_id}': figures of {counted_phrase(conflict)} disagree "
                f"({conflict.event}): {_says(this, corpus)}, {_says(other, corpus)} "
                f"({located(other, corpus)}); `factcheck conflicts` shows both passages",
            )
    for conflict in conflicts:
        for this, other in conflict.sides():
            if (this.source_id, this.figure.amount.start) in quoted:
                continue
            source = corpus.sources[this.source_id]
            line, column = _line_column(source.text or "", this.figure.amount.start)
            collector.add(
                Problem(
                    source.text_file or source.place.file,
                    line,
                    column,
                    Severity.INFO,
                    f"figures of {counted_phrase(conflict)} disagree ({conflict.event}): "
                    f"{_says(this, corpus)}, {_says(other, corpus)} "
                    f"({located(other, corpus)}); no quote cites this passage",
                    CODE,
                )
            )
    return collector.problems()


def _says(side: SourcedFigure, corpus: Corpus) -> str:
    source = corpus.sources[side.source_id]
    return f"{source.outlet} ({side.source_id}) says '{side.written(corpus)}'"


def located(side: SourcedFigure, corpus: Corpus) -> str:
    """file:line:column of the figure in its source's text."""
    source = corpus.sources[side.source_id]
    line, column = _line_column(source.text or "", side.figure.amount.start)
    return f"{source.text_file or source.place.file}:{line}:{column}"


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


# The cache: each source's figures, kept with a hash of its text and date.

_FORMAT = cache_files.cache_key("figures", 2, code=(counts, events, figures))
"""Figures read by older rules are read again: the rules' own source is in the key."""


class FigureCache:
    """Each source's figures, read from the cache while its text and date are unchanged; and
    the pairs that disagree, while no source changed (nor came or went)."""

    def __init__(self, corpus: Corpus, cache_dir: Path | None) -> None:
        self.corpus = corpus
        self.path = (
            None if cache_dir is None else cache_files.cache_file(cache_dir, "figures", corpus.root)
        )
        self._entries: dict[str, tuple[str, list[tuple[Any, ...]]]] = {}
        self._stored_pairs: tuple[Any, ...] | None = None
        self._unchanged = False

    def figures(self, cancel: threading.Event | None = None) -> dict[str, list[CountedFigure]]:
        stored, self._stored_pairs = self._read()
        result: dict[str, list[CountedFigure]] = {}
        keys: dict[str, str] = {}
        missing: list[tuple[str, str, events.DateParts]] = []
        for source_id, source in self.corpus.sources.items():
            if source.text is None:
                continue
            key = keys[source_id] = _source_key(source)
            kept = stored.get(source_id)
            if kept is not None and kept[0] == key:
                result[source_id] = [_figure(row) for row in kept[1]]
                self._entries[source_id] = kept
            else:
                missing.append((source_id, source.text, _published(source)))
        # One process: two (factcheck.processes) took as long or longer for 2,000 sources of
        # 8,000 characters on two cores, the texts sent to the worker costing what it saved.
        for source_id, text, published in missing:
            stop_if_cancelled(cancel)
            found = counts.counted_figures(text, published)
            result[source_id] = found
            self._entries[source_id] = (keys[source_id], [_row(figure) for figure in found])
        self._unchanged = self._entries == stored
        return result

    def pairs(self) -> list[tuple[str, int, str, int, str]] | None:
        """The disagreements found last time, when no source changed since; else None."""
        if not self._unchanged or self._stored_pairs is None:
            return None
        return list(self._stored_pairs)

    def keep_pairs(self, pairs: list[tuple[str, int, str, int, str]]) -> None:
        if self.path is not None:
            cache_files.write_cache(self.path, (_FORMAT, self._entries, tuple(pairs)))

    def _read(self) -> tuple[dict[str, tuple[str, list[tuple[Any, ...]]]], tuple[Any, ...] | None]:
        match cache_files.read_cache(self.path) if self.path is not None else None:
            case (fmt, dict() as entries, tuple() as pairs) if fmt == _FORMAT:
                return entries, pairs
            case _:
                return {}, None


def _published(source: Source) -> events.DateParts:
    date = source.published
    return (None, None, None) if date is None else (date.year, date.month, date.day)


def _source_key(source: Source) -> str:
    digest = hashlib.sha1((source.text or "").encode(), usedforsecurity=False)
    digest.update(str(source.published).encode())
    return digest.hexdigest()


def _row(figure: CountedFigure) -> tuple[Any, ...]:
    amount, event = figure.amount, figure.event
    return (
        (amount.start, amount.end, amount.value, amount.low, amount.high, amount.bound.value),
        figure.counted,
        figure.who,
        figure.passage,
        (event.targets, event.places, event.date, event.period),
    )


def _figure(row: tuple[Any, ...]) -> CountedFigure:
    (start, end, value, low, high, bound), counted, who, passage, event = row
    targets, places, date, period = event
    return CountedFigure(
        Amount(start, end, value, low, high, Bound(bound)),
        counted,
        who,
        tuple(passage),  # type: ignore[arg-type]
        Event(
            tuple(tuple(t) for t in targets),  # type: ignore[misc]
            tuple(places),
            tuple(date),  # type: ignore[arg-type]
            period,
        ),
    )
