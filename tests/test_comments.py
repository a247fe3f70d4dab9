"""Comments on claims (issue 14 part 7): one append-only file per author under comments/, written
under the author's lock, merged by git like the review files, shown under the claim in the app
and added there with C."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static, TextArea
from textual.widgets._footer import FooterKey

from factcheck.app import create_app
from factcheck.app.screens.comment import CommentEditor
from factcheck.app.screens.help import HelpScreen
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.widgets.comments_view import CommentsView
from factcheck.reviews.comments import CommentBoard, read_comment_file
from tests.test_app_review import opened
from tests.test_reviews_store import lock_held_by_another_process


def test_comments_are_appended_in_order_and_read_back_as_a_thread(bundled_copy: Path) -> None:
    ana = CommentBoard(bundled_copy, "Ana")
    bo = CommentBoard(bundled_copy, "Bo")
    ana.add("daesh-defeated", "Is the AFP toll the latest?  \n")
    bo.add("daesh-defeated", "Yes: 19 killed, updated the next day.")
    ana.add("complete-security", "Another claim.")
    text = (bundled_copy / "comments" / "ana.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Comments written by factcheck")
    assert "author: Ana\ncomments:\n- claim: daesh-defeated\n" in text
    assert text.index("daesh-defeated") < text.index("complete-security")  # append order

    thread = CommentBoard(bundled_copy, "Editor").thread("daesh-defeated")
    assert [(c.author, c.text) for c in thread] == [
        ("Ana", "Is the AFP toll the latest?"),
        ("Bo", "Yes: 19 killed, updated the next day."),
    ]
    assert all(c.time.endswith("+00:00") for c in thread)


def test_another_windows_comment_is_kept_and_a_file_that_cannot_be_read_is_not_written(
    bundled_copy: Path,
) -> None:
    first = CommentBoard(bundled_copy, "Ana")
    second = CommentBoard(bundled_copy, "Ana")  # the same author in a second window
    first.add("daesh-defeated", "from the first window")
    second.add("daesh-defeated", "from the second window")
    texts = [c.text for c in read_comment_file(bundled_copy, "comments/ana.yaml").comments]
    assert texts == ["from the first window", "from the second window"]

    path = bundled_copy / "comments" / "ana.yaml"
    broken = path.read_text(encoding="utf-8") + "  - what: [\n"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(PermissionError, match="cannot be read, so it is not written over"):
        first.add("daesh-defeated", "lost?")
    assert path.read_text(encoding="utf-8") == broken
    [unreadable] = first.unreadable
    assert unreadable.problems[0].line is not None


def test_empty_or_too_long_comments_are_refused(bundled_copy: Path) -> None:
    board = CommentBoard(bundled_copy, "Ana")
    with pytest.raises(ValueError, match="empty"):
        board.add("daesh-defeated", "  \n ")
    with pytest.raises(ValueError, match="at most 2,000"):
        board.add("daesh-defeated", "x" * 2001)
    assert not (bundled_copy / "comments").exists()


def test_a_file_under_another_authors_name_is_not_taken_for_theirs(bundled_copy: Path) -> None:
    (bundled_copy / "comments").mkdir()
    (bundled_copy / "comments" / "ana.yaml").write_text(
        "author: Bo\ncomments:\n- claim: x\n  time: '2026-01-01T00:00:00+00:00'\n  text: hi\n",
        encoding="utf-8",
    )
    found = read_comment_file(bundled_copy, "comments/ana.yaml")
    assert found.unreadable is not None and "belong in comments/bo.yaml" in found.unreadable


def test_a_held_lock_writes_nothing(bundled_copy: Path) -> None:
    board = CommentBoard(bundled_copy, "Ana")
    board.add("daesh-defeated", "first")
    lock = bundled_copy / "comments" / ".ana.lock"
    with lock_held_by_another_process(lock), pytest.raises(OSError, match="has not finished"):
        board.add("daesh-defeated", "second")
    assert [c.text for c in board.thread("daesh-defeated")] == ["first"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_two_authors_on_two_branches_merge_without_conflict(bundled_copy: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
            cwd=bundled_copy,
            check=True,
            capture_output=True,
        )

    (bundled_copy / ".gitignore").write_text("/reviews/.*.lock\n/comments/.*.lock\n")
    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "corpus")
    for author in ("Ana", "Bo"):
        git("checkout", "-q", "-b", author.lower(), "main")
        CommentBoard(bundled_copy, author).add("daesh-defeated", f"{author} says so")
        git("add", "comments")
        git("commit", "-q", "-m", f"{author}'s comment")
    git("merge", "-q", "--no-edit", "ana")  # raises on a conflict
    thread = CommentBoard(bundled_copy, "Editor").thread("daesh-defeated")
    assert sorted(c.author for c in thread) == ["Ana", "Bo"]


def comments_text(screen: ReviewScreen) -> str:
    return str(screen.query_one(CommentsView).render())


async def test_c_adds_a_comment_shown_under_the_claim_and_on_disk(bundled_copy: Path) -> None:
    CommentBoard(bundled_copy, "Bo").add("daesh-defeated", "[red]Check[/] the \x1b[2J toll")
    app = create_app(bundled_copy, "Ana")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        assert screen.claim_list.selected.id == "daesh-defeated"
        shown = comments_text(screen)
        assert "Comments (1)" in shown
        assert "[red]Check[/] the" in shown  # markup shown as text
        assert "\x1b" not in shown

        await pilot.press("C")
        assert isinstance(app.screen, CommentEditor)
        footer = {key.key_display: key.description for key in app.screen.query(FooterKey)}
        assert footer == {"^s": "Add comment", "esc": "Close"}  # it said "Save note"
        await pilot.press(*"Agreed", "ctrl+s")
        assert isinstance(app.screen, ReviewScreen)
        assert "Comments (2)" in comments_text(screen)
        assert "Ana" in comments_text(screen) and "Agreed" in comments_text(screen)
        [mine] = read_comment_file(bundled_copy, "comments/ana.yaml").comments
        assert (mine.claim_id, mine.text) == ("daesh-defeated", "Agreed")

        # Escape on a written comment asks; 'd' discards it, and nothing is written.
        await pilot.press("C", *"never mind", "escape")
        await pilot.press("d")
        assert isinstance(app.screen, ReviewScreen)
        assert len(read_comment_file(bundled_copy, "comments/ana.yaml").comments) == 1

        # An empty comment is refused and the editor stays open.
        await pilot.press("C", "ctrl+s")
        assert isinstance(app.screen, CommentEditor)
        assert app.screen.query_one(TextArea).text == ""
        await pilot.press("escape")

        await pilot.press("j")  # another claim: no thread, nothing shown
        assert not screen.query_one(CommentsView).display

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        for static in app.screen.query(Static):
            console.print(static.content)
        assert "C comment on the selected claim" in " ".join(console.export_text().split())


def test_the_comment_key_is_free() -> None:
    keys = [
        key.strip()
        for binding in ReviewScreen.BINDINGS
        if not isinstance(binding, tuple)
        for key in binding.key.split(",")
    ]
    assert keys.count("C") == 1
