"""One claim's suggested evidence: the passages of the sources that bear on it, best first, each
with why.

The weighted BM25 of the widened query (`expansion.py`) picks the candidates and gives the
first score; rapidfuzz's similarity of claim and passage, the names, dates and numbers they
share, whether the passage is in the source that reports the claim (and how near its report),
and whether the desk already linked it as evidence of claims like this one (`likeness`) are
added, each with its weight (`Weights`; the benchmark measures what each adds). A sentence
whose neighbour on the same line scores nearly as well is offered with it, as one passage of
two sentences.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from factcheck.corpus.model import Claim, Corpus
from factcheck.corpus.suggest.expansion import (
    Expansion,
    Query,
    claim_query,
    with_feedback,
    with_report_context,
)
from factcheck.corpus.suggest.index import PassageIndex, Quoted
from factcheck.corpus.suggest.likeness import features
from factcheck.corpus.suggest.terms import WORD, mentions, terms_of, terms_of_word
from factcheck.quotes import Anchor

CANDIDATES = 200
"""Sentences taken from BM25 for the finer scoring: enough that the finer scores can lift a
sentence BM25 ranked low, few enough for a few milliseconds."""
RRF_K = 60
"""Reciprocal-rank fusion's constant (Cormack et al. 2009): a part's n-th best adds 1 / (60 + n)."""


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each part of the score counts; 0 leaves a part out."""

    bm25: float = 1.0
    fuzzy: float = 0.35
    overlap: float = 0.5
    same_source: float = 0.15
    near_claim: float = 0.5
    """For a sentence near where the reporting source reports the claim, less the further."""
    quoted_elsewhere: float = 0.0
    """For a passage already quoted as evidence of another claim (more when it shares a tag):
    what the desk pulled out of a source is more often evidence than what it passed over.
    Off: `similar_claims` asks the same more finely, and this added to it cost recall held
    out (bench_suggest.py)."""
    similar_claims: float = 0.5
    """For a passage already quoted as evidence of claims like this one (`likeness`: sharing
    tags, claimant, reporting source, date, each by its rarity among the claims): the desk's
    links to a spokesman's other boast, or to the same rulers' other promise, are leads for
    this one. Needs `quoted` (`index.quoted_passages`); chosen held out in bench_suggest.py."""
    similar_mode: str = "max"
    similar_leads: int = 10
    similar_near: float = 0.0
    """For a passage beside (up to 3 sentences from) the evidence of like claims, in the same
    source: an article tells one event in a run of sentences. Off: measured, it did not help
    (bench_suggest.py)."""
    similar_near_decay: float = 1.0
    """How fast that falls: by e every this many sentences."""
    """The evidence of up to this many of the likest claims is scored even where BM25 finds
    no word of the query in it (0: only what BM25 found). No change on the bundled corpus,
    whose every sentence shares a word with the widened query; a test shows what it finds."""
    """How the likeness of the claims quoting a passage is put together: "max", that of the
    likest; "sum", 1 - e^-(their sum), more for a passage many claims quote."""
    expansion: Expansion = field(default_factory=Expansion)
    near_sentences: float = 6.0
    """How fast the bonus for being near the claim's report falls: by e every this many
    sentences."""
    window_share: float = 0.5
    """A neighbour scoring at least this share of a sentence's score joins it in one passage."""
    factual: float = 0.0
    """For a passage that states a figure or a date: a fact that can bear on a claim."""
    diversity: float = 0.0
    """Maximal marginal relevance: a passage's score less this times its likeness (shared
    terms) to the passages already chosen, so a top 10 is not near-duplicates."""
    per_source: int = 0
    """At most this many passages from one source (0: no cap)."""
    fusion: str = "sum"
    """How the parts are put together: "sum" adds them, each times its weight; "rrf" ranks the
    candidates by each part and adds weight / (RRF_K + rank) (reciprocal-rank fusion)."""

    @classmethod
    def bm25_only(cls) -> Weights:
        return cls(
            fuzzy=0,
            overlap=0,
            same_source=0,
            near_claim=0,
            quoted_elsewhere=0,
            similar_claims=0,
            expansion=Expansion.none(),
        )


@dataclass(frozen=True, slots=True)
class Reasons:
    """Why a passage is suggested: what it shares with the claim, and the parts of its score."""

    names: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    """The claim's own words found in the passage."""
    related: tuple[tuple[str, str], ...] = ()
    """Words the widened query asked for, each with why (a tag, the claimant, a contrary)."""
    same_source: bool = False
    """The passage is in the source that reports the claim."""
    evidence_of: tuple[str, ...] = ()
    """The claims like this one that already have the passage as evidence, likest first."""
    parts: tuple[tuple[str, float], ...] = ()
    """Each part's contribution to the score: bm25, fuzzy, overlap, same_source, ..."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "names": list(self.names),
            "dates": list(self.dates),
            "numbers": list(self.numbers),
            "terms": list(self.terms),
            "related": [{"word": word, "why": why} for word, why in self.related],
            "same_source": self.same_source,
            "evidence_of_like_claims": list(self.evidence_of),
            "score_parts": {name: round(value, 4) for name, value in self.parts if value},
        }

    def summary(self) -> str:
        """One line: the shared names, dates, numbers and words, most telling first."""
        said = []
        for label, items in (
            ("names", self.names),
            ("dates", self.dates),
            ("numbers", self.numbers),
            ("words", self.terms),
        ):
            if items:
                said.append(f"{label}: {', '.join(items)}")
        if self.related:
            shown = ", ".join(f"{word} ({why})" for word, why in self.related[:4])
            said.append(f"related: {shown}")
        if self.same_source:
            said.append("in the claim's source")
        if self.evidence_of:
            more = len(self.evidence_of) - 2
            shown = ", ".join(self.evidence_of[:2]) + (f" and {more} more" if more > 0 else "")
            said.append(f"evidence of like claims: {shown}")
        return "; ".join(said) or "similar wording"


@dataclass(frozen=True, slots=True)
class Suggestion:
    source_id: str
    start: int
    end: int
    text: str
    score: float
    reasons: Reasons
    linked: tuple[str, ...] = ()
    """The ids of the claim's quotes this passage holds: already its evidence."""
    sentences: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source_id,
            "span": {"start": self.start, "end": self.end},
            "text": self.text,
            "score": round(self.score, 4),
            "reasons": self.reasons.to_dict(),
            "linked": bool(self.linked),
            "linked_quotes": list(self.linked),
        }


@dataclass(frozen=True, slots=True)
class ClaimSuggestions:
    claim_id: str
    suggestions: tuple[Suggestion, ...]
    passages: int
    """How many sentences were ranked: all those of every source text."""


def suggest(
    corpus: Corpus,
    index: PassageIndex,
    claim: Claim,
    *,
    limit: int = 10,
    anchors: Mapping[str, Anchor] | None = None,
    quoted: Quoted | None = None,
    weights: Weights | None = None,
    hide_links: bool = False,
) -> ClaimSuggestions:
    """The passages that bear most on `claim`, best first. `anchors` (quote id -> anchor)
    marks passages already linked as its evidence; `quoted` (`index.quoted_passages`) says
    which passages other claims already have as evidence; `hide_links` ranks as if the claim
    had no evidence yet (the evaluation's blind test)."""
    weights = weights or Weights()
    hidden = frozenset(link.quote_id for link in claim.evidence) if hide_links else frozenset()
    query = claim_query(corpus, index, claim, weights.expansion, hidden_quotes=hidden)
    if not query.weights or len(index) == 0:
        return ClaimSuggestions(claim.id, (), len(index))
    bm25 = index.scores(query.weights)
    if with_feedback(index, query, bm25, weights.expansion):
        bm25 = index.scores(query.weights)
    if weights.expansion.report_context > 0:
        at = _reported_at(index, claim, query)
        if at is not None and with_report_context(index, query, at, weights.expansion):
            bm25 = index.scores(query.weights)
    candidates = _candidates(index, bm25, claim.source_id if weights.same_source else None)
    alike = np.zeros(0)
    if weights.similar_claims and quoted is not None:
        alike = quoted.likeness_of_all(quoted.features_of.get(claim.id) or features(claim))
    if weights.similar_claims and weights.similar_leads and quoted is not None:
        # The evidence of the likest claims is scored too, though it share no word with the
        # claim: the desk found it bears on claims of this kind.
        candidates = np.union1d(candidates, _leads(claim, quoted, alike, weights.similar_leads))
    if not len(candidates):
        return ClaimSuggestions(claim.id, (), len(index))
    # Coarse scores for every candidate, in numpy; the finer ones (fuzzy, overlap: a regex and
    # a rapidfuzz call each) only for the best FINE of those; reasons only for what is shown.
    coarse = weights.bm25 * bm25[candidates] / float(bm25[candidates].max() or 1.0)
    parts: dict[int, dict[str, float]] = {
        int(p): {"bm25": float(value)} for p, value in zip(candidates, coarse, strict=True)
    }
    source_position = (
        index.source_ids.index(claim.source_id) if claim.source_id in index.source_ids else -1
    )
    in_source = index.sources[candidates] == source_position
    coarse = coarse + weights.same_source * in_source
    reported_at = _reported_at(index, claim, query) if weights.near_claim else None
    near = np.zeros(len(candidates))
    if reported_at is not None:
        distance = np.abs(candidates.astype(np.int64) - reported_at)
        near = weights.near_claim * np.exp(-distance / weights.near_sentences) * in_source
    coarse = coarse + near
    quoted_for = _quoted_for(corpus, claim, candidates, quoted) if weights.quoted_elsewhere else {}
    for n, p in enumerate(candidates):
        got = parts[int(p)]
        got["same_source"] = weights.same_source * float(in_source[n])
        got["near_claim"] = float(near[n])
        others = quoted_for.get(int(p), ())
        got["quoted_elsewhere"] = weights.quoted_elsewhere * (
            (1.0 if others[0] else 0.5) if others else 0.0
        )
        coarse[n] += got["quoted_elsewhere"]
    like_claims: dict[int, tuple[str, ...]] = {}
    if weights.similar_claims and quoted is not None:
        position = quoted.position_of
        alike_of = {
            other: float(alike[position[other]])
            for p in candidates
            for other in quoted.claims_at(int(p))
            if other in position
        }
        similar = _similar_claims(claim, candidates, quoted, alike_of, weights.similar_mode)
        for n, p in enumerate(candidates):
            if int(p) in similar:
                value, like_claims[int(p)] = similar[int(p)]
                bonus = weights.similar_claims * value
                parts[int(p)]["similar_claims"] = bonus
                coarse[n] += bonus
        if weights.similar_near:
            beside = _beside(index, similar, weights.similar_near_decay)
            for n, p in enumerate(candidates):
                if int(p) in beside and int(p) not in similar:
                    bonus = weights.similar_near * beside[int(p)]
                    parts[int(p)]["similar_near"] = bonus
                    coarse[n] += bonus
    fine = candidates[np.argsort(-coarse, kind="stable")[:FINE]]
    for p in fine:
        parts[int(p)].update(_finer(index, int(p), claim, query, weights))
    if weights.fusion == "rrf":
        scored = _fused(parts, [int(p) for p in fine], weights)
    else:
        scored = {int(p): sum(parts[int(p)].values()) for p in fine}
    spans = {} if hide_links else _linked_spans(corpus, claim, anchors or {})
    shown = _passages(index, scored, spans, limit, weights)
    return ClaimSuggestions(
        claim.id,
        tuple(
            replace(
                suggestion,
                reasons=_reasons(index, members, claim, query, parts, like_claims),
            )
            for suggestion, members in shown
        ),
        len(index),
    )


FINE = 80
"""Candidates given the finer scores: the best by the coarse ones (BM25, where they are)."""


def _fused(
    parts: dict[int, dict[str, float]], passages: list[int], weights: Weights
) -> dict[int, float]:
    """Reciprocal-rank fusion of the parts: each part ranks the passages it scores above 0,
    and the n-th of its ranking gets 1 / (RRF_K + n), times the part's weight (the parts'
    values already carry their weights, so a part weighted 0 ranks nothing)."""
    weight_of = {
        "bm25": weights.bm25,
        "fuzzy": weights.fuzzy,
        "overlap": weights.overlap,
        "same_source": weights.same_source,
        "near_claim": weights.near_claim,
        "quoted_elsewhere": weights.quoted_elsewhere,
        "similar_claims": weights.similar_claims,
    }
    fused = dict.fromkeys(passages, 0.0)
    for name, weight in weight_of.items():
        if weight <= 0:
            continue
        descending = sorted(-parts[p].get(name, 0.0) for p in passages)
        for p in passages:
            value = parts[p].get(name, 0.0)
            if value > 0:
                # Ties share a rank (one more than the passages scoring better): "in the
                # claim's source" is true of many at once.
                rank = 1 + bisect.bisect_left(descending, -value)
                fused[p] += weight / (RRF_K + rank)
    return fused


def _reported_at(index: PassageIndex, claim: Claim, query: Query) -> int | None:
    """The sentence of the reporting source that reports the claim: the one its own words
    (and claimant) match best there."""
    if claim.source_id not in index.source_ids:
        return None
    own = np.flatnonzero(index.sources == index.source_ids.index(claim.source_id))
    if not len(own):
        return None
    terms = {index.vocabulary[t]: 1.0 for t in query.own_terms if t in index.vocabulary}
    terms.update(
        (index.vocabulary[t], 0.5)
        for t, why in query.origins.items()
        if why == "claimant" and t in index.vocabulary
    )
    scores = index.scores(terms)[own]
    return int(own[int(np.argmax(scores))]) if scores.max() > 0 else None


def _candidates(index: PassageIndex, bm25: np.ndarray, source_id: str | None) -> np.ndarray:
    count = min(CANDIDATES, len(bm25))
    best = np.argpartition(-bm25, count - 1)[:count]
    best = best[bm25[best] > 0]
    if source_id is not None and source_id in index.source_ids:
        # The reporting source is where a claim is most often answered: all of its sentences
        # are scored, up to a few hundred.
        own = np.flatnonzero(index.sources == index.source_ids.index(source_id))[:CANDIDATES]
        best = np.union1d(best, own[bm25[own] > 0])
    return best


def _leads(claim: Claim, quoted: Quoted, alike: np.ndarray, claims: int) -> np.ndarray:
    """The sentences quoted as evidence of the `claims` claims likest to `claim` (`alike`:
    `Quoted.likeness_of_all`)."""
    own = quoted.position_of.get(claim.id)
    if own is not None:
        alike = alike.copy()
        alike[own] = 0.0  # a claim's own evidence is no lead for it (hidden in the blind test)
    count = min(claims, int(np.count_nonzero(alike > 0)))
    if count <= 0:
        return np.zeros(0, dtype=np.int64)
    likest = np.argpartition(-alike, count - 1)[:count]
    found = [p for n in likest.tolist() for p in quoted.passages_of[quoted.evidenced[n]]]
    return np.unique(np.asarray(found, dtype=np.int64))


def _beside(
    index: PassageIndex, similar: dict[int, tuple[float, tuple[str, ...]]], decay: float
) -> dict[int, float]:
    """The sentences up to 3 from a candidate quoted for like claims, in its source, each with
    that candidate's likeness less by e every `decay` sentences (the most from any)."""
    found: dict[int, float] = {}
    for quoted_at, (value, _) in similar.items():
        for distance in (1, 2, 3):
            for other in (quoted_at - distance, quoted_at + distance):
                if 0 <= other < len(index) and index.sources[other] == index.sources[quoted_at]:
                    near = value * math.exp(-distance / decay)
                    found[other] = max(found.get(other, 0.0), near)
    return found


def _similar_claims(
    claim: Claim, candidates: np.ndarray, quoted: Quoted, alike: dict[str, float], mode: str
) -> dict[int, tuple[float, tuple[str, ...]]]:
    """Per candidate quoted as evidence of other claims: how alike those claims are to this
    one (`alike`, by claim id), the likest's ("max") or all together ("sum": 1 - e^-sum), and
    the ids of those alike at all, likest first."""
    found: dict[int, tuple[float, tuple[str, ...]]] = {}
    for p in candidates:
        others = [o for o in quoted.claims_at(int(p)) if o != claim.id and alike.get(o, 0.0) > 0]
        if not others:
            continue
        values = [alike[o] for o in others]
        value = max(values) if mode == "max" else 1 - math.exp(-sum(values))
        found[int(p)] = (value, tuple(sorted(others, key=lambda o: (-alike[o], o))))
    return found


def _quoted_for(
    corpus: Corpus,
    claim: Claim,
    candidates: np.ndarray,
    quoted: Quoted | None,
) -> dict[int, tuple[bool, ...]]:
    """Per candidate quoted as evidence of other claims: whether each shares a tag with this
    one, those that do first."""
    found: dict[int, tuple[bool, ...]] = {}
    tags = set(claim.tags)
    for p in candidates:
        others = (quoted.claims_at(int(p)) if quoted is not None else frozenset()) - {claim.id}
        if others:
            shares = [bool(tags & set(corpus.claims_by_id[o].tags)) for o in sorted(others)]
            found[int(p)] = tuple(sorted(shares, reverse=True))
    return found


def _finer(
    index: PassageIndex, passage: int, claim: Claim, query: Query, weights: Weights
) -> dict[str, float]:
    text = index.text_of(passage)
    fuzzy = fuzz.token_set_ratio(claim.text, text) / 100 if weights.fuzzy else 0.0
    overlap = 0.0
    if weights.overlap:
        found = mentions(text)
        names = query.mentions.names & found.names
        dates = query.mentions.dates & found.dates
        # A name in half the sentences ("Taliban" in a corpus about the Taliban) says little:
        # each counts by its rarity. A figure or a day of a month is rare by nature; a year or
        # a month less so.
        weight = (
            sum(index.rarity(name) for name in names)
            + len(query.mentions.numbers & found.numbers)
            + sum(1.0 if " " in d else 0.4 for d in dates)
        )
        overlap = 1 - math.exp(-0.7 * weight)
    factual = 0.0
    if weights.factual:
        stated = mentions(text)
        factual = weights.factual * float(bool(stated.numbers or stated.dates))
    return {
        "fuzzy": weights.fuzzy * fuzzy,
        "overlap": weights.overlap * overlap,
        "factual": factual,
    }


def _reasons(
    index: PassageIndex,
    members: list[int],
    claim: Claim,
    query: Query,
    parts: dict[int, dict[str, float]],
    like_claims: Mapping[int, tuple[str, ...]],
) -> Reasons:
    """Why the passage (one sentence, or two) is suggested: what it shares with the claim."""
    start = int(index.starts[members[0]])
    text = index.texts[index.sources[members[0]]][start : int(index.ends[members[-1]])]
    found = mentions(text)
    names = sorted(query.mentions.names & found.names)
    terms, related = _words(text, query)
    best = max(members, key=lambda p: sum(parts[p].values()))
    return Reasons(
        names=tuple(_as_written(names, text)),
        dates=tuple(sorted(query.mentions.dates & found.dates)),
        numbers=tuple(_figure(n) for n in sorted(query.mentions.numbers & found.numbers)),
        terms=terms,
        related=related,
        same_source=index.source_of(members[0]) == claim.source_id,
        evidence_of=tuple(dict.fromkeys(c for p in members for c in like_claims.get(p, ()))),
        parts=tuple(parts[best].items()),
    )


def _as_written(names: list[str], text: str) -> list[str]:
    lowered = text.lower()
    shown = []
    for name in names:
        at = lowered.find(name)
        shown.append(text[at : at + len(name)] if at >= 0 else name)
    return shown


def _words(text: str, query: Query) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The passage's words (as written, once each) that are the claim's own, and those the
    widened query asked for, with why."""
    own: dict[str, str] = {}
    related: dict[str, tuple[str, str]] = {}
    for word in WORD.findall(text):
        for term in terms_of_word(word.lower()):
            if term in query.own_terms:
                own.setdefault(term, word)
            elif term in query.origins:
                related.setdefault(term, (word, query.origins[term]))
    return tuple(own.values()), tuple(related.values())


def _figure(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def with_links_now(
    corpus: Corpus,
    claim: Claim,
    suggestions: Iterable[Suggestion],
    anchors: Mapping[str, Anchor] | None = None,
) -> list[Suggestion]:
    """`suggestions` with `linked` as the claim's evidence is now: after a passage was quoted
    (from the list or from its source) or a quote's link undone, the ranking need not run again.
    `anchors` only needs the claim's quotes (a quote it lacks is verified here)."""
    spans = _linked_spans(corpus, claim, anchors or {})
    return [replace(s, linked=_covered_by(spans, s.source_id, s.start, s.end)) for s in suggestions]


def _covered_by(
    linked: dict[str, list[tuple[int, int, str]]], source_id: str, start: int, end: int
) -> tuple[str, ...]:
    """The ids of the linked quotes that are the same text as the passage at start:end."""
    return tuple(
        dict.fromkeys(
            quote_id
            for q_start, q_end, quote_id in linked.get(source_id, ())
            if covers(start, end, q_start, q_end)
        )
    )


def _linked_spans(
    corpus: Corpus, claim: Claim, anchors: Mapping[str, Anchor]
) -> dict[str, list[tuple[int, int, str]]]:
    """Per source, the spans of the quotes linked to the claim, with each quote's id. Only the
    claim's quotes are looked up in `anchors` (the app's decodes a source's anchors when asked)."""
    from factcheck.corpus.verification import verify_now

    wanted = [link.quote_id for link in claim.evidence if link.quote_id in corpus.quotes]
    missing = [q for q in wanted if q not in anchors]
    verified = verify_now(corpus, missing) if missing else {}
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for quote_id in wanted:
        anchor = verified.get(quote_id) or anchors.get(quote_id)
        if anchor is None:
            continue
        source_id = corpus.quotes[quote_id].source_id
        for span in anchor.spans:
            spans.setdefault(source_id, []).append((span.start, span.end, quote_id))
    return spans


def covers(start: int, end: int, quote_start: int, quote_end: int) -> bool:
    """Whether a passage and a quote are the same text: they overlap by at least half of the
    shorter of the two."""
    shared = min(end, quote_end) - max(start, quote_start)
    return shared > 0 and shared * 2 >= min(end - start, quote_end - quote_start)


def _passages(
    index: PassageIndex,
    scored: dict[int, float],
    linked: dict[str, list[tuple[int, int, str]]],
    limit: int,
    weights: Weights,
) -> list[tuple[Suggestion, list[int]]]:
    """The best passages, each a sentence or a sentence and its neighbour, with the sentences
    it is made of; their reasons are filled in by the caller."""
    order = sorted(scored, key=lambda p: (-scored[p], p))
    used: set[int] = set()
    found: list[tuple[Suggestion, list[int]]] = []
    per_source: dict[int, int] = {}
    chosen_terms: list[set[str]] = []
    terms_of_passage: dict[int, set[str]] = {}

    def likeness(passage: int) -> float:
        if passage not in terms_of_passage:
            terms_of_passage[passage] = set(terms_of(index.text_of(passage)))
        mine = terms_of_passage[passage]
        return max(
            (len(mine & other) / (len(mine | other) or 1) for other in chosen_terms), default=0.0
        )

    while len(found) < limit:
        left = [
            p
            for p in order
            if p not in used
            and not (
                weights.per_source
                and per_source.get(int(index.sources[p]), 0) >= weights.per_source
            )
        ]
        if not left:
            break
        if weights.diversity and chosen_terms:
            passage = max(left, key=lambda p: (scored[p] - weights.diversity * likeness(p), -p))
        else:
            passage = left[0]
        score = scored[passage]
        members = [passage]
        partner = _partner(index, passage, scored, used, weights.window_share * score)
        if partner is not None:
            members = sorted((passage, partner))
        used.update(members)
        per_source[int(index.sources[passage])] = per_source.get(int(index.sources[passage]), 0) + 1
        if weights.diversity:
            chosen_terms.append(
                set(
                    terms_of(
                        index.texts[index.sources[passage]][
                            int(index.starts[members[0]]) : int(index.ends[members[-1]])
                        ]
                    )
                )
            )
        source_id = index.source_of(passage)
        start, end = int(index.starts[members[0]]), int(index.ends[members[-1]])
        text = index.texts[index.sources[passage]][start:end]
        quotes = _covered_by(linked, source_id, start, end)
        suggestion = Suggestion(source_id, start, end, text, score, Reasons(), quotes, len(members))
        found.append((suggestion, members))
    return found


def _partner(
    index: PassageIndex,
    passage: int,
    scored: dict[int, float],
    used: set[int],
    enough: float,
) -> int | None:
    best = None
    for neighbour in index.neighbours(passage):
        if neighbour is None or neighbour in used or neighbour not in scored:
            continue
        if scored[neighbour] >= enough and (best is None or scored[neighbour] > scored[best]):
            best = neighbour
    return best
