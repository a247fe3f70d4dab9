"""The `factcheck` command: parse arguments, call the core, print, exit with a code.

The app is imported only inside `review`, so `check` and `export` start without Textual.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterable
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from factcheck import __version__
from factcheck.corpus.terminal_text import json_for_terminal, visible

if TYPE_CHECKING:
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


def _reviewer_name(
    _context: click.Context, _parameter: click.Parameter, name: str | None
) -> str | None:
    """`--reviewer`, refused when empty: an empty name fell back to git's user.name, so ratings
    went to someone else's file without a word."""
    if name is not None and not name.strip():
        raise click.BadParameter(
            "the reviewer's name is empty; give a name, or leave the option out"
        )
    return name


def reviewer_options(command: F) -> F:
    """`--reviewer` and `--editor`, alike for the app in a terminal (`review`) and in a browser
    (`serve`)."""
    command = click.option(
        "--editor",
        "editors",
        multiple=True,
        help="A reviewer whose verdict is final, for this run only (adds to `editors` in "
        "factcheck.yaml; repeatable).",
    )(command)
    return click.option(
        "--reviewer",
        callback=_reviewer_name,
        help="Whose review file to write: default git's user.name, or login.",
    )(command)


def _say(message: str, *, err: bool = True) -> None:
    """Print a message for a person: a finding, a warning, a table. Whatever in it came from a
    file or a user (a key, a file name, a reviewer, a quote) is shown, never acted on by the
    terminal (corpus/terminal_text.py): every message of the command line goes through here."""
    click.echo(visible(message), err=err)


def _print_json(document: object) -> None:
    """JSON for tools on stdout; characters a terminal acts on are written as \\u escapes, the
    same data for a parser, so it is safe on a terminal too."""
    click.echo(json_for_terminal(json.dumps(document, indent=2, ensure_ascii=False)))


_JSON_FORMATS = frozenset({"json", "jsonl", "claimreview", "fever", "averitec", "annotations"})


def _print_report(chunks: Iterable[str], format_name: str) -> None:
    """A report on stdout, chunk by chunk as it is made. On a terminal it is read by a person,
    so what the terminal would act on is shown (as signs; in the JSON formats as \\u escapes,
    still JSON) and a CSV's byte order mark left out. A redirect or a pipe gets exactly the
    bytes `-o` writes: that is data for a program, and `> report.csv` must equal `-o report.csv`.
    Both changes work a character at a time, so chunk by chunk gives what the whole text would."""
    terminal = sys.stdout.isatty()
    first = True
    for chunk in chunks:
        text = chunk
        if terminal:
            text = text.removeprefix("\ufeff") if first else text
            text = json_for_terminal(text) if format_name in _JSON_FORMATS else visible(text)
        first = False
        # color=True: click strips what looks like an ANSI sequence from output that is not a
        # terminal, which changed the report's data on its way into a pipe.
        click.echo(text, nl=False, color=True)


def _corpus_or_exit(path: Path | None) -> Path:
    from factcheck.corpus.loader import is_corpus
    from factcheck.workspace.locate import resolve_corpus

    root = resolve_corpus(path, announce=lambda said: _say(f"factcheck: {said}"))
    if root is None:
        _say("factcheck: no corpus here and no bundled corpus; name one: PATH")
        sys.exit(ExitCode.USAGE)
    if not is_corpus(root):
        _say(f"factcheck: {root} is not a corpus: a corpus is a folder with claims/ and evidence/")
        sys.exit(ExitCode.USAGE)
    return root


def _workspace_or_exit(path: Path | None, *, editors: tuple[str, ...] = ()) -> Workspace:
    """The corpus at `path` opened; exits with its problems when nothing could be loaded."""
    from factcheck.workspace import Workspace

    workspace = Workspace.open(_corpus_or_exit(path), editors=editors)
    if workspace.corpus is None:
        for problem in workspace.problems:
            _say(str(problem))
        sys.exit(ExitCode.PROBLEMS)
    return workspace


def _theme_names(_context: click.Context, _parameter: click.Parameter, written: str) -> list[str]:
    """What `--theme` completes to in the shell: Textual's themes (imported only here, when a
    shell asks, so other commands start without Textual)."""
    from textual.theme import BUILTIN_THEMES

    return [name for name in BUILTIN_THEMES if name.startswith(written)]


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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
@no_color_option
def cli() -> None:
    """Check claims against evidence quoted from their sources.

    A corpus is a folder with claims/ and evidence/ (YAML). With no PATH, commands use the current
    folder when it is a corpus, else the corpus bundled with factcheck.
    """


@cli.command()
@click.argument("path", required=False, type=CorpusPath)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github", "sarif"]),
    default="text",
    help="text: one line per finding, like a compiler (at most 20 per file and 200 in all, "
    "errors first, unless --all); json: every finding, for tools; github: every finding as a "
    "GitHub Actions annotation (::error file=...,line=...::); sarif: SARIF 2.1.0 for "
    "code-scanning views. github and sarif leave out notes unless -v.",
)
@click.option("-v", "--verbose", is_flag=True, help="Also show notes, e.g. normalised quotes.")
@click.option("--all", "print_all", is_flag=True, help="Print every finding, however many.")
@click.option("--no-cache", is_flag=True, help="Parse every file afresh.")
@click.option("--no-quotes", is_flag=True, help="Skip quote verification.")
def check(
    path: Path | None,
    output_format: str,
    verbose: bool,
    print_all: bool,
    no_cache: bool,
    no_quotes: bool,
) -> None:
    """Validate the corpus at PATH and verify every quote against its source.

    Exits 0 when there are no errors, 1 when there are, 2 for a bad invocation: counting every
    finding, printed or not.
    """
    from factcheck.corpus.diagnostics import LeftOut, capped
    from factcheck.corpus.problems import Severity
    from factcheck.workspace import Workspace

    workspace = Workspace.open(_corpus_or_exit(path), cache=not no_cache)
    result = workspace.check(verify=not no_quotes)
    root = workspace.root
    shown = [p for p in result.problems if verbose or p.severity is not Severity.INFO]
    if output_format == "json":
        document = {
            "corpus": str(root),
            "summary": {
                "claims": len(result.corpus.claims) if result.corpus else 0,
                "quotes": len(result.corpus.quotes) if result.corpus else 0,
                "sources": len(result.corpus.sources) if result.corpus else 0,
                "errors": result.errors,
                "warnings": result.warnings,
            },
            "problems": [problem.to_dict() for problem in result.problems],
            "quotes": result.quote_results(),
        }
        _print_json(document)
    elif output_format == "github":
        from factcheck.corpus.problem_formats import github_commands

        for command in github_commands(shown):
            _say(command, err=False)
        _say(result.summary(), err=False)
    elif output_format == "sarif":
        from factcheck.corpus.problem_formats import sarif_log

        _print_json(sarif_log(shown, tool_version=__version__))
    else:
        listing = shown if print_all else capped(shown)
        for line in listing:
            _say(str(line), err=False)
        if any(isinstance(line, LeftOut) for line in listing):
            _say("Not every finding is printed: --all prints them all.", err=False)
        _say(result.summary(), err=False)
    sys.exit(ExitCode.PROBLEMS if result.errors else ExitCode.OK)


@cli.command()
@click.argument("path", required=False, type=CorpusPath)
@text_or_json("text: tables for people; json: the same figures for tools.")
@click.option(
    "--editor",
    "editors",
    multiple=True,
    help="A reviewer whose verdict is final, for this run only (adds to `editors` in "
    "factcheck.yaml; repeatable).",
)
def stats(path: Path | None, output_format: str, editors: tuple[str, ...]) -> None:
    """Progress per reviewer, agreement between reviewers, and the claims in dispute.

    Agreement is measured on the claims rated by two or more reviewers (editors left out):
    Krippendorff's alpha over the scale's numeric positions (ordinal; off-scale verdicts such as
    Unproven are left out and counted), alpha with every verdict a category (nominal), and
    percent agreement, overall and per pair of reviewers.
    """
    from factcheck.reviews.stats_text import render_stats

    workspace = _workspace_or_exit(path, editors=editors)
    corpus = workspace.corpus
    assert corpus is not None  # _workspace_or_exit
    for problem in workspace.review_problems():
        _say(f"{problem} (left out)")
    report = workspace.agreement()
    if output_format == "json":
        document = {"corpus": corpus.title, "claims": len(corpus.claims), **report.to_dict()}
        _print_json(document)
    else:
        text = render_stats(report, title=corpus.title, claims=len(corpus.claims))
        click.echo(visible(text), nl=False)


@cli.command()
@click.argument(
    "kind", type=click.Choice(["claims", "evidence", "settings", "report"]), default="claims"
)
def schema(kind: str) -> None:
    """Print the JSON Schema of a corpus file kind, for editors' YAML tooling, or of the report.

    claims: claims/*.yaml; evidence: evidence/*.yaml; settings: factcheck.yaml; report: the
    output of `export --format json` (report.schema.json).
    """
    if kind == "report":
        from factcheck.report.jsonout import schema_text as report_schema_text

        click.echo(report_schema_text(), nl=False)
        return
    from factcheck.corpus.schema import schema_text

    click.echo(schema_text(kind), nl=False)


@cli.command()
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--claims", default=10_000, show_default=True, help="How many claims.")
@click.option("--quotes-per-claim", default=5, show_default=True)
@click.option("--seed", default=1, show_default=True, help="Same seed, same corpus.")
def generate(out: Path, claims: int, quotes_per_claim: int, seed: int) -> None:
    """Write a synthetic corpus of any size into OUT, for benchmarks."""
    from factcheck.corpus.generate import generate_corpus

    size = generate_corpus(out, claims=claims, quotes_per_claim=quotes_per_claim, seed=seed)
    _say(
        f"{out}: {size.claims:,} claims, {size.quotes:,} quotes, {size.sources:,} sources "
        f"in {size.files:,} YAML files"
    )


@cli.command()
@click.argument("path", required=False, type=CorpusPath)
@click.option(
    "--format",
    "format_name",
    type=click.Choice(
        ["md", "html", "json", "csv", "claimreview", "jsonl", "fever", "averitec", "annotations"]
    ),
    help="md: Markdown; html: one printable page; json: every field (its schema: "
    "`factcheck schema report`); "
    "csv: a row per claim and reviewer; claimreview: schema.org markup for publishing; "
    "jsonl: JSON Lines, one claim a line, as in json; fever, averitec: the rated claims as "
    "research datasets (the label mapping: README); annotations: W3C Web Annotations of "
    "every quote on its source. "
    "Default: the one -o's extension names (.md, .html, .json, .csv, .jsonld, .jsonl), "
    "else md.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=True),
    help="Write here (a folder gets factcheck-report.<format>); default: stdout.",
)
@click.option(
    "--reviewer",
    callback=_reviewer_name,
    help="Publish this reviewer's verdicts; default: all, side by side.",
)
@click.option(
    "--editor",
    "editors",
    multiple=True,
    help="A reviewer whose verdict is final, for this run only (adds to `editors` in "
    "factcheck.yaml; repeatable).",
)
@click.option("--rated-only", is_flag=True, help="Leave out claims with no verdict yet.")
@click.option("--tag", "tags", multiple=True, help="Only claims with this tag (repeatable).")
@click.option(
    "--verdict",
    "verdicts",
    multiple=True,
    help="Only claims with this verdict, or 'final', 'rated', 'disputed' or 'pending' "
    "(repeatable).",
)
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your own Jinja2 template for md or html (it may extend the bundled one).",
)
@click.option("--no-verify", is_flag=True, help="Skip quote verification (faster).")
def export(
    path: Path | None,
    format_name: str | None,
    output: Path | None,
    reviewer: str | None,
    editors: tuple[str, ...],
    rated_only: bool,
    tags: tuple[str, ...],
    verdicts: tuple[str, ...],
    template: Path | None,
    no_verify: bool,
) -> None:
    """Export the verdict report of the corpus at PATH.

    Each claim's published verdict is an editor's final verdict where there is one, else the
    reviewers' verdict when they all agree; otherwise the claim is shown as disputed.

    Exits 0 when written (also when the corpus has errors: they are listed on stderr), 2 for a
    bad invocation.
    """
    from jinja2 import TemplateError

    from factcheck.report import registry
    from factcheck.report.filter_values import unknown_tags, unknown_verdicts

    try:
        format_name = registry.format_for_output(output, format_name)
    except registry.FormatChoiceError as error:
        _say(f"factcheck: {error}")
        sys.exit(ExitCode.USAGE)
    if template is not None and not registry.FORMATS[format_name].templated:
        _say("factcheck: --template works with md and html only")
        sys.exit(ExitCode.USAGE)
    workspace = _workspace_or_exit(path, editors=editors)
    corpus = workspace.corpus
    assert corpus is not None  # _workspace_or_exit
    # Before the report is built (25 s at 50,000 claims): the rule the app's dialog applies.
    texts_elsewhere = workspace.texts_elsewhere()
    if output is not None and (
        unsafe := registry.output_refusal(
            registry.output_target(output, format_name), workspace.root, texts_elsewhere
        )
    ):
        _say(f"factcheck: not exported: {unsafe}; choose another path")
        sys.exit(ExitCode.USAGE)
    refused = unknown_verdicts(corpus, verdicts)
    for message in refused:
        _say(f"factcheck: {message}")
    if refused:
        sys.exit(ExitCode.USAGE)
    for message in unknown_tags(corpus, tags):
        _say(f"factcheck: warning: {message}")
    report = workspace.report(
        reviewer=reviewer,
        rated_only=rated_only,
        tags=tags,
        verdicts=verdicts,
        verify=not no_verify,
    )
    if reviewer is not None and reviewer not in report.reviewers:
        known = ", ".join(report.reviewers) or "none yet"
        _say(f"factcheck: no reviews by {reviewer!r} (reviewers: {known})")
        sys.exit(ExitCode.USAGE)
    known_editors = {name.casefold() for name in report.editors}
    for editor in editors:
        if editor.casefold() not in known_editors:  # a typo would silently sign nothing off
            _say(f"factcheck: warning: no reviews by editor {editor!r} yet")
    if workspace.errors:
        _say(
            f"factcheck: warning: the corpus has {workspace.errors} error(s); the report is made "
            "from what could be read. Run `factcheck check` for the list."
        )
    try:
        if output is None:
            # Made as it is printed, claim by claim: a house template's mistake can show after
            # part of the report is out (`-o` writes nothing then). A stdout that cannot be
            # written is every command's error (main), told apart by where it was raised.
            _print_report(registry.stream(report, format_name, template=template), format_name)
        else:
            written = registry.export(
                report,
                format_name,
                output,
                template=template,
                corpus_root=workspace.root,
                texts_elsewhere=texts_elsewhere,
            )
            _say(f"factcheck: wrote {written}")
    except registry.OutputRefusedError as error:  # the path changed while the report was built
        _say(f"factcheck: not exported: {error}; choose another path")
        sys.exit(ExitCode.USAGE)
    except (TemplateError, OSError) as error:  # a house template's mistake is not a crash
        if isinstance(error, OSError) and _raised_writing_stdout(error):
            raise  # a stdout that cannot be written: every command's one error (main)
        _say(f"factcheck: cannot export: {error}")
        sys.exit(ExitCode.PROBLEMS)
    for note in registry.notices(report, format_name):
        _say(f"factcheck: {note}")


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
        _say(f"factcheck: no theme {theme!r}{guess}; the themes: {', '.join(BUILTIN_THEMES)}")
        sys.exit(ExitCode.USAGE)
    root = _corpus_or_exit(path)
    reviewer = reviewer or default_reviewer()
    if problem := reviewer_name_problem(reviewer):  # git's user.name may be the long one
        _say(f"factcheck: {problem}; give a shorter one with --reviewer")
        sys.exit(ExitCode.USAGE)
    app = create_app(root, reviewer, editors=editors, theme=theme)
    failed = app.run()
    if failed is not None:
        # The corpus could not be opened at all: the same diagnostics as `check`.
        for problem in failed:
            _say(str(problem))
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

    root = _corpus_or_exit(path)
    reviewer = reviewer or default_reviewer()
    if problem := reviewer_name_problem(reviewer):
        _say(f"factcheck: {problem}; give a shorter one with --reviewer")
        sys.exit(ExitCode.USAGE)
    if host not in _LOOPBACK_HOSTS:
        # The page has no login: whoever can reach the port rates as `reviewer`.
        _say(
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


# Bringing material in: init, add-source, add-claim, add-quote. Each change to the corpus files
# goes through the one writer (factcheck.corpus.writer), which refuses a change that would bring
# an error and overwrites nothing.


def _corpus_to_change(path: Path | None) -> Workspace:
    """The corpus a writing command changes: the one named, else the current folder. Never the
    bundled corpus: material is added to one's own corpus, on purpose."""
    from factcheck.corpus.loader import is_corpus

    root = path if path is not None else Path.cwd()
    if not is_corpus(root):
        _say(
            f"factcheck: {root} is not a corpus (no claims/ and evidence/); make one with "
            "`factcheck init`, or name one: PATH"
        )
        sys.exit(ExitCode.USAGE)
    return _workspace_or_exit(root)


def _refused(error: Exception) -> NoReturn:
    _say(f"factcheck: {error}")
    sys.exit(ExitCode.PROBLEMS)


def _written(change: Change) -> None:
    """What a change did and the warnings it brings (stderr), then the id it made (stdout)."""
    _say(f"factcheck: {change.summary}")
    for note in change.notes:
        _say(f"factcheck: warning: {note}")
    _say(str(change.item_id), err=False)


@cli.command()
@click.argument("path", required=False, type=click.Path(path_type=Path), default=Path("."))
def init(path: Path) -> None:
    """Make a new corpus in PATH (default: here): claims/, evidence/, factcheck.yaml with every
    setting explained, a .gitignore, and JSON Schemas for editors' YAML tooling.

    Refuses a folder that is a corpus already or holds files: nothing is overwritten.
    """
    from factcheck.corpus.scaffold import NotEmptyError, create_corpus

    try:
        written = create_corpus(path)
    except (NotEmptyError, OSError) as error:
        _refused(error)
    _say(f"factcheck: made a corpus in {path}: {', '.join(written)}")
    _say(f"Next: factcheck add-source FILE|URL {path}")


@cli.command("add-source")
@click.argument("target", metavar="FILE|URL")
@click.argument("path", required=False, type=CorpusPath)
@click.option("--id", "source_id", help="The source's id; default: from outlet and date.")
@click.option("--outlet", help="The publication; default: the page's site name or host.")
@click.option("--title", help="The headline; default: the page's title.")
@click.option("--published", help="YYYY, YYYY-MM or YYYY-MM-DD; default: the page's date.")
@click.option("--author", help="The byline; default: the page's author.")
@click.option("--url", help="Where a saved FILE was published; default: the page's own link.")
def add_source(
    target: str,
    path: Path | None,
    source_id: str | None,
    outlet: str | None,
    title: str | None,
    published: str | None,
    author: str | None,
    url: str | None,
) -> None:
    """Capture an article as a source of the corpus at PATH: a saved web page, a URL, a PDF or
    a plain text file.

    The article's text goes to evidence/<id>.txt (a page's main text, without navigation,
    banners, related links or comments), the page or PDF as captured beside it, and the source
    to evidence/<id>.yaml with the capture time. Prints the new source's id.
    """
    from factcheck.corpus.capture import CaptureError, capture_file, capture_url, is_url
    from factcheck.corpus.writer import WriteRefused

    workspace = _corpus_to_change(path)
    try:
        captured = capture_url(target) if is_url(target) else capture_file(Path(target), url=url)
    except CaptureError as error:
        _refused(error)
    outlet = outlet or captured.outlet
    title = title or captured.title
    missing = [f"--{name}" for name, value in (("outlet", outlet), ("title", title)) if not value]
    if missing:
        _say(
            f"factcheck: {target} does not say its {' and '.join(m[2:] for m in missing)}; "
            f"give {' and '.join(missing)}"
        )
        sys.exit(ExitCode.USAGE)
    assert outlet is not None and title is not None
    address = url or captured.url
    sources = workspace.corpus.sources.values() if workspace.corpus is not None else ()
    if twins := [source.id for source in sources if address and source.url == address]:
        _say(f"factcheck: warning: {address} is captured already, as {', '.join(twins)}")
    original = (captured.suffix, captured.original) if captured.original is not None else None
    try:
        change = workspace.writer().add_source(
            captured.text,
            outlet=outlet,
            title=title,
            source_id=source_id,
            url=address,
            published=published or captured.published,
            author=author or captured.author,
            captured=captured.captured,
            original=original,
        )
    except (WriteRefused, OSError) as error:  # OSError: a full disk, a read-only folder
        _refused(error)
    words = len(captured.text.split())
    _say(f"  {outlet} · {title} · {published or captured.published or 'no date'}")
    _say(f"  {words:,} words of text in evidence/{change.item_id}.txt")
    if not (published or captured.published):
        _say("  no date found: add `published:` to the source, or give --published")
    _written(change)


@cli.command("add-claim")
@click.argument("path", required=False, type=CorpusPath)
@click.option("--id", "claim_id", required=True, help="Unique in the corpus, e.g. daesh-defeated.")
@click.option("--text", required=True, help="The claim; for --kind quote, the exact words.")
@click.option("--claimant", required=True, help="Who made the claim.")
@click.option("--role", help="The claimant's position.")
@click.option(
    "--kind",
    type=click.Choice(["quote", "summary"]),
    default="summary",
    show_default=True,
    help="quote: the claimant's own words, verified against --source; summary: a paraphrase.",
)
@click.option("--source", "source_id", help="The id of the source that reports the claim.")
@click.option("--date", help="When it was said: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--venue", help="Where it was said: an interview, a post.")
@click.option("--tag", "tags", multiple=True, help="A topic (repeatable).")
@click.option(
    "--file",
    "claims_file",
    help="The claims file to add to, e.g. claims/security.yaml; default: the corpus's only "
    "claims file, else claims/claims.yaml.",
)
def add_claim(
    path: Path | None,
    claim_id: str,
    text: str,
    claimant: str,
    role: str | None,
    kind: str,
    source_id: str | None,
    date: str | None,
    venue: str | None,
    tags: tuple[str, ...],
    claims_file: str | None,
) -> None:
    """Add a claim to the corpus at PATH. A claim of kind quote is verified against its source
    first, and refused (nothing written) when its words are not there. Prints the claim's id."""
    from factcheck.corpus.writer import WriteRefused

    workspace = _corpus_to_change(path)
    if claims_file is None:
        corpus = workspace.corpus
        assert corpus is not None  # _corpus_to_change
        existing = sorted({claim.place.file for claim in corpus.claims})
        claims_file = existing[0] if len(existing) == 1 else "claims/claims.yaml"
    fields = {
        "id": claim_id,
        "text": text,
        "kind": kind,
        "claimant": claimant,
        "role": role,
        "date": date,
        "venue": venue,
        "source": source_id,
        "tags": list(tags),
    }
    try:
        change = workspace.writer().add_claim(claims_file, fields)
    except (WriteRefused, OSError) as error:  # OSError: a full disk, a read-only folder
        _refused(error)
    _written(change)


@cli.command("add-quote")
@click.argument("source_id", metavar="SOURCE_ID")
@click.argument("text")
@click.argument("path", required=False, type=CorpusPath)
@click.option("--claim", "claim_id", required=True, help="The claim this quote is evidence of.")
@click.option(
    "--stance",
    required=True,
    type=click.Choice(["supports", "contradicts", "context"]),
    help="Which way the quote points for the claim.",
)
@click.option("--note", help="Why this quote bears on the claim (kept on the link).")
def add_quote(
    source_id: str,
    text: str,
    path: Path | None,
    claim_id: str,
    stance: str,
    note: str | None,
) -> None:
    """Quote TEXT from source SOURCE_ID as evidence of a claim, in the corpus at PATH.

    TEXT must be in the source's text (typographic differences such as curly quotes are taken
    as the source has them; '...' marks an elision); otherwise nothing is written and the
    closest passage is shown. A passage quoted already is linked, not copied. Prints the
    quote's id.
    """
    from factcheck.corpus.writer import WriteRefused

    workspace = _corpus_to_change(path)
    try:
        change = workspace.writer().add_evidence(claim_id, source_id, text, stance, note)
    except (WriteRefused, OSError) as error:  # OSError: a full disk, a read-only folder
        _refused(error)
    _written(change)


def main() -> None:
    """The `factcheck` command. A standard output that cannot be written ends every command
    the same way: one line on stderr and `ExitCode.OUTPUT`, not a traceback from wherever the
    write happened to fail (click itself leaves only a closed pipe, EPIPE, quiet)."""
    try:
        cli(prog_name="factcheck")
    except OSError as error:
        if not _raised_writing_stdout(error):
            raise  # not the output's: a bug to see whole
        _output_lost(error)
    finally:
        _flush_stdout()  # here, not at exit, where a failure is only 'Exception ignored'


def _raised_writing_stdout(error: OSError) -> bool:
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


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except OSError as error:
        _output_lost(error)


def _output_lost(error: OSError) -> NoReturn:
    # The unwritten output is dropped: fd 1 goes to /dev/null, so that the flush at exit, which
    # would fail again, succeeds instead of printing 'Exception ignored' and exiting 120.
    with contextlib.suppress(OSError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    with contextlib.suppress(OSError):
        _say(f"factcheck: cannot write the output: {error.strerror or error}")
    sys.exit(ExitCode.OUTPUT)
