"""Caches are keyed on what made them: a cache written under another schema or other quote
thresholds misses, and a snapshot whose rows do not fit is a miss, never an exception."""

from __future__ import annotations

import marshal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from factcheck.corpus import anchors, cache_files, schema, snapshot, yamlio
from factcheck.corpus.anchors import AnchorCache, corpus_jobs
from factcheck.corpus.loader import load_corpus
from factcheck.corpus.snapshot import snapshot_file
from factcheck.corpus.verification import verify_corpus
from factcheck.quotes import thresholds
from tests.conftest import CorpusWriter
from tests.test_corpus_snapshot import fingerprint_of, loads_from_snapshot


def made_with_now() -> str:
    return cache_files._made_with.__wrapped__()  # type: ignore[attr-defined]


def test_the_key_changes_with_a_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    before = made_with_now()
    monkeypatch.setattr(thresholds, "FUZZY_MIN_SCORE", thresholds.FUZZY_MIN_SCORE - 1)
    assert made_with_now() != before


def test_the_key_changes_with_the_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = made_with_now()
    edited = tmp_path / "schema.py"
    edited.write_text(Path(schema.__file__).read_text().replace("max_length=120", "max_length=80"))
    monkeypatch.setattr(schema, "__file__", str(edited))
    assert made_with_now() != before


def test_the_key_is_the_same_in_every_process() -> None:
    """Nothing in it may vary between runs (an address, a set's order): every run would miss."""
    code = "from factcheck.corpus.cache_files import cache_key; print(cache_key('x', 1))"
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stdout.startswith("('factcheck-x', 1, ")


def other_schema(key: tuple[Any, ...]) -> tuple[Any, ...]:
    """The same key as factcheck with another schema or other thresholds would make it."""
    return (*key[:-1], key[-1] + "-other")


def test_a_snapshot_under_another_key_misses(
    write_corpus: CorpusWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, cache_dir = write_corpus(), tmp_path / "cache"
    load_corpus(root, cache_dir=cache_dir)
    assert loads_from_snapshot(root, cache_dir, monkeypatch)
    monkeypatch.setattr(snapshot, "_FORMAT", other_schema(snapshot._FORMAT))
    assert not loads_from_snapshot(root, cache_dir, monkeypatch)


def test_a_parse_cache_under_another_key_misses(
    write_corpus: CorpusWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its entries say which files passed the schema check: under another schema, none did."""
    root, cache_dir = write_corpus(), tmp_path / "cache"
    load_corpus(root, cache_dir=cache_dir)
    files = ["claims/main.yaml", "evidence/wire-2021.yaml"]
    assert yamlio.ParseCache(root, cache_dir).missing(root, files) == []
    monkeypatch.setattr(yamlio, "_CACHE_FORMAT", other_schema(yamlio._CACHE_FORMAT))
    assert yamlio.ParseCache(root, cache_dir).missing(root, files) == files


def test_an_anchor_cache_under_another_key_misses(
    write_corpus: CorpusWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Anchors found under other thresholds are found again."""
    root, cache_dir = write_corpus(), tmp_path / "cache"
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    verify_corpus(corpus, cache_dir=cache_dir)
    assert AnchorCache(corpus, cache_dir, corpus_jobs(corpus)).missing == []
    monkeypatch.setattr(anchors, "_FORMAT", other_schema(anchors._FORMAT))
    assert len(AnchorCache(corpus, cache_dir, corpus_jobs(corpus)).missing) == 3


def damage(document: tuple[Any, ...], how: str) -> tuple[Any, ...]:
    """The snapshot document with one row changed, its key and file stats left as they were."""
    fmt, yaml_stats, text_stats, settings, sources, quotes, claims, problems = document
    claim = claims[0]
    if how == "a claim row of an old layout":
        claims = (claim[:-1], *claims[1:])
    elif how == "an unknown kind":
        claims = ((claim[0], claim[1], "rumour", *claim[3:]), *claims[1:])
    elif how == "a link row that is not a row":
        claims = ((*claim[:10], (None,), *claim[11:]), *claims[1:])
    elif how == "a source that is not a row":
        sources = (42,)
    elif how == "settings missing":
        settings = None
    elif how == "quotes not a list":
        quotes = 7
    return (fmt, yaml_stats, text_stats, settings, sources, quotes, claims, problems)


@pytest.mark.parametrize(
    "how",
    [
        "a claim row of an old layout",
        "an unknown kind",
        "a link row that is not a row",
        "a source that is not a row",
        "settings missing",
        "quotes not a list",
    ],
)
def test_a_snapshot_with_a_row_that_does_not_fit_misses_and_the_corpus_loads(
    write_corpus: CorpusWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    root, cache_dir = write_corpus(), tmp_path / "cache"
    fresh = load_corpus(root, cache_dir=None)
    load_corpus(root, cache_dir=cache_dir)
    path = snapshot_file(root, cache_dir)
    path.write_bytes(marshal.dumps(damage(marshal.loads(path.read_bytes()), how)))

    assert not loads_from_snapshot(root, cache_dir, monkeypatch)
    assert fingerprint_of(load_corpus(root, cache_dir=cache_dir)) == fingerprint_of(fresh)
