"""Bringing material in: init, add-source, add-claim, add-quote."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from factcheck.cli.common import CorpusPath, ExitCode, corpus_to_change, refuse, say, say_change
from factcheck.cli.group import cli


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
        refuse(error)
    say(f"factcheck: made a corpus in {path}: {', '.join(written)}")
    say(f"Next: factcheck add-source FILE|URL {path}")


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

    workspace = corpus_to_change(path)
    try:
        captured = capture_url(target) if is_url(target) else capture_file(Path(target), url=url)
    except CaptureError as error:
        refuse(error)
    outlet = outlet or captured.outlet
    title = title or captured.title
    missing = [f"--{name}" for name, value in (("outlet", outlet), ("title", title)) if not value]
    if missing:
        say(
            f"factcheck: {target} does not say its {' and '.join(m[2:] for m in missing)}; "
            f"give {' and '.join(missing)}"
        )
        sys.exit(ExitCode.USAGE)
    assert outlet is not None and title is not None
    address = url or captured.url
    sources = workspace.corpus.sources.values() if workspace.corpus is not None else ()
    if twins := [source.id for source in sources if address and source.url == address]:
        say(f"factcheck: warning: {address} is captured already, as {', '.join(twins)}")
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
        refuse(error)
    words = len(captured.text.split())
    say(f"  {outlet} · {title} · {published or captured.published or 'no date'}")
    say(f"  {words:,} words of text in evidence/{change.item_id}.txt")
    if not (published or captured.published):
        say("  no date found: add `published:` to the source, or give --published")
    say_change(change)


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

    workspace = corpus_to_change(path)
    if claims_file is None:
        corpus = workspace.corpus
        assert corpus is not None  # corpus_to_change
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
        refuse(error)
    say_change(change)


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

    workspace = corpus_to_change(path)
    try:
        change = workspace.writer().add_evidence(claim_id, source_id, text, stance, note)
    except (WriteRefused, OSError) as error:  # OSError: a full disk, a read-only folder
        refuse(error)
    say_change(change)
