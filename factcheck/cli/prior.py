"""import-claimreview and checked-before: claims already checked, here or by other outlets.

`checked-before` is named for the question it answers about each claim, and for the line the app
shows on the claim ("checked before: ... rated ... by ..."): not `duplicates` (a claim checked
by another outlet is no duplicate) nor `similar` (it lists only claims taken to say the same
thing, with the verdict they got).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from factcheck.cli.common import (
    CorpusPath,
    ExitCode,
    corpus_to_change,
    print_json,
    say,
    text_or_json,
    unknown_claim,
    workspace_or_exit,
)
from factcheck.cli.group import cli


@cli.command("import-claimreview")
@click.argument("feed", type=click.Path(dir_okay=False, path_type=Path, allow_dash=True))
@click.argument("path", required=False, type=CorpusPath)
@click.option(
    "--outlet",
    help="The outlet that published the checks that name none (ClaimReview's author).",
)
def import_claimreview(feed: Path, path: Path | None, outlet: str | None) -> None:
    """Import the fact checks of a ClaimReview FEED (JSON-LD: one ClaimReview, a list, or an
    @graph; '-' reads stdin) into the corpus at PATH, as checked/<outlet>.yaml.

    Importing the same feed again updates its checks. Their rating names are read on this
    corpus's scale through `imported_ratings` in factcheck.yaml; names it does not map are
    listed. Exits 1 when the feed is not JSON or a file it would change cannot be read.
    """
    from factcheck.corpus.claimreview_feed import FeedError, import_feed, parse_feed
    from factcheck.corpus.files import read_regular_file
    from factcheck.corpus.limits import DEFAULT_LIMITS
    from factcheck.corpus.published_checks import CheckedFileUnreadableError

    workspace = corpus_to_change(path)
    try:
        if str(feed) == "-":
            text = sys.stdin.read()
        else:
            _, raw = read_regular_file(feed, DEFAULT_LIMITS.source_text_bytes)
            text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        say(f"factcheck: {feed}: cannot be read: {reason}")
        sys.exit(ExitCode.PROBLEMS)
    try:
        parsed = parse_feed(text, str(feed), outlet=outlet)
    except FeedError as error:
        say(f"{error}; a feed is ClaimReview JSON-LD")
        sys.exit(ExitCode.PROBLEMS)
    for note in parsed.notes:
        say(f"factcheck: warning: {note}")
    if not parsed.items:
        others = f" ({parsed.other_types} objects of other types)" if parsed.other_types else ""
        say(f"factcheck: {feed} holds no ClaimReview to import{others}")
        sys.exit(ExitCode.PROBLEMS)
    try:
        imported = import_feed(workspace.root, parsed, workspace.settings)
    except CheckedFileUnreadableError as error:
        say(f"factcheck: {error}")
        sys.exit(ExitCode.PROBLEMS)
    for merged in imported.merged:
        say(
            f"factcheck: {merged.file}: {merged.added} added, {merged.updated} updated, "
            f"{merged.unchanged} unchanged"
        )
    if imported.unmapped:
        names = ", ".join(f"{name!r} ({count})" for name, count in imported.unmapped.most_common())
        say(
            f"factcheck: warning: {len(imported.unmapped)} rating name(s) are not on this "
            f"corpus's scale: {names}. Their checks show the outlet's rating alone until "
            f"factcheck.yaml maps each to a verdict of the scale, e.g.\n"
            f"  imported_ratings:\n"
            + "\n".join(
                f"    {json.dumps(name)}: {json.dumps(verdict)}"
                for name, verdict in imported.suggested.items()
            )
        )


@cli.command("checked-before")
@click.argument("path", required=False, type=CorpusPath)
@click.option(
    "--against",
    "against",
    multiple=True,
    type=CorpusPath,
    help="Also match the claims of this corpus, with the verdicts they got there (repeatable).",
)
@click.option("--claim", "claim_ids", multiple=True, help="Only this claim (repeatable).")
@text_or_json("text: each claim checked before, and where; json: every match, for tools.")
def checked_before(
    path: Path | None, against: tuple[Path, ...], claim_ids: tuple[str, ...], output_format: str
) -> None:
    """List the claims of the corpus at PATH that were checked before: the same claim in a
    fact check another outlet published (imported with import-claimreview), in this corpus,
    or in a corpus given with --against; each with the rating it got, who gave it and when,
    and why the two are taken to say the same thing.

    Matching is lexical and fuzzy (shared words, names and figures), offline.
    """
    from factcheck.workspace.checked_before import find_checked_before

    workspace = workspace_or_exit(path)
    assert workspace.corpus is not None
    for problem in workspace.published_checks().problems:
        say(str(problem))
    unknown = [said for cid in claim_ids if (said := unknown_claim(workspace.corpus, cid))]
    for said in unknown:
        say(said)
    if unknown:
        sys.exit(ExitCode.USAGE)
    others = [workspace_or_exit(other) for other in against]
    found = find_checked_before(workspace, against=others)
    if claim_ids:
        found = {cid: found[cid] for cid in claim_ids if cid in found}
    ordered = [claim for claim in workspace.corpus.claims if claim.id in found]
    if output_format == "json":
        print_json(
            [
                {
                    "claim_id": claim.id,
                    "text": claim.text,
                    "matches": [match.to_dict() for match in found[claim.id]],
                }
                for claim in ordered
            ]
        )
        return
    if not ordered:
        checks = len(workspace.published_checks().checks)
        say(
            f"factcheck: no claim was checked before, among {checks} published check(s) in "
            f"checked/, the corpus's {len(workspace.corpus.claims)} claims"
            + (f" and {len(others)} other corpora" if others else "")
        )
        return
    for claim in ordered:
        say(f"{claim.id}: {claim.text}", err=False)
        for match in found[claim.id]:
            say(f"  {match.line()}", err=False)
            say(f"    score {match.score:.2f}; {'; '.join(match.reasons)}", err=False)
            if match.url:
                say(f"    {match.url}", err=False)
    say(f"factcheck: {len(ordered)} claim(s) checked before")
