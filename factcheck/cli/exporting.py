"""export: the verdict report, to a file or to stdout."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from factcheck.cli.common import (
    CorpusPath,
    ExitCode,
    editor_option,
    raised_writing_stdout,
    reviewer_name,
    say,
    workspace_or_exit,
)
from factcheck.cli.group import cli
from factcheck.corpus.diagnostics import did_you_mean
from factcheck.corpus.terminal_text import json_for_terminal, visible

if TYPE_CHECKING:
    from factcheck.workspace import Workspace

_JSON_FORMATS = frozenset({"json", "jsonl", "claimreview", "fever", "averitec", "annotations"})


def print_report(chunks: Iterable[str], format_name: str) -> None:
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
    callback=reviewer_name,
    help="Publish this reviewer's verdicts; default: all, side by side.",
)
@editor_option
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
    "--state",
    "states",
    multiple=True,
    help="Only claims at this point of the workflow: unassigned, assigned, in-review, "
    "set-aside, rated, signed-off, published (repeatable).",
)
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your own Jinja2 template for md or html (it may extend the bundled one).",
)
@click.option("--no-verify", is_flag=True, help="Skip quote verification (faster).")
@click.option(
    "--publish",
    "publisher",
    metavar="EDITOR",
    help="This export is published, by EDITOR (an editor): once it is written, the signed-off "
    "claims in it are recorded as published in reviews/<editor>.yaml. A published verdict "
    "changed later asks for a correction note, and reports list the corrections.",
)
def export(
    path: Path | None,
    format_name: str | None,
    output: Path | None,
    reviewer: str | None,
    editors: tuple[str, ...],
    rated_only: bool,
    tags: tuple[str, ...],
    verdicts: tuple[str, ...],
    states: tuple[str, ...],
    template: Path | None,
    no_verify: bool,
    publisher: str | None,
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
    from factcheck.reviews.workflow import UnknownStateError, parse_state

    try:
        wanted_states = [parse_state(state) for state in states]
    except UnknownStateError as error:
        say(f"factcheck: {error}")
        sys.exit(ExitCode.USAGE)

    try:
        format_name = registry.format_for_output(output, format_name)
    except registry.FormatChoiceError as error:
        say(f"factcheck: {error}")
        sys.exit(ExitCode.USAGE)
    if template is not None and not registry.FORMATS[format_name].templated:
        say("factcheck: --template works with md and html only")
        sys.exit(ExitCode.USAGE)
    workspace = workspace_or_exit(path, editors=editors)
    corpus = workspace.corpus
    assert corpus is not None  # workspace_or_exit
    if publisher is not None and publisher.casefold() not in {
        name.casefold() for name in workspace.editors
    }:
        named = ", ".join(workspace.editors) or "none"
        guess = did_you_mean(publisher, workspace.editors)
        say(
            f"factcheck: {publisher!r} is not an editor{guess} (editors: {named}); only an "
            "editor publishes: add them to editors in factcheck.yaml, or pass --editor"
        )
        sys.exit(ExitCode.USAGE)
    # Before the report is built (25 s at 50,000 claims): the rule the app's dialog applies.
    texts_elsewhere = workspace.texts_elsewhere()
    if output is not None and (
        unsafe := registry.output_refusal(
            registry.output_target(output, format_name), workspace.root, texts_elsewhere
        )
    ):
        say(f"factcheck: not exported: {unsafe}; choose another path")
        sys.exit(ExitCode.USAGE)
    refused = unknown_verdicts(corpus, verdicts)
    for message in refused:
        say(f"factcheck: {message}")
    if refused:
        sys.exit(ExitCode.USAGE)
    for message in unknown_tags(corpus, tags):
        say(f"factcheck: warning: {message}")
    report = workspace.report(
        reviewer=reviewer,
        rated_only=rated_only,
        tags=tags,
        verdicts=verdicts,
        verify=not no_verify,
        states=wanted_states,
    )
    if reviewer is not None and reviewer not in report.reviewers:
        known = ", ".join(report.reviewers) or "none yet"
        say(f"factcheck: no reviews by {reviewer!r} (reviewers: {known})")
        sys.exit(ExitCode.USAGE)
    known_editors = {name.casefold() for name in report.editors}
    for editor in editors:
        if editor.casefold() not in known_editors:  # a typo would silently sign nothing off
            say(f"factcheck: warning: no reviews by editor {editor!r} yet")
    if workspace.errors:
        say(
            f"factcheck: warning: the corpus has {workspace.errors} error(s); the report is made "
            "from what could be read. Run `factcheck check` for the list."
        )
    try:
        if output is None:
            # Made as it is printed, claim by claim: a house template's mistake can show after
            # part of the report is out (`-o` writes nothing then). A stdout that cannot be
            # written is every command's error (main), told apart by where it was raised.
            print_report(registry.stream(report, format_name, template=template), format_name)
        else:
            written = registry.export(
                report,
                format_name,
                output,
                template=template,
                corpus_root=workspace.root,
                texts_elsewhere=texts_elsewhere,
            )
            say(f"factcheck: wrote {written}")
    except registry.OutputRefusedError as error:  # the path changed while the report was built
        say(f"factcheck: not exported: {error}; choose another path")
        sys.exit(ExitCode.USAGE)
    except (TemplateError, OSError) as error:  # a house template's mistake is not a crash
        if isinstance(error, OSError) and raised_writing_stdout(error):
            raise  # a stdout that cannot be written: every command's one error (main)
        say(f"factcheck: cannot export: {error}")
        sys.exit(ExitCode.PROBLEMS)
    for note in registry.notices(report, format_name):
        say(f"factcheck: {note}")
    if publisher is not None:
        _record_publication(workspace, publisher, report.claim_ids())


def _record_publication(workspace: Workspace, publisher: str, claim_ids: list[str]) -> None:
    try:
        marked, relative = workspace.publish(publisher, claim_ids)
    except (OSError, ValueError) as error:
        say(f"factcheck: the report was written, but its publication was not recorded: {error}")
        sys.exit(ExitCode.PROBLEMS)
    if marked:
        say(f"factcheck: {len(marked)} claim(s) recorded as published by {publisher} in {relative}")
    else:
        say("factcheck: no claim in this report was newly published (none signed off since)")
