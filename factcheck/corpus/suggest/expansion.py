"""A claim widened into a weighted query from what the corpus knows about it.

Plain BM25 on a claim's words finds what repeats the claim, rarely what contradicts it: "The
Taliban has established complete security" shares no word with a bombing that killed 50. So the
query also asks, with less weight, for:
- the words that would contradict a claim of its kind (`CONTRARY`: a claim of security, peace or
  defeat is contradicted by attacks, killings, bombings; one of protection by attacks on the
  protected), triggered by the claim's words and its tags;
- its tags, its claimant and the claimant's role (where the claim is reported and answered);
- its date (the month and year, as the sources write them);
- the words of the evidence the desk already linked to other claims with the same tags.
Each term keeps where it came from, so a suggestion can say why it was made.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from factcheck.corpus.model import Claim, Corpus
from factcheck.corpus.suggest.index import PassageIndex
from factcheck.corpus.suggest.likeness import feature_rarity, features, likeness
from factcheck.corpus.suggest.terms import Mentions, date_mentions, mentions, terms_of

_VIOLENCE = (
    "attack attacks attacked bomb bombing bombings blast blasts explosion suicide killed killing "
    "dead deaths wounded injured gunmen stormed militants violence massacre slaughtering carnage "
    "claimed responsibility targeted"
)
CONTRARY: dict[str, str] = {
    # A claim of order is contradicted by violence, and by the threat said to be gone.
    "security": _VIOLENCE + " threat challenge fear",
    "secure": _VIOLENCE,
    "safe": _VIOLENCE + " fear",
    "safety": _VIOLENCE,
    "peace": _VIOLENCE + " war fighting",
    "stability": _VIOLENCE,
    "order": _VIOLENCE,
    "calm": _VIOLENCE,
    # A claim that people are protected is contradicted by attacks on them.
    "protect": _VIOLENCE + " minorities targeting",
    "protection": _VIOLENCE + " minorities targeting",
    # A claim that an enemy is beaten is contradicted by its attacks going on, or up.
    "defeat": "attacks resilient remained remains rose increased launched carried "
    "claimed responsibility challenge threat deadly",
    "suppress": "attacks resilient remained remains rose increased launched carried "
    "challenge threat",
    "destroy": "attacks remained remains fighters cells",
    "weakness": "attacks increased rose deadly strength",
    "eliminate": "attacks remained remains fighters cells",
}
"""Claim words (stemmed on use) and tags -> the words of facts that would bear against them."""


@dataclass(frozen=True, slots=True)
class Expansion:
    """Which widenings of the query are made, and how much each weighs beside the claim's own
    words (weight 1); 0 leaves one out (the benchmark measures each)."""

    contrary: float = 0.45
    """The leave-one-claim-out check (bench_suggest.py) chose 0.45 on all claims once the
    lexicon held only entries that are not about the bundled claims (0.7 with those)."""
    tags: float = 0.35
    claimant: float = 0.3
    dates: float = 0.35
    linked_elsewhere: float = 0.0
    """Off: measured, it cost recall on the bundled corpus (bench_suggest.py)."""
    linked_terms: int = 12
    linked_stances: str = "all"
    """Whose evidence is learned from: "all" links, or only "contradicts" ones (the kind of fact
    that bears against a claim like this one)."""
    linked_by: str = "tags"
    """Which other claims' evidence: "tags" (sharing one) or "likeness" (each by `likeness`)."""
    """How many of the most telling words of other claims' evidence are asked for."""
    feedback: float = 0.0
    """Off: measured, it did not help on the bundled corpus (bench_suggest.py)."""
    """Pseudo-relevance feedback: the words of the best few sentences of a first ranking are
    asked for too (RM3's idea, plainly): a claim of security finds an attack, then the attack's
    words find the others."""
    feedback_sentences: int = 3
    report_context: float = 0.0
    """The words of the sentences where the reporting source reports the claim (the one its
    words match best there, and its neighbours), asked for at this weight: a claim quoted as
    "symptoms of its weakness" is reported as said of bombings of mosques and schools. Off:
    measured, every weight cost recall (bench_suggest.py)."""
    report_sentences: int = 1
    """Neighbours on each side of the report whose words are asked for too."""
    feedback_terms: int = 10

    @classmethod
    def none(cls) -> Expansion:
        return cls(contrary=0, tags=0, claimant=0, dates=0, linked_elsewhere=0, feedback=0)


@dataclass(slots=True)
class Query:
    weights: dict[int, float]
    """Index term id -> weight."""
    origins: dict[str, str]
    """Term -> why it is asked for, for terms not from the claim's own words."""
    own_terms: frozenset[str]
    mentions: Mentions
    """The names, dates and numbers of the claim, its claimant and its date."""
    hidden_quotes: frozenset[str] = field(default_factory=frozenset)


def claim_query(
    corpus: Corpus,
    index: PassageIndex,
    claim: Claim,
    expansion: Expansion,
    *,
    hidden_quotes: frozenset[str] = frozenset(),
) -> Query:
    """The weighted query for `claim`; `hidden_quotes` are not learned from (the evaluation
    hides the claim's own evidence)."""
    weights: dict[str, float] = {}
    origins: dict[str, str] = {}

    def ask(terms: list[str], weight: float, why: str) -> None:
        if weight <= 0:
            return
        for term, times in Counter(terms).items():
            if term not in index.vocabulary:
                continue
            if term not in weights:
                origins[term] = why
            weights[term] = weights.get(term, 0.0) + weight * min(times, 2)

    own = terms_of(claim.text)
    ask(own, 1.0, "claim")
    triggers = [*own, *(t for tag in claim.tags for t in terms_of(tag))]
    for trigger in dict.fromkeys(triggers):
        words = _contrary_of(trigger)
        if words:
            ask(terms_of(words), expansion.contrary, f"would contradict '{trigger}'")
    for tag in claim.tags:
        ask(terms_of(tag.replace("-", " ") + " " + tag), expansion.tags, f"tag {tag}")
    people = " ".join(x for x in (claim.claimant, claim.role) if x)
    # Names and words of a role, not its dates ("rulers since August 2021").
    ask([t for t in terms_of(people) if t.isalpha()], expansion.claimant, "claimant")
    date_words = date_mentions(str(claim.date) if claim.date else None)

    ask([w for w in date_words if not w.isdigit()], expansion.dates, "claim's date")
    if expansion.linked_elsewhere > 0:
        learned = _linked_elsewhere(corpus, index, claim, hidden_quotes, expansion)
        ask(learned, expansion.linked_elsewhere, "in evidence of claims with the same tags")
    for term in own:
        origins.pop(term, None)
    claim_mentions = mentions(claim.text)
    claimant = mentions(claim.claimant) if claim.claimant else Mentions.empty()
    found = Mentions(
        claim_mentions.names | claimant.names,
        claim_mentions.dates | date_words,
        claim_mentions.numbers,
    )
    return Query(
        {index.vocabulary[t]: w for t, w in weights.items()},
        origins,
        frozenset(own),
        found,
        hidden_quotes,
    )


def with_feedback(
    index: PassageIndex, query: Query, first: np.ndarray, expansion: Expansion
) -> bool:
    """Add to `query` the most telling words of the best sentences of the first ranking
    `first` (BM25 per sentence); False when there is nothing to add."""
    if expansion.feedback <= 0 or expansion.feedback_sentences <= 0 or not len(first):
        return False
    count = min(expansion.feedback_sentences, len(first))
    best = np.argpartition(-first, count - 1)[:count]
    counts: Counter[str] = Counter()
    for passage in best:
        if first[passage] > 0:
            counts.update(set(terms_of(index.text_of(int(passage)))))
    known = {term for term, term_id in index.vocabulary.items() if term_id in query.weights}
    ranked = sorted(
        (term for term in counts if term not in known and term in index.vocabulary),
        key=lambda term: (-counts[term] * index.rarity(term), term),
    )[: expansion.feedback_terms]
    for term in ranked:
        query.weights[index.vocabulary[term]] = expansion.feedback * counts[term] / count
        query.origins[term] = "in the best matches"
    return bool(ranked)


def with_report_context(
    index: PassageIndex, query: Query, reported_at: int, expansion: Expansion
) -> bool:
    """Add to `query` the words of the sentence `reported_at` and its neighbours on its line,
    those not asked for yet; False when there is nothing to add."""
    # The report and its neighbours on the same line (paragraph), up to report_sentences a side.
    members = [reported_at]
    for step in (0, 1):
        at = reported_at
        for _ in range(expansion.report_sentences):
            nxt = index.neighbours(at)[step]
            if nxt is None:
                break
            members.append(nxt)
            at = nxt
    words: Counter[str] = Counter()
    for passage in members:
        words.update(set(terms_of(index.text_of(passage))))
    added = False
    for term in words:
        term_id = index.vocabulary.get(term)
        if term_id is None or term_id in query.weights:
            continue
        query.weights[term_id] = expansion.report_context
        query.origins[term] = "where the claim is reported"
        added = True
    return added


def _contrary_of(trigger: str) -> str:
    if trigger in CONTRARY:
        return CONTRARY[trigger]
    for key, words in CONTRARY.items():
        if terms_of(key) == [trigger]:
            return words
    return ""


def _linked_elsewhere(
    corpus: Corpus, index: PassageIndex, claim: Claim, hidden: frozenset[str], expansion: Expansion
) -> list[str]:
    """The most telling words (frequent among them, rare in the sources) of the quotes linked
    as evidence to other claims that share a tag with `claim` (or weighted by likeness)."""
    tags = set(claim.tags)
    own_links = {link.quote_id for link in claim.evidence} | hidden
    counts: Counter[str] = Counter()
    seen = 0.0
    if expansion.linked_by == "likeness":
        rarity = feature_rarity(corpus.claims)
        mine = features(claim)
    for other in corpus.claims:
        if other.id == claim.id:
            continue
        if expansion.linked_by == "likeness":
            weight = likeness(mine, features(other), rarity)
        else:
            weight = 1.0 if tags.intersection(other.tags) else 0.0
        if weight <= 0:
            continue
        for link in other.evidence:
            if expansion.linked_stances != "all" and link.stance.value != expansion.linked_stances:
                continue
            quote = corpus.quotes.get(link.quote_id)
            if quote is None or link.quote_id in own_links:
                continue
            seen += weight
            for term in set(terms_of(quote.text)):
                counts[term] += weight
    if not counts:
        return []
    indptr = index.retriever.scores["indptr"]
    sentences = max(len(index), 1)

    def telling(term: str) -> float:
        term_id = index.vocabulary.get(term)
        if term_id is None:
            return 0.0
        df = int(indptr[term_id + 1] - indptr[term_id])
        return counts[term] / seen * float(np.log(1 + sentences / (df + 1)))

    least = 2.0 if expansion.linked_by == "tags" else 0.5
    ranked = sorted((t for t in counts if counts[t] >= least), key=telling, reverse=True)
    return ranked[: expansion.linked_terms]
