"""Properties that hold whatever the input: the loader, the validator and quote anchoring.

Hypothesis writes corpora nobody would write by hand (broken YAML, wrong types, control
characters, deep nesting, aliases, duplicate ids, bytes that are not UTF-8) and quotes cut,
folded, elided and misspelt from generated sources, and checks what every user of a finding or
an anchor relies on: no traceback; a finding points at a file of the corpus, at a line and
column inside it; an anchor's spans cut out of the source text what its status claims.

The runs are derandomized and keep no example database, so CI sees the same examples every
time; `max_examples` is set so that the whole file takes a few seconds (see the report of
`pytest --durations`).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from factcheck.quotes import Anchor, MatchStatus, SourceText, anchor_quote
from factcheck.quotes.elision import elided_parts
from factcheck.quotes.folding import OUTER_QUOTE_MARKS, fold
from factcheck.quotes.thresholds import FUZZY_MIN_SCORE, NEAR_MISS_MIN_SCORE

HUNT = int(os.environ.get("FACTCHECK_PROPERTY_HUNT", "0"))
"""FACTCHECK_PROPERTY_HUNT=50 runs 50 times the examples, random ones: a longer search for
counterexamples, on demand (a failure prints the @example to add)."""


def deterministic(max_examples: int) -> settings:
    """The same examples on every run (derandomized, no database): a CI failure is one that
    anyone reproduces by running the test again."""
    return settings(
        max_examples=max_examples * max(HUNT, 1),
        derandomize=not HUNT,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# Quote anchoring: whatever the status, the spans show what it claims

_WORDS = (
    *"the group had been defeated and nineteen people were killed in the attack on a hospital"
    " residents said they did not feel safe city".split(),
    *("IS-K", "1,000", "3.5", "two", "twenty-one", "don't", "Kabul:", "(UN)", "U.S."),
    *("“quoted”", "‘single’", "«guillemets»", '"plain"', "it’s", "—", "–", "-", "−"),
    *("...", "…", "[...]", ". . .", "..", "."),
    *("İstanbul", "STRASSE", "straße", "ﬁne", "Σίσυφος", "ǅemal", "ﬀ", "Ⅻ", "١٢٣"),
    *("soft\u00adhyphen", "zero\u200bwidth", "\ufeffbom", "\u202eevil", "a\u0301", "e\u0308"),
)
_SEPARATORS = (" ", " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\r\n", ", ", ". ", "\u2028")


@st.composite
def source_texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=60))
    pieces = []
    for word in words:
        pieces += (word, draw(st.sampled_from(_SEPARATORS)))
    return "".join(pieces)


def _word_bounds(text: str) -> list[tuple[int, int]]:
    bounds = []
    start = None
    for index, char in enumerate(text):
        if char.isspace():
            if start is not None:
                bounds.append((start, index))
                start = None
        elif start is None:
            start = index
    if start is not None:
        bounds.append((start, len(text)))
    return bounds


def _words_between(draw: st.DrawFn, text: str, low: int = 0) -> tuple[int, int] | None:
    bounds = _word_bounds(text)
    if len(bounds) <= low:
        return None
    first = draw(st.integers(low, len(bounds) - 1))
    last = draw(st.integers(first, min(len(bounds) - 1, first + 15)))
    return bounds[first][0], bounds[last][1]


def _respelt(draw: st.DrawFn, quote: str) -> str:
    """The quote as a person may have typed it: other quote marks, dashes, spacing, case."""
    for old, new in (("“", '"'), ("”", '"'), ("’", "'"), ("—", "-"), ("–", "--"), ("\n", " ")):
        if draw(st.booleans()):
            quote = quote.replace(old, new)
    if draw(st.booleans()):
        quote = quote.replace(" ", "  ")
    if draw(st.booleans()):
        quote = quote.replace('"', "“")
    case = draw(st.sampled_from(["as is", "upper", "lower", "title"]))
    return {"upper": quote.upper(), "lower": quote.lower(), "title": quote.title()}.get(case, quote)


@st.composite
def quotes_in(draw: st.DrawFn, text: str) -> str:
    """A quote as fact-checkers write them: cut from the source, respelt, elided, misquoted,
    wrapped in its own quote marks, or nothing to do with the source."""
    kind = draw(st.sampled_from(["cut", "words", "respelt", "elided", "changed", "other"]))
    quote: str
    if kind == "cut":
        start = draw(st.integers(0, len(text)))
        quote = text[start : draw(st.integers(start, len(text)))]
    elif kind == "other" or (span := _words_between(draw, text)) is None:
        quote = draw(st.text(st.sampled_from("ab .…\"'“”\n\u00ad-—İ1"), max_size=40))
    elif kind == "words":
        quote = text[span[0] : span[1]]
    elif kind == "respelt":
        quote = _respelt(draw, text[span[0] : span[1]])
    elif kind == "elided":
        rest = text[span[1] :]
        later = _words_between(draw, rest)
        mark = draw(st.sampled_from([" ... ", "…", " [...] ", " . . . ", "... "]))
        quote = text[span[0] : span[1]] + mark + (rest[later[0] : later[1]] if later else "")
    else:
        words = text[span[0] : span[1]].split()
        position = draw(st.integers(0, len(words) - 1))
        words[position] = draw(st.sampled_from(_WORDS))
        quote = " ".join(words)
    if draw(st.booleans()):
        opening, closing = draw(st.sampled_from([("“", "”"), ('"', '"'), ("'", "'"), (" ", "\n")]))
        quote = opening + quote + closing
    return quote


def _check_anchor(quote: str, text: str, anchor: Anchor) -> None:
    stripped = quote.strip()
    for span in (*anchor.spans, *([anchor.near_miss] if anchor.near_miss else [])):
        assert 0 <= span.start <= span.end <= len(text), span
    for earlier, later in zip(anchor.spans, anchor.spans[1:], strict=False):
        assert earlier.end <= later.start, anchor.spans  # in order, never overlapping
    for difference in anchor.differences:
        assert 0 <= difference.source_span.start <= difference.source_span.end <= len(text)
        in_source = text[difference.source_span.start : difference.source_span.end]
        assert difference.in_source == in_source
        assert 0 <= difference.quote_span.start <= difference.quote_span.end <= len(stripped)
        in_quote = stripped[difference.quote_span.start : difference.quote_span.end]
        assert difference.in_quote == in_quote
    cut = [text[span.start : span.end] for span in anchor.spans]
    if anchor.status is MatchStatus.EXACT:
        assert cut == [stripped]
        assert anchor.score == 100
    elif anchor.status is MatchStatus.NORMALISED:
        assert len(cut) == 1
        quoted = _inner(stripped) if OUTER_QUOTE_MARKS in anchor.folded else stripped
        assert fold(cut[0]) == fold(quoted)
        assert cut[0] != stripped
    elif anchor.status is MatchStatus.ELIDED:
        # The quote's own parts, or those of the quote without its outer quote marks.
        folded_cut = [fold(piece) for piece in cut]
        assert folded_cut in [[fold(part) for part in parts] for parts in _part_lists(stripped)]
    elif anchor.status is MatchStatus.FUZZY:
        assert cut and all(cut)
        assert FUZZY_MIN_SCORE <= anchor.score <= 100
        # The score is the folded quote's ratio to what the spans cut out; for an elided quote,
        # each part's, weighted by its length. Parts: of the quote, or of the quote without
        # its outer quote marks, whichever the anchor was made from.
        readings = [[stripped], [_inner(stripped)], *_part_lists(stripped)]
        scores = {
            round(_weighted_ratio(parts, cut), 6) for parts in readings if len(parts) == len(cut)
        }
        assert round(anchor.score, 6) in scores
    else:
        assert anchor.status is MatchStatus.NOT_FOUND
        assert cut == []
        assert anchor.score == 0 or anchor.score >= NEAR_MISS_MIN_SCORE
    if stripped and stripped in text:
        assert anchor.status is MatchStatus.EXACT  # the stricter tier always wins


_QUOTE_MARK_CHARS = "\"'“”„‟«»‘’‚‛"


def _part_lists(quote: str) -> list[list[str]]:
    return [elided_parts(quote), elided_parts(_inner(quote))]


def _weighted_ratio(parts: list[str], cut: list[str]) -> float:
    total = sum(len(part) for part in parts)
    return (
        sum(
            fuzz.ratio(fold(part).strip(), fold(piece)) * len(part)
            for part, piece in zip(parts, cut, strict=True)
        )
        / total
    )


def _inner(quote: str) -> str:
    """The quote without one quote mark at each end (what anchoring tries second)."""
    if quote[:1] in _QUOTE_MARK_CHARS:
        quote = quote[1:]
    if quote[-1:] in _QUOTE_MARK_CHARS:
        quote = quote[:-1]
    return quote.strip()


@st.composite
def sources_and_quotes(draw: st.DrawFn) -> tuple[str, str]:
    text = draw(source_texts())
    return text, draw(quotes_in(text))


@deterministic(max_examples=400)
@given(sources_and_quotes())
# The second part of an elided quote aligned fuzzily over the padding before it: its span
# started at 0, inside the first part's.
@example(("the … the the the the the the – ", "the … the the the the the the --"))
# An elided quote in its own quote marks, aligned fuzzily without them: each difference pointed
# one character early in the quote as written (the marked quote read "[- th-]").
@example(("the the the . . . group the group ", "“. . . the the group”"))
def test_an_anchor_cuts_out_what_its_status_claims(source_and_quote: tuple[str, str]) -> None:
    text, quote = source_and_quote
    _check_anchor(quote, text, anchor_quote(quote, SourceText(text)))
