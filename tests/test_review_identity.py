"""A review file belongs to the reviewer its `reviewer:` line names (issue 16). Opened under
another name, it is kept as it is and the session is read-only with the reason; it was rewritten
under the new name on the next save, with the other person's notes in it.

The same reviewer: the file name made from the file's `reviewer:` is this file's name, and the two
names are equal ignoring case, accents and runs of blanks ('José' opened as 'Jose' or 'JOSÉ').
The file then keeps its own spelling. Names that differ otherwise ('Jane-Doe' and 'Jane Doe',
which share jane-doe.yaml) are taken for two people: a wrong refusal costs a read-only session that
says how to open the file, a wrong match gives one person's ratings to another."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factcheck.app import create_app
from factcheck.cli import ExitCode
from factcheck.reviews import Review, ReviewStore
from factcheck.reviews.store import MAX_REVIEWER_NAME, reviewer_name_problem
from tests.test_app_review import header_text, opened

BOBS_FILE = """\
# Reviews written by factcheck: one entry per claim, sorted by claim id.
reviewer: bob
reviews:
- claim: c1
  verdict: 'False'
  note: Bob's reasons, not Ann's.
  time: '2026-11-23T10:00:00+00:00'
  fingerprint: sha256:0
"""


def review(claim: str, reviewer: str, verdict: str = "True") -> Review:
    return Review(claim, verdict, "", reviewer, "2026-11-24T10:00:00+00:00", "sha256:0")


def write_file(root: Path, name: str, text: str) -> Path:
    path = root / "reviews" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_naming_another_reviewer_is_read_only_and_kept(tmp_path: Path) -> None:
    path = write_file(tmp_path, "ann.yaml", BOBS_FILE)
    store = ReviewStore(tmp_path, "Ann")
    reason = store.read_only_reason
    assert reason is not None
    assert "'bob'" in reason and "reviews/bob.yaml" in reason
    assert store.problems[0].line == 2  # the reviewer: line
    assert "c1" not in store.reviews  # Bob's verdicts are not shown as Ann's
    with pytest.raises(PermissionError):
        store.put(review("c2", "Ann"))
    assert path.read_text(encoding="utf-8") == BOBS_FILE


def test_the_same_slug_with_another_name_is_another_reviewer(tmp_path: Path) -> None:
    text = BOBS_FILE.replace("reviewer: bob", "reviewer: Jane-Doe")
    path = write_file(tmp_path, "jane-doe.yaml", text)
    store = ReviewStore(tmp_path, "Jane Doe")
    assert store.read_only_reason is not None
    assert "--reviewer 'Jane-Doe'" in store.read_only_reason
    with pytest.raises(PermissionError):
        store.put(review("c2", "Jane Doe"))
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize("opened_as", ["Jose", "JOSÉ", "josé", " José "])
def test_the_same_name_in_other_case_or_accents_keeps_the_files_spelling(
    tmp_path: Path, opened_as: str
) -> None:
    path = write_file(tmp_path, "jose.yaml", BOBS_FILE.replace("reviewer: bob", "reviewer: José"))
    store = ReviewStore(tmp_path, opened_as)
    assert store.read_only_reason is None
    assert store.reviewer == "José"
    store.put(review("c2", store.reviewer))
    written = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert written["reviewer"] == "José"
    assert [entry["claim"] for entry in written["reviews"]] == ["c1", "c2"]


def test_a_file_changed_on_disk_to_another_reviewer_is_not_written(tmp_path: Path) -> None:
    store = ReviewStore(tmp_path, "Ann")
    store.put(review("c1", "Ann"))
    path = tmp_path / "reviews" / "ann.yaml"
    path.write_text(BOBS_FILE, encoding="utf-8")  # e.g. a bad merge, a copied file
    with pytest.raises(PermissionError):
        store.put(review("c2", "Ann"))
    assert path.read_text(encoding="utf-8") == BOBS_FILE
    assert store.read_only_reason is not None and "'bob'" in store.read_only_reason


async def test_the_app_opens_another_reviewers_file_read_only(bundled_copy: Path) -> None:
    path = write_file(bundled_copy, "ann.yaml", BOBS_FILE)
    app = create_app(bundled_copy, "Ann")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await opened(pilot)
        assert "READ-ONLY" in header_text(screen)
        await pilot.pause()
        shown = "\n".join(str(toast.render()) for toast in app.screen.query("Toast"))
        assert "'bob'" in shown  # why, on screen
        await pilot.press("1", "j", "2")
        await pilot.pause()
    assert path.read_text(encoding="utf-8") == BOBS_FILE


# A name too long for a file name


def test_a_reviewer_name_too_long_for_a_file_is_refused_by_review(bundled_copy: Path) -> None:
    """A process with a deadline: without the refusal the app would start and wait for keys."""
    result = subprocess.run(
        [sys.executable, "-m", "factcheck", "review", "--reviewer", "a" * 300, bundled_copy],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == ExitCode.USAGE, result.stderr
    assert f"at most {MAX_REVIEWER_NAME} characters" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (bundled_copy / "reviews").exists()


def test_the_store_refuses_a_name_too_long_with_the_same_message(tmp_path: Path) -> None:
    problem = reviewer_name_problem("a" * 300)
    assert problem is not None
    with pytest.raises(ValueError, match=f"at most {MAX_REVIEWER_NAME} characters"):
        ReviewStore(tmp_path, "a" * 300)
    assert not (tmp_path / "reviews").exists()


def test_a_short_name_whose_file_name_would_be_too_long_is_refused() -> None:
    """NFKD spells some characters out: U+33AF (rad/s²) is 'rads2' in a file name, so 50 of
    them make a 250-letter file name from a 50-character name."""
    assert reviewer_name_problem("\u33af" * 50) is not None
    assert reviewer_name_problem("Zabihullah Mujahid") is None
    assert reviewer_name_problem("a" * MAX_REVIEWER_NAME) is None
