"""How alike two claims of the corpus are, from what the corpus records about them: their tags,
claimant, reporting source and date. Claims that share those are often answered by the same
passages (a spokesman's two boasts of one interview; two promises of the same rulers), so the
evidence the desk linked to one is a lead for the other.

Each shared feature counts by its rarity among the claims (its idf): sharing the tag that nine
claims in ten have says little, sharing a claimant of two claims says much. A claim's likeness
to another is the share of its own features' weight that the other has too, 0 to 1.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from factcheck.corpus.model import Claim, Corpus


def features(claim: Claim) -> frozenset[str]:
    """What the corpus records about a claim that another claim may share."""
    found = {f"tag:{tag.lower()}" for tag in claim.tags}
    if claim.claimant:
        found.add(f"claimant:{' '.join(claim.claimant.lower().split())}")
    if claim.source_id:
        found.add(f"source:{claim.source_id}")
    if claim.date:
        found.add(f"date:{claim.date}")
    return frozenset(found)


def feature_rarity(claims: Iterable[Claim]) -> dict[str, float]:
    """Each feature's idf over `claims`: log((n + 1) / claims having it)."""
    counts: Counter[str] = Counter()
    total = 0
    for claim in claims:
        counts.update(features(claim))
        total += 1
    return {feature: math.log((total + 1) / count) for feature, count in counts.items()}


def likeness(mine: frozenset[str], other: frozenset[str], rarity: dict[str, float]) -> float:
    """The share of the weight of `mine` (a claim's features) that `other` has too."""
    total = sum(rarity.get(feature, 0.0) for feature in mine)
    if total <= 0:
        return 0.0
    return sum(rarity.get(feature, 0.0) for feature in mine & other) / total


def likeness_to(corpus: Corpus, claim: Claim) -> dict[str, float]:
    """Every other claim's likeness to `claim` (for tests and the benchmark; the ranking asks
    only about the claims whose evidence it meets, through `Quoted`)."""
    rarity = feature_rarity(corpus.claims)
    mine = features(claim)
    return {
        other.id: likeness(mine, features(other), rarity)
        for other in corpus.claims
        if other.id != claim.id
    }
