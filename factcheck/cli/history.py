"""diff: what changed in the corpus and its reviews between two git refs."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from factcheck.cli.common import ExitCode, print_json, say, text_or_json
from factcheck.cli.group import cli


@cli.command()
@click.argument("ref1")
@click.argument("ref2")
@click.argument(
    "path", required=False, type=click.Path(file_okay=False, path_type=Path), default="."
)
@text_or_json("text: the changes for people; json: the same for tools.")
def diff(ref1: str, ref2: str, path: Path, output_format: str) -> None:
    """What changed in the corpus at PATH (default: here) from git ref REF1 to REF2.

    Verdicts and notes per reviewer, claims, sources and quotes added or removed, claims
    reworded, evidence links added, removed or given another stance, and quotes whose
    verification status changed. The corpus is read as committed at each ref (a branch, a tag,
    a commit id, HEAD~1), not as it is in the working tree.

    Exits 0 (changes or none), 1 when the corpus at a ref cannot be loaded, 2 for a bad ref or
    a PATH that is not in a git repository.
    """
    from factcheck.workspace.corpus_diff import diff_workspaces
    from factcheck.workspace.diff_text import render_diff
    from factcheck.workspace.history import GitError, corpora_at

    try:
        with corpora_at(path, ref1, ref2) as (before, after):
            for side in (before, after):
                if side.workspace.corpus is None:
                    for problem in side.workspace.problems:
                        say(f"{side.ref}: {problem}")
                    say(f"factcheck: the corpus at {side.ref} cannot be loaded")
                    sys.exit(ExitCode.PROBLEMS)
                if side.workspace.errors:
                    # What a broken file held is missing on that side: it would read as removed.
                    say(
                        f"factcheck: warning: the corpus at {side.ref} has "
                        f"{side.workspace.errors} error(s): what they leave out shows as added "
                        f"or removed; `git checkout {side.commit[:12]}` and `factcheck check` "
                        "list them"
                    )
            changes = diff_workspaces(
                before.workspace, after.workspace, labels=(before.ref, after.ref)
            )
    except GitError as error:
        say(f"factcheck: {error}")
        sys.exit(ExitCode.USAGE)
    for warning in changes.warnings:
        say(f"factcheck: warning: {warning}")
    if output_format == "json":
        print_json(
            {
                "from": {"ref": before.ref, "commit": before.commit},
                "to": {"ref": after.ref, "commit": after.commit},
                **changes.to_dict(),
            }
        )
        return
    heading = (
        f"Changes from {before.ref} ({before.commit[:10]}) to {after.ref} ({after.commit[:10]})"
    )
    say(render_diff(changes, heading).rstrip("\n"), err=False)
