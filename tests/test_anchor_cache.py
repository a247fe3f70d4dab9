"""Quote anchors are kept per source between runs and reused only while the source and its
quotes are unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.corpus import anchors as anchor_cache
from factcheck.corpus.anchors import AnchorCache, corpus_jobs
from factcheck.corpus.loader import load_corpus
from factcheck.corpus.model import Corpus
from factcheck.corpus.verification import verify_corpus
from factcheck.quotes.batch import verify_quotes


def load(root: Path) -> Corpus:
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    return corpus


def count_verified(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    verified: list[str] = []

    def counting(jobs: list[tuple[str, str, str]], *args: object, **kwargs: object) -> object:
        jobs = list(jobs)
        verified.extend(job[0] for job in jobs)
        return verify_quotes(jobs, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(anchor_cache, "verify_quotes", counting)
    return verified


def test_unchanged_sources_are_not_verified_again(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "cache"
    verified = count_verified(monkeypatch)
    first = verify_corpus(load(bundled_copy), cache_dir=cache_dir).anchors
    assert len(verified) == 46 + 5
    verified.clear()
    assert verify_corpus(load(bundled_copy), cache_dir=cache_dir).anchors == first
    assert verified == []

    text = bundled_copy / "evidence" / "afp-2021-11.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Nineteen", "Twenty"))
    again = verify_corpus(load(bundled_copy), cache_dir=cache_dir).anchors
    assert sorted(verified) == sorted(
        job[0] for job in corpus_jobs(load(bundled_copy)) if job[1] == "afp-2021-11"
    )
    assert str(again["afp-hospital-toll"].status) == "fuzzy"
    assert again["kunduz-blast"] == first["kunduz-blast"]


def test_an_edited_quote_reverifies_its_source(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "cache"
    verify_corpus(load(bundled_copy), cache_dir=cache_dir)
    evidence = bundled_copy / "evidence" / "rferl-2022-05.yaml"
    evidence.write_text(evidence.read_text(encoding="utf-8").replace("at least 33", "at least 34"))
    verified = count_verified(monkeypatch)
    anchors = verify_corpus(load(bundled_copy), cache_dir=cache_dir).anchors
    assert verified and all(
        job[1] == "rferl-2022-05" for job in corpus_jobs(load(bundled_copy)) if job[0] in verified
    )
    assert anchors["kunduz-blast"].changed_numbers == (("34", "33"),)


def test_a_half_finished_run_keeps_no_half_verified_source(
    bundled_copy: Path, tmp_path: Path
) -> None:
    cache_dir = tmp_path / "cache"
    corpus = load(bundled_copy)
    cache = AnchorCache(corpus, cache_dir, corpus_jobs(corpus))
    some = [job for job in cache.missing if job[1] == "afp-2021-11"][:3]
    cache.add(verify_quotes(some, cache.texts))
    cache.save()
    again = AnchorCache(corpus, cache_dir, corpus_jobs(corpus))
    assert again.known() == {}
    assert len(again.missing) == len(cache.missing)


def test_a_broken_cache_file_is_ignored(bundled_copy: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    corpus = load(bundled_copy)
    verify_corpus(corpus, cache_dir=cache_dir)
    [cache_file] = cache_dir.glob("anchors-*.marshal")
    cache_file.write_bytes(b"garbage")
    assert AnchorCache(corpus, cache_dir, corpus_jobs(corpus)).known() == {}
    assert (
        anchor_cache.CLAIM_PREFIX + "daesh-defeated"
        in verify_corpus(corpus, cache_dir=cache_dir).anchors
    )


def test_the_app_gets_cached_anchors_in_one_delivery_decoded_only_when_asked(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Decoding every cached anchor right after the first paint held the GIL in front of the
    first key press; the app now gets them as one mapping that decodes a source's anchors when
    one of them is shown."""
    cache_dir = tmp_path / "cache"
    everything = verify_corpus(load(bundled_copy), cache_dir=cache_dir).anchors
    decoded: list[bytes] = []
    real_decoded = anchor_cache._decoded

    def counting(blob: bytes) -> dict[str, object]:
        decoded.append(blob)
        return real_decoded(blob)  # type: ignore[return-value]

    monkeypatch.setattr(anchor_cache, "_decoded", counting)
    deliveries: list[object] = []
    verification = verify_corpus(load(bundled_copy), cache_dir=cache_dir, deliver=deliveries.append)
    [cached] = deliveries
    assert verification.complete
    assert decoded == []  # nothing decoded until asked
    assert "no-such-quote" not in cached
    assert cached["afp-hospital-toll"] == everything["afp-hospital-toll"]
    assert len(decoded) == 1  # that quote's source only
    assert "afp-hospital-toll" in cached and len(decoded) == 1
    assert dict(verification.anchors) == dict(everything)


def test_the_app_is_never_given_a_changed_sources_cached_anchors(
    bundled_copy: Path, tmp_path: Path
) -> None:
    """The cached anchors are handed over before anything is checked; a source whose text
    changed since has none there (its quotes show as being checked) until verified afresh."""
    cache_dir = tmp_path / "cache"
    verify_corpus(load(bundled_copy), cache_dir=cache_dir)
    text = bundled_copy / "evidence" / "afp-2021-11.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Nineteen", "Twenty"))
    deliveries: list[object] = []
    verification = verify_corpus(load(bundled_copy), cache_dir=cache_dir, deliver=deliveries.append)
    cached = deliveries[0]
    assert "afp-hospital-toll" not in cached  # changed source: not served from the cache
    assert "kunduz-blast" in cached  # another source, unchanged
    assert str(verification.anchors["afp-hospital-toll"].status) == "fuzzy"  # verified afresh


async def test_the_app_reads_the_anchor_cache_before_its_first_screen(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read after the first screen, the cache (40-60 ms at 50,000 quotes, holding the GIL)
    held up the first key pressed: j took 80-115 ms. It is read while the corpus loads, once,
    and the quote checks hand over what was read."""
    from factcheck.app import create_app
    from factcheck.app.screens.review import ReviewScreen
    from factcheck.workspace import Workspace
    from tests.test_app_review import REVIEWER, opened

    Workspace.open(bundled_copy).verify()  # a warm cache
    reads: list[bool] = []
    real_read = anchor_cache.read_stored

    def reading(corpus: Corpus, cache_dir: Path | None) -> dict[str, tuple[str, bytes]]:
        reads.append(any(isinstance(s, ReviewScreen) for s in app.screen_stack))
        return real_read(corpus, cache_dir)

    monkeypatch.setattr("factcheck.corpus.verification.read_stored", reading)
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        for _ in range(100):  # the first claim's statuses come from what was read
            if screen.anchors:
                break
            await pilot.pause(0.02)
        assert screen.anchors["afp-hospital-toll"].status.value == "exact"
        await pilot.press("q")
    assert reads == [False]  # once, before the review screen was there
