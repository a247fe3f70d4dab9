"""Who reviews which claims: the plan `factcheck assign` writes into the corpus (a claim's
`assigned:`) through the corpus writer.

Claims are chosen by tag, by id, or all; `count` takes the first so many of them; they are dealt
round robin over the reviewers, `per_claim` reviewers each (two, for a claim that two reviewers
rate independently and an editor settles). Claims assigned already are left as they are unless
`reassign`: running assign again deals out only the new claims.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from factcheck.corpus.diagnostics import did_you_mean
from factcheck.corpus.model import Claim, Corpus


class AssignmentError(ValueError):
    """The assignment asked for cannot be made: nothing is written."""


@dataclass(slots=True)
class AssignmentPlan:
    assignments: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Claim id -> its reviewers (empty: unassign), for `CorpusWriter.assign`."""
    skipped: int = 0
    """Claims chosen but assigned already, left as they were (no `reassign`)."""

    def per_reviewer(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for reviewers in self.assignments.values():
            for name in reviewers:
                counts[name] = counts.get(name, 0) + 1
        return counts


def plan_assignment(
    corpus: Corpus,
    reviewers: Sequence[str],
    *,
    tags: Collection[str] = (),
    claim_ids: Sequence[str] = (),
    count: int | None = None,
    per_claim: int = 1,
    reassign: bool = False,
    clear: bool = False,
) -> AssignmentPlan:
    """The assignments to write; raises AssignmentError for what cannot be meant."""
    names = list(dict.fromkeys(name.strip() for name in reviewers if name.strip()))
    if not clear and not names:
        raise AssignmentError("name at least one reviewer to assign claims to")
    if per_claim < 1:
        raise AssignmentError("--per-claim must be at least 1")
    if not clear and per_claim > len(names):
        raise AssignmentError(
            f"--per-claim {per_claim} needs at least {per_claim} reviewers; {len(names)} named"
        )
    if count is not None and count < 1:
        raise AssignmentError("--count must be at least 1")
    chosen = _chosen(corpus, tags, claim_ids)
    plan = AssignmentPlan()
    if clear:
        plan.assignments = {claim.id: () for claim in chosen if claim.assigned}
        return plan
    todo = []
    for claim in chosen:
        if claim.assigned and not reassign:
            plan.skipped += 1
        else:
            todo.append(claim)
    if count is not None:
        todo = todo[:count]
    turn = 0
    for claim in todo:
        plan.assignments[claim.id] = tuple(
            names[(turn + offset) % len(names)] for offset in range(per_claim)
        )
        turn += per_claim
    return plan


def _chosen(corpus: Corpus, tags: Collection[str], claim_ids: Sequence[str]) -> list[Claim]:
    known_tags = sorted({tag for claim in corpus.claims for tag in claim.tags})
    for tag in tags:
        if tag not in known_tags:
            raise AssignmentError(
                f"no claim has the tag {tag!r}{did_you_mean(tag, known_tags)}; the claims' "
                f"tags: {', '.join(known_tags) or 'none'}"
            )
    by_id = corpus.claims_by_id
    for claim_id in claim_ids:
        if claim_id not in by_id:
            raise AssignmentError(
                f"no claim has the id {claim_id!r}{did_you_mean(claim_id, by_id)}"
            )
    if claim_ids:
        wanted = dict.fromkeys(claim_ids)
        chosen = [by_id[claim_id] for claim_id in wanted]
    else:
        chosen = list(corpus.claims)
    if tags:
        wanted_tags = set(tags)
        chosen = [claim for claim in chosen if not wanted_tags.isdisjoint(claim.tags)]
    return chosen
