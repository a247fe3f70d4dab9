"""Which corpus a command works on when none is named, and where the user's own copy of the
bundled corpus lives.

The corpus shipped inside an installed package (`site-packages/factcheck/_bundled/`) is never
opened in place: the review app writes `reviews/` into the corpus it opens, and a reinstall or an
upgrade deletes everything under site-packages, ratings included (and a system-wide install is
not the user's to write to). On first use it is copied into the user's data folder, and from then
on that copy is the bundled corpus for every command (`review`, `check`, `export` with no PATH):
a normal corpus, whose ratings sit in its `reviews/` like any other's. An editable install's
bundled corpus is the repository itself, a checkout its developer owns: it is used in place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from factcheck.corpus.loader import is_corpus

_PACKAGE = Path(__file__).resolve().parent.parent
"""The installed `factcheck` package folder."""

DATA_DIR_VARIABLE = "FACTCHECK_DATA_DIR"
"""Overrides the user data folder (tests and CI point it at a temporary folder)."""
BUNDLED_COPY_NAME = "bundled-corpus"
"""The folder in the user data folder that holds the copy of the packaged corpus."""

Announce = Callable[[str], None]
"""Told, in a sentence, when the bundled corpus was copied: the command says it on stderr."""


def user_data_dir() -> Path:
    """Where factcheck keeps the user's own files: $FACTCHECK_DATA_DIR, else the platform's
    user data folder (~/.local/share/factcheck on Linux)."""
    if configured := os.environ.get(DATA_DIR_VARIABLE):
        return Path(configured)
    import platformdirs  # only commands that fall back on the bundled corpus need it

    return Path(platformdirs.user_data_dir("factcheck", appauthor=False))


def packaged_corpus() -> Path | None:
    """The corpus inside an installed (non-editable) package, which is never written to."""
    candidate = _PACKAGE / "_bundled"
    return candidate if is_corpus(candidate) else None


def bundled_corpus(announce: Announce | None = None) -> Path | None:
    """The corpus shipped with factcheck, as commands open it: the user's copy of the one in an
    installed package (made on first use, `announce` told so), or the repository of an editable
    install."""
    packaged = packaged_corpus()
    if packaged is not None:
        return _user_copy(packaged, announce)
    repository = _PACKAGE.parent
    return repository if is_corpus(repository) else None


def resolve_corpus(path: Path | None, announce: Announce | None = None) -> Path | None:
    """The corpus named, else the current folder when it is one, else the bundled corpus."""
    if path is not None:
        return path
    here = Path.cwd()
    if is_corpus(here):
        return here
    return bundled_corpus(announce)


def _user_copy(packaged: Path, announce: Announce | None) -> Path:
    copy = user_data_dir() / BUNDLED_COPY_NAME
    if copy.exists():
        return copy
    copy.parent.mkdir(parents=True, exist_ok=True)
    # Built beside its final place and renamed, so a second command started at the same moment
    # finds no copy or a whole one, never half of one.
    building = Path(tempfile.mkdtemp(prefix=f".{BUNDLED_COPY_NAME}.", dir=copy.parent))
    try:
        _copy_tree(packaged, building)
        building.rename(copy)
    except OSError:
        shutil.rmtree(building, ignore_errors=True)
        if not copy.exists():  # not another command's copy that won the race
            raise
        return copy
    if announce is not None:
        announce(
            f"first use of the bundled corpus: copied it to {copy}; with no PATH, review, "
            "check and export use this copy, and ratings are saved in its reviews/ folder"
        )
    return copy


def _copy_tree(source: Path, target: Path) -> None:
    """Copy files without their permission bits: a system install's files may be read-only,
    and the copy must be the user's to write (the reviews/ folder goes in it). Ratings that an
    older factcheck wrote inside the package (its reviews/) come along."""
    for folder, _subfolders, files in os.walk(source):
        into = target / Path(folder).relative_to(source)
        into.mkdir(exist_ok=True)
        for name in files:
            if name.endswith(".lock") or name.endswith(".tmp"):
                continue  # a writer's leftovers, not the corpus
            shutil.copyfile(Path(folder) / name, into / name)
