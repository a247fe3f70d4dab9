"""review and serve: the review app in a terminal and in a web browser."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from factcheck.cli.common import (
    CorpusPath,
    ExitCode,
    corpus_or_exit,
    no_color_option,
    reviewer_options,
    say,
)
from factcheck.cli.group import cli


def _theme_names(_context: click.Context, _parameter: click.Parameter, written: str) -> list[str]:
    """What `--theme` completes to in the shell: Textual's themes (imported only here, when a
    shell asks, so other commands start without Textual)."""
    from textual.theme import BUILTIN_THEMES

    return [name for name in BUILTIN_THEMES if name.startswith(written)]


@cli.command()
@click.argument("path", required=False, type=CorpusPath)
@reviewer_options
@click.option(
    "--theme",
    metavar="NAME",
    shell_complete=_theme_names,
    help="The colours: textual-dark, textual-light, or another Textual theme (ctrl+p, 'theme' "
    "lists them). Kept for the next review.",
)
@no_color_option
def review(
    path: Path | None, reviewer: str | None, editors: tuple[str, ...], theme: str | None
) -> None:
    """Open the review app on the corpus at PATH: rate claims, write notes, read sources.

    Ratings go to reviews/<reviewer>.yaml in the corpus, each on disk as soon as its key is
    pressed; the help screen (?) shows the path. With no PATH outside a corpus, an installed
    factcheck opens its own copy of the bundled corpus in the user data folder
    ($FACTCHECK_DATA_DIR overrides), made on first use: never the package's files, which a
    reinstall deletes.
    """
    from textual.theme import BUILTIN_THEMES

    from factcheck.app import create_app
    from factcheck.corpus.diagnostics import did_you_mean
    from factcheck.reviews.session import default_reviewer
    from factcheck.reviews.store import reviewer_name_problem

    if theme is not None and theme not in BUILTIN_THEMES:
        guess = did_you_mean(theme, BUILTIN_THEMES)
        say(f"factcheck: no theme {theme!r}{guess}; the themes: {', '.join(BUILTIN_THEMES)}")
        sys.exit(ExitCode.USAGE)
    root = corpus_or_exit(path)
    reviewer = reviewer or default_reviewer()
    if problem := reviewer_name_problem(reviewer):  # git's user.name may be the long one
        say(f"factcheck: {problem}; give a shorter one with --reviewer")
        sys.exit(ExitCode.USAGE)
    app = create_app(root, reviewer, editors=editors, theme=theme)
    failed = app.run()
    if failed is not None:
        # The corpus could not be opened at all: the same diagnostics as `check`.
        for problem in failed:
            say(str(problem))
        sys.exit(ExitCode.PROBLEMS)
    sys.exit(app.return_code or ExitCode.OK)


_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


@cli.command()
@click.argument("path", required=False, type=CorpusPath)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on. Only this computer can connect unless you change it.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@reviewer_options
@no_color_option
def serve(
    path: Path | None, host: str, port: int, reviewer: str | None, editors: tuple[str, ...]
) -> None:
    """Serve the review app to a web browser, for an editor without a terminal.

    Each browser tab that opens the page gets its own `factcheck review` of the corpus at PATH,
    writing to the same review file. Stop with Ctrl+C.
    """
    import shlex

    from textual_serve.server import Server

    from factcheck.reviews.session import default_reviewer
    from factcheck.reviews.store import reviewer_name_problem

    root = corpus_or_exit(path)
    reviewer = reviewer or default_reviewer()
    if problem := reviewer_name_problem(reviewer):
        say(f"factcheck: {problem}; give a shorter one with --reviewer")
        sys.exit(ExitCode.USAGE)
    if host not in _LOOPBACK_HOSTS:
        # The page has no login: whoever can reach the port rates as `reviewer`.
        say(
            f"factcheck: warning: serving on {host}, not only this computer: anyone who can "
            f"reach {host}:{port} can read the corpus and rate claims as {reviewer!r}"
        )
    review_command = [sys.executable, "-m", "factcheck", "review", str(root)]
    review_command += ["--reviewer", reviewer]
    for editor in editors:
        review_command += ["--editor", editor]
    # textual-serve runs the command through a shell for each browser tab: every part quoted.
    server = Server(
        shlex.join(review_command),
        host=host,
        port=port,
        title="factcheck review",
        public_url=_served_url(host, port),
    )
    server.serve()


def _served_url(host: str, port: int) -> str:
    """The address the page tells the browser to open its websocket on. textual-serve makes it
    from --host, so on 0.0.0.0 a browser elsewhere was sent to its own 0.0.0.0 and the page
    stayed blank; and an IPv6 address needs brackets in a URL."""
    import socket

    if host in ("0.0.0.0", "::", ""):
        host = socket.getfqdn()
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
