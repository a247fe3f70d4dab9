"""Evidence intelligence: suggest (the passages of the sources that bear on a claim)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from factcheck.cli.common import (
    CorpusPath,
    claim_or_exit,
    print_json,
    say,
    text_or_json,
    workspace_or_exit,
)
from factcheck.cli.group import cli

if TYPE_CHECKING:
    from factcheck.corpus.model import Claim
    from factcheck.corpus.suggest import ClaimSuggestions


@cli.command()
@click.argument("claim_id", metavar="CLAIM_ID")
@click.argument("path", required=False, type=CorpusPath)
@click.option(
    "-n",
    "--limit",
    type=click.IntRange(min=1, max=200),
    default=10,
    show_default=True,
    help="How many passages to suggest.",
)
@text_or_json(
    "text: each passage with its source, span, score and why; json: the same for tools "
    "(text, source id, character span, score, reasons, whether it is linked already)."
)
def suggest(claim_id: str, path: Path | None, limit: int, output_format: str) -> None:
    """Suggest evidence for claim CLAIM_ID: the passages of the sources of the corpus at PATH
    that bear most on it, best first, each with why (the names, dates, numbers and words it
    shares with the claim, the facts that would contradict a claim of its kind, and the
    passages already linked as evidence of claims like it: same claimant, tags, source, date).

    Passages already linked as the claim's evidence are marked. Quote one with
    `factcheck add-quote SOURCE_ID TEXT --claim CLAIM_ID --stance ...`. The index of the
    sources is kept in the cache folder and built again when a source text changes.
    """
    from factcheck.corpus.suggest import passage_index, quoted_passages
    from factcheck.corpus.suggest import suggest as suggest_for
    from factcheck.workspace.checked_before import find_checked_before

    workspace = workspace_or_exit(path)
    corpus = workspace.corpus
    assert corpus is not None  # workspace_or_exit
    claim = claim_or_exit(corpus, claim_id)
    index = passage_index(corpus, workspace.cache_dir)
    # What other claims already have as evidence, a lead for this one (the anchor cache
    # answers: 0.6 s at 10,000 claims once their quotes were checked).
    anchors = workspace.verify().anchors
    found = suggest_for(
        corpus,
        index,
        claim,
        limit=limit,
        anchors=anchors,
        quoted=quoted_passages(corpus, index, anchors),
    )
    before = find_checked_before(workspace, only={claim.id}).get(claim.id, [])
    if output_format == "json":
        document = suggestions_document(claim, found)
        document["checked_before"] = [match.to_dict() for match in before]
        print_json(document)
        return
    for line in header_lines(claim, found):
        say(line, err=False)
    for match in before:  # the same claim in a fact check another outlet published
        say(match.line(), err=False)
    for rank, suggestion in enumerate(found.suggestions, start=1):
        mark = f"  linked: {', '.join(suggestion.linked)}" if suggestion.linked else ""
        say(
            f"\n{rank:2}. {suggestion.score:.2f}  {suggestion.source_id} "
            f"[{suggestion.start}:{suggestion.end}]{mark}",
            err=False,
        )
        say(f"    {_one_line(suggestion.text)}", err=False)
        say(f"    why: {suggestion.reasons.summary()}", err=False)
    if not found.suggestions:
        say("No passage of the sources shares a word with this claim.", err=False)


def header_lines(claim: Claim, found: ClaimSuggestions) -> list[str]:
    """What is said before the suggestions: the claim, and how many passages were ranked. A
    place for more about the claim (e.g. that it was checked before) as it comes."""
    return [
        f"Suggested evidence for '{claim.id}': {_one_line(claim.text)}",
        f"{len(found.suggestions)} of {found.passages:,} passages ranked, best first",
    ]


def suggestions_document(claim: Claim, found: ClaimSuggestions) -> dict[str, Any]:
    """The JSON of `factcheck suggest`: a mapping, so that more about the claim can be added
    beside the suggestions without breaking a reader."""
    return {
        "claim": {"id": claim.id, "text": claim.text},
        "passages_ranked": found.passages,
        "suggestions": [suggestion.to_dict() for suggestion in found.suggestions],
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())
