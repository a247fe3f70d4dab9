"""assign: who reviews which claims, written into the corpus by the one writer."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from factcheck.cli.common import CorpusPath, ExitCode, corpus_to_change, refuse, say
from factcheck.cli.group import cli


def _split(values: tuple[str, ...]) -> list[str]:
    """Repeated options and comma-separated lists alike: `--claim a,b --claim c`."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@cli.command()
@click.argument("path", required=False, type=CorpusPath)
@click.option(
    "--to",
    "reviewers",
    multiple=True,
    metavar="NAME",
    help="A reviewer, as they pass --reviewer (repeatable, or NAME,NAME): claims are dealt "
    "round robin over them.",
)
@click.option("--tag", "tags", multiple=True, help="Only claims with this tag (repeatable).")
@click.option(
    "--claim",
    "claim_ids",
    multiple=True,
    metavar="ID",
    help="Only these claims (repeatable, or ID,ID).",
)
@click.option("--count", type=int, help="Only the first COUNT of the claims chosen.")
@click.option(
    "--per-claim",
    default=1,
    show_default=True,
    help="Reviewers per claim: 2 has two reviewers rate each claim independently.",
)
@click.option(
    "--reassign", is_flag=True, help="Deal out claims assigned already too (default: skip them)."
)
@click.option("--clear", is_flag=True, help="Unassign the claims chosen instead.")
@click.option("--dry-run", is_flag=True, help="Say what would be assigned; write nothing.")
def assign(
    path: Path | None,
    reviewers: tuple[str, ...],
    tags: tuple[str, ...],
    claim_ids: tuple[str, ...],
    count: int | None,
    per_claim: int,
    reassign: bool,
    clear: bool,
    dry_run: bool,
) -> None:
    """Assign the claims of the corpus at PATH (default: here) to reviewers.

    Writes each claim's `assigned:` in claims/ (one change, through the corpus writer). The
    app shows it on the claim, `]` goes to your next assigned claim, and `factcheck stats`
    shows each reviewer's queue. Claims assigned already are skipped unless --reassign.
    """
    from factcheck.corpus.writer import WriteRefused
    from factcheck.reviews.assignment import AssignmentError, plan_assignment

    workspace = corpus_to_change(path)
    corpus = workspace.corpus
    assert corpus is not None  # corpus_to_change
    if workspace.errors:
        # The claims of a file that cannot be read are not loaded, so not assigned either.
        say(
            f"factcheck: warning: the corpus has {workspace.errors} error(s): claims in files "
            "that cannot be read are left out. Run `factcheck check` for the list."
        )
    try:
        plan = plan_assignment(
            corpus,
            _split(reviewers),
            tags=tags,
            claim_ids=_split(claim_ids),
            count=count,
            per_claim=per_claim,
            reassign=reassign,
            clear=clear,
        )
    except AssignmentError as error:
        say(f"factcheck: {error}")
        sys.exit(ExitCode.USAGE)
    if plan.skipped:
        say(f"factcheck: {plan.skipped} claim(s) assigned already, left as they are (--reassign)")
    if not plan.assignments:
        say("factcheck: no claim to assign: nothing written")
        sys.exit(ExitCode.PROBLEMS)
    for name, claims in sorted(plan.per_reviewer().items(), key=lambda i: i[0].casefold()):
        say(f"factcheck: {name}: {claims} claim(s)")
    if clear:
        say(f"factcheck: unassigning {len(plan.assignments)} claim(s)")
    if dry_run:
        say("factcheck: dry run: nothing written")
        return
    try:
        change = workspace.writer().assign(plan.assignments)
    except WriteRefused as error:
        refuse(error)
    say(f"factcheck: {change.summary}")
