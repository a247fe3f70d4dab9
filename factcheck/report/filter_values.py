"""The report's filters checked against the corpus before a report is made: a verdict nobody can
have is a mistake to refuse, a tag no claim has one to point out, each with a guess when one is
close (`--verdict Fals` gave "0 of 12 claims" and no word why)."""

from __future__ import annotations

from collections.abc import Collection

from factcheck.corpus.diagnostics import did_you_mean
from factcheck.corpus.model import Corpus
from factcheck.report.resolution import Status

STATUSES = tuple(status.value for status in Status)
"""What `--verdict` takes besides the scale's labels."""


def unknown_verdicts(corpus: Corpus, verdicts: Collection[str]) -> list[str]:
    """One message per verdict that is neither a label of the scale nor a status; such a filter
    can only give an empty report."""
    labels = [verdict.label for verdict in corpus.scale]
    known = {name.casefold() for name in (*labels, *STATUSES)}
    messages = []
    for wanted in verdicts:
        if wanted.casefold() in known:
            continue
        message = f"no verdict {wanted!r} on the scale{did_you_mean(wanted, (*labels, *STATUSES))}"
        messages.append(
            f"{message}; --verdict takes a verdict of the scale ({', '.join(labels)}) or where "
            f"a claim stands ({', '.join(STATUSES)})"
        )
    return messages


def unknown_tags(corpus: Corpus, tags: Collection[str]) -> list[str]:
    """One message per tag that no claim has; the report is still made, from the other tags."""
    existing = sorted({tag for claim in corpus.claims for tag in claim.tags})
    present = set(existing)
    messages = []
    for wanted in tags:
        if wanted in present:
            continue
        message = f"no claim has the tag {wanted!r}{did_you_mean(wanted, existing)}"
        messages.append(f"{message}; the claims' tags: {', '.join(existing) or 'none'}")
    return messages
