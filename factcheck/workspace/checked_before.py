"""Which claims of a corpus were checked before: matched (corpus/claim_matching.py) against the
fact checks other outlets published (checked/), the corpus's own other claims, and the claims
of other corpora, each with the verdict it got there."""

from __future__ import annotations

import threading
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from factcheck.corpus.cache_files import cache_file
from factcheck.corpus.checked_before import CheckedBefore, Where
from factcheck.corpus.claim_matching import Match, match_between, match_within
from factcheck.corpus.model import Claim
from factcheck.corpus.published_checks import PublishedCheck
from factcheck.report.model import Report

if TYPE_CHECKING:
    from factcheck.workspace.workspace import Workspace

Found = dict[str, list[CheckedBefore]]
"""Claim id -> where it was checked before, best match first."""


def find_checked_before(
    workspace: Workspace,
    *,
    published: bool = True,
    within: bool = True,
    against: Sequence[Workspace] = (),
    only: Collection[str] | None = None,
    cancel: threading.Event | None = None,
) -> Found:
    """Matches of the corpus's claims: with published checks, with each other (`within`), and
    with the claims of the corpora `against`; `only` these claims' (not with each other).
    `Cancelled` once `cancel` is set (the app's, when it quits)."""
    corpus = workspace.corpus
    if corpus is None:
        return {}
    claims = corpus.claims
    if only is not None:
        claims = [claim for claim in claims if claim.id in only]
        within = False
    texts = [claim.text for claim in claims]
    found: Found = {}
    checks = workspace.published_checks().checks if published else []
    if checks:  # none: no need to read every claim's words for them
        for match in match_between(texts, [check.entry.claim for check in checks], cancel=cancel):
            check = checks[match.right]
            found.setdefault(claims[match.left].id, []).append(
                _published(claims[match.left].id, check, workspace, match.score, match.reasons)
            )
    if within:
        verdicts = _Verdicts(workspace)
        cache = (
            cache_file(workspace.cache_dir, "claim-matches", workspace.root)
            if workspace.cache_dir is not None
            else None
        )
        for match in match_within(texts, cache=cache, cancel=cancel):
            for this, other in ((match.left, match.right), (match.right, match.left)):
                found.setdefault(claims[this].id, []).append(
                    verdicts.entry(claims[this].id, claims[other], Where.THIS_CORPUS, match)
                )
    for other_workspace in against:
        if other_workspace.corpus is None:
            continue
        others = other_workspace.corpus.claims
        verdicts = _Verdicts(other_workspace)
        for match in match_between(texts, [claim.text for claim in others], cancel=cancel):
            found.setdefault(claims[match.left].id, []).append(
                verdicts.entry(
                    claims[match.left].id, others[match.right], Where.OTHER_CORPUS, match
                )
            )
    for entries in found.values():
        entries.sort(key=lambda entry: -entry.score)
    return found


def _published(
    claim_id: str,
    check: PublishedCheck,
    workspace: Workspace,
    score: float,
    reasons: tuple[str, ...],
) -> CheckedBefore:
    entry = check.entry
    return CheckedBefore(
        claim_id=claim_id,
        where=Where.PUBLISHED,
        their_claim=entry.claim,
        rating=check.shown_rating,
        verdict=workspace.settings.verdict_for_rating(entry.rating),
        by=check.outlet,
        date=entry.published,
        url=entry.url,
        other_claim_id=None,
        score=score,
        reasons=reasons,
    )


class _Verdicts:
    """The published verdict of a corpus's claims, made only for the claims matched (a
    report's entry is made when it is read)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self._report: Report | None = None
        self._index: dict[str, int] = {}

    def entry(self, claim_id: str, other: Claim, where: Where, match: Match) -> CheckedBefore:
        verdict, time = self._verdict(other.id)
        corpus = self.workspace.corpus
        assert corpus is not None
        return CheckedBefore(
            claim_id=claim_id,
            where=where,
            their_claim=other.text,
            rating=verdict,
            verdict=verdict,
            by=corpus.title if where is Where.OTHER_CORPUS else "this corpus",
            date=time[:10] if time else None,
            url=None,
            other_claim_id=other.id,
            score=match.score,
            reasons=match.reasons,
        )

    def _verdict(self, claim_id: str) -> tuple[str | None, str | None]:
        if self._report is None:
            self._report = self.workspace.report(verify=False)
            self._index = {cid: index for index, cid in enumerate(self._report.claims.ids())}
        index = self._index.get(claim_id)
        if index is None:
            return None, None
        resolved = self._report.claims[index].resolved
        return resolved.verdict, resolved.time
