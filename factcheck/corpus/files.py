"""Replacing a file whole: the one way factcheck writes a file that someone may be reading.

A review file, an exported report and a cache are each written to a temporary file in the same
folder and renamed over the old one, so a reader (another reviewer's app, a browser, the next
run) sees the old file or the new one, never half of either.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

_NEW_FILE_MODE = 0o666
"""What a new file asks for; the umask takes away the rest, as for any file a program creates."""


def write_atomically(path: Path, content: str | bytes, *, durable: bool = True) -> None:
    """Replace `path` with `content` (text is written as UTF-8, line ends as they are).

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
    data = content.encode("utf-8") if isinstance(content, str) else content
    temporary, descriptor = _create_temporary(path)
    try:
        with open(descriptor, "wb") as handle:
            handle.write(data)
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
