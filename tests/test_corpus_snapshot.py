"""The snapshot of the last load is used only when no input changed, and never shows old data."""

from __future__ import annotations

import gc
import os
from dataclasses import astuple
from pathlib import Path

import pytest

from factcheck.corpus import loader
from factcheck.corpus.loader import LoadResult, load_corpus
from factcheck.corpus.snapshot import snapshot_file
from tests.conftest import CLAIMS_YAML, CorpusWriter


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def fingerprint_of(result: LoadResult) -> tuple[object, ...]:
    corpus = result.corpus
    assert corpus is not None
    return (
        corpus.settings,
        [astuple(source) for source in corpus.sources.values()],
        [astuple(quote) for quote in corpus.quotes.values()],
        [astuple(claim) for claim in corpus.claims],
        result.problems,
    )


def loads_from_snapshot(root: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Load, and say whether the files were read (False) or the snapshot was (True)."""
    calls: list[int] = []
    real_load = loader._CorpusLoader.load

    def counting_load(self: loader._CorpusLoader, *args: list[str]) -> LoadResult:
        calls.append(1)
        return real_load(self, *args)

    monkeypatch.setattr(loader._CorpusLoader, "load", counting_load)
    load_corpus(root, cache_dir=cache_dir)
    monkeypatch.undo()
    return not calls


def test_unchanged_corpus_loads_from_the_snapshot_identically(
    bundled_copy: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = load_corpus(bundled_copy, cache_dir=None)
    assert not loads_from_snapshot(bundled_copy, cache_dir, monkeypatch)
    assert loads_from_snapshot(bundled_copy, cache_dir, monkeypatch)
    assert fingerprint_of(load_corpus(bundled_copy, cache_dir=cache_dir)) == fingerprint_of(fresh)


def test_problems_survive_the_snapshot(
    write_corpus: CorpusWriter, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_corpus({"claims/main.yaml": CLAIMS_YAML.replace("claimant:", "claimnt:")})
    first = load_corpus(root, cache_dir=cache_dir)
    assert loads_from_snapshot(root, cache_dir, monkeypatch)
    assert load_corpus(root, cache_dir=cache_dir).problems == first.problems
    assert [p.code for p in first.problems] == ["missing-key", "unknown-key"]


@pytest.mark.parametrize(
    "change",
    [
        "edit a quote",
        "edit a source text",
        "add a claims file",
        "remove a claims file",
        "add settings",
        "remove a source text",
    ],
)
def test_any_changed_input_is_read_again(
    write_corpus: CorpusWriter, cache_dir: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    root = write_corpus({"claims/extra.yaml": CLAIMS_YAML.replace("id: defeated", "id: other")})
    load_corpus(root, cache_dir=cache_dir)
    evidence = root / "evidence" / "wire-2021.yaml"
    text = root / "evidence" / "wire-2021.txt"
    if change == "edit a quote":
        evidence.write_text(evidence.read_text().replace("Residents said", "Residents  said"))
    elif change == "edit a source text":
        text.write_text(text.read_text() + "One more line.\n")
    elif change == "add a claims file":
        (root / "claims" / "more.yaml").write_text(CLAIMS_YAML.replace("defeated", "third"))
    elif change == "remove a claims file":
        (root / "claims" / "extra.yaml").unlink()
    elif change == "add settings":
        (root / "factcheck.yaml").write_text("title: Desk\n")
    else:
        text.unlink()
    assert not loads_from_snapshot(root, cache_dir, monkeypatch)
    assert fingerprint_of(load_corpus(root, cache_dir=cache_dir)) == fingerprint_of(
        load_corpus(root, cache_dir=None)
    )


def test_a_same_size_edit_is_seen_by_its_mtime(
    write_corpus: CorpusWriter, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_corpus()
    load_corpus(root, cache_dir=cache_dir)
    text = root / "evidence" / "wire-2021.txt"
    before = text.stat()
    text.write_text(text.read_text().replace("Nineteen", "Eighteen"))
    os.utime(text, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    assert not loads_from_snapshot(root, cache_dir, monkeypatch)
    corpus = load_corpus(root, cache_dir=cache_dir).corpus
    assert corpus is not None
    assert "Eighteen" in (corpus.sources["wire-2021"].text or "")


def test_a_damaged_snapshot_is_ignored(
    write_corpus: CorpusWriter, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_corpus()
    load_corpus(root, cache_dir=cache_dir)
    snapshot_file(root, cache_dir).write_bytes(b"\x00not marshal")
    assert not loads_from_snapshot(root, cache_dir, monkeypatch)
    assert loads_from_snapshot(root, cache_dir, monkeypatch)


def test_parsing_in_two_processes_gives_the_same_corpus(tmp_path: Path) -> None:
    """A cold load of many files parses half of them in a second process."""
    from factcheck.corpus import yamlio
    from factcheck.corpus.generate import generate_corpus

    root = tmp_path / "generated"
    generate_corpus(root, claims=1_050, source_bytes=600)
    files = sorted(p.relative_to(root).as_posix() for p in root.glob("*/*.yaml"))
    assert len(files) >= yamlio.PARALLEL_MIN_FILES
    cache = yamlio.ParseCache(root, None)
    yamlio.parse_into(cache, root, files)
    assert cache.missing(root, files) == []
    parallel = load_corpus(root, cache_dir=tmp_path / "cache")
    assert parallel.problems == []
    assert fingerprint_of(parallel) == fingerprint_of(load_corpus(root, cache_dir=None))


def test_a_loaded_corpus_is_frozen_out_of_the_collectors_sight(
    bundled_copy: Path, cache_dir: Path
) -> None:
    """Its objects live as long as the process: the collector must not walk them after every
    load (35-60 ms at 10,000 claims, each time), from the snapshot or from the files."""
    for _ in range(2):  # from the files, then from the snapshot
        gc.enable()
        corpus = load_corpus(bundled_copy, cache_dir=cache_dir).corpus
        assert corpus is not None
        assert gc.isenabled()  # given back as it was
        watched = {id(thing) for thing in gc.get_objects()}
        claim = corpus.claims[0]
        assert id(claim) not in watched
        assert id(claim.evidence) not in watched


def test_a_change_checked_before_it_is_written_is_not_frozen(
    bundled_copy: Path, cache_dir: Path
) -> None:
    """The writer's trial load of a change (an overlay) is thrown away: freezing it would keep
    whatever cycle it holds for the life of the app."""
    claims_file = next(iter(sorted((bundled_copy / "claims").glob("*.yaml"))))
    relative = claims_file.relative_to(bundled_copy).as_posix()
    overlay = {relative: claims_file.read_text(encoding="utf-8")}
    corpus = load_corpus(bundled_copy, cache_dir=cache_dir, overlay=overlay).corpus
    assert corpus is not None
    assert id(corpus.claims[0]) in {id(thing) for thing in gc.get_objects()}
