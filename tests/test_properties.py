"""Properties that hold whatever the input: the loader, the validator and quote anchoring.

Hypothesis writes corpora nobody would write by hand (broken YAML, wrong types, control
characters, deep nesting, aliases, duplicate ids, bytes that are not UTF-8) and quotes cut,
folded, elided and misspelt from generated sources, and checks what every user of a finding or
an anchor relies on: no traceback; a finding points at a file of the corpus, at a line and
column inside it; an anchor's spans cut out of the source text what its status claims.

The runs are derandomized and keep no example database, so CI sees the same examples every
time. `max_examples` (300 anchors, 200 corpora, 150 review files) keeps the file at 7.6 s of
pytest on 2 cores at a load average of 5.8 (the three tests 3.5, 1.9 and 0.6 s). A longer,
random search: FACTCHECK_PROPERTY_HUNT=20 (20 times the examples; with the fixes in, 4,000
corpora, 6,000 anchors and, at 30, 4,500 review files found nothing more).
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from factcheck.corpus.anchors import corpus_jobs
from factcheck.corpus.loader import LoadResult, load_corpus
from factcheck.corpus.problems import Problem
from factcheck.corpus.verification import verification_problems, verify_now
from factcheck.quotes import Anchor, MatchStatus, SourceText, anchor_quote
from factcheck.quotes.elision import elided_parts
from factcheck.quotes.folding import OUTER_QUOTE_MARKS, fold
from factcheck.quotes.thresholds import FUZZY_MIN_SCORE, NEAR_MISS_MIN_SCORE
from factcheck.reviews import Review, ReviewStore, load_all_reviews, read_review_file
from tests.conftest import SOURCE_TEXT

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


@deterministic(max_examples=300)
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


# The loader and the validator: any corpus, however broken, gives findings, never a traceback,
# and each finding points inside a file of the corpus

_ODD_CHARACTERS = (
    "\x00\x07\x08\x0b\x0c\x1b\x7f\x85\x9b\x9d\u00a0\u00ad\u200b\u200e\u2028\u2029\u202e\ufeff"
    "\r\t\n'\"#:&*!|>%@`-?[]{},\\ İßǅ€😀\U0010ffff\ue000"
)
_odd_text = st.text(
    st.one_of(
        st.sampled_from(_ODD_CHARACTERS),
        st.characters(exclude_categories=("Cs",)),
        st.sampled_from("abc -."),
    ),
    max_size=12,
)
_ids = st.one_of(
    st.sampled_from(["wire", "a", "b", "dup", "A-1", "x.y", "-bad", "wire "]),
    _odd_text,
    st.integers(-3, 3),
)
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    _odd_text,
    st.sampled_from(
        [
            "2022-05", "2022-02-30", "20222", "supports", "contradicts", "context", "quote",
            "summary", "https://example.org/a", "javascript:alert(1)", "#ff0000", "wire.txt",
            "../outside.txt", "/etc/hostname", "sub", "~/x", "missing.txt", "sub/../wire.txt",
        ]
    ),
)  # fmt: skip
_anything = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_ids, inner, max_size=3),
    max_leaves=6,
)
_quoted_words = st.one_of(
    st.sampled_from(
        [
            "Nineteen people were killed in the attack on the hospital.",
            "nineteen people were KILLED in the attack on the hospital",
            "Nineteen people ... on the hospital.",
            "Ninteen people were killed in an attack on the hospital.",
            "Twenty people were killed in the attack on the hospital.",
            "“Residents said they did not feel safe in the city.”",
            "nothing like anything the source says, not one word of it",
        ]
    ),
    _odd_text,
)


@st.composite
def _entries(draw: st.DrawFn, fields: dict[str, st.SearchStrategy[Any]]) -> dict[Any, Any]:
    """A mapping with the schema's keys, some missing, some of the wrong type, maybe one more."""
    entry: dict[Any, Any] = {}
    for key, values in fields.items():
        kind = draw(st.integers(0, 9))
        if kind == 0:
            continue
        entry[key] = draw(_anything if kind == 1 else values)
    if draw(st.integers(0, 9)) == 0:
        entry[draw(_ids)] = draw(_scalars)
    return entry


_link = _entries(
    {
        "ref": _ids,
        "stance": st.sampled_from(["supports", "contradicts", "context"]),
        "note": _odd_text,
    }
)
_claim = _entries(
    {
        "id": _ids,
        "text": _quoted_words,
        "kind": st.sampled_from(["quote", "summary"]),
        "claimant": _odd_text,
        "role": _odd_text,
        "date": st.sampled_from(["2022", "2022-05", "2022-05-03"]),
        "venue": _odd_text,
        "source": _ids,
        "tags": st.lists(_ids, max_size=3),
        "evidence": st.lists(_link, max_size=3),
    }
)
_source = _entries(
    {
        "id": _ids,
        "outlet": _odd_text,
        "title": _odd_text,
        "url": st.sampled_from(["https://example.org/a", "ftp://x", "javascript:alert(1)"]),
        "published": st.sampled_from(["2021", "2021-11", "2021-11-31"]),
        "author": _odd_text,
        "text": st.sampled_from(["wire.txt", "other.txt", "missing.txt", "sub", "../out.txt"]),
        "original": _odd_text,
        "captured": _odd_text,
    }
)
_quote = _entries({"id": _ids, "quote": _quoted_words, "note": _odd_text})
_scale_entry = _entries(
    {
        "label": _odd_text,
        "key": st.integers(0, 10),
        "colour": st.sampled_from(["#ff0000", "red", "#12345"]),
        "meaning": _odd_text,
        "position": st.integers(-1, 7),
    }
)
_settings = _entries(
    {
        "title": _odd_text,
        "organisation": _entries({"name": _odd_text, "url": _scalars}),
        "publication_url": st.sampled_from(["https://example.org", "javascript:alert(1)"]),
        "editors": st.lists(_odd_text, max_size=2),
        "scale": st.lists(_scale_entry, max_size=4),
        "limits": _entries(
            {
                "source_text_mb": st.sampled_from([0, 1e-9, 0.00005, 50, -1]),
                "yaml_file_mb": st.sampled_from([0, 1e-9, 0.0002, 20]),
                "claim_characters": st.integers(-1, 60),
                "quote_characters": st.integers(-1, 60),
            }
        ),
    }
)


_review = _entries(
    {
        "claim": _ids,
        "verdict": st.sampled_from(["True", "False", "Mostly true", None]),
        "note": _odd_text,
        "time": st.sampled_from(["2026-11-23T10:00:00+00:00", "2026-11-23", "yesterday"]),
        "fingerprint": st.sampled_from(["sha256:0", ""]),
    }
)


@st.composite
def _documents(draw: st.DrawFn, kind: str) -> Any:
    if draw(st.integers(0, 9)) == 0:
        return draw(_anything)  # not a mapping at all, or one of the wrong keys
    if kind == "reviews":
        reviews = draw(st.lists(_review, max_size=4))
        if reviews and draw(st.booleans()):
            reviews.append(reviews[0])  # the same claim twice, as an alias
        reviewer = draw(st.one_of(st.just("Ana"), st.just("ana"), st.just("Bo"), _odd_text))
        return {"reviewer": reviewer, "reviews": reviews}
    if kind == "claims":
        claims = draw(st.lists(_claim, max_size=4))
        if len(claims) >= 2 and draw(st.booleans()):
            claims.append(claims[0])  # the same object twice: dumped as an anchor and an alias
        return {"claims": claims}
    if kind == "evidence":
        quotes = draw(st.lists(_quote, max_size=4))
        if quotes and draw(st.booleans()):
            quotes.append(quotes[-1])
        return {"source": draw(_source), "quotes": quotes}
    return draw(_settings)


def _deeply_nested(depth: int, alias: bool) -> str:
    inside = "*x" if alias else "1"
    anchor = "x: &x [1]\n" if alias else ""
    return f"{anchor}claims: {'[' * depth}{inside}{']' * depth}\n"


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's: the pure-Python dumper took a seventh of the test's time."""
_MUTATIONS = ("none", "none", "delete", "insert", "swap lines", "tab", "truncate", "crlf", "bom")


@st.composite
def yaml_files(draw: st.DrawFn, kind: str) -> bytes:
    """A YAML file of `kind` (claims, evidence, settings, reviews) as people and tools break
    them."""
    form = draw(st.sampled_from(["data", "data", "data", "text", "bytes", "deep"]))
    if form == "bytes":
        return draw(st.binary(max_size=60))
    if form == "deep":
        depth = draw(st.sampled_from([10, 200, 900, 990, 999, 1001, 5000]))
        return _deeply_nested(depth, alias=draw(st.booleans())).encode()
    if form == "text":
        return draw(st.text(st.sampled_from(_ODD_CHARACTERS + "abcid \n"), max_size=80)).encode()
    text = yaml.dump(
        draw(_documents(kind)),
        Dumper=_DUMPER,
        allow_unicode=draw(st.booleans()),
        default_flow_style=draw(st.sampled_from([False, None, True])),
        sort_keys=False,
    )
    mutation = draw(st.sampled_from(_MUTATIONS))
    at = draw(st.integers(0, len(text)))
    if mutation == "delete":
        text = text[:at] + text[draw(st.integers(at, len(text))) :]
    elif mutation == "insert":
        text = text[:at] + draw(_odd_text) + text[at:]
    elif mutation == "swap lines":
        lines = text.splitlines(keepends=True)
        first, second = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
        lines[first], lines[second] = lines[second], lines[first]
        text = "".join(lines)
    elif mutation == "tab":
        text = text.replace("\n  ", "\n\t", 1)
    elif mutation == "truncate":
        text = text[:at]
    elif mutation == "crlf":
        text = text.replace("\n", "\r\n")
    elif mutation == "bom":
        text = "\ufeff" + text
    return text.encode("utf-8")


_source_text_files = st.one_of(
    st.just(SOURCE_TEXT.encode()),
    st.just(SOURCE_TEXT.encode()),
    st.binary(max_size=20),
    st.text(st.sampled_from(_ODD_CHARACTERS + "ab "), max_size=30).map(str.encode),
)


@st.composite
def corpora(draw: st.DrawFn) -> dict[str, bytes]:
    """Files of a corpus (path relative to its root -> bytes)."""
    files: dict[str, bytes] = {"evidence/wire.txt": draw(_source_text_files)}
    if draw(st.booleans()):
        files["evidence/other.txt"] = draw(_source_text_files)
    if draw(st.booleans()):
        files["factcheck.yaml"] = draw(yaml_files("settings"))
    for number in range(draw(st.integers(0, 2))):
        files[f"evidence/e{number}.yaml"] = draw(yaml_files("evidence"))
    for number in range(draw(st.integers(0, 2))):
        files[f"claims/c{number}.yaml"] = draw(yaml_files("claims"))
    return files


def _lines(path: Path) -> list[str] | list[bytes]:
    """The file's lines as an editor counts them (split at line feeds; a file that is not UTF-8
    in bytes, as its findings' columns count), the empty one after a last line feed included."""
    raw = path.read_bytes() if path.is_file() else b""
    try:
        return raw.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        return raw.split(b"\n")


def assert_inside_the_corpus(root: Path, problem: Problem) -> None:
    """A finding names a file of the corpus, and a line and column that exist in it."""
    relative = Path(problem.file)
    assert not relative.is_absolute() and ".." not in relative.parts, problem
    assert os.path.lexists(root / relative), problem
    if problem.line is None:
        assert problem.column is None, problem
        return
    lines = _lines(root / relative)
    assert 1 <= problem.line <= len(lines), (problem, len(lines))
    if problem.column is not None:
        assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1, (problem, lines)


def load_and_verify(root: Path) -> list[Problem]:
    """What `check` finds: the loader's problems, then the quotes verified in their sources.

    Run as a command runs it: from a fresh stack, at Python's default recursion limit, which
    Hypothesis raises while it runs a test (a file nested 990 deep passed here and failed in
    `factcheck check` with RecursionError)."""
    found: list[list[Problem] | BaseException] = []

    def run() -> None:
        try:
            found.append(_load_and_verify(root))
        except BaseException as error:  # re-raised in the test's thread, with its traceback
            found.append(error)

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(_DEFAULT_RECURSION_LIMIT)
    try:
        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
    finally:
        sys.setrecursionlimit(limit)
    if isinstance(found[0], BaseException):
        raise found[0]
    return found[0]


_DEFAULT_RECURSION_LIMIT = 1000


def _load_and_verify(root: Path) -> list[Problem]:
    result: LoadResult = load_corpus(root, cache_dir=None)
    problems = list(result.problems)
    if result.corpus is not None:
        anchors = verify_now(result.corpus, [job[0] for job in corpus_jobs(result.corpus)])
        problems += verification_problems(result.corpus, anchors)
    return problems


@deterministic(max_examples=200)
@given(corpora())
# Nested 990 deep with an alias: measuring what the aliases expand to recursed past Python's
# limit (RecursionError from `factcheck check`).
@example({"claims/c0.yaml": _deeply_nested(990, alias=True).encode()})
# An unclosed bracket at the end of a one-line file: libyaml ends the stream on a line of its
# own, so the finding was on line 2 of a file of one line.
@example({"factcheck.yaml": b"{"})
# A U+2028 (or NEL, or a lone CR) in a quoted value: a line break to libyaml, not to editors;
# every finding after it was a line late, at a column past the end of its line.
@example({"claims/c0.yaml": 'claims:\n- id: "a\u2028b"\n  text: t\n  wrong: 1\n'.encode()})
def test_any_corpus_gives_findings_inside_its_files(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for folder_name in ("claims", "evidence", "evidence/sub"):
            (root / folder_name).mkdir()
        for relative, content in files.items():
            (root / relative).write_bytes(content)
        for problem in load_and_verify(root):
            assert_inside_the_corpus(root, problem)


# Review files: read whatever they hold, and a save keeps every review a readable one held


@deterministic(max_examples=150)
@given(yaml_files("reviews"))
@example(b"reviewer: Ana\nreviews:\n- {claim: c1, verdict: 'True', time: '2026-11-23'}\n")
def test_any_review_file_is_read_or_refused_and_a_save_keeps_what_it_held(
    content: bytes,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "reviews").mkdir()
        (root / "reviews" / "ana.yaml").write_bytes(content)
        found = read_review_file(root, "reviews/ana.yaml", reviewer="Ana")
        everyone = load_all_reviews(root, cache_dir=None)
        for problem in [*found.problems, *(p for file in everyone for p in file.problems)]:
            assert_inside_the_corpus(root, problem)
        if found.unreadable is not None:
            assert found.problems  # said where, not only that
            return
        store = ReviewStore(root, "Ana")
        added = Review("added", "False", "note\n", store.reviewer, "2026-11-24T00:00:00+00:00", "")
        store.put(added)
        again = read_review_file(root, "reviews/ana.yaml", reviewer="Ana")
        assert again.unreadable is None
        assert again.reviews == {**found.reviews, "added": added}
