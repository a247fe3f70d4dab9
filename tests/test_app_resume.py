"""Reopening the app on the same corpus as the same reviewer selects the claim that was
selected at quit; the place is kept in the user's cache folder, never in the corpus."""

from __future__ import annotations

import os
from pathlib import Path

from factcheck.app import create_app
from factcheck.reviews import last_claim
from tests.test_app_review import detail_text, opened


def files_under(folder: Path) -> set[Path]:
    return set(folder.rglob("*"))


async def select_and_quit(root: Path, reviewer: str, moves: int) -> str:
    app = create_app(root, reviewer)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await pilot.press(*["j"] * moves)
        assert screen.selected is not None
        chosen = screen.selected.id
        await pilot.press("q")
    return chosen


async def selected_on_open(root: Path, reviewer: str) -> tuple[str, str]:
    app = create_app(root, reviewer)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        assert screen.selected is not None
        return screen.selected.id, detail_text(screen)


async def test_reopening_selects_the_claim_selected_at_quit(bundled_copy: Path) -> None:
    before = files_under(bundled_copy)
    chosen = await select_and_quit(bundled_copy, "Ann", moves=5)
    selected, shown = await selected_on_open(bundled_copy, "Ann")
    assert selected == chosen
    assert chosen in shown  # the detail pane shows it too (its id is in the detail line)
    assert files_under(bundled_copy) == before  # nothing written into the corpus
    cache = Path(os.environ["FACTCHECK_CACHE_DIR"]) / last_claim.FOLDER
    assert len(list(cache.iterdir())) == 1


async def test_each_reviewer_and_each_corpus_has_its_own_place(
    bundled_copy: Path, tmp_path: Path
) -> None:
    first = _claims(bundled_copy)[0]
    chosen = await select_and_quit(bundled_copy, "Ann", moves=3)
    assert chosen != first
    assert (await selected_on_open(bundled_copy, "Bob"))[0] == first
    other = tmp_path / "other"
    bundled_copy.rename(other)  # the same files in another folder: another corpus
    assert (await selected_on_open(other, "Ann"))[0] == first


async def test_a_claim_gone_from_the_corpus_opens_on_the_first(bundled_copy: Path) -> None:
    chosen = await select_and_quit(bundled_copy, "Ann", moves=2)
    for path in (bundled_copy / "claims").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"id: {chosen}\n", f"id: {chosen}-renamed\n"), "utf-8")
    selected, _shown = await selected_on_open(bundled_copy, "Ann")
    assert selected == _claims(bundled_copy)[0]


def test_a_place_kept_for_another_key_is_not_taken(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    last_claim.remember(tmp_path / "cache", corpus, "Ann", "claim-1")
    assert last_claim.recall(tmp_path / "cache", corpus, "Ann") == "claim-1"
    assert last_claim.recall(tmp_path / "cache", corpus, "ann") is None
    assert last_claim.recall(None, corpus, "Ann") is None
    (tmp_path / "cache" / last_claim.FOLDER).chmod(0o500)
    try:
        last_claim.remember(tmp_path / "cache", corpus, "Bob", "claim-2")  # no error raised
    finally:
        (tmp_path / "cache" / last_claim.FOLDER).chmod(0o700)


def _claims(root: Path) -> list[str]:
    from factcheck.corpus.loader import load_corpus

    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    return [claim.id for claim in corpus.claims]
