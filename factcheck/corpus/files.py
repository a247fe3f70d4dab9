"""Replacing a file whole: the one way factcheck writes a file that someone may be reading;
and reading a corpus file: only a regular file, and no larger than a limit.

A review file, an exported report and a cache are each written to a temporary file in the same
folder and renamed over the old one, so a reader (another reviewer's app, a browser, the next
run) sees the old file or the new one, never half of either.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import secrets
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

_NEW_FILE_MODE = 0o666
"""What a new file asks for; the umask takes away the rest, as for any file a program creates."""


def write_atomically(
    path: Path, content: str | bytes | Iterable[str], *, durable: bool = True
) -> None:
    """Replace `path` with `content` (text is written as UTF-8, line ends as they are): a text,
    bytes, or chunks of text written one by one as they come (a report made as it is written).

    The temporary file sits in `path`'s folder, since a rename is atomic only within one file
    system, and starts with a dot, so that no folder listing takes it for a corpus or review
    file. It is flushed and renamed; with `durable`, it is also fsynced before the rename and the
    folder after it, so the new file is on disk when this returns, power cut or not (a rating
    must be; a cache need not, and fsyncing 20 MB of it would cost the next start).

    The file keeps the permissions of the file it replaces, or gets those of any new file (the
    umask's), not a temporary file's private 0600: a report and a review file are meant to be
    shared. On any failure the temporary file is removed and the error raised; the old file is
    left as it was. The folder must exist.
    """
    chunks = [content] if isinstance(content, str | bytes) else content
    temporary, descriptor = _create_temporary(path)
    try:
        with open(descriptor, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temporary, os.stat(path).st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    if durable:
        _fsync_folder(path.parent)


def _create_temporary(path: Path) -> tuple[str, int]:
    """A new file beside `path`, created with O_EXCL so no two writers share one."""
    while True:
        temporary = os.path.join(path.parent, f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            return temporary, os.open(temporary, flags, _NEW_FILE_MODE)
        except FileExistsError:
            continue


def temporaries_of(path: Path) -> list[Path]:
    """The temporary files `write_atomically` made for `path` (named as `_create_temporary`
    names them: `.ana.yaml.1a2b3c4d.tmp`) that are still there: a write in progress, or one
    whose process was killed before the rename. Which of them is which, the caller knows (the
    review store: no save is in progress while it holds the file's lock)."""
    prefix, suffix = f".{path.name}.", ".tmp"
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return [
        path.parent / name
        for name in names
        if name.startswith(prefix)
        and name.endswith(suffix)
        and len(token := name[len(prefix) : -len(suffix)]) == 8
        and all(character in "0123456789abcdef" for character in token)
    ]


def _fsync_folder(folder: Path) -> None:
    """The rename is durable once the folder's entry is on disk too. Windows cannot open a
    folder as a file, and NTFS journals the rename itself."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class FileRefusedError(OSError):
    """A file factcheck will not read; `strerror` says why, in words for the person who named
    it. An OSError, so whatever reports an unreadable file reports this one too."""


class NotRegularFileError(FileRefusedError):
    """Not a regular file: a FIFO blocks its reader until someone writes to it (forever, as a
    source text), a device such as /dev/zero never ends, a folder or a socket has no text."""


class FileTooLargeError(FileRefusedError):
    """Larger than the limit for its kind of file: read whole, it could take the machine's
    memory (an 8 GB sparse file did) or minutes of parsing."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"is {megabytes(size)}, over the limit of {megabytes(limit)}")
        self.size = size
        self.limit = limit


def megabytes(size: int) -> str:
    """'8,589.9 MB', '50 MB', '2,048 bytes': a size as people read it (1 MB is 1,000,000
    bytes)."""
    if size < 100_000:
        return f"{size:,} bytes"
    return f"{size / 1e6:,.1f} MB".replace(".0 MB", " MB")


def _kind_of_file(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a regular file"


def check_regular_file(path: str | os.PathLike[str], limit: int) -> os.stat_result:
    """The file's status, when it is a regular file no larger than `limit` bytes; raises
    NotRegularFileError or FileTooLargeError otherwise, and OSError when it cannot be reached.
    For a cache that may answer without reading: the same refusals as `read_regular_file`."""
    return _checked(os.stat(path), limit)


def _checked(status: os.stat_result, limit: int) -> os.stat_result:
    if not stat.S_ISREG(status.st_mode):
        kind = _kind_of_file(status.st_mode)
        raise NotRegularFileError(
            errno.EINVAL, f"is {kind}, not a regular file; factcheck reads only regular files"
        )
    if status.st_size > limit:
        raise FileTooLargeError(status.st_size, limit)
    return status


_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO opens at once, with no writer, instead of blocking
    | getattr(os, "O_NOCTTY", 0)  # a terminal named by mistake does not become ours
    | getattr(os, "O_BINARY", 0)
)


def read_regular_file(path: str | os.PathLike[str], limit: int) -> tuple[os.stat_result, bytes]:
    """The status and bytes of the regular file at `path`: the one way factcheck reads a corpus
    file (a source text, a claims or evidence file, factcheck.yaml, a review file).

    Anything but a regular file raises NotRegularFileError without a byte read, and a file over
    `limit` bytes raises FileTooLargeError: the file is opened without blocking (a FIFO would
    block the open itself), checked with fstat on the open descriptor (what was checked is what
    is read, even if the path is swapped meanwhile), and read no further than `limit`, so a file
    that grows while it is read is refused too. Other failures raise OSError as `open` does."""
    descriptor = os.open(path, _READ_FLAGS)
    try:
        status = _checked(os.fstat(descriptor), limit)
        with open(descriptor, "rb", buffering=0, closefd=False) as handle:
            data = _read_to_end(handle, status.st_size, limit)
    finally:
        os.close(descriptor)
    if len(data) > limit:
        raise FileTooLargeError(len(data), limit)
    return status, data


def _read_to_end(handle: io.RawIOBase, size: int, limit: int) -> bytes:
    """Up to `limit + 1` bytes: the file's `size` in one read as a rule, then on to the end, for
    a file that grew since its size was taken (or whose size says nothing, as in /proc). Never
    one read of `limit` bytes: read(n) allocates n bytes first, and 20 MB per file cost 70 ms
    over a corpus's 2,020 files."""
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = handle.read(min(max(size + 1 - total, 1 << 16), limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def make_folder_whole(target: Path, fill: Callable[[Path], None]) -> bool:
    """Make the folder `target` by `fill`ing a new folder beside it and renaming that into
    place, so that no reader ever finds half of it (a command stopped half-way, or two started
    at once). False when another process made `target` meanwhile: its folder is kept, this one
    dropped. Anything `fill` raises is raised, with nothing left behind."""
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        fill(building)
        building.rename(target)
    except BaseException as error:
        shutil.rmtree(building, ignore_errors=True)
        if isinstance(error, OSError) and target.exists():
            return False  # another's, made first: the same content
        raise
    return True
