"""How well suggestions find the evidence a fact-checker linked: a blind test on a corpus.

For each claim with evidence, its links are hidden, its suggestions ranked over every source
text (and any distractor texts given), and each linked quote's rank noted: the position of the
first suggestion that holds it (`ranking.covers`). From those ranks: recall at 5 and 10 (the
share of a claim's quotes found that high, averaged over claims), the same capped at k (a claim
with 11 quotes can find at most 10 in a top 10: capped, that counts as all), and the mean
reciprocal rank of a claim's first quote found.

A setting tuned on these same claims flatters itself. `held_out` says how a way of choosing a
setting does on claims it was not chosen on: leave one claim out, choose the setting that does
best on the others, and score the claim left out with it; the figures of those scores are the
held-out ones, to print beside the in-sample figures of the setting chosen on every claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.corpus.model import Corpus, Stance
from factcheck.corpus.suggest.index import PassageIndex, quoted_passages
from factcheck.corpus.suggest.ranking import Weights, covers, suggest
from factcheck.quotes import Anchor

DEPTH = 50
"""Suggestions looked at per claim: a quote further down counts as not found."""


@dataclass(frozen=True, slots=True)
class ClaimRanks:
    claim_id: str
    ranks: dict[str, int | None]
    """Linked quote id -> rank (1 is first), None when not in the first DEPTH."""

    def found(self, k: int) -> int:
        return sum(1 for rank in self.ranks.values() if rank is not None and rank <= k)

    def recall(self, k: int, *, capped: bool = False) -> float:
        wanted = min(k, len(self.ranks)) if capped else len(self.ranks)
        return self.found(k) / wanted if wanted else 0.0

    def reciprocal_rank(self) -> float:
        found = [rank for rank in self.ranks.values() if rank is not None]
        return 1 / min(found) if found else 0.0


@dataclass(frozen=True, slots=True)
class Evaluation:
    claims: tuple[ClaimRanks, ...]

    def recall(self, k: int, *, capped: bool = False) -> float:
        return _mean([c.recall(k, capped=capped) for c in self.claims])

    def mrr(self) -> float:
        return _mean([c.reciprocal_rank() for c in self.claims])

    @property
    def quotes(self) -> int:
        return sum(len(c.ranks) for c in self.claims)


def evaluate(
    corpus: Corpus,
    index: PassageIndex,
    anchors: dict[str, Anchor],
    weights: Weights,
    *,
    stances: frozenset[Stance] = frozenset(Stance),
    strict: bool = False,
) -> Evaluation:
    """The blind test of every claim that has evidence (of `stances`) whose quote was found in
    its source. A suggestion holds a quote when they overlap by half the shorter (`covers`: a
    window of two sentences holds a quote of one); `strict`, by half the longer too (the
    suggestion is no more than about twice the quote), to see that windows do not win by
    showing more text."""
    results = []
    quoted = quoted_passages(corpus, index, anchors)
    for claim in corpus.claims:
        wanted = {
            link.quote_id: anchors[link.quote_id]
            for link in claim.evidence
            if link.stance in stances
            and link.quote_id in corpus.quotes
            and anchors.get(link.quote_id) is not None
            and anchors[link.quote_id].spans
        }
        if not wanted:
            continue
        found = suggest(
            corpus, index, claim, limit=DEPTH, quoted=quoted, weights=weights, hide_links=True
        )
        ranks: dict[str, int | None] = {}
        for quote_id, anchor in wanted.items():
            source_id = corpus.quotes[quote_id].source_id
            ranks[quote_id] = next(
                (
                    position
                    for position, suggestion in enumerate(found.suggestions, start=1)
                    if suggestion.source_id == source_id
                    and any(
                        _holds(suggestion.start, suggestion.end, *span, strict=strict)
                        for span in anchor.spans
                    )
                ),
                None,
            )
        results.append(ClaimRanks(claim.id, ranks))
    return Evaluation(tuple(results))


def _holds(start: int, end: int, quote_start: int, quote_end: int, *, strict: bool) -> bool:
    if not strict:
        return covers(start, end, quote_start, quote_end)
    shared = min(end, quote_end) - max(start, quote_start)
    return shared > 0 and shared * 2 >= max(end - start, quote_end - quote_start)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def best_in_sample(settings: Sequence[Evaluation], k: int = 10) -> int:
    """The position of the setting that does best on every claim: recall@k, then MRR, then the
    first given (the baseline first, so a tie keeps it)."""
    return max(
        range(len(settings)),
        key=lambda n: (round(settings[n].recall(k), 9), round(settings[n].mrr(), 9), -n),
    )


def held_out(settings: Sequence[Evaluation], k: int = 10) -> Evaluation:
    """Leave-one-claim-out: each claim scored with the setting chosen (`best_in_sample`) on the
    other claims. `settings` are the blind tests of each setting, over the same claims in the
    same order."""
    claims = settings[0].claims
    if any(len(s.claims) != len(claims) for s in settings):
        raise ValueError("every setting must be tested on the same claims")
    results = []
    for left_out in range(len(claims)):
        others = [Evaluation(s.claims[:left_out] + s.claims[left_out + 1 :]) for s in settings]
        results.append(settings[best_in_sample(others, k)].claims[left_out])
    return Evaluation(tuple(results))
