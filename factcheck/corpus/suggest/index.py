"""The BM25 index over every sentence of every source text, built once and cached.

The score matrix is the one `bm25s` builds (Lucene's BM25 with `K1` and `B`, from bm25s's
own term-frequency and idf functions), held in a `bm25s.BM25` retriever. It is built here with
numpy instead of `BM25.index`, whose loop over documents in Python took 2.1 s for the 145,000
sentences of 2,000 sources, and 3.3 s with the tokenising: over the 3 s the whole build may
take. `tests/test_suggest_index.py` pins that both give the same matrix.

The index is kept under the cache folder (`corpus/cache_files.py`), keyed by every source's id
and a hash of its text, and by the code that splits and stems: any change there, and it is
built again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bm25s
import numpy as np
from bm25s.scoring import _select_idf_scorer, _select_tfc_scorer

from factcheck.corpus.cache_files import cache_file, cache_key, read_cache, write_cache
from factcheck.corpus.model import Corpus
from factcheck.corpus.suggest import passages as passages_module
from factcheck.corpus.suggest import terms as terms_module
from factcheck.corpus.suggest.likeness import feature_rarity, features
from factcheck.corpus.suggest.passages import sentence_spans
from factcheck.corpus.suggest.terms import SPACE_FOR_PUNCTUATION, terms_of_word

K1 = 0.9
B = 0.4
"""BM25's saturation and length normalisation. Lucene's usual 1.2-1.5 and 0.75 suit documents;
a passage is a sentence or two, where a word said twice means little more than once and a long
sentence is not long for being padded: measured on the bundled corpus with a leave-one-claim-out
check (benchmarks/bench_suggest.py), 0.9 and 0.4 find more, in-sample and held out."""
METHOD = "lucene"
_FORMAT = cache_key("suggest-index", 2, code=(passages_module, terms_module))
"""The splitting and stemming code is in the key: a change to either misses the cache."""


@dataclass(slots=True)
class PassageIndex:
    """Every sentence of the source texts, and a BM25 retriever over them."""

    source_ids: list[str]
    texts: list[str]
    """Each source's text, by the position of its id in `source_ids`."""
    starts: np.ndarray
    ends: np.ndarray
    sources: np.ndarray
    """Per sentence: its span in its source text, and its source's position."""
    vocabulary: dict[str, int]
    retriever: bm25s.BM25
    from_cache: bool = False

    def __len__(self) -> int:
        return len(self.starts)

    def text_of(self, passage: int) -> str:
        return self.texts[self.sources[passage]][self.starts[passage] : self.ends[passage]]

    def source_of(self, passage: int) -> str:
        return self.source_ids[self.sources[passage]]

    def term_ids(self, terms: list[str]) -> list[int]:
        return [self.vocabulary[t] for t in terms if t in self.vocabulary]

    def scores(self, weighted: dict[int, float]) -> np.ndarray:
        """BM25 of every sentence for a query whose terms weigh differently (a claim's own words
        1, the words it was widened with less): the sum over terms of weight x the term's
        column of the matrix. Within a column each sentence occurs once, so plain fancy-index
        addition is exact (and faster than np.add.at)."""
        matrix = self.retriever.scores
        data, indices, indptr = matrix["data"], matrix["indices"], matrix["indptr"]
        total = np.zeros(matrix["num_docs"], dtype=np.float32)
        for term, weight in weighted.items():
            start, end = indptr[term], indptr[term + 1]
            total[indices[start:end]] += data[start:end] * np.float32(weight)
        return total

    def rarity(self, word: str) -> float:
        """How rare a word is among the sentences, 0 (in every one) to 1 (in one or none): its
        idf over the largest idf possible."""
        terms = terms_of_word(word)
        term_id = self.vocabulary.get(terms[0]) if terms else None
        if term_id is None or len(self) < 2:
            return 1.0
        indptr = self.retriever.scores["indptr"]
        df = int(indptr[term_id + 1] - indptr[term_id])
        return float(np.log(len(self) / max(df, 1)) / np.log(len(self)))

    def neighbours(self, passage: int) -> tuple[int | None, int | None]:
        """The sentences before and after `passage` on the same line of the same source."""
        before = after = None
        source, text = self.sources[passage], self.texts[self.sources[passage]]
        if passage > 0 and self.sources[passage - 1] == source:
            gap = text[self.ends[passage - 1] : self.starts[passage]]
            before = passage - 1 if "\n" not in gap else None
        if passage + 1 < len(self.starts) and self.sources[passage + 1] == source:
            gap = text[self.ends[passage] : self.starts[passage + 1]]
            after = passage + 1 if "\n" not in gap else None
        return before, after


@dataclass(frozen=True, slots=True)
class Quoted:
    """What the desk has already linked as evidence, for the ranking to learn from: per
    sentence, the claims whose linked quotes hold it; per claim with evidence, those sentences;
    and what each claim is (`likeness.features`), with how rare each feature is."""

    claims_of: dict[int, frozenset[str]]
    features_of: dict[str, frozenset[str]]
    rarity: dict[str, float]
    passages_of: dict[str, tuple[int, ...]]
    """Claim id -> the sentences its linked quotes hold."""
    evidenced: tuple[str, ...] = ()
    """The claims with a linked quote found, in the order of `likeness_of_all`'s answer."""
    holders: dict[str, np.ndarray] = field(default_factory=dict)
    """Feature -> the positions in `evidenced` of the claims that have it."""
    position_of: dict[str, int] = field(default_factory=dict)
    """Claim id -> its position in `evidenced`."""

    def claims_at(self, passage: int) -> frozenset[str]:
        return self.claims_of.get(passage, frozenset())

    def likeness_of_all(self, mine: frozenset[str]) -> np.ndarray:
        """`likeness.likeness(mine, theirs)` of every claim of `evidenced`, at once: each of
        my features adds its rarity to the claims holding it (a few numpy additions where a
        loop over 10,000 claims took 40 ms)."""
        total = np.zeros(len(self.evidenced))
        weight = sum(self.rarity.get(feature, 0.0) for feature in mine)
        if weight <= 0:
            return total
        for feature in mine:
            holding = self.holders.get(feature)
            if holding is not None:
                total[holding] += self.rarity.get(feature, 0.0)
        return total / weight


def quoted_passages(corpus: Corpus, index: PassageIndex, anchors: Mapping[str, Any]) -> Quoted:
    """Which sentences the claims' linked quotes hold: what the desk has already pulled out of
    the sources as evidence. A quote without an anchor (not verified yet, or not found)
    counts for nothing. Each quote's sentences are found at once for all (two searchsorted
    over every sentence, keyed by source and position): 0.1 s at 10,000 claims, where a
    search per quote took 0.6 s."""
    position = {sid: n for n, sid in enumerate(index.source_ids)}
    owners: list[str] = []
    span_source: list[int] = []
    span_start: list[int] = []
    span_end: list[int] = []
    anchor_of: dict[str, Any] = {}
    for claim in corpus.claims:
        for link in claim.evidence:
            quote = corpus.quotes.get(link.quote_id)
            if quote is None or quote.source_id not in position:
                continue
            if link.quote_id not in anchor_of:
                anchor_of[link.quote_id] = anchors.get(link.quote_id)
            anchor = anchor_of[link.quote_id]
            if anchor is None:
                continue
            for span in anchor.spans:
                owners.append(claim.id)
                span_source.append(position[quote.source_id])
                span_start.append(span.start)
                span_end.append(span.end)
    claims_of: dict[int, set[str]] = {}
    if owners and len(index):
        # A sentence's key orders it by source, then place: sources are in order in the index.
        scale = np.int64(max(len(t) for t in index.texts) + 1)
        sources = index.sources.astype(np.int64) * scale
        starts_key = sources + index.starts
        ends_key = sources + index.ends
        quote_sources = np.asarray(span_source, dtype=np.int64) * scale
        # The sentences a span overlaps: those ending after its start and starting before its
        # end, within its source (the keys of another source are all beyond or below).
        begin = np.searchsorted(ends_key, quote_sources + np.asarray(span_start), side="right")
        end = np.searchsorted(starts_key, quote_sources + np.asarray(span_end), side="left")
        for owner, first, last in zip(owners, begin.tolist(), end.tolist(), strict=True):
            for passage in range(first, last):
                claims_of.setdefault(passage, set()).add(owner)
    features_of = {claim.id: features(claim) for claim in corpus.claims}
    passages_of: dict[str, list[int]] = {}
    for passage, claims in claims_of.items():
        for claim_id in claims:
            passages_of.setdefault(claim_id, []).append(passage)
    evidenced = tuple(sorted(passages_of))
    holding: dict[str, list[int]] = {}
    for position, claim_id in enumerate(evidenced):
        for feature in features_of[claim_id]:
            holding.setdefault(feature, []).append(position)
    return Quoted(
        {passage: frozenset(claims) for passage, claims in claims_of.items()},
        features_of,
        feature_rarity(corpus.claims),
        {claim_id: tuple(sorted(found)) for claim_id, found in passages_of.items()},
        evidenced,
        {feature: np.asarray(held, dtype=np.int64) for feature, held in holding.items()},
        {claim_id: position for position, claim_id in enumerate(evidenced)},
    )


def passage_index(corpus: Corpus, cache_dir: Path | None) -> PassageIndex:
    """The index of the corpus's source texts: read from the cache when every text is as it was
    indexed, else built (and cached when `cache_dir` is given)."""
    texts = {sid: s.text for sid, s in sorted(corpus.sources.items()) if s.text is not None}
    return index_texts(texts, cache_dir=cache_dir, root=corpus.root)


def index_texts(
    texts: dict[str, str], *, cache_dir: Path | None = None, root: Path | None = None
) -> PassageIndex:
    """The index of `texts` (source id -> text); cached per corpus `root` under `cache_dir`."""
    fingerprint = _fingerprint(texts)
    path = cache_file(cache_dir, "suggest", root) if cache_dir and root else None
    if path is not None:
        stored = read_cache(path)
        if isinstance(stored, tuple) and len(stored) == 3 and stored[:2] == (_FORMAT, fingerprint):
            restored = _restore(texts, stored[2])
            if restored is not None:
                return restored
    index = build_index(texts)
    if path is not None:
        write_cache(path, (_FORMAT, fingerprint, _stored(index)))
    return index


def build_index(texts: dict[str, str], *, k1: float = K1, b: float = B) -> PassageIndex:
    """The index of `texts`; `k1` and `b` are BM25's (the benchmark tries others)."""
    source_ids = list(texts)
    spans: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    words: list[str] = []
    sentence_of_word: list[np.ndarray] = []
    sentences = 0
    for position, text in enumerate(texts.values()):
        found = np.asarray(sentence_spans(text), dtype=np.int64).reshape(-1, 2)
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter whose lower case is two: keep spans aligned
            lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        lowered = lowered.translate(SPACE_FOR_PUNCTUATION)
        words.extend(lowered.split())
        # Which sentence each word is in, without splitting sentence by sentence (that took
        # 1.2 s for 145,000 sentences): a word starts where a space is followed by another
        # character, and belongs to the last sentence starting at or before it.
        sentence_of_word.append(sentences + _sentence_of_each_word(lowered, found[:, 0]))
        spans.append(found)
        owners.append(np.full(len(found), position, dtype=np.int32))
        sentences += len(found)
    all_spans = np.concatenate(spans) if spans else np.zeros((0, 2), dtype=np.int64)
    of_word = np.concatenate(sentence_of_word) if spans else np.zeros(0, dtype=np.int64)
    vocabulary, token_terms, sentence_of = _terms(words, of_word)
    retriever = _retriever(token_terms, sentence_of, sentences, len(vocabulary), k1, b)
    return PassageIndex(
        source_ids,
        list(texts.values()),
        np.ascontiguousarray(all_spans[:, 0]),
        np.ascontiguousarray(all_spans[:, 1]),
        np.concatenate(owners) if owners else np.zeros(0, dtype=np.int32),
        vocabulary,
        retriever,
    )


def _sentence_of_each_word(spaced: str, sentence_starts: np.ndarray) -> np.ndarray:
    """For each word of `spaced` (a text whose only separator is the space, as `split` cuts it),
    the position of its sentence among `sentence_starts`."""
    characters = np.frombuffer(spaced.encode("utf-32-le"), dtype=np.uint32)
    is_space = characters == ord(" ")
    starts_word = ~is_space
    starts_word[1:] &= is_space[:-1]
    word_starts = np.flatnonzero(starts_word)
    owner = np.searchsorted(sentence_starts, word_starts, side="right") - 1
    return np.maximum(owner, 0)


def _terms(
    words: list[str], sentence_of_word: np.ndarray
) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """Every word as the index terms it stands for (none, one, or a compound and its parts),
    numbered; returns the vocabulary, and per term occurrence its id and its sentence."""
    distinct = sorted(set(words))
    word_number = {word: n for n, word in enumerate(distinct)}
    vocabulary: dict[str, int] = {}
    offsets = [0]
    flat: list[int] = []
    for word in distinct:
        for term in terms_of_word(word):
            flat.append(vocabulary.setdefault(term, len(vocabulary)))
        offsets.append(len(flat))
    word_ids = np.fromiter(map(word_number.__getitem__, words), dtype=np.int64, count=len(words))
    offset = np.asarray(offsets, dtype=np.int64)
    counts = offset[word_ids + 1] - offset[word_ids]
    total = int(counts.sum())
    # Each word occurrence expands to its terms: the term at offset[word] + k for k < count.
    first = np.repeat(offset[word_ids], counts)
    within = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    term_ids = np.asarray(flat, dtype=np.int64)[first + within] if total else first
    return vocabulary, term_ids, np.repeat(sentence_of_word, counts)


def _retriever(
    term_ids: np.ndarray,
    sentence_of: np.ndarray,
    sentences: int,
    terms: int,
    k1: float = K1,
    b: float = B,
) -> bm25s.BM25:
    retriever = bm25s.BM25(k1=k1, b=b, method=METHOD)
    vocabulary_size = max(terms, 1)
    lengths = np.bincount(sentence_of, minlength=sentences).astype(np.float64)
    average = float(lengths.mean()) if sentences else 0.0
    # One (sentence, term) pair per key; sorted by term, then sentence: the CSC order.
    keys, tf = np.unique(term_ids * max(sentences, 1) + sentence_of, return_counts=True)
    term_of, sentence = np.divmod(keys, max(sentences, 1))
    df = np.bincount(term_of, minlength=vocabulary_size)
    idf_of = _select_idf_scorer(METHOD)
    idf = np.asarray([idf_of(int(d), sentences) for d in df], dtype=np.float64)
    tfc = _select_tfc_scorer(METHOD)(tf.astype(np.float64), lengths[sentence], average, k1, b)
    data = (idf[term_of] * tfc).astype(np.float32)
    indptr = np.zeros(vocabulary_size + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    retriever.scores = {
        "data": data,
        "indices": sentence.astype(np.int32),
        "indptr": indptr,
        "num_docs": sentences,
    }
    retriever.nonoccurrence_array = None
    return retriever


def _fingerprint(texts: dict[str, str]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for source_id, text in texts.items():
        digest.update(source_id.encode())
        digest.update(b"\0")
        digest.update(hashlib.blake2b(text.encode(), digest_size=16).digest())
    return digest.hexdigest()


def _stored(index: PassageIndex) -> tuple[Any, ...]:
    """The index as plain data marshal writes: arrays as bytes (with their dtype)."""
    matrix = index.retriever.scores
    arrays = (
        index.starts,
        index.ends,
        index.sources,
        matrix["data"],
        matrix["indices"],
        matrix["indptr"],
    )
    return (
        tuple(index.source_ids),
        tuple((a.dtype.str, a.tobytes()) for a in arrays),
        int(matrix["num_docs"]),
        tuple(index.vocabulary),
    )


def _restore(texts: dict[str, str], stored: Any) -> PassageIndex | None:
    try:
        source_ids, arrays, num_docs, vocabulary = stored
        starts, ends, owners, data, indices, indptr = (
            np.frombuffer(blob, dtype=np.dtype(kind)) for kind, blob in arrays
        )
    except (TypeError, ValueError):
        return None
    if list(source_ids) != list(texts):
        return None
    retriever = bm25s.BM25(k1=K1, b=B, method=METHOD)
    retriever.scores = {"data": data, "indices": indices, "indptr": indptr, "num_docs": num_docs}
    retriever.nonoccurrence_array = None
    return PassageIndex(
        list(source_ids),
        list(texts.values()),
        starts,
        ends,
        owners,
        {term: n for n, term in enumerate(vocabulary)},
        retriever,
        from_cache=True,
    )
