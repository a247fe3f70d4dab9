"""The `factcheck` command: parse arguments, call the core, print, exit with a code.

The app is imported only inside `review`, so `check` and `export` start without Textual.
"""

from __future__ import annotations

import json
import sys
from enum import IntEnum
from pathlib import Path

import click

from factcheck import __version__


class ExitCode(IntEnum):
    OK = 0
    PROBLEMS = 1
    """The corpus has errors."""
    USAGE = 2
    """A bad invocation: click uses 2 for its own usage errors too."""


CorpusPath = click.Path(exists=True, file_okay=False, path_type=Path)


def _corpus_or_exit(path: Path | None) -> Path:
    from factcheck.corpus.loader import is_corpus
    from factcheck.locate import resolve_corpus

    root = resolve_corpus(path)
    if root is None:
        click.echo("factcheck: no corpus here and no bundled corpus; name one: PATH", err=True)
        sys.exit(ExitCode.USAGE)
    if not is_corpus(root):
        click.echo(
            f"factcheck: {root} is not a corpus: a corpus is a folder with claims/ and evidence/",
            err=True,
        )
        sys.exit(ExitCode.USAGE)
    return root


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="factcheck")
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
    type=click.Choice(["text", "json"]),
    default="text",
    help="text: one line per finding, like a compiler; json: the same findings for tools.",
)
@click.option("-v", "--verbose", is_flag=True, help="Also show notes, e.g. normalised quotes.")
@click.option("--no-cache", is_flag=True, help="Parse every file afresh.")
def check(path: Path | None, output_format: str, verbose: bool, no_cache: bool) -> None:
    """Validate the corpus at PATH and verify every quote against its source.

    Exits 0 when there are no errors, 1 when there are, 2 for a bad invocation.
    """
    from factcheck.checking import check_corpus
    from factcheck.problems import Severity

    root = _corpus_or_exit(path)
    result = check_corpus(root, use_cache=not no_cache)
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
            "quotes": result.quote_results,
        }
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        for problem in result.problems:
            if verbose or problem.severity is not Severity.INFO:
                click.echo(str(problem))
        click.echo(result.summary())
    sys.exit(ExitCode.PROBLEMS if result.errors else ExitCode.OK)


@cli.command()
@click.argument("kind", type=click.Choice(["claims", "evidence", "settings"]), default="claims")
def schema(kind: str) -> None:
    """Print the JSON Schema of a corpus file kind, for editors' YAML tooling.

    claims: claims/*.yaml; evidence: evidence/*.yaml; settings: factcheck.yaml.
    """
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
    click.echo(
        f"{out}: {size.claims:,} claims, {size.quotes:,} quotes, {size.sources:,} sources "
        f"in {size.files:,} YAML files",
        err=True,
    )


def main() -> None:
    cli(prog_name="factcheck")
