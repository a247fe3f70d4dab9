"""Claims that say the same thing (factcheck/corpus/claim_matching.py)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import yaml

from factcheck.corpus.cancelling import Cancelled
from factcheck.corpus.claim_matching import MATCH_THRESHOLD, fold, match_between, match_within

ROOT = Path(__file__).resolve().parent.parent


def bundled_claims() -> dict[str, str]:
    claims: dict[str, str] = {}
    for path in sorted((ROOT / "claims").glob("*.yaml")):
        for claim in yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]:
            claims[claim["id"]] = claim["text"]
    return claims


def test_the_labelled_pairs_keep_their_precision_and_recall() -> None:
    """A floor under benchmarks/bench_claim_matching.py's figures (0.87 and 0.90 when set)."""
    claims = bundled_claims()
    pairs = yaml.safe_load((ROOT / "tests/data/claim_pairs.yaml").read_text("utf-8"))["pairs"]
    ids = list(claims)
    texts = sorted({pair["text"] for pair in pairs})
    positives = {(pair["claim"], pair["text"]) for pair in pairs if pair["same"]}
    found = {(ids[m.left], texts[m.right]) for m in match_between([claims[i] for i in ids], texts)}
    right = len(found & positives)
    assert right / len(found) >= 0.8
    assert right / len(positives) >= 0.8
    assert match_within(list(claims.values())) == [], "the bundled claims are all different"


@pytest.mark.parametrize(
    ("claim", "other"),
    [
        ("He has never felt safer in 40 years.", "He has never felt safer in 20 years."),
        (
            "The Taliban will protect Afghanistan's Shias.",
            "The Taliban will protect Afghanistan's Sikhs.",
        ),
        ("Daesh has been defeated in Afghanistan.", "Daesh has not been defeated in Afghanistan."),
        ("Daesh has been defeated in Afghanistan.", "Daesh hasn't been defeated in Afghanistan."),
    ],
    ids=["another figure", "another name", "negated", "negated with n't"],
)
def test_a_sentence_that_differs_where_it_matters_is_another_claim(claim: str, other: str) -> None:
    assert match_between([claim], [other]) == []


@pytest.mark.parametrize(
    ("claim", "other"),
    [
        (
            "He has never felt safer in 40 years.",
            "A farmer says he has never felt safer in forty years.",
        ),
        (
            "Without doubt, Daesh has been defeated and suppressed",
            "Daesh has been defeated and suppressed",
        ),
        (
            "The Taliban will protect Afghanistan's Shias.",
            "Afghanistan's Shias will be protected by the Taliban.",
        ),
    ],
    ids=["figure in words", "'without doubt' affirms", "passive"],
)
def test_the_same_claim_in_other_words_matches(claim: str, other: str) -> None:
    [match] = match_between([claim], [other])
    assert match.score >= MATCH_THRESHOLD
    assert match.reasons[0].startswith("shared: ")


def test_reasons_name_the_shared_words_as_written_and_what_lowered_the_score() -> None:
    [match] = match_between(
        ["IS-K killed 19 people at the Kabul military hospital."],
        ["IS-K killed 20 people at the Kabul military hospital."],
        threshold=0.3,
    )
    assert "IS-K" in match.reasons[0] and "Kabul" in match.reasons[0]
    assert "different figures: 19 against 20" in match.reasons


def test_within_gives_each_pair_once_and_never_a_claim_with_itself() -> None:
    texts = [
        "The Taliban destroyed an IS-K cell in Kabul after a suicide attack.",
        "Completely unrelated words about rainfall in Lisbon this spring.",
        "An IS-K cell in Kabul was destroyed by the Taliban after a suicide attack.",
        "The Taliban destroyed an IS-K cell in Kabul after a suicide attack.",
    ]
    pairs = [(m.left, m.right) for m in match_within(texts)]
    assert sorted(pairs) == [(0, 2), (0, 3), (2, 3)]


def test_two_common_words_in_common_are_not_a_match() -> None:
    assert (
        match_between(
            ["Where like who take them."], ["Like they take it, say the residents of the city."]
        )
        == []
    )


def test_folding_stems_and_reads_figures_in_words() -> None:
    folded = fold("Attacks rose to forty-one; the Taliban's fighters were defeated.")
    assert {"attack", "fighter", "defeat", "41"} <= folded.term_set
    assert "Taliban" in {folded.shown[t] for t in folded.names}
    assert not folded.negated


def test_a_check_with_rare_words_of_its_own_still_matches() -> None:
    """Its own rarest words (here markup) came before the words it shares, and blocking by the
    rarest terms alone never compared the two."""
    [match] = match_between(
        ["Without doubt, Daesh has been defeated and suppressed"],
        ["Daesh has been defeated and suppressed <script>alert(1)</script> | *x*"],
    )
    assert match.score >= MATCH_THRESHOLD


def test_matches_within_are_kept_and_reused_while_the_texts_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app matches the corpus's claims at every start (over a second of CPU at 10,000
    claims, in front of the first key press): a cache answers while no claim's words change."""
    from factcheck.corpus import claim_matching

    texts = [
        "The Taliban has established complete security in Afghanistan",
        "Complete security has been established in Afghanistan by the Taliban",
        "Nineteen people were killed at the hospital",
    ]
    cache = tmp_path / "claim-matches.marshal"
    first = match_within(texts, cache=cache)
    assert first and cache.exists()

    def not_again(*_arguments: object, **_options: object) -> list[object]:
        raise AssertionError("matched again though the texts did not change")

    monkeypatch.setattr(claim_matching, "_matches", not_again)
    assert match_within(texts, cache=cache) == first
    with pytest.raises(AssertionError, match="matched again"):
        match_within([*texts[:2], "Twenty people were killed at the hospital"], cache=cache)


def test_matching_stops_when_cancelled() -> None:
    texts = [f"The province of Kunduz is secure, said spokesman {n}" for n in range(1200)]
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        match_within(texts, cancel=cancel)
    with pytest.raises(Cancelled):
        match_between(texts, texts[:3], cancel=cancel)
    same = ["Kunduz province is fully secure", "Kunduz province is fully secure."]
    assert match_within(same, cancel=threading.Event())  # not set: it runs to the end
