"""Cache files are replaced whole or not at all, and a bad one reads as no cache."""

from __future__ import annotations

from pathlib import Path

from factcheck.corpus.cache_files import cache_file, read_cache, write_cache


def test_round_trip_and_one_file_per_corpus(tmp_path: Path) -> None:
    first = cache_file(tmp_path / "cache", "snapshot", tmp_path / "a")
    second = cache_file(tmp_path / "cache", "snapshot", tmp_path / "b")
    assert first != second
    write_cache(first, ("format", {"claims/x.yaml": (1, 2, [1, "two"], True)}))
    assert read_cache(first) == ("format", {"claims/x.yaml": (1, 2, [1, "two"], True)})


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "anchors-x.marshal"
    write_cache(path, ("old",))
    write_cache(path, (object(),))  # marshal cannot write it
    assert read_cache(path) == ("old",)
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_missing_or_damaged_reads_as_none(tmp_path: Path) -> None:
    assert read_cache(tmp_path / "none.marshal") is None
    damaged = tmp_path / "damaged.marshal"
    damaged.write_bytes(b"\x00not marshal")
    assert read_cache(damaged) is None
