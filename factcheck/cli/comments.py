"""comments and comment: the threads on claims between reviewers and editor, without the app
(an editor reading them in a terminal or a script, a note added from a checklist)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from factcheck.cli.common import (
    CorpusPath,
    ExitCode,
    claim_or_exit,
    corpus_to_change,
    print_json,
    refuse,
    reviewer_name,
    say,
    text_or_json,
    workspace_or_exit,
)
from factcheck.cli.group import cli


@cli.command()
@click.argument("path", required=False, type=CorpusPath)
@click.option("--claim", "claim_id", help="Only the thread on this claim.")
@text_or_json("text: each claim's thread, for people; json: every comment, for tools.")
def comments(path: Path | None, claim_id: str | None, output_format: str) -> None:
    """The comments on the claims of the corpus at PATH: who wrote what, when, oldest first.

    Each author's comments are in comments/<author>.yaml. A file that cannot be read is named
    on stderr with what is wrong; its comments are not listed.
    """
    from factcheck.reviews.comments import comment_files, read_comment_file

    workspace = workspace_or_exit(path)
    corpus = workspace.corpus
    assert corpus is not None  # workspace_or_exit
    if claim_id is not None:
        claim_or_exit(corpus, claim_id)
    root = workspace.root
    files = [read_comment_file(root, relative) for relative in comment_files(root)]
    for unreadable in (f for f in files if f.unreadable is not None):
        for problem in unreadable.problems or ():
            say(f"{problem} (its comments are not listed)")
        if not unreadable.problems:
            say(f"factcheck: {unreadable.relative} cannot be read: {unreadable.unreadable}")
    found = sorted(
        (
            comment
            for comment_file in files
            for comment in comment_file.comments
            if claim_id is None or comment.claim_id == claim_id
        ),
        key=lambda c: (c.claim_id, c.time, c.author.casefold()),
    )
    if output_format == "json":
        print_json(
            [
                {"claim": c.claim_id, "author": c.author, "time": c.time, "text": c.text}
                for c in found
            ]
        )
        return
    if not found:
        where = f"on {claim_id}" if claim_id is not None else "in this corpus"
        say(f"factcheck: no comments {where} yet; add one with `factcheck comment` or C in the app")
        return
    shown: str | None = None
    for comment in found:
        if comment.claim_id != shown:
            say(("\n" if shown is not None else "") + comment.claim_id, err=False)
            shown = comment.claim_id
        say(f"  {comment.author}  {comment.time}", err=False)
        say("    " + comment.text.replace("\n", "\n    "), err=False)


@cli.command()
@click.argument("claim_id", metavar="CLAIM_ID")
@click.argument("text")
@click.argument("path", required=False, type=CorpusPath)
@click.option(
    "--reviewer",
    callback=reviewer_name,
    help="Who writes it (comments/<reviewer>.yaml): default git's user.name, or login.",
)
def comment(claim_id: str, text: str, path: Path | None, reviewer: str | None) -> None:
    """Add TEXT to the thread on claim CLAIM_ID of the corpus at PATH (default: here), as the
    app's C does: on disk when this returns, in the author's own file, which a file that cannot
    be read is never written over."""
    from factcheck.reviews.comments import CommentBoard
    from factcheck.reviews.session import default_reviewer
    from factcheck.reviews.store import reviewer_name_problem

    workspace = corpus_to_change(path)
    corpus = workspace.corpus
    assert corpus is not None  # corpus_to_change
    claim_or_exit(corpus, claim_id)
    author = reviewer or default_reviewer()
    if problem := reviewer_name_problem(author):
        say(f"factcheck: {problem}; give a shorter one with --reviewer")
        sys.exit(ExitCode.USAGE)
    board = CommentBoard(workspace.root, author)
    try:
        written = board.add(claim_id, text)
    except ValueError as error:  # empty, or too long for a comment
        say(f"factcheck: {error}")
        sys.exit(ExitCode.USAGE)
    except OSError as error:  # PermissionError: the file cannot be read; ReviewsBusyError
        refuse(error)
    say(f"factcheck: comment by {written.author} on {claim_id} added to {board.own}")
