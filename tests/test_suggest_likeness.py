"""Suggestions learn from the evidence the desk linked to claims like the one asked about: a
passage quoted for a claim sharing its claimant and tags is lifted, and says so; one quoted for
an unlike claim is not. And `quoted_passages` finds the sentences of every linked quote."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus.model import Corpus
from factcheck.corpus.suggest import Weights, passage_index, quoted_passages, suggest
from factcheck.corpus.suggest.likeness import feature_rarity, features, likeness, likeness_to
from factcheck.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent

TEXT = (
    "The minister opened a new road to the north on Monday.\n"
    "Three trucks were ambushed near the pass and their drivers taken.\n"
    "The harvest festival drew large crowds to the valley.\n"
    "Officials counted the crowds at the festival gate.\n"
)
EVIDENCE = """\
source: {id: wire-2021, outlet: Wire, title: A report, text: wire-2021.txt}
quotes:
  - id: ambush
    quote: "Three trucks were ambushed near the pass and their drivers taken."
  - id: festival
    quote: "The harvest festival drew large crowds to the valley."
"""
CLAIMS = """\
claims:
  - id: roads-safe
    text: "The roads of the north are safe to travel."
    kind: summary
    claimant: The Minister
    source: wire-2021
    tags: [roads, north]
  - id: roads-open
    text: "Every road in the north is open."
    kind: summary
    claimant: The Minister
    source: wire-2021
    tags: [roads, north]
    evidence:
      - {ref: ambush, stance: contradicts}
  - id: good-harvest
    text: "The harvest was the best in years."
    kind: summary
    claimant: A farmer
    tags: [farming]
    evidence:
      - {ref: festival, stance: context}
"""


@pytest.fixture
def roads(write_corpus) -> Corpus:
    root = write_corpus(
        {
            "evidence/wire-2021.txt": TEXT,
            "evidence/wire-2021.yaml": EVIDENCE,
            "claims/main.yaml": CLAIMS,
        }
    )
    corpus = Workspace.open(root).corpus
    assert corpus is not None
    return corpus


def test_a_rare_shared_feature_makes_claims_liker_than_a_common_one(roads: Corpus) -> None:
    alike = likeness_to(roads, roads.claims_by_id["roads-safe"])
    # roads-open shares claimant, source and both tags; good-harvest shares nothing.
    assert alike == {"roads-open": 1.0, "good-harvest": 0.0}
    rarity = feature_rarity(roads.claims)
    common = frozenset({"tag:a", "tag:rare"})
    assert likeness(common, frozenset({"tag:a"}), {"tag:a": 0.1, "tag:rare": 2.0}) < 0.1
    assert likeness(common, frozenset({"tag:rare"}), {"tag:a": 0.1, "tag:rare": 2.0}) > 0.9
    assert "claimant:the minister" in features(roads.claims_by_id["roads-safe"])
    assert rarity["tag:roads"] < rarity["tag:farming"]  # two claims have it, one the other


def test_a_passage_quoted_for_a_like_claim_is_lifted_and_says_why(roads: Corpus) -> None:
    index = passage_index(roads, None)
    anchors = Workspace.open(roads.root).verify().anchors
    quoted = quoted_passages(roads, index, anchors)
    claim = roads.claims_by_id["roads-safe"]
    without = suggest(roads, index, claim, weights=Weights(similar_claims=0.0), quoted=quoted)
    found = suggest(roads, index, claim, quoted=quoted)
    ambush = "Three trucks were ambushed near the pass and their drivers taken."
    # It shares no word with the claim: BM25 alone never offers it; the like claim's link does.
    assert ambush not in [s.text for s in without.suggestions]
    assert ambush in [s.text for s in found.suggestions]
    only_words = suggest(roads, index, claim, weights=Weights(similar_leads=0), quoted=quoted)
    assert ambush not in [s.text for s in only_words.suggestions]
    lifted = next(s for s in found.suggestions if s.text == ambush)
    assert lifted.reasons.evidence_of == ("roads-open",)
    assert "evidence of like claims: roads-open" in lifted.reasons.summary()
    assert lifted.to_dict()["reasons"]["evidence_of_like_claims"] == ["roads-open"]
    # The festival is evidence of an unlike claim only: nothing for it.
    for suggestion in found.suggestions:
        assert "good-harvest" not in suggestion.reasons.evidence_of
    # Without `quoted` (a caller that has no anchors) the part is simply left out.
    plain = suggest(roads, index, claim)
    assert all(not s.reasons.evidence_of for s in plain.suggestions)


def test_a_claims_own_evidence_is_never_its_own_lead(roads: Corpus) -> None:
    index = passage_index(roads, None)
    anchors = Workspace.open(roads.root).verify().anchors
    quoted = quoted_passages(roads, index, anchors)
    found = suggest(roads, index, roads.claims_by_id["roads-open"], quoted=quoted, hide_links=True)
    assert all("roads-open" not in s.reasons.evidence_of for s in found.suggestions)


def test_quoted_passages_are_the_sentences_each_linked_quote_overlaps() -> None:
    workspace = Workspace.open(REPO, cache=False)
    corpus = workspace.corpus
    assert corpus is not None
    index = passage_index(corpus, None)
    anchors = workspace.verify().anchors
    quoted = quoted_passages(corpus, index, anchors)
    expected: dict[int, set[str]] = {}
    for claim in corpus.claims:
        for link in claim.evidence:
            quote = corpus.quotes[link.quote_id]
            for span in anchors[link.quote_id].spans:
                for passage in range(len(index)):
                    if (
                        index.source_of(passage) == quote.source_id
                        and index.starts[passage] < span.end
                        and index.ends[passage] > span.start
                    ):
                        expected.setdefault(passage, set()).add(claim.id)
    assert {p: set(c) for p, c in quoted.claims_of.items()} == expected
    assert len(expected) > 30
    assert quoted.features_of["daesh-defeated"] == features(corpus.claims_by_id["daesh-defeated"])


def test_the_command_line_learns_from_like_claims_evidence(bundled_copy: Path) -> None:
    result = CliRunner().invoke(
        cli, ["suggest", "bombings-symptoms-of-weakness", str(bundled_copy), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)["suggestions"]
    leads = [s for s in found if s["reasons"]["evidence_of_like_claims"]]
    # The spokesman's other boast (same claimant, date, source) is the likest claim.
    assert leads and leads[0]["reasons"]["evidence_of_like_claims"][0] == "daesh-defeated"
    assert any(s["reasons"]["score_parts"].get("similar_claims", 0) > 0 for s in leads)


def test_beside_like_claims_evidence_is_a_part_that_can_be_turned_on(roads: Corpus) -> None:
    """Measured and left off (bench_suggest.py); on, the sentence beside the ambush gets it."""
    index = passage_index(roads, None)
    quoted = quoted_passages(roads, index, Workspace.open(roads.root).verify().anchors)
    claim = roads.claims_by_id["roads-safe"]
    weights = Weights(similar_near=0.5, window_share=1.01)  # one sentence a passage
    found = suggest(roads, index, claim, quoted=quoted, weights=weights)
    road = next(s for s in found.suggestions if s.text.startswith("The minister opened"))
    assert dict(road.reasons.parts)["similar_near"] == pytest.approx(0.5 * math.exp(-1.0))
    off = suggest(roads, index, claim, quoted=quoted, weights=Weights(window_share=1.01))
    road = next(s for s in off.suggestions if s.text.startswith("The minister opened"))
    assert "similar_near" not in dict(road.reasons.parts)


def test_the_words_where_a_claim_is_reported_can_widen_its_query(write_corpus) -> None:
    """Measured and left off (bench_suggest.py): on, the words of the report's neighbour are
    asked for, and a sentence sharing only those is found, saying why."""
    root = write_corpus(
        {
            "evidence/wire-2021.txt": (
                "The spokesman called the blasts symptoms of weakness. Mosques were hit.\n"
                "Militants bombed mosques and schools across the north.\n"
                "The weather was mild.\n"
            ),
            "claims/main.yaml": (
                "claims:\n  - id: weak\n    text: symptoms of weakness\n    kind: quote\n"
                "    claimant: The spokesman\n    source: wire-2021\n"
            ),
        }
    )
    corpus = Workspace.open(root).corpus
    assert corpus is not None
    index = passage_index(corpus, None)
    claim = corpus.claims_by_id["weak"]
    off = suggest(corpus, index, claim, weights=Weights(window_share=1.01))
    assert all("Militants bombed" not in s.text for s in off.suggestions)
    widened = Weights(window_share=1.01, expansion=replace(Weights().expansion, report_context=0.3))
    found = suggest(corpus, index, claim, weights=widened)
    bombed = next(s for s in found.suggestions if s.text.startswith("Militants bombed"))
    assert ("mosques", "where the claim is reported") in bombed.reasons.related
