"""What every command shares: exit codes, printing for people and for tools, the options
that mean the same everywhere, and opening the corpus a command works on."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from factcheck.corpus.terminal_text import json_for_terminal, visible

if TYPE_CHECKING:
    from factcheck.corpus.model import Claim, Corpus
    from factcheck.corpus.writer import Change
    from factcheck.workspace import Workspace


class ExitCode(IntEnum):
    OK = 0
    PROBLEMS = 1
    """The corpus has errors."""
    USAGE = 2
    """A bad invocation: click uses 2 for its own usage errors too."""
    OUTPUT = 3
    """Standard output could not be written (a full disk, /dev/full): what was printed is lost."""


F = TypeVar("F", bound=Callable[..., Any])

CorpusPath = click.Path(exists=True, file_okay=False, path_type=Path)


def text_or_json(help_text: str) -> Callable[[F], F]:
    """The `--format text|json` option of the commands that print findings or figures."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        help=help_text,
    )


def reviewer_name(
    _context: click.Context, _parameter: click.Parameter, name: str | None
) -> str | None:
    """`--reviewer`, refused when empty: an empty name fell back to git's user.name, so ratings
    went to someone else's file without a word."""
    if name is not None and not name.strip():
        raise click.BadParameter(
            "the reviewer's name is empty; give a name, or leave the option out"
        )
    return name


editor_option = click.option(
    "--editor",
    "editors",
    multiple=True,
    help="A reviewer whose verdict is final, for this run only (adds to `editors` in "
    "factcheck.yaml; repeatable).",
)
"""`--editor`, the same in every command that weighs verdicts (review, serve, stats, export)."""


def reviewer_options(command: F) -> F:
    """`--reviewer` and `--editor`, alike for the app in a terminal (`review`) and in a browser
    (`serve`)."""
    command = editor_option(command)
    return click.option(
        "--reviewer",
        callback=reviewer_name,
        help="Whose review file to write: default git's user.name, or login.",
    )(command)


def say(message: str, *, err: bool = True) -> None:
    """Print a message for a person: a finding, a warning, a table. Whatever in it came from a
    file or a user (a key, a file name, a reviewer, a quote) is shown, never acted on by the
    terminal (corpus/terminal_text.py): every message of the command line goes through here."""
    click.echo(visible(message), err=err)


def print_json(document: object) -> None:
    """JSON for tools on stdout; characters a terminal acts on are written as \\u escapes, the
    same data for a parser, so it is safe on a terminal too."""
    click.echo(json_for_terminal(json.dumps(document, indent=2, ensure_ascii=False)))


def corpus_or_exit(path: Path | None) -> Path:
    from factcheck.corpus.loader import is_corpus
    from factcheck.workspace.locate import resolve_corpus

    root = resolve_corpus(path, announce=lambda said: say(f"factcheck: {said}"))
    if root is None:
        say("factcheck: no corpus here and no bundled corpus; name one: PATH")
        sys.exit(ExitCode.USAGE)
    if not is_corpus(root):
        say(f"factcheck: {root} is not a corpus: a corpus is a folder with claims/ and evidence/")
        sys.exit(ExitCode.USAGE)
    return root


def workspace_or_exit(path: Path | None, *, editors: tuple[str, ...] = ()) -> Workspace:
    """The corpus at `path` opened; exits with its problems when nothing could be loaded."""
    from factcheck.workspace import Workspace

    workspace = Workspace.open(corpus_or_exit(path), editors=editors)
    if workspace.corpus is None:
        for problem in workspace.problems:
            say(str(problem))
        sys.exit(ExitCode.PROBLEMS)
    return workspace


def unknown_claim(corpus: Corpus, claim_id: str) -> str | None:
    """What to say of a claim id the corpus does not have, with a guess; None when it has it."""
    if claim_id in corpus.claims_by_id:
        return None
    from factcheck.corpus.diagnostics import did_you_mean

    return (
        f"factcheck: no claim has the id {claim_id!r}{did_you_mean(claim_id, corpus.claims_by_id)}"
    )


def claim_or_exit(corpus: Corpus, claim_id: str) -> Claim:
    """The claim with `claim_id`; exits 2 with a guess when there is none (a typo would list,
    suggest or add nothing)."""
    if said := unknown_claim(corpus, claim_id):
        say(said)
        sys.exit(ExitCode.USAGE)
    return corpus.claims_by_id[claim_id]


def _no_color(_context: click.Context, _parameter: click.Parameter, no_color: bool) -> None:
    """`--no-color` is NO_COLOR=1 (no-color.org) for this run: the review app (Textual draws in
    monochrome then) and the apps `serve` starts read it from the environment."""
    if no_color:
        os.environ["NO_COLOR"] = "1"


no_color_option = click.option(
    "--no-color",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_no_color,
    help="No colour in the app (as NO_COLOR=1 does). The other commands print none.",
)
"""Before or after the command's name: `factcheck --no-color review` or `review --no-color`."""


# Bringing material in: init, add-source, add-claim, add-quote. Each change to the corpus files
# goes through the one writer (factcheck.corpus.writer), which refuses a change that would bring
# an error and overwrites nothing.


def corpus_to_change(path: Path | None) -> Workspace:
    """The corpus a writing command changes: the one named, else the current folder. Never the
    bundled corpus: material is added to one's own corpus, on purpose."""
    from factcheck.corpus.loader import is_corpus

    root = path if path is not None else Path.cwd()
    if not is_corpus(root):
        say(
            f"factcheck: {root} is not a corpus (no claims/ and evidence/); make one with "
            "`factcheck init`, or name one: PATH"
        )
        sys.exit(ExitCode.USAGE)
    return workspace_or_exit(root)


def refuse(error: Exception) -> NoReturn:
    say(f"factcheck: {error}")
    sys.exit(ExitCode.PROBLEMS)


def say_change(change: Change) -> None:
    """What a change did and the warnings it brings (stderr), then the id it made (stdout)."""
    say(f"factcheck: {change.summary}")
    for note in change.notes:
        say(f"factcheck: warning: {note}")
    say(str(change.item_id), err=False)


def raised_writing_stdout(error: OSError) -> bool:
    """Whether `error` came from a write to standard output. Every command prints through
    click.echo, so the write that failed was echo's, to its `file`; an OSError of the core (a
    file it writes on a full disk) comes from elsewhere and is not the output's."""
    frame = error.__traceback__
    while frame is not None and frame.tb_next is not None:
        frame = frame.tb_next
    stream = frame.tb_frame.f_locals.get("file") if frame is not None else None
    try:
        return stream is not None and stream.fileno() == sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return False


def flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except OSError as error:
        output_lost(error)


def output_lost(error: OSError) -> NoReturn:
    # The unwritten output is dropped: fd 1 goes to /dev/null, so that the flush at exit, which
    # would fail again, succeeds instead of printing 'Exception ignored' and exiting 120.
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    with contextlib.suppress(OSError):
        say(f"factcheck: cannot write the output: {error.strerror or error}")
    sys.exit(ExitCode.OUTPUT)
