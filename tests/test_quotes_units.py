"""Unit tests for the pieces of quote anchoring: folding, figures, messages, the batch API."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.quotes import Anchor, MatchStatus, Severity, SourceText, anchor_quote, describe
from factcheck.quotes.batch import _shards, verify_quotes
from factcheck.quotes.candidates import candidate_windows
from factcheck.quotes.figures import changed_figures, numbers_in
from factcheck.quotes.folding import fold, fold_with_offsets, folds_needed

EVIDENCE = Path(__file__).parent.parent / "evidence"
AFP = (EVIDENCE / "afp-2021-11.txt").read_text("utf-8")
RFERL = (EVIDENCE / "rferl-2022-05.txt").read_text("utf-8")


@pytest.mark.parametrize(
    "original",
    [
        AFP,
        RFERL,
        "a  b\n\n\nc\u00a0d \u2014 e... f\u00adg",
        "   leading and trailing   ",
        "İstanbul  İzmir",
        "",
    ],
)
def test_every_folded_character_maps_back_to_the_original(original: str) -> None:
    folded = fold_with_offsets(original)
    assert folded.text == fold(original)
    for offset, char in enumerate(folded.text):
        start, end = folded.to_original_span(offset, offset + 1)
        assert fold(original[start:end]) == char, (offset, original[start:end])
    assert folded.to_original_span(0, len(folded.text)) == (0, len(original))


def test_folding_keeps_offsets_of_one_for_one_replacements() -> None:
    folded = fold_with_offsets("“Quote” — it’s")
    assert folded.text == '"quote" - it\'s'
    assert folded.folded_starts == (0,)


@pytest.mark.parametrize(
    ("quote", "excerpt", "needed"),
    [
        ("it's", "it’s", ("quote marks",)),
        ("a - b", "a — b", ("dashes",)),
        ("a  b", "a\nb", ("white space",)),
        ("Daesh", "daesh", ("case",)),
        ("wait...", "wait…", ("ellipsis",)),
        ("“Daesh”  Has", '"daesh" has', ("quote marks", "white space", "case")),
    ],
)
def test_folds_needed_names_what_was_folded(
    quote: str, excerpt: str, needed: tuple[str, ...]
) -> None:
    assert folds_needed(quote, excerpt) == needed


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("killed 19 people", [19]),
        ("Nineteen people", [19]),
        ("twenty-one and two hundred", [21, 200]),
        ("1,000 fighters and 3.5 million dollars", [1000, 3.5, 1_000_000]),
        ("a dozen Taliban fighters", [12]),
        ("no figures at all", []),
    ],
)
def test_numbers_in_reads_digits_and_words(text: str, values: list[float]) -> None:
    assert [value for _, value in numbers_in(text)] == values


def test_changed_figures_compares_values_not_spelling() -> None:
    assert changed_figures("two", "2") == []
    assert changed_figures("19", "29") == [("19", "29")]
    assert changed_figures("two", "three") == [("two", "three")]
    assert changed_figures("", "12") == [("", "12")]


def test_changed_number_is_an_error_that_carries_both_figures() -> None:
    anchor = anchor_quote("Twenty people were killed in the attack", SourceText(AFP))
    assert anchor.status is MatchStatus.FUZZY
    assert anchor.changed_numbers == (("Twenty", "Nineteen"),)
    assert anchor.severity is Severity.ERROR


def test_describe_fuzzy_shows_both_versions_with_marked_words() -> None:
    quote = "Without doubt, Daesh has been crushed and suppressed"
    anchor = anchor_quote(quote, SourceText(RFERL))
    message = describe(anchor, quote, RFERL)
    assert "fuzzy match" in message
    assert f'Quoted: "{quote}"' in message
    assert 'Source: "Without doubt, Daesh has been defeated and suppressed"' in message
    assert "Daesh has been [-crushed-]{+defeated+} and suppressed" in message
    assert "\n" not in message


def test_describe_marks_dropped_words_and_changed_figures() -> None:
    quote = "IS-K militants stormed a hospital in Kabul, killing at least 19 people"
    anchor = anchor_quote(quote, SourceText(RFERL))
    message = describe(anchor, quote, RFERL)
    assert "stormed a {+military+} hospital" in message
    assert "killing at least [-19-]{+20+} people" in message
    assert "19 in the quote, 20 in the source" in message


def test_describe_not_found_gives_the_near_miss() -> None:
    # Several words changed: too far for a fuzzy match, close enough to point at.
    quote = (
        "The Taliban has often boasted of beating its enemy, the Islamic State group, "
        "and bragged about total security"
    )
    anchor = anchor_quote(quote, SourceText(RFERL))
    assert anchor.status is MatchStatus.NOT_FOUND
    assert anchor.near_miss is not None
    assert anchor.score >= 55
    message = describe(anchor, quote, RFERL)
    assert "not found" in message
    assert RFERL[anchor.near_miss.start : anchor.near_miss.end] in message
    assert "characters" in describe(anchor, quote)


def test_describe_found_statuses_say_how() -> None:
    source = SourceText(RFERL)
    assert describe(anchor_quote("Daesh has been defeated", source), "x") == (
        "Quote found exactly in its source."
    )
    folded = anchor_quote("DAESH has  been defeated", source)
    assert describe(folded, "x") == "Quote found in its source after folding white space, case."


def test_anchor_as_json() -> None:
    quote = "Shahab placed a renewed emphasis on urban warfare"
    anchor = anchor_quote(quote, SourceText(AFP))
    data = json.loads(json.dumps(anchor.to_dict()))
    assert data["status"] == "fuzzy"
    assert data["severity"] == "warning"
    assert data["spans"] == [{"start": anchor.spans[0].start, "end": anchor.spans[0].end}]


def test_exact_fast_path_builds_an_ordinary_anchor() -> None:
    anchor = anchor_quote("Nineteen people were killed", SourceText(AFP))
    rebuilt = Anchor(MatchStatus.EXACT, 100.0, anchor.spans)
    assert anchor == rebuilt
    assert hash(anchor) == hash(rebuilt)
    with pytest.raises(AttributeError):
        anchor.score = 1.0  # type: ignore[misc]


def test_context_lets_a_quote_be_found_again() -> None:
    anchor = anchor_quote("Four cars burst into flames", SourceText(AFP))
    prefix, suffix = anchor.context(AFP)
    start, end = anchor.spans[0]
    assert AFP[start - len(prefix) : start] == prefix
    assert AFP[end : end + len(suffix)] == suffix
    assert len(prefix) == len(suffix) == 32
    data = anchor.to_dict(AFP)
    assert (data["prefix"], data["suffix"]) == (prefix, suffix)
    assert "prefix" not in anchor.to_dict()


def test_verify_quotes_groups_by_source_and_skips_unknown_sources() -> None:
    jobs = [
        ("q1", "afp", "Nineteen people were killed"),
        ("q2", "rferl", "Daesh has been defeated and suppressed"),
        ("q3", "afp", "Daesh has been defeated and suppressed"),
        ("q4", "missing", "anything"),
    ]
    results = verify_quotes(jobs, {"afp": AFP, "rferl": RFERL})
    assert set(results) == {"q1", "q2", "q3"}
    assert results["q1"].status is MatchStatus.EXACT
    assert results["q2"].status is MatchStatus.EXACT
    assert results["q3"].status is MatchStatus.NOT_FOUND


def test_verify_quotes_in_processes_gives_the_same_anchors() -> None:
    texts = {"afp": AFP, "rferl": RFERL}
    jobs = [
        (f"{source_id}-{index}", source_id, text[index * 50 : index * 50 + 60])
        for source_id, text in texts.items()
        for index in range(40)
    ]
    assert verify_quotes(jobs, texts, workers=2) == verify_quotes(jobs, texts, workers=1)


def test_shards_balance_quote_counts() -> None:
    groups = [(str(size), [("i", "q")] * size) for size in (10, 9, 5, 4, 1, 1)]
    shards = _shards(groups, 2)
    assert sorted(sum(len(items) for _, items in shard) for shard in shards) == [15, 15]


def test_quotes_package_imports_no_ui() -> None:
    code = (
        "import sys, factcheck.quotes, factcheck.quotes.batch; "
        "print(sorted(m for m in ('textual', 'rich') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_anchors_survive_pickling_between_processes() -> None:
    source = SourceText(AFP)
    anchors = [
        anchor_quote(quote, source)
        for quote in (
            "Nineteen people were killed",
            "Twenty people were killed in the attack",
            "Daesh has been defeated and suppressed",
            "They have the same facial hair ... the two ears of the donkey",
        )
    ]
    assert pickle.loads(pickle.dumps(anchors)) == anchors


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        # One word changed: the window around the source's sentence is found.
        ("the taliban has repeatedly boasted of beating its rival", "has repeatedly boasted"),
        # Words the source does not have: no window, nothing aligned.
        ("zebras galloped across frozen tundra beneath purple skies", None),
    ],
)
def test_candidate_windows_hold_the_match_or_nothing(quote: str, expected: str | None) -> None:
    folded = SourceText(RFERL).folded.text
    windows = candidate_windows(quote, folded, 0, len(folded))
    if expected is None:
        assert windows == []
    else:
        assert windows and expected in folded[windows[0][0] : windows[0][1]]


def test_candidate_windows_leave_short_quotes_to_the_whole_text() -> None:
    assert candidate_windows("it is so", "it is so said", 0, 13) is None


@pytest.mark.parametrize(
    ("quote", "status"),
    [
        ("The Taliban has often boasted of defeating its rival", MatchStatus.FUZZY),
        # Two of nine words changed: a short quote that far off is another sentence.
        ("The Taliban has often boasted of beating its rival", MatchStatus.NOT_FOUND),
    ],
)
def test_short_quotes_may_differ_in_one_word_not_two(quote: str, status: MatchStatus) -> None:
    assert anchor_quote(quote, SourceText(RFERL)).status is status
