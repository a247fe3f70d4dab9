"""Comments: a short thread on each claim between its reviewers and the editor.

One file per author, `comments/<author>.yaml`, like the review files, so git merges them without
conflicts: each holds its author's comments in the order written, and a comment, once written,
is never changed (append-only). A thread is every file's comments on one claim, oldest first.
Each write is made under the author's lock (`OwnFileLock`) and is atomic (`write_atomically`);
another process's comments written since (a second window) are read first and kept.

Comments are the reviewers' talk, not the published rationale: no report carries them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factcheck.corpus import yamlio
from factcheck.corpus.diagnostics import ProblemCollector, report_validation_error
from factcheck.corpus.files import FileRefusedError, read_regular_file, write_atomically
from factcheck.corpus.problems import Problem, Severity
from factcheck.reviews.model import now, reviewer_file_name
from factcheck.reviews.store import REVIEW_FILE_LIMIT, OwnFileLock

COMMENTS_FOLDER = "comments"

MAX_COMMENT_CHARACTERS = 2000
"""A comment is a short message; a longer text belongs in the note."""


@dataclass(frozen=True, slots=True)
class Comment:
    claim_id: str
    author: str
    time: str
    """When it was written, ISO 8601 in UTC."""
    text: str


class _CommentEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    claim: str
    time: str | datetime
    text: str = Field(min_length=1)


class _CommentsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    author: str = Field(min_length=1)
    comments: list[_CommentEntry] = Field(default_factory=list)


@dataclass(slots=True)
class CommentFile:
    """One author's comments, or why the file cannot be read (then it is never written)."""

    relative: str
    author: str
    comments: list[Comment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unreadable: str | None = None
    state: tuple[int, int, int] | None = None
    """(inode, size, mtime in ns) when read; None: no file."""


def _state(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


def read_comment_file(root: Path, relative: str, author: str | None = None) -> CommentFile:
    """Read one author's file; `author` names who opens it to write, the owner when it does
    not exist yet."""
    path = root / relative
    result = CommentFile(relative, author or Path(relative).stem)

    def unusable(line: int | None, column: int | None, message: str, code: str) -> CommentFile:
        result.unreadable = message
        result.problems.append(Problem(relative, line, column, Severity.ERROR, message, code))
        return result

    result.state = _state(path)
    try:
        _stat, raw = read_regular_file(path, REVIEW_FILE_LIMIT)
    except FileNotFoundError:
        result.state = None
        return result
    except FileRefusedError as error:
        return unusable(1, 1, f"{error.strerror}; fix or move the file", "unreadable")
    except OSError as error:
        return unusable(1, 1, f"cannot be read: {error.strerror}", "unreadable")
    try:
        text = raw.decode("utf-8")
        data = yamlio.parse(text, limit=REVIEW_FILE_LIMIT)
    except UnicodeDecodeError as error:
        return unusable(1, 1, f"not UTF-8 (byte {error.start}); fix or move the file", "encoding")
    except yamlio.YamlSyntaxError as error:
        return unusable(error.line, error.column, error.message, error.code)
    try:
        parsed = _CommentsFile.model_validate(data)
    except ValidationError as error:
        collector = ProblemCollector(root)
        report_validation_error(collector, relative, (), _CommentsFile, error)
        result.problems = collector.problems()
        result.unreadable = result.problems[0].message if result.problems else str(error)
        return result
    if reviewer_file_name(parsed.author) != Path(relative).name:
        where = f"{COMMENTS_FOLDER}/{reviewer_file_name(parsed.author)}"
        return unusable(
            *yamlio.locate(text, ("author",)),
            f"its author: line says {parsed.author!r}, whose comments belong in {where}, not "
            f"in {relative}: move the file there, or correct the line if it is wrong",
            "author",
        )
    result.author = parsed.author
    result.comments = [
        Comment(
            entry.claim,
            parsed.author,
            entry.time.isoformat() if isinstance(entry.time, datetime) else entry.time,
            entry.text,
        )
        for entry in parsed.comments
    ]
    return result


def comment_files(root: Path) -> list[str]:
    folder = root / COMMENTS_FOLDER
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return sorted(
        f"{COMMENTS_FOLDER}/{name}"
        for name in names
        if name.endswith((".yaml", ".yml")) and not name.startswith(".")
    )


def _text_of(author: str, comments: list[Comment]) -> str:
    body = yamlio.dump(
        {
            "author": author,
            "comments": [{"claim": c.claim_id, "time": c.time, "text": c.text} for c in comments],
        }
    )
    return "# Comments written by factcheck: one entry per comment, oldest first.\n" + body


def comment_problem(text: str) -> str | None:
    """Why `text` cannot be a comment, or None when it can."""
    if not text.strip():
        return "the comment is empty"
    if len(text) > MAX_COMMENT_CHARACTERS:
        return (
            f"the comment is {len(text):,} characters long; a comment holds at most "
            f"{MAX_COMMENT_CHARACTERS:,} (a longer text belongs in the note)"
        )
    return None


class CommentBoard:
    """Every author's comments in a corpus, and the author's own file to add to. Files are read
    again when they changed on disk (a `git pull`, another window), when a thread is asked for."""

    def __init__(self, root: Path, author: str) -> None:
        self.root = root
        self.author = author
        self.own = f"{COMMENTS_FOLDER}/{reviewer_file_name(author)}"
        self._lock = OwnFileLock(root, root / self.own)
        self.files: dict[str, CommentFile] = {}
        self.refresh()

    def refresh(self) -> None:
        """Read the files that changed, came or went since last read (a stat of each)."""
        relatives = comment_files(self.root)
        if self.own not in relatives:
            relatives.append(self.own)
        fresh: dict[str, CommentFile] = {}
        for relative in relatives:
            known = self.files.get(relative)
            if known is not None and known.state == _state(self.root / relative):
                fresh[relative] = known
            else:
                owner = self.author if relative == self.own else None
                fresh[relative] = read_comment_file(self.root, relative, owner)
        self.files = fresh

    @property
    def unreadable(self) -> list[CommentFile]:
        return [f for f in self.files.values() if f.unreadable is not None]

    def thread(self, claim_id: str) -> list[Comment]:
        """The comments on `claim_id`, oldest first."""
        self.refresh()
        found = [
            comment
            for comment_file in self.files.values()
            for comment in comment_file.comments
            if comment.claim_id == claim_id
        ]
        return sorted(found, key=lambda c: (c.time, c.author.casefold()))

    def add(self, claim_id: str, text: str) -> Comment:
        """Write a comment by the author; on disk when this returns. ValueError for a text that
        cannot be a comment, PermissionError when the author's file cannot be read (it is kept
        as it is), `ReviewsBusyError` or another OSError when it cannot be written."""
        text = text.strip()
        if problem := comment_problem(text):
            raise ValueError(problem)
        comment = Comment(claim_id, self.author, now(), text)
        path = self.root / self.own
        with self._lock.held():
            # Read under the lock: what another window wrote since is kept, before this one.
            on_disk = read_comment_file(self.root, self.own, self.author)
            if on_disk.unreadable is not None:
                self.files[self.own] = on_disk
                raise PermissionError(
                    f"{self.own} cannot be read, so it is not written over: {on_disk.unreadable}"
                )
            comments = [*on_disk.comments, comment]
            write_atomically(path, _text_of(on_disk.author, comments))
        self.files[self.own] = CommentFile(self.own, on_disk.author, comments, state=_state(path))
        return comment
