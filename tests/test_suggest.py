"""Suggested evidence, the core: sentences, terms, the BM25 index and its cache, the ranking and
its reasons, on the bundled corpus and on made-up edge cases."""

from __future__ import annotations

from pathlib import Path

import bm25s
import numpy as np
import pytest

from factcheck.corpus.suggest import passage_index, suggest
from factcheck.corpus.suggest.evaluation import evaluate
from factcheck.corpus.suggest.index import K1, B, build_index, index_texts
from factcheck.corpus.suggest.passages import MAX_SENTENCE, sentence_spans
from factcheck.corpus.suggest.ranking import Weights, covers
from factcheck.corpus.suggest.terms import mentions, stem, terms_of
from factcheck.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        ("Gen. Mokhlis and U.S. forces met. Then", ["Gen. Mokhlis and U.S. forces met.", "Then"]),
        ("J. Smith came. He left.", ["J. Smith came.", "He left."]),
        (
            "“I can’t tell. They look alike.” He said.",
            ["“I can’t tell.", "They look alike.”", "He said."],
        ),
        ("Costs rose 3.5 percent. Prices fell.", ["Costs rose 3.5 percent.", "Prices fell."]),
        ("A headline\n\n  Body text here. More", ["A headline", "Body text here.", "More"]),
        ("lower case. after a stop", ["lower case. after a stop"]),
        ("...\n\n", []),
    ],
)
def test_sentences_are_cut_where_a_reader_would(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_a_sentence_never_crosses_a_line_and_spans_point_into_the_text() -> None:
    text = "First line without a stop\nSecond line. Third one."
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == [
        "First line without a stop",
        "Second line.",
        "Third one.",
    ]


def test_a_run_with_no_sentence_end_is_cut_into_pieces_of_bounded_length() -> None:
    text = " ".join(["word"] * 400)
    spans = sentence_spans(text)
    assert len(spans) > 1
    assert all(end - start <= MAX_SENTENCE for start, end in spans)
    assert " ".join(text[s:e] for s, e in spans) == text


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("attacks", "attack"),
        ("attacked", "attack"),
        ("attacking", "attack"),
        ("killed", "kill"),
        ("killing", "kill"),
        ("bombings", "bomb"),
        ("casualties", "casualty"),
        ("churches", "church"),
        ("places", "place"),
        ("news", "new"),
        ("is", "is"),
        ("Kunduz", "Kunduz"),  # not lower case: a name, left alone
    ],
)
def test_stems_are_light_and_readable(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_terms_leave_out_stop_words_and_keep_compounds_whole_and_by_parts() -> None:
    assert terms_of("The IS-K attacks, and the Taliban-led government's") == [
        "is-k",
        "attack",
        "taliban-led",
        "taliban",
        "led",
        "government",
    ]


def test_mentions_find_names_dates_and_figures_in_digits_or_words() -> None:
    found = mentions(
        '"Without doubt, Daesh has been defeated," Zabihullah Mujahid said on April 22, 2022. '
        "Nineteen people were killed and at least 20 wounded."
    )
    assert {"daesh", "zabihullah", "mujahid"} <= found.names
    assert "without" not in found.names  # a capital at the start of a sentence is no name
    assert {"2022", "april", "april 22"} <= found.dates
    assert {19.0, 20.0} <= found.numbers
    assert 2022.0 not in found.numbers  # a year is a date


def test_the_matrix_is_the_one_bm25s_builds() -> None:
    texts = {
        p.stem: p.read_text(encoding="utf-8") for p in sorted((REPO / "evidence").glob("*.txt"))
    }
    index = build_index(texts)
    documents = [
        [index.vocabulary[t] for t in terms_of(index.text_of(n))] for n in range(len(index))
    ]
    theirs = bm25s.BM25(k1=K1, b=B, method="lucene").build_index_from_ids(
        list(range(len(index.vocabulary))), documents, show_progress=False
    )
    ours = index.retriever.scores
    assert np.array_equal(theirs["indptr"], ours["indptr"])
    assert np.array_equal(theirs["indices"], ours["indices"])
    assert np.allclose(theirs["data"], ours["data"], atol=1e-5)
    # And bm25s's own retrieval runs on it.
    query = index.term_ids(terms_of("Kunduz mosque blast"))
    best = int(np.argmax(index.retriever.get_scores_from_ids(query)))
    assert "Kunduz" in index.text_of(best)


def test_an_empty_corpus_and_an_empty_text_give_an_empty_index() -> None:
    assert len(build_index({})) == 0
    assert len(build_index({"blank": "   \n\n"})) == 0


def test_the_index_is_cached_and_built_again_when_a_source_text_changes(
    bundled_copy: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "suggest-cache"
    corpus = Workspace.open(bundled_copy).corpus
    assert corpus is not None
    first = passage_index(corpus, cache)
    again = passage_index(corpus, cache)
    assert not first.from_cache and again.from_cache
    assert again.text_of(5) == first.text_of(5)
    assert np.array_equal(again.retriever.scores["data"], first.retriever.scores["data"])
    source = corpus.sources["afp-2021-11"]
    source.text = (source.text or "") + "\nA new sentence about Herat.\n"
    changed = passage_index(corpus, cache)
    assert not changed.from_cache
    assert len(changed) == len(first) + 1


def test_a_broken_cache_file_is_rebuilt_not_trusted(bundled_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "suggest-cache"
    corpus = Workspace.open(bundled_copy).corpus
    assert corpus is not None
    passage_index(corpus, cache)
    for path in cache.glob("suggest-*"):
        path.write_bytes(b"not marshal at all")
    index = passage_index(corpus, cache)
    assert not index.from_cache and len(index) > 0


@pytest.fixture(scope="module")
def bundled() -> Workspace:
    workspace = Workspace.open(REPO, cache=False)
    assert workspace.corpus is not None
    return workspace


def test_a_claims_own_report_comes_first_and_is_marked_linked(bundled: Workspace) -> None:
    corpus = bundled.corpus
    assert corpus is not None
    index = passage_index(corpus, None)
    found = suggest(corpus, index, corpus.claims_by_id["daesh-defeated"], limit=5)
    first = found.suggestions[0]
    assert first.text.startswith('"Without doubt, Daesh has been defeated')
    assert first.linked == ("mujahid-radio-azadi",)
    assert first.source_id == "rferl-2022-05"
    assert corpus.sources["rferl-2022-05"].text[first.start : first.end] == first.text
    assert "Daesh" in first.reasons.names and "defeated" in first.reasons.terms
    assert found.passages == len(index)


def test_what_contradicts_a_claim_of_security_is_found_and_says_why(bundled: Workspace) -> None:
    corpus = bundled.corpus
    assert corpus is not None
    index = passage_index(corpus, None)
    claim = corpus.claims_by_id["complete-security"]
    found = suggest(corpus, index, claim, limit=10, anchors=bundled.verify().anchors)
    against = [
        s
        for s in found.suggestions
        if "would contradict 'security'" in dict(s.reasons.related).values()
    ]
    assert len(against) >= 3, [s.text for s in found.suggestions]
    bombings = next(s for s in found.suggestions if "suicide bombings" in s.text)
    assert ("bombings", "would contradict 'security'") in bombings.reasons.related
    assert "bombings (would contradict 'security')" in bombings.reasons.summary()
    linked = {quote for s in found.suggestions for quote in s.linked}
    assert {"isk-boast", "narrative-punctured"} <= linked


def test_made_up_full_security_claim_finds_the_bombing_that_shares_no_word(
    write_corpus,
) -> None:
    root = write_corpus(
        {
            "evidence/wire-2021.txt": (
                "The minister spoke to reporters in the capital on Monday.\n"
                "A bombing at a market killed 50 people on Friday.\n"
                "The weather was mild and the harvest was good this year.\n"
            ),
            "evidence/wire-2021.yaml": (
                "source: {id: wire-2021, outlet: Wire, title: A report, text: wire-2021.txt}\n"
            ),
            "claims/main.yaml": (
                "claims:\n"
                "  - id: full-security\n"
                "    text: The country enjoys full security now.\n"
                "    kind: summary\n"
                "    claimant: The minister\n"
                "    tags: [security]\n"
            ),
        }
    )
    workspace = Workspace.open(root)
    corpus = workspace.corpus
    assert corpus is not None
    index = passage_index(corpus, workspace.cache_dir)
    claim = corpus.claims_by_id["full-security"]
    plain = suggest(corpus, index, claim, weights=Weights.bm25_only())
    assert all("bombing" not in s.text for s in plain.suggestions)  # BM25 alone misses it
    found = suggest(corpus, index, claim)
    assert found.suggestions[0].text == "A bombing at a market killed 50 people on Friday."
    assert not found.suggestions[0].linked


def test_the_same_figure_in_words_and_digits_is_a_shared_number(write_corpus) -> None:
    root = write_corpus(
        {
            "evidence/wire-2021.txt": (
                "Officials said 19 people were killed in the attack on the hospital.\n"
                "Another report put the toll at more than a dozen.\n"
            ),
            "claims/main.yaml": (
                "claims:\n"
                "  - id: toll\n"
                "    text: Nineteen people died at the hospital.\n"
                "    kind: summary\n"
                "    claimant: A doctor\n"
            ),
        }
    )
    corpus = Workspace.open(root).corpus
    assert corpus is not None
    found = suggest(corpus, passage_index(corpus, None), corpus.claims_by_id["toll"])
    assert found.suggestions[0].text.startswith("Officials said 19 people")
    assert found.suggestions[0].reasons.numbers == ("19",)


def test_a_claim_with_no_word_in_any_source_gets_nothing(write_corpus) -> None:
    root = write_corpus(
        {
            "claims/main.yaml": (
                "claims:\n  - id: odd\n    text: Zzyzx quux.\n    kind: summary\n"
                "    claimant: Nobody\n"
            )
        }
    )
    corpus = Workspace.open(root).corpus
    assert corpus is not None
    assert (
        suggest(corpus, passage_index(corpus, None), corpus.claims_by_id["odd"]).suggestions == ()
    )


def test_neighbouring_sentences_that_both_score_are_offered_as_one_passage(write_corpus) -> None:
    root = write_corpus(
        {
            "evidence/wire-2021.txt": (
                "Gunmen stormed the hospital in Kabul. The attackers killed patients in Kabul.\n"
                "Elsewhere the market was calm.\n"
            ),
            "claims/main.yaml": (
                "claims:\n  - id: calm\n"
                "    text: Kabul hospital attack by gunmen killed patients.\n"
                "    kind: summary\n    claimant: Nobody\n"
            ),
        }
    )
    corpus = Workspace.open(root).corpus
    assert corpus is not None
    first = suggest(corpus, passage_index(corpus, None), corpus.claims_by_id["calm"]).suggestions[0]
    assert first.sentences == 2
    assert (
        first.text
        == "Gunmen stormed the hospital in Kabul. The attackers killed patients in Kabul."
    )


@pytest.mark.parametrize(
    ("passage", "quote", "same"),
    [
        ((0, 100), (10, 60), True),  # the quote inside the passage
        ((0, 100), (90, 300), False),  # a corner of a long quote
        ((50, 80), (0, 200), True),  # a short passage inside a long quote
        ((0, 10), (10, 20), False),  # touching is not overlapping
    ],
)
def test_a_passage_holds_a_quote_when_they_overlap_by_half_the_shorter(
    passage: tuple[int, int], quote: tuple[int, int], same: bool
) -> None:
    assert covers(*passage, *quote) is same


def test_the_blind_test_on_the_bundled_corpus_holds_its_measured_level(bundled: Workspace) -> None:
    """A guard against a change that quietly makes the ranking worse: the figures of
    benchmarks/bench_suggest.py without its distractors (which it measures)."""
    corpus = bundled.corpus
    assert corpus is not None
    result = evaluate(
        corpus,
        index_texts({s: t.text for s, t in corpus.sources.items() if t.text}),
        bundled.verify().anchors,
        Weights(),
    )
    assert len(result.claims) == 12
    assert result.recall(10) >= 0.5
    assert result.mrr() >= 0.6
    plain = evaluate(
        corpus, passage_index(corpus, None), bundled.verify().anchors, Weights.bm25_only()
    )
    assert result.recall(10) > plain.recall(10)


def test_held_out_scores_each_claim_with_the_setting_chosen_on_the_others() -> None:
    from factcheck.corpus.suggest.evaluation import ClaimRanks, Evaluation, held_out

    # Setting 0 finds a's and b's quotes and misses c's; setting 1 finds only c's. Left out,
    # c is scored with the setting chosen on a and b: 0, which misses it. What 1 would have
    # given c is never seen, so the held-out recall (2/3) is below a best-of-both (1).
    zero = Evaluation(
        (ClaimRanks("a", {"q": 1}), ClaimRanks("b", {"q": 1}), ClaimRanks("c", {"q": None}))
    )
    one = Evaluation(
        (ClaimRanks("a", {"q": None}), ClaimRanks("b", {"q": None}), ClaimRanks("c", {"q": 1}))
    )
    out = held_out([zero, one])
    assert [c.claim_id for c in out.claims] == ["a", "b", "c"]
    assert out.recall(10) == pytest.approx(2 / 3)
    # A setting that wins only on the claim left out is not chosen for it; ties on recall go
    # to MRR (two finds c at 20), then to the first given.
    two = Evaluation(
        (ClaimRanks("a", {"q": 1}), ClaimRanks("b", {"q": 1}), ClaimRanks("c", {"q": 20}))
    )
    assert held_out([zero, one, two]).recall(10) == pytest.approx(2 / 3)
    assert held_out([one, two]).recall(10) == pytest.approx(2 / 3)


def test_a_cap_per_source_and_diversity_reshape_the_top_ten(bundled: Workspace) -> None:
    from dataclasses import replace

    corpus = bundled.corpus
    assert corpus is not None
    index = passage_index(corpus, None)
    claim = corpus.claims_by_id["daesh-defeated"]
    capped = suggest(corpus, index, claim, limit=10, weights=replace(Weights(), per_source=1))
    assert sorted(s.source_id for s in capped.suggestions) == sorted(corpus.sources)
    plain = suggest(corpus, index, claim, limit=10)
    varied = suggest(corpus, index, claim, limit=10, weights=replace(Weights(), diversity=5.0))
    # The best passage stays first; a strong pull away from likeness changes what follows.
    assert varied.suggestions[0].start == plain.suggestions[0].start
    assert [s.start for s in varied.suggestions] != [s.start for s in plain.suggestions]


def test_reciprocal_rank_fusion_ranks_by_the_parts_ranks_not_their_sizes(
    bundled: Workspace,
) -> None:
    from dataclasses import replace

    corpus = bundled.corpus
    assert corpus is not None
    index = passage_index(corpus, None)
    claim = corpus.claims_by_id["daesh-defeated"]
    fused = suggest(corpus, index, claim, limit=10, weights=replace(Weights(), fusion="rrf"))
    scores = [s.score for s in fused.suggestions]
    assert len(scores) == 10 and scores == sorted(scores, reverse=True)
    # Six parts, each adding at most 1 / (60 + 1) times its weight (all at most 1).
    assert 0 < scores[0] <= 6 / 61
    assert fused.suggestions[0].text.startswith('"Without doubt, Daesh has been defeated')
