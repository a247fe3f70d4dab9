"""Review files: `reviews/<reviewer>.yaml`, one per reviewer, so git merges never conflict.

A rating must be on disk before the key press that made it is over, and at 10,000 reviews dumping
the whole file (2 MB) takes 0.6 s with the C dumper, and one review 0.1 ms. So the store keeps each
review's YAML text and writes the file by joining them: only the changed review is serialised.
Every write is atomic (temporary file in the same folder, flush, fsync, rename) and made under a
lock file beside it (`reviews/.<reviewer>.lock`, taken with a deadline); if another process changed
the file since we read it, its reviews are merged in first (per claim, the later change wins), so
two apps on the same reviewer's file do not lose each other's ratings.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factcheck.corpus import yamlio
from factcheck.corpus.diagnostics import ProblemCollector, report_validation_error
from factcheck.corpus.files import (
    FileRefusedError,
    read_regular_file,
    temporaries_of,
    write_atomically,
)
from factcheck.corpus.limits import DEFAULT_LIMITS
from factcheck.corpus.problems import Problem, Severity
from factcheck.reviews.model import Correction, Review, SentBack, reviewer_file_name

REVIEWS_FOLDER = "reviews"
_ENTRY_START = "- claim: "

LOCK_DEADLINE_SECONDS = 2.0
"""How long a write waits for another process to finish its own. The app writes inside the key
handler, so this is how long a key press can freeze the screen. A healthy writer holds the lock for
about 10 ms, and 0.4-0.7 s when it first merges another process's write into a file of 10,000
reviews (measured on 2 cores); 2 s leaves room for that on a busy machine and still gives the
key press back before the user thinks the app hung."""


REVIEW_FILE_LIMIT = DEFAULT_LIMITS.yaml_file_bytes
"""The largest review file read (20 MB: some 100,000 reviews); read before any settings, so
factcheck.yaml's limits do not apply to it."""


DiskState = tuple[int, int, int] | None
"""(inode, size, mtime in ns) of the review file, None while it does not exist: what the store
last wrote or read. A rename gives a new inode, so a rewrite within one mtime tick still shows."""


MAX_REVIEWER_NAME = 100
"""The longest reviewer name, in characters: the name makes the review file's name, and a file
name longer than the file system's 255 bytes cannot be created (a 300-character name failed on
start with 'File name too long')."""

_MAX_FILE_NAME = 200
"""The longest review file name: 255 bytes less the temporary file's and the lock's additions,
for names that NFKD spells out longer than they are typed."""


def reviewer_name_problem(reviewer: str) -> str | None:
    """Why `reviewer` cannot name a review file, or None when it can."""
    if len(reviewer) > MAX_REVIEWER_NAME or len(reviewer_file_name(reviewer)) > _MAX_FILE_NAME:
        return (
            f"the reviewer's name is too long ({len(reviewer)} characters): it names the review "
            f"file, so it may be at most {MAX_REVIEWER_NAME} characters"
        )
    return None


def _folded(name: str) -> str:
    """`name` without case, accents or runs of blanks: how two spellings of one name compare."""
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(letters.casefold().split())


def _owner_problem(written: str, opened_as: str, relative: str) -> str | None:
    """Why a review file whose `reviewer:` line says `written` is not `opened_as`'s to write, or
    None when it is: the file name made from `written` must be this file's, and the two names
    equal but for case, accents and blanks ('José' opened as 'Jose'). Anything else is taken
    for another person, whose ratings a save would put under `opened_as`'s name."""
    own_name = reviewer_file_name(written)
    if own_name != Path(relative).name:
        return (
            f"its reviewer: line says {written!r}, whose reviews belong in "
            f"{REVIEWS_FOLDER}/{own_name}, not in {relative}: move the file there, or correct "
            "the line if it is wrong"
        )
    if _folded(written) != _folded(opened_as):
        return (
            f"it holds the reviews of {written!r}, not of {opened_as!r}: open it as "
            f"--reviewer {written!r}, or correct its reviewer: line if it is wrong"
        )
    return None


class ReviewsBusyError(TimeoutError):
    """Another process held the review file's lock past `LOCK_DEADLINE_SECONDS`, so nothing was
    written. An OSError (TimeoutError is one), so what reports a failed write reports this too."""


class OwnFileLock:
    """The lock under which one person's file (their reviews, their comments) is written:
    `.<name>.lock` beside it, not the file itself, which each write replaces. Its name starts
    with a dot so that nothing that lists review or comment files takes it for one, and it does
    not end in .yaml."""

    def __init__(self, root: Path, path: Path) -> None:
        # Imported here: only a writer needs it, and `check`, `export` and `stats`, which only
        # read reviews, would pay 13 ms or more to import it.
        import filelock

        self.root = root
        self.relative = path.relative_to(root).as_posix()
        self.path = path.with_name(f".{path.stem}.lock")
        self.lock: filelock.BaseFileLock = filelock.FileLock(self.path)

    @contextmanager
    def held(self) -> Iterator[None]:
        """Held for the block; `ReviewsBusyError` past `LOCK_DEADLINE_SECONDS`."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            held = self.lock.acquire(timeout=LOCK_DEADLINE_SECONDS)
        except TimeoutError:  # filelock.Timeout is one
            lock = self.path.relative_to(self.root).as_posix()
            raise ReviewsBusyError(
                f"another factcheck process is saving to {self.relative} and has not finished "
                f"after {LOCK_DEADLINE_SECONDS:g} s. Try again; if this keeps happening, find "
                f"that process (it holds {lock}) and close it."
            ) from None
        with held:
            yield


def _text_time(time: str | datetime) -> str:
    # A hand-written time without quotes reads as a datetime.
    return time.isoformat() if isinstance(time, datetime) else time


class _SentBackEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built when a file is read
    comment: str
    time: str | datetime


class _CorrectionEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built when a file is read
    time: str | datetime
    old: str | None = None
    new: str | None = None
    note: str


class _ReviewEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built when a file is read
    claim: str
    verdict: str | None = None
    note: str = ""
    time: str | datetime
    fingerprint: str = ""
    cites: list[str] = Field(default_factory=list)
    seconds: int = Field(default=0, ge=0)
    rated: str | datetime = ""
    # The workflow's (see Review); absent from files written before it.
    set_aside: str = ""
    sent_back: _SentBackEntry | None = None
    published: str | datetime = ""
    corrections: list[_CorrectionEntry] = Field(default_factory=list)

    def review(self, reviewer: str) -> Review:
        sent_back = self.sent_back
        return Review(
            self.claim,
            self.verdict,
            self.note,
            reviewer,
            _text_time(self.time),
            self.fingerprint,
            cites=tuple(dict.fromkeys(self.cites)),  # a quote cited twice by hand counts once
            seconds=self.seconds,
            rated=_text_time(self.rated),
            set_aside=self.set_aside,
            sent_back=SentBack(sent_back.comment, _text_time(sent_back.time))
            if sent_back
            else None,
            published=_text_time(self.published),
            corrections=tuple(
                Correction(_text_time(c.time), c.old, c.new, c.note) for c in self.corrections
            ),
        )


class _ReviewsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)  # built when a file is read
    reviewer: str = Field(min_length=1)
    reviews: list[_ReviewEntry] = Field(default_factory=list)


@dataclass(slots=True)
class ReviewFile:
    """What one review file holds, or why it cannot be used."""

    relative: str
    reviewer: str
    reviews: dict[str, Review] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unreadable: str | None = None
    """Why the file cannot be read; such a file is never written over."""
    chunks: dict[str, str] | None = None
    """Each review's YAML text as found in the file, when the file is in our own layout."""


@dataclass(frozen=True, slots=True)
class OwnFileChange:
    """The reviewer's own file as another process (a second window, a `git pull`) left it,
    read off the UI thread by `ReviewStore.read_changes_on_disk`."""

    file: ReviewFile
    state: DiskState
    """The file's state just before it was read: a later change differs from it and is read
    again on the next poll."""
    based_on: DiskState
    """The store's own state when the poll began: if the store has written since, that write
    already merged the disk in, and this (older) reading is dropped."""


def dump_review(review: Review) -> str:
    return yamlio.dump([review.to_dict()])


def _header(reviewer: str) -> str:
    body = yamlio.dump({"reviewer": reviewer})
    return (
        "# Reviews written by factcheck: one entry per claim, sorted by claim id.\n"
        f"{body}reviews:\n"
    )


def read_review_file(
    root: Path,
    relative: str,
    reviewer: str | None = None,
    cache: yamlio.ParseCache | None = None,
) -> ReviewFile:
    """Read one review file. `reviewer` names who opens it to write: the owner when the file
    does not exist yet; a file that names another reviewer is then unreadable (never written)."""
    with yamlio.garbage_collector_paused():
        return _read_review_file(root, relative, reviewer, cache)


def _read_review_file(
    root: Path, relative: str, reviewer: str | None, cache: yamlio.ParseCache | None
) -> ReviewFile:
    path = root / relative
    fallback_name = reviewer or Path(relative).stem
    result = ReviewFile(relative, fallback_name)
    collector = ProblemCollector(root)

    def unusable(line: int, column: int, message: str, code: str) -> ReviewFile:
        result.unreadable = message
        result.problems.append(Problem(relative, line, column, Severity.ERROR, message, code))
        return result

    try:
        stat, raw = read_regular_file(path, REVIEW_FILE_LIMIT)
    except FileNotFoundError:
        result.chunks = {}
        return result
    except FileRefusedError as error:  # a FIFO would block every command that reads reviews
        return unusable(1, 1, f"{error.strerror}; fix or move the file", "unreadable")
    except OSError as error:
        return unusable(1, 1, f"cannot be read: {error.strerror}", "unreadable")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return unusable(1, 1, f"not UTF-8 (byte {error.start}); fix or move the file", "encoding")
    hit = cache.get(relative, stat) if cache is not None else None
    if hit is not None:
        data = hit.data
    else:
        try:
            data = yamlio.parse(text, limit=REVIEW_FILE_LIMIT)
        except yamlio.YamlSyntaxError as error:
            return unusable(error.line, error.column, error.message, error.code)
        if cache is not None:
            cache.put(relative, stat, data)
    try:
        parsed = _ReviewsFile.model_validate(data)
    except ValidationError as error:
        report_validation_error(collector, relative, (), _ReviewsFile, error)
        result.problems = collector.problems()
        result.unreadable = result.problems[0].message if result.problems else str(error)
        return result
    if reviewer is not None and (not_theirs := _owner_problem(parsed.reviewer, reviewer, relative)):
        return unusable(*yamlio.locate(text, ("reviewer",)), not_theirs, "reviewer")
    result.reviewer = parsed.reviewer
    for entry in parsed.reviews:
        result.reviews[entry.claim] = entry.review(parsed.reviewer)
    result.chunks = _split_chunks(text, [entry.claim for entry in parsed.reviews])
    return result


def _split_chunks(text: str, claim_ids: list[str]) -> dict[str, str] | None:
    """Each entry's text, when the file is laid out as we write it; None when it is not (hand
    edited), in which case entries are dumped afresh on the next write."""
    _header_text, separator, body = text.partition("\nreviews:\n")
    if not separator:
        return None if claim_ids else {}
    pieces: list[str] = []
    for line in body.splitlines(keepends=True):
        if line.startswith(_ENTRY_START):
            pieces.append(line)
        elif pieces:
            pieces[-1] += line
        elif line.strip():
            return None
    if len(pieces) != len(claim_ids) or len(set(claim_ids)) != len(claim_ids):
        return None
    return dict(zip(claim_ids, pieces, strict=True))


class ReviewStore:
    """One reviewer's review file, open for writing."""

    def __init__(self, root: Path, reviewer: str) -> None:
        """Raises ValueError for a name that cannot name a file (`reviewer_name_problem`)."""
        if problem := reviewer_name_problem(reviewer):
            raise ValueError(problem)
        self.root = root
        self.reviewer = reviewer
        """The name written in the file: the file's own spelling once it is read."""
        self.relative = f"{REVIEWS_FOLDER}/{reviewer_file_name(reviewer)}"
        self.path = root / self.relative
        self._own_lock = OwnFileLock(root, self.path)
        self.lock_path = self._own_lock.path
        self._lock = self._own_lock.lock
        self._changed: dict[str, Review | None] = {}
        """What this process changed, kept to merge over another process's writes."""
        self._file = read_review_file(root, self.relative, reviewer)
        if self._file.unreadable is None:
            # 'José' opened as 'Jose' stays José's: a save must not rename the file's owner.
            self.reviewer = self._file.reviewer
        self._disk_state: DiskState = self._stat()
        self._outside: set[str] = set()
        """Claims whose review another process changed, taken in since last asked (see
        `take_outside_changes`)."""
        self._remove_stale_temporaries()

    @property
    def reviews(self) -> dict[str, Review]:
        return self._file.reviews

    @property
    def read_only_reason(self) -> str | None:
        return self._file.unreadable

    @property
    def problems(self) -> list[Problem]:
        return self._file.problems

    def get(self, claim_id: str) -> Review | None:
        return self._file.reviews.get(claim_id)

    def put(self, review: Review) -> None:
        """Record a review and have it on disk when this returns."""
        self._change({review.claim_id: review})

    def put_many(self, reviews: list[Review]) -> None:
        """Record several reviews in one write (the time spent on the claims seen, at exit)."""
        if reviews:
            self._change({review.claim_id: review for review in reviews})

    def delete(self, claim_id: str) -> None:
        self._change({claim_id: None})

    def _change(self, changes: dict[str, Review | None]) -> None:
        if self._file.unreadable is not None:
            raise PermissionError(
                f"{self.relative} cannot be read, so it is not written over: "
                f"{self._file.unreadable}"
            )
        with self._locked():
            restorers = [self._restorer(claim_id) for claim_id in changes]

            def restore() -> None:
                for restorer in reversed(restorers):
                    restorer()

            # Only once the lock is had: a change that was never written must not be merged into
            # a later write.
            self._changed.update(changes)
            text = None
            try:
                if self._stat() != self._disk_state:
                    self._merge_from_disk()  # applies these changes too, unless theirs are later
                else:
                    for claim_id, review in changes.items():
                        self._apply(claim_id, review)
                text = self._text()
                self._write(text)
            except BaseException as error:
                if text is None or not self._file_holds(text):
                    # Not on disk, so not in memory either: the header counted a rating that a
                    # full disk refused, and the next save wrote it after all.
                    restore()
                    raise
                # Failed after the rename (fsyncing the folder): every reader sees the change
                # already, so memory keeps it too; only its durability is in doubt.
                self._disk_state = self._stat()
                if not isinstance(error, OSError):
                    raise
                message = (
                    f"{self.relative} was written, but the disk did not confirm it "
                    f"({error.strerror or error}): it may be lost if the machine stops now"
                )
                in_doubt = OSError(error.errno, message) if error.errno else OSError(message)
                raise in_doubt from error
            self._disk_state = self._stat()

    def _file_holds(self, text: str) -> bool:
        try:
            return self.path.read_bytes() == text.encode("utf-8")
        except OSError:
            return False

    def _restorer(self, claim_id: str) -> Callable[[], None]:
        """Puts back what a change of `claim_id` alters in memory, should its write fail. A
        merge replaces `_file` whole and leaves the old one as it was; without one, only the
        claim's entry changes in place."""
        file, outside = self._file, set(self._outside)
        had_change, change = claim_id in self._changed, self._changed.get(claim_id)
        review = file.reviews.get(claim_id)
        chunk = file.chunks.get(claim_id) if file.chunks is not None else None

        def restore() -> None:
            self._file, self._outside = file, outside
            if had_change:
                self._changed[claim_id] = change
            else:
                self._changed.pop(claim_id, None)
            if review is None:
                file.reviews.pop(claim_id, None)
            else:
                file.reviews[claim_id] = review
            if file.chunks is not None:
                if review is None:
                    file.chunks.pop(claim_id, None)
                else:
                    file.chunks[claim_id] = chunk if chunk is not None else dump_review(review)

        return restore

    def _remove_stale_temporaries(self) -> None:
        """A save killed between writing its temporary file and renaming it left the temporary
        beside the review file. Every save of this file is made under its lock, so while this
        store holds the lock no save is in progress, and any temporary of this file is stale.
        Only this file's (`files.temporaries_of`), and only when the lock is free at once: a save
        in progress, or a folder this process cannot write, leaves them for a later open."""
        if not temporaries_of(self.path):
            return  # the usual case: no lock taken, no lock file made
        try:
            with self._lock.acquire(timeout=0):
                for stale in temporaries_of(self.path):
                    stale.unlink(missing_ok=True)
        except OSError:  # filelock.Timeout is a TimeoutError
            return

    # Another process's writes to this same file

    def read_changes_on_disk(self) -> OwnFileChange | None:
        """The file read afresh if it changed since this store last wrote or read it; None if
        not. Reads nothing that the UI thread changes but `_disk_state`, one attribute, so it may
        run in a thread; `take_changes_from_disk` applies the result on the UI thread."""
        # The store's state before the file's: read the other way round, a write of our own
        # landing in between would pass for someone else's.
        based_on = self._disk_state
        state = self._stat()
        if state == based_on:
            return None
        return OwnFileChange(
            read_review_file(self.root, self.relative, self.reviewer), state, based_on
        )

    def take_changes_from_disk(self, change: OwnFileChange) -> None:
        """Adopt the file as another process left it (the claims whose review changed are then
        in `take_outside_changes`). A file that cannot be read now makes the store read-only
        until it can: it is never written over."""
        if self._disk_state != change.based_on:
            return  # written since: that write merged the disk, and knows more than `change`
        if change.file.unreadable is not None:
            self._file.unreadable = change.file.unreadable
            self._file.problems = change.file.problems
        else:
            self._note_outside(change.file)
            self._file = change.file
            # What this process changed is in the file now, or lost to a later change there:
            # merging it over the next write would undo the other process's newer work.
            self._changed.clear()
        self._disk_state = change.state

    def take_outside_changes(self) -> set[str]:
        """The claims whose review another process changed, taken in by a write's merge or by
        `take_changes_from_disk` since the last call; the app redraws them."""
        taken, self._outside = self._outside, set()
        return taken

    def _note_outside(self, on_disk: ReviewFile) -> None:
        mine, theirs = self._file.reviews, on_disk.reviews
        self._outside.update(
            claim_id
            for claim_id in mine.keys() | theirs.keys()
            if mine.get(claim_id) != theirs.get(claim_id)
        )

    def _apply(self, claim_id: str, review: Review | None) -> None:
        chunks = self._chunks()
        if review is None:
            self._file.reviews.pop(claim_id, None)
            chunks.pop(claim_id, None)
        else:
            self._file.reviews[claim_id] = review
            chunks[claim_id] = dump_review(review)

    def _chunks(self) -> dict[str, str]:
        if self._file.chunks is None:
            self._file.chunks = {cid: dump_review(r) for cid, r in self._file.reviews.items()}
        return self._file.chunks

    def _merge_from_disk(self) -> None:
        on_disk = read_review_file(self.root, self.relative, self.reviewer)
        if on_disk.unreadable is not None:
            # Someone broke the file while we had it open: keep it for them to fix.
            self._file.unreadable = on_disk.unreadable
            self._file.problems = on_disk.problems
            raise PermissionError(f"{self.relative} changed on disk and cannot be read now")
        self._note_outside(on_disk)
        self._file = on_disk
        for claim_id, mine in self._changed.items():
            theirs = on_disk.reviews.get(claim_id)
            if theirs is not None and mine is not None and theirs.time > mine.time:
                continue
            self._apply(claim_id, mine)

    def _text(self) -> str:
        chunks = self._chunks()
        return _header(self.reviewer) + "".join(chunks[cid] for cid in sorted(chunks))

    def _write(self, text: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, text)  # fsynced, and the folder too: on disk when put returns

    def _stat(self) -> tuple[int, int, int] | None:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_size, stat.st_mtime_ns)

    def _locked(self) -> AbstractContextManager[None]:
        return self._own_lock.held()


def review_files(root: Path) -> list[str]:
    folder = root / REVIEWS_FOLDER
    if not folder.is_dir():
        return []
    return sorted(
        p.relative_to(root).as_posix()
        for p in folder.iterdir()
        if p.suffix in {".yaml", ".yml"} and not p.name.startswith(".")
    )


def load_all_reviews(root: Path, *, cache_dir: Path | None) -> list[ReviewFile]:
    """Every reviewer's file in the corpus, readable or not (see `unreadable`).

    Parsed files are cached by (size, mtime) like the corpus's: 10,000 reviews take 0.3-0.6 s
    to parse, since PyYAML builds its objects in Python even with libyaml."""
    cache = yamlio.ParseCache(root, cache_dir, kind="reviews")
    try:
        relatives = review_files(root)
    except OSError as error:  # the folder cannot be listed: said, as for a file, not a traceback
        message = f"cannot be read: {error.strerror}; the review files in it are left out"
        folder = f"{REVIEWS_FOLDER}/"
        problem = Problem(folder, None, None, Severity.ERROR, message, "unreadable")
        return [ReviewFile(folder, "", problems=[problem], unreadable=message)]
    files = [read_review_file(root, relative, cache=cache) for relative in relatives]
    cache.keep_only(set(relatives))
    cache.save()
    return files
