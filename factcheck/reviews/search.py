"""Searching a corpus's claims: by what the claim says (its words, claimant, tags, id) and by
what it rests on (the quotes of its evidence and their notes, the titles of its sources) and the
reviewer's own note; and, for a claim found, where the match is.

Plain Python with no Textual import. The keys are built once, off the UI thread (`prepare`), and
a search only reads them, so the app can run a costly search in a worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from factcheck.corpus.cancelling import stop_if_cancelled
from factcheck.corpus.model import Claim, Corpus

EXACT_UP_TO = 4
"""Queries this short are matched as substrings: fuzzily, four letters match nearly anything."""
SEARCH_CUTOFF = 75
"""partial_ratio score below which a claim is not a match: typos pass, unrelated words do not."""
_CLAIMS_BETWEEN_CHECKS = 500
"""Claims keyed between two looks at `cancel`: some 10 ms of work."""
COSTLY_CHARACTERS = 1_000_000
"""Keys longer than this in all are searched off the UI thread. Measured here: partial_ratio
runs at about 5 ns a character (60 ms for the 12.5 million characters of 10,000 claims with
their 50,000 quotes), so below this a search costs under 5 ms, less than a thread hop is worth."""


@dataclass(frozen=True, slots=True)
class Field:
    """One searchable piece of a claim, and how to say where it is."""

    where: str
    """E.g. 'the claim', 'quote kunduz-blast', 'your note', 'source title afp-2021-11'."""
    text: str
    """As `utils.default_process` leaves it: lower case, punctuation as spaces."""


NoteOf = Callable[[str], str]
"""The reviewer's note on a claim id ('' for none)."""


def claim_fields(corpus: Corpus, claim: Claim, note: str) -> list[Field]:
    """Every field a search looks in, the claim's own first (they win a tie)."""
    from rapidfuzz import utils  # here: the app starts without it

    processed = utils.default_process
    fields = [
        Field("the claim", processed(claim.text)),
        Field("the claimant", processed(f"{claim.claimant} {claim.role or ''}")),
        Field("the tags", processed(" ".join(claim.tags))),
        Field("the id", processed(claim.id)),
    ]
    if note:
        fields.append(Field("your note", processed(note)))
    titles: dict[str, str] = {}
    if claim.source_id and (reported_by := corpus.sources.get(claim.source_id)):
        titles[reported_by.id] = reported_by.title
    for link, quote, source in corpus.evidence(claim):
        fields.append(Field(f"quote {quote.id}", processed(quote.text)))
        notes = " ".join(note for note in (quote.note, link.note) if note)
        if notes:
            fields.append(Field(f"the note on quote {quote.id}", processed(notes)))
        titles.setdefault(source.id, source.title)
    fields.extend(
        Field(f"source title {source_id}", processed(title)) for source_id, title in titles.items()
    )
    return [field for field in fields if field.text]


_OWN_WHERE = frozenset({"the claim", "the claimant", "the tags", "the id"})
"""The claim's own fields: a match there ranks before an equal match in what it rests on."""


def _keys(fields: list[Field]) -> tuple[str, str]:
    """The claim's own fields joined, and the rest joined."""
    own = [field.text for field in fields if field.where in _OWN_WHERE]
    rest = [field.text for field in fields if field.where not in _OWN_WHERE]
    return " ".join(own), " ".join(rest)


def _score(query: str, text: str) -> float:
    """How well `query` (processed) matches `text`: 100 for a substring, else partial_ratio for
    queries long enough to match fuzzily, else 0."""
    from rapidfuzz import fuzz

    if query in text:
        return 100.0
    if len(query) <= EXACT_UP_TO:
        return 0.0
    return fuzz.partial_ratio(query, text, score_cutoff=SEARCH_CUTOFF)


class ClaimSearch:
    """The search keys of a corpus's claims, and the searches over them."""

    def __init__(self, corpus: Corpus, note_of: NoteOf) -> None:
        self.corpus = corpus
        self._note_of = note_of
        self._own: list[str] = []
        """One key per claim, in corpus order: its own fields (words, claimant, tags, id)."""
        self._rest: list[str] = []
        """One key per claim: the reviewer's note, its quotes and their notes, source titles."""
        self._position: dict[str, int] = {}
        self._characters = 0
        self._last: tuple[str, list[int]] | None = None
        """The last thorough search (processed query, claims found): the list is filtered
        again with the same query (a rating under a filter) without searching again."""
        self._generation = 0
        """Counts changes to the keys: a search that began before one does not keep its
        result, which may have left the changed claim out."""

    @property
    def ready(self) -> bool:
        return bool(self._own) or not self.corpus.claims

    @property
    def costly(self) -> bool:
        """Whether a search takes long enough to be run in a worker thread; so is one before
        the keys are built, which builds them (0.1-0.3 s at 10,000 claims)."""
        return not self.ready or self._characters > COSTLY_CHARACTERS

    def prepare(self, cancel: threading.Event | None = None) -> None:
        """Build the keys: 0.1-0.2 s at 10,000 claims and 50,000 quotes, so the app calls this
        from a worker after the first paint. Safe from a thread: the list is assigned whole.
        `Cancelled` once `cancel` is set (the app quits: 1-2 s of keys at 50,000 claims held
        its exit), with nothing built."""
        if self._own or not self.corpus.claims:
            return
        corpus, note_of = self.corpus, self._note_of
        keys = []
        for index, claim in enumerate(corpus.claims):
            if index % _CLAIMS_BETWEEN_CHECKS == 0:
                stop_if_cancelled(cancel)
            keys.append(_keys(claim_fields(corpus, claim, note_of(claim.id))))
        own, rest = zip(*keys, strict=True)
        self._characters = sum(map(len, own)) + sum(map(len, rest))
        self._position = {claim.id: index for index, claim in enumerate(corpus.claims)}
        self._rest = list(rest)
        self._own = list(own)  # last: `ready` looks at it

    def note_changed(self, claim_id: str) -> None:
        """The reviewer's note on this claim may have changed: search the new one from now on."""
        claim = self.corpus.claims_by_id.get(claim_id)
        if not self._own or claim is None:
            return  # not built yet (`prepare` will read the note), or no longer in the corpus
        _own, rest = _keys(claim_fields(self.corpus, claim, self._note_of(claim_id)))
        self._rest[self._position[claim_id]] = rest  # a search in a thread sees old or new
        self._generation += 1
        self._last = None

    def find(self, query: str, *, thorough: bool = True) -> list[int]:
        """Claim indexes matching `query`, best first; ties keep corpus order. Reads the keys
        only, so it may run in a thread while the UI thread rates claims.

        Not `thorough`: the claim's own fields fuzzily, but the rest (quotes, notes, titles:
        nine tenths of the text) as written only; 20-30 ms instead of 80-250 ms at 10,000
        claims and 50,000 quotes, so the app shows these first and the thorough result after.
        """
        from rapidfuzz import utils

        self.prepare()
        processed = utils.default_process(query)
        if not processed:
            return list(range(len(self.corpus.claims)))
        last, generation = self._last, self._generation
        if last is not None and last[0] == processed:
            return last[1]
        if len(processed) <= EXACT_UP_TO:
            # A few letters match almost anything fuzzily: take them as written; the claim's
            # own words first.
            own, rest = self._own, self._rest
            in_own = [index for index, key in enumerate(own) if processed in key]
            in_rest = [
                index
                for index, key in enumerate(rest)
                if processed in key and processed not in own[index]
            ]
            found = in_own + in_rest
        else:
            # Every claim is scored afresh as one types: a longer query can match claims a
            # shorter one did not ('kabul h' finds 'hospital'), so no narrowing to the last hits.
            found = self._fuzzy(processed, thorough)
        if thorough and generation == self._generation:
            self._last = (processed, found)
        return found

    def _fuzzy(self, processed: str, thorough: bool) -> list[int]:
        own = self._scores(processed, self._own)
        if thorough:
            rest = self._scores(processed, self._rest)
        else:
            rest = [100.0 if processed in key else 0.0 for key in self._rest]
        hits = [
            # Best first; at equal scores, a match in the claim's own words first, then corpus
            # order.
            (-max(own_score, rest_score), own_score < rest_score, index)
            for index, (own_score, rest_score) in enumerate(zip(own, rest, strict=True))
            if own_score or rest_score
        ]
        hits.sort()
        return [index for _score, _elsewhere, index in hits]

    def _scores(self, processed: str, keys: list[str]) -> list[float]:
        """partial_ratio of the query against each key, 0 below the cutoff."""
        from rapidfuzz import fuzz, process

        if self._characters > COSTLY_CHARACTERS:
            # cdist lets go of the GIL while it scores (extract holds it: 60 ms in which the UI
            # thread could not draw a key typed), so a search in a worker leaves the app live.
            scores: list[float] = process.cdist(
                [processed],
                keys,
                scorer=fuzz.partial_ratio,
                processor=None,
                score_cutoff=SEARCH_CUTOFF,
                workers=1,
            )[0].tolist()
            return scores
        return [fuzz.partial_ratio(processed, key, score_cutoff=SEARCH_CUTOFF) for key in keys]

    def where(self, claim: Claim, query: str) -> str | None:
        """Where `query` matches `claim` best ('quote kunduz-blast', 'your note'...); None when
        it does not match any one field (only across two, or not at all)."""
        from rapidfuzz import utils

        processed = utils.default_process(query)
        if not processed:
            return None
        best, found = 0.0, None
        for field in claim_fields(self.corpus, claim, self._note_of(claim.id)):
            score = _score(processed, field.text)
            if score > best:
                best, found = score, field.where
        return found
