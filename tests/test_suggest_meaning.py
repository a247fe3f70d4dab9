"""Closeness in meaning (WordLlama), a part of the suggestions' ranking that was tried and left
off (bench_suggest.py): the ranking and the benchmark must work without the package, and with
it the model must load from the package alone, never from the network."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from factcheck.corpus.suggest import meaning, passage_index, quoted_passages, suggest
from factcheck.corpus.suggest.ranking import Weights
from factcheck.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bundled() -> Workspace:
    workspace = Workspace.open(REPO, cache=False)
    assert workspace.corpus is not None
    return workspace


def test_without_wordllama_the_parts_of_meaning_change_nothing(
    bundled: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(meaning, "_model", lambda: None)
    corpus = bundled.corpus
    assert corpus is not None
    index = passage_index(corpus, None)
    quoted = quoted_passages(corpus, index, bundled.verify().anchors)
    claim = corpus.claims[0]
    tried = replace(Weights(), meaning=0.5, meaning_like=0.5, meaning_text="contrary")
    plain = suggest(corpus, index, claim, quoted=quoted, hide_links=True)
    with_meaning = suggest(corpus, index, claim, quoted=quoted, weights=tried, hide_links=True)
    assert plain.suggestions
    assert [s.text for s in with_meaning.suggestions] == [s.text for s in plain.suggestions]
    assert index.vectors is None  # nothing was embedded
    assert not meaning.available()
    assert meaning.embed(["a text"]).shape == (1, meaning.DIMENSIONS)


def test_wordllama_loads_from_its_package_without_the_network_or_the_root_logger(
    tmp_path: Path,
) -> None:
    pytest.importorskip("wordllama")
    # A new process: the import is fresh there, every connection fails, no home cache.
    script = textwrap.dedent(
        """
        import logging, socket
        tried = []
        def refuse(*args, **kwargs):
            tried.append(args)
            raise OSError("no network in this test")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        before = list(logging.getLogger().handlers), logging.getLogger().level
        from factcheck.corpus.suggest import meaning
        assert meaning.available()
        after = list(logging.getLogger().handlers), logging.getLogger().level
        assert after == before, (before, after)
        bombing, attack, harvest = meaning.embed([
            "A bombing at a market killed 50 people.",
            "An attack on the bazaar left dozens dead.",
            "The harvest was good and the weather mild this year.",
        ])
        assert abs(float(bombing @ bombing) - 1) < 1e-5
        assert float(bombing @ attack) > float(bombing @ harvest) + 0.1
        assert tried == [], tried
        print("ok")
        """
    )
    environment = {"HOME": str(tmp_path), "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=environment
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
    assert not (tmp_path / ".cache").exists()  # nothing downloaded, nothing cached


def test_a_passages_vector_is_made_when_a_ranking_first_meets_it(bundled: Workspace) -> None:
    pytest.importorskip("wordllama")
    corpus = bundled.corpus
    assert corpus is not None
    index = passage_index(corpus, None)
    claim = corpus.claims[0]
    found = suggest(corpus, index, claim, weights=replace(Weights(), meaning=0.25))
    assert index.vectors is not None
    first = int(found.suggestions[0].start)
    at = int(np.flatnonzero(index.starts == first)[0])
    made = index.vectors_of(np.asarray([at]))[0]
    assert np.allclose(made, meaning.embed([index.text_of(at)])[0], atol=1e-5)
    assert dict(found.suggestions[0].reasons.parts).get("meaning", 0.0) > 0
