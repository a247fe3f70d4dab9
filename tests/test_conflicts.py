"""Figures that disagree between sources: amounts and their bounds, what a figure counts and of
which event, and the disagreements found in a corpus (issue 13, part 2)."""

from __future__ import annotations

import math
import threading
from pathlib import Path

import pytest

from factcheck.corpus.cancelling import Cancelled
from factcheck.corpus.conflicts import CODE, conflicts_by_quote, find_conflicts
from factcheck.quotes import counts
from factcheck.quotes.counts import counted_figures, disagree
from factcheck.quotes.events import DateParts
from factcheck.quotes.figures import Bound, amounts_in, numbers_in
from factcheck.workspace import Workspace
from tests.conftest import REPO, CorpusWriter

INF = math.inf


@pytest.mark.parametrize(
    ("text", "written", "low", "high", "bound"),
    [
        ("Nineteen people", "Nineteen", 19, 19, Bound.EXACT),
        ("twenty-one dead", "twenty-one", 21, 21, Bound.EXACT),
        ("killing at least 20 people", "at least 20", 20, INF, Bound.AT_LEAST),
        ("more than 30 people", "more than 30", 31, INF, Bound.MORE_THAN),
        ("fewer than 10 people", "fewer than 10", 0, 9, Bound.FEWER_THAN),
        ("no more than 10 people", "no more than 10", 0, 10, Bound.AT_MOST),
        ("just under 10 people", "just under 10", 8, 10, Bound.NEARLY),
        ("up to 50 people", "up to 50", 0, 50, Bound.UP_TO),
        ("about 20 people", "about 20", 16, 24, Bound.ABOUT),
        ("10 to 15 people", "10 to 15", 10, 15, Bound.RANGE),
        ("between ten and fifteen people", "between ten and fifteen", 10, 15, Bound.RANGE),
        ("dozens of people", "dozens", 13, 999, Bound.VAGUE),
        ("hundreds of people", "hundreds", 100, 9_999, Bound.VAGUE),
        ("a few thousand fighters", "a few thousand", 2_000, 10_000, Bound.VAGUE),
        ("at least a dozen fighters", "at least a dozen", 12, INF, Bound.AT_LEAST),
        ("1,200 people", "1,200", 1_200, 1_200, Bound.EXACT),
    ],
)
def test_an_amount_is_read_with_its_bounds(
    text: str, written: str, low: float, high: float, bound: Bound
) -> None:
    [amount] = amounts_in(text)
    assert text[amount.start : amount.end] == written
    assert (amount.low, amount.high, amount.bound) == (low, high, bound)


def test_a_day_of_a_month_is_not_an_amount_and_numbers_in_still_reads_words() -> None:
    assert amounts_in("an April 22 blast") == []
    assert numbers_in("Two hundred left, twenty-one stayed, 3 came") == [
        ("Two hundred", 200.0),
        ("twenty-one", 21.0),
        ("3", 3.0),
    ]


@pytest.mark.parametrize(
    ("one", "other", "agree"),
    [
        ("at least 20", "19", False),  # a lower bound that 19 contradicts
        ("at least 20", "25", True),
        ("more than 30", "31", True),
        ("more than 30", "30", False),
        ("10 to 15", "12", True),
        ("10 to 15", "at least 20", False),
        ("dozens", "19", True),  # vague: only a figure far off disagrees
        ("dozens", "five", False),
        ("about 20", "19", True),
        ("up to 50", "at least 60", False),
    ],
)
def test_two_amounts_agree_when_one_count_satisfies_both(one: str, other: str, agree: bool) -> None:
    [first] = amounts_in(one)
    [second] = amounts_in(other)
    assert first.agrees_with(second) is agree
    assert second.agrees_with(first) is agree


@pytest.mark.parametrize(
    ("sentence", "written", "counted", "who"),
    [
        ("Nineteen people were killed in the attack.", "Nineteen", "killed", "people"),
        ("Gunmen stormed it, killing at least 20 people.", "at least 20", "killed", "people"),
        ("The blast left 12 dead.", "12", "killed", "people"),
        ("Two soldiers were wounded in the raid.", "Two", "wounded", "soldiers"),
        (
            "The chief and at least three Taliban comrades were killed.",
            "at least three",
            "killed",
            "taliban comrades",
        ),
        (
            "IS-K carried out at least 119 attacks in Afghanistan.",
            "at least 119",
            "attacks",
            "attacks",
        ),
        ("Police arrested 40 suspects in the city of Herat.", "40", "arrested", "suspects"),
        ("The death toll from the attack on the hospital rose to 25.", "25", "killed", "people"),
    ],
)
def test_a_figure_is_read_with_what_it_counts(
    sentence: str, written: str, counted: str, who: str
) -> None:
    [figure] = counted_figures(sentence)
    assert sentence[figure.amount.start : figure.amount.end] == written
    assert (figure.counted, figure.who) == (counted, who)


@pytest.mark.parametrize(
    "sentence",
    [
        "As special forces were arriving 20 minutes later, a car bomb exploded.",
        "IS-K claimed responsibility for an April 22 blast at a mosque.",
        "He swore he had never felt safer in 40 years.",
        "Four cars burst into flames after the second explosion.",
    ],
)
def test_numbers_that_count_no_victims_are_not_figures(sentence: str) -> None:
    assert counted_figures(sentence) == []


KABUL_NOV: DateParts = (2021, 11, None)


def disagreements(one: str, other: str, published: DateParts = KABUL_NOV) -> list[str]:
    """The events on which two made-up reports disagree."""
    found = []
    for first in counted_figures(one, published):
        for second in counted_figures(other, published):
            event = disagree(first, second)
            if event is not None:
                found.append(event)
    return found


HOSPITAL = (
    "In November, militants stormed a military hospital in Kabul, killing at least 20 people."
)


def test_nineteen_against_at_least_20_on_one_attack_disagree() -> None:
    afp = (
        "KABUL: A gun and suicide bomb attack hit a military hospital on Tuesday.\n"
        "Nineteen people were killed in the attack claimed by IS-K."
    )
    assert disagreements(afp, HOSPITAL) == ["military hospital, Kabul, November 2021"]


@pytest.mark.parametrize(
    "other",
    [
        # The same figure in another source.
        "Militants stormed a military hospital in Kabul in November, killing at least 20 people.",
        # Consistent with 'at least 20'.
        "Twenty-five people were killed when militants stormed a military hospital in Kabul.",
        # Another event: another place, another kind of target, another year.
        "Militants stormed a military hospital in Herat in November, killing 12 people.",
        "In November, a blast at a mosque in Kabul killed 12 people.",
        "The hospital in Kabul was last attacked in 2017, when 12 people were killed.",
        # Another count: a group, not everyone; the wounded, not the dead.
        "In November, an attack on a military hospital in Kabul killed 3 Taliban commanders.",
        "In November, an attack on a military hospital in Kabul wounded 12 people.",
        # No event said at all.
        "Twelve people were killed.",
    ],
)
def test_figures_that_agree_or_are_of_another_event_or_count_do_not_conflict(other: str) -> None:
    assert disagreements(HOSPITAL, other) == []


def test_kunduz_and_mazar_are_different_events() -> None:
    kunduz = (
        "IS-K claimed an April 22 blast at a mosque in the northern province of Kunduz "
        "that killed at least 33 people."
    )
    mazar = (
        "On April 21, an attack on a Shi'ite mosque in the northern city of Mazar-e Sharif "
        "killed 12 people."
    )
    assert disagreements(kunduz, mazar, (2022, 5, None)) == []


def test_more_than_and_ranges_across_sources() -> None:
    base = "On March 3, a bombing at a market in Kandahar killed {}."
    assert disagreements(base.format("more than 30 people"), base.format("31 people")) == []
    assert disagreements(base.format("more than 30 people"), base.format("30 people")) != []
    assert disagreements(base.format("10 to 15 people"), base.format("12 people")) == []
    assert disagreements(base.format("10 to 15 people"), base.format("at least 20 people")) != []
    assert disagreements(base.format("dozens of people"), base.format("19 people")) == []


def test_the_day_before_dates_an_attack_from_the_one_told_before() -> None:
    text = (
        "An April 22 blast at a mosque in Kunduz killed at least 33 people. The day before, "
        "an attack on a mosque in Mazar-e Sharif killed at least 12 worshippers."
    )
    first, second = counted_figures(text, (2022, 5, None))
    assert first.event.date == (2022, 4, 22)
    assert second.event.date == (2022, 4, 21)
    assert second.event.places == ("Mazar-e Sharif",)


def test_the_bundled_sources_disagree_on_the_kabul_military_hospital_only() -> None:
    workspace = Workspace.open(REPO, cache=False)
    corpus = workspace.corpus
    assert corpus is not None
    [conflict] = find_conflicts(corpus, cache_dir=None)
    document = conflict.to_dict(corpus)
    assert (document["counted"], document["who"]) == ("killed", "people")
    assert document["event"] == "military hospital, Kabul, November 2021"
    afp, rferl = document["figures"]
    assert (afp["source"], afp["figure"]["text"], afp["figure"]["value"]) == (
        "afp-2021-11",
        "Nineteen",
        19,
    )
    assert afp["passage"]["text"].startswith("Nineteen people were killed")
    assert rferl["figure"] == {
        "text": "at least 20",
        "start": rferl["figure"]["start"],
        "end": rferl["figure"]["end"],
        "value": 20,
        "low": 20,
        "high": None,
        "bound": "at least",
    }
    text = corpus.sources["rferl-2022-05"].text or ""
    start, end = rferl["passage"]["start"], rferl["passage"]["end"]
    assert text[start:end] == rferl["passage"]["text"]
    assert "killing at least 20 people" in rferl["passage"]["text"]
    touched = conflicts_by_quote(corpus, [conflict], workspace.verify().anchors)
    assert sorted(touched) == ["afp-hospital-toll", "rferl-hospital-toll"]


def test_check_notes_the_disagreement_at_each_quote(bundled_copy: Path) -> None:
    notes = [p for p in Workspace.open(bundled_copy).check().problems if p.code == CODE]
    assert [(p.file, p.line, p.column, str(p.severity)) for p in notes] == [
        ("evidence/afp-2021-11.yaml", 16, 12, "info"),
        ("evidence/rferl-2022-05.yaml", 62, 12, "info"),
    ]
    assert "AFP (afp-2021-11) says 'Nineteen'" in notes[0].message
    assert "says 'at least 20' (evidence/rferl-2022-05.txt:44:75)" in notes[0].message


def test_a_passage_no_quote_cites_is_noted_in_its_source_text(write_corpus: CorpusWriter) -> None:
    root = write_corpus(
        {
            "evidence/other.yaml": (
                "source:\n  id: other\n  outlet: Other\n  title: T\n  published: 2021-11\n"
                "  text: other.txt\nquotes: []\n"
            ),
            "evidence/other.txt": "KABUL: At least 25 people were killed in an attack on a "
            "hospital on Tuesday.\n",
        }
    )
    notes = [p for p in Workspace.open(root).check().problems if p.code == CODE]
    assert [(p.file, p.line, p.column) for p in notes] == [
        ("evidence/other.txt", 1, 8),
        ("evidence/wire-2021.yaml", 9, 12),
    ]
    assert "no quote cites this passage" in notes[0].message


def test_figures_are_cached_per_source_text(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = Workspace.open(bundled_copy).corpus
    assert corpus is not None
    first = find_conflicts(corpus, cache_dir=tmp_path)

    def fail(*_: object) -> None:
        raise AssertionError("read again although the text did not change")

    monkeypatch.setattr(counts, "counted_figures", fail)
    assert find_conflicts(corpus, cache_dir=tmp_path) == first
    corpus.sources["afp-2021-11"].text = (corpus.sources["afp-2021-11"].text or "") + " More."
    with pytest.raises(AssertionError, match="read again"):
        find_conflicts(corpus, cache_dir=tmp_path)


def test_finding_conflicts_stops_when_cancelled_and_keeps_nothing(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = Workspace.open(bundled_copy)
    cancel = threading.Event()
    read: list[str] = []
    real = counts.counted_figures

    def read_then_cancel(text: str, published: DateParts = (None, None, None)) -> object:
        read.append(text)
        cancel.set()  # the person quits while the first source is read
        return real(text, published)

    monkeypatch.setattr(counts, "counted_figures", read_then_cancel)
    with pytest.raises(Cancelled):
        workspace.conflicts(cancel)
    assert len(read) == 1  # the second source is not read
    monkeypatch.undo()
    # Nothing half-found was kept: asked again, the workspace finds what a fresh one does.
    found = workspace.conflicts()
    assert len(found) == 1  # the Kabul hospital: nineteen killed against at least 20
    assert found == Workspace.open(bundled_copy, cache=False).conflicts()
