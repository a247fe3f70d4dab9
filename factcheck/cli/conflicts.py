"""conflicts: figures that disagree between the sources of a corpus."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from factcheck.cli.common import CorpusPath, print_json, say, text_or_json, workspace_or_exit
from factcheck.cli.group import cli

if TYPE_CHECKING:
    from factcheck.corpus.conflicts import FigureConflict, SourcedFigure
    from factcheck.corpus.model import Corpus


@cli.command()
@click.argument("path", required=False, type=CorpusPath)
@text_or_json(
    "text: each disagreement with both passages, for people; json: the passages' text, "
    "source ids and spans, and the figures as numbers with their bounds, for tools."
)
def conflicts(path: Path | None, output_format: str) -> None:
    """Figures that disagree between sources: a count (killed, wounded, attacks, arrested) of
    one event that two sources give differently, so that no count satisfies both ("Nineteen
    people were killed" and "killing at least 20 people").

    Every source text is read, not only what is quoted. Two figures are compared only when
    they count the same people of the same event: the same kind of target, no place or date
    that differ, and a place or a month that agree. 'at least 20' allows 20 and more, 'more
    than 30' 31 and more, 'about 20' 16 to 24, 'dozens' 13 to 999. Each disagreement lists the
    quotes that cite either passage.
    """
    from factcheck.corpus.conflicts import conflicts_by_quote

    workspace = workspace_or_exit(path)
    corpus = workspace.corpus
    assert corpus is not None  # workspace_or_exit
    found = workspace.conflicts()
    anchors = workspace.verify().anchors
    quoting: dict[tuple[str, int], list[str]] = {}
    for quote_id, sides in conflicts_by_quote(corpus, found, anchors).items():
        for this, _, _ in sides:
            quoting.setdefault(_key(this), []).append(quote_id)
    if output_format == "json":
        print_json(
            {
                "corpus": str(workspace.root),
                "sources": len(corpus.sources),
                "conflicts": [_document(c, corpus, quoting) for c in found],
            }
        )
        return
    if not found:
        say(f"No figures disagree between the {len(corpus.sources):,} sources.", err=False)
        return
    for conflict in found:
        _say_conflict(conflict, corpus, quoting)
    count = len(found)
    say(f"{count} disagreement{'s' * (count != 1)} between sources.", err=False)


def _key(side: SourcedFigure) -> tuple[str, int]:
    return (side.source_id, side.figure.amount.start)


def _document(
    conflict: FigureConflict, corpus: Corpus, quoting: dict[tuple[str, int], list[str]]
) -> dict[str, Any]:
    document = conflict.to_dict(corpus)
    for side, figure in zip((conflict.first, conflict.second), document["figures"], strict=True):
        figure["quotes"] = sorted(quoting.get(_key(side), []))
    return document


def _say_conflict(
    conflict: FigureConflict, corpus: Corpus, quoting: dict[tuple[str, int], list[str]]
) -> None:
    from factcheck.corpus.conflicts import counted_phrase, located

    say(f"{counted_phrase(conflict)} · {conflict.event}", err=False)
    for side in (conflict.first, conflict.second):
        source = corpus.sources[side.source_id]
        amount = side.figure.amount
        say(
            f"  {located(side, corpus)}: {source.outlet} ({side.source_id}) says "
            f"'{side.written(corpus)}' ({_allows(amount.low, amount.high)})",
            err=False,
        )
        say(f"    “{side.passage(corpus)}”", err=False)
        quotes = quoting.get(_key(side))
        say(
            f"    quoted as: {', '.join(sorted(quotes))}" if quotes else "    not quoted",
            err=False,
        )
    say("", err=False)


def _allows(low: float, high: float) -> str:
    def number(value: float) -> str:
        return f"{value:,.0f}" if value == int(value) else f"{value:,}"

    if high == float("inf"):
        return f"{number(low)} or more"
    if low == high:
        return f"exactly {number(low)}"
    if low == 0:
        return f"at most {number(high)}"
    return f"{number(low)} to {number(high)}"
