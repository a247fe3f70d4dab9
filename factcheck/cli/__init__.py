"""The `factcheck` command: parse arguments, call the core, print, exit with a code.

One module per family of commands; each registers on the group when imported here. The app is
imported only inside `review` and `serve`, so `check` and `export` start without Textual.
"""

from __future__ import annotations

# Imported for their commands, which register on the group.
from factcheck.cli import (  # noqa: F401
    authoring,
    checking,
    comments,
    conflicts,
    exporting,
    history,
    prior,
    reviewing,
    suggesting,
    workflow,
)
from factcheck.cli.common import ExitCode, flush_stdout, output_lost, raised_writing_stdout
from factcheck.cli.group import cli

__all__ = ["ExitCode", "cli", "main"]


def main() -> None:
    """The `factcheck` command. A standard output that cannot be written ends every command
    the same way: one line on stderr and `ExitCode.OUTPUT`, not a traceback from wherever the
    write happened to fail (click itself leaves only a closed pipe, EPIPE, quiet)."""
    try:
        cli(prog_name="factcheck")
    except OSError as error:
        if not raised_writing_stdout(error):
            raise  # not the output's: a bug to see whole
        output_lost(error)
    finally:
        flush_stdout()  # here, not at exit, where a failure is only 'Exception ignored'
