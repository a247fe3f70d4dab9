"""check, stats, schema and generate: what the corpus holds and whether it holds up."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from factcheck import __version__
from factcheck.cli.common import (
    CorpusPath,
    ExitCode,
    corpus_or_exit,
    editor_option,
    print_json,
    say,
    text_or_json,
    workspace_or_exit,
)
from factcheck.cli.group import cli
from factcheck.corpus.terminal_text import visible

if TYPE_CHECKING:
    from factcheck.corpus.problems import Problem
    from factcheck.workspace import Workspace


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
@click.option(
    "--reviews",
    is_flag=True,
    help="Also check the review files in reviews/: that each can be read, and where a verdict "
    "and the evidence it cites disagree (a warning at the verdict or the cited quote: a verdict "
    "citing nothing, False or Mostly false citing only supporting evidence, True or Mostly true "
    "only contradicting evidence, a cited quote that no longer verifies or is no longer "
    "evidence of the claim).",
)
def check(
    path: Path | None,
    output_format: str,
    verbose: bool,
    print_all: bool,
    no_cache: bool,
    no_quotes: bool,
    reviews: bool,
) -> None:
    """Validate the corpus at PATH and verify every quote against its source.

    Exits 0 when there are no errors, 1 when there are, 2 for a bad invocation: counting every
    finding, printed or not.
    """
    from factcheck.corpus.diagnostics import LeftOut, capped
    from factcheck.corpus.problems import Problem, Severity
    from factcheck.workspace import Workspace

    workspace = Workspace.open(corpus_or_exit(path), cache=not no_cache)
    result = workspace.check(verify=not no_quotes)
    root = workspace.root
    if reviews:
        if not workspace.review_files():
            say(f"--reviews: no review files in {root / 'reviews'}, so none was checked")
        elif result.corpus is not None:
            found = [
                *workspace.review_problems(),
                *workspace.citation_problems(verify=not no_quotes),
            ]
            result.problems = sorted([*result.problems, *found], key=Problem.sort_key)
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
        print_json(document)
    elif output_format == "github":
        from factcheck.corpus.problem_formats import github_commands

        for command in github_commands(shown):
            say(command, err=False)
        say(result.summary(), err=False)
    elif output_format == "sarif":
        from factcheck.corpus.problem_formats import sarif_log

        print_json(sarif_log(shown, tool_version=__version__))
    else:
        listing = shown if print_all else capped(shown)
        for line in listing:
            say(str(line), err=False)
        if any(isinstance(line, LeftOut) for line in listing):
            say("Not every finding is printed: --all prints them all.", err=False)
        if not verbose:
            _hint_at_conflicts(result.problems)
        say(result.summary(), err=False)
    sys.exit(ExitCode.PROBLEMS if result.errors else ExitCode.OK)


def _hint_at_conflicts(problems: list[Problem]) -> None:
    """Disagreements between sources are notes (not the corpus's fault, nothing to fix), hidden
    without -v: say that there are some, once."""
    from factcheck.corpus.conflicts import CODE

    notes = sum(1 for problem in problems if problem.code == CODE)
    if notes:
        say(
            f"{notes} note{'s' * (notes != 1)} of figures that disagree between sources: -v "
            "shows them, `factcheck conflicts` shows both passages.",
            err=False,
        )


@cli.command()
@click.argument("path", required=False, type=CorpusPath)
@text_or_json("text: tables for people; json: the same figures for tools.")
@editor_option
@click.option(
    "--no-quotes",
    is_flag=True,
    help="Do not verify quotes: cited quotes that no longer verify are then not counted.",
)
def stats(path: Path | None, output_format: str, editors: tuple[str, ...], no_quotes: bool) -> None:
    """Progress per reviewer, the workflow, agreement between reviewers, the claims in dispute,
    verdicts that cite no evidence or disagree with what they cite, and time spent and ratings
    per day.

    The workflow: claims per state (unassigned, assigned, in-review, set-aside, rated,
    signed-off, published) and each assigned reviewer's queue (assigned, still waiting on them).

    Agreement is measured on the claims rated by two or more reviewers (editors left out):
    Krippendorff's alpha over the scale's numeric positions (ordinal; off-scale verdicts such as
    Unproven are left out and counted), alpha with every verdict a category (nominal), and
    percent agreement, overall and per pair of reviewers. `check --reviews` gives the place of
    each verdict at odds with its evidence in the review files.
    """
    from factcheck.reviews.citation_stats import CitationStats, render_citation_stats
    from factcheck.reviews.stats_text import render_stats
    from factcheck.reviews.time_stats import render_time

    workspace = workspace_or_exit(path, editors=editors)
    corpus = workspace.corpus
    assert corpus is not None  # workspace_or_exit
    for problem in workspace.review_problems():
        say(f"{problem} (left out)")
    _warn_of_editors_without_reviews(workspace, editors)
    report = workspace.agreement()
    citations = CitationStats(workspace.citations(verify=not no_quotes), verified=not no_quotes)
    time_spent = workspace.time_spent()
    workflow = workspace.workflow()
    if output_format == "json":
        document = {
            "corpus": corpus.title,
            "claims": len(corpus.claims),
            **report.to_dict(),
            "citations": citations.to_dict(),
            "time": time_spent.to_dict(),
            "workflow": workflow.to_dict(),
        }
        print_json(document)
    else:
        text = render_stats(
            report, title=corpus.title, claims=len(corpus.claims), workflow=workflow
        )
        if timing := render_time(time_spent):
            text += "\n" + timing
        if report.reviewers:
            text += "\n" + render_citation_stats(citations)
        click.echo(visible(text), nl=False)


def _warn_of_editors_without_reviews(workspace: Workspace, editors: tuple[str, ...]) -> None:
    """An --editor named who has no review file weighs no verdict: likely a typo."""
    from factcheck.corpus.diagnostics import did_you_mean

    reviewers = sorted((f.reviewer for f in workspace.review_files()), key=str.casefold)
    known = {name.casefold() for name in reviewers}
    for editor in editors:
        if editor.casefold() not in known:
            say(
                f"factcheck: warning: no reviews by editor {editor!r} yet"
                f"{did_you_mean(editor, reviewers)}; reviewers: {', '.join(reviewers) or 'none'}"
            )


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
    say(
        f"{out}: {size.claims:,} claims, {size.quotes:,} quotes, {size.sources:,} sources "
        f"in {size.files:,} YAML files"
    )
