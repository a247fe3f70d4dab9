"""Which corpus a command works on when none is named, and where the user's own copy of the
bundled corpus lives.

The corpus shipped inside an installed package (`site-packages/factcheck/_bundled/`) is never
opened in place: the review app writes `reviews/` into the corpus it opens, and a reinstall or an
upgrade deletes everything under site-packages, ratings included (and a system-wide install is
not the user's to write to). On first use it is copied into the user's data folder, and from then
on that copy is the bundled corpus for every command (`review`, `check`, `export` with no PATH):
a normal corpus, whose ratings sit in its `reviews/` like any other's. An editable install's
bundled corpus is the repository itself, a checkout its developer owns: it is used in place.

A newer factcheck may ship a changed corpus (a corrected quote, a claim added). The copy keeps a
manifest of the packaged files it was made from (`.bundled-manifest.json`: path -> SHA-256), so
an upgrade can tell the files the user left alone, which are brought up to date, from those the
user changed, which are kept and named. Ratings are never touched; a rating made on a claim whose
evidence changed shows as stale, as after any edit.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from factcheck.corpus.files import make_folder_whole, write_atomically
from factcheck.corpus.loader import is_corpus

_PACKAGE = Path(__file__).resolve().parent.parent
"""The installed `factcheck` package folder."""

DATA_DIR_VARIABLE = "FACTCHECK_DATA_DIR"
"""Overrides the user data folder (tests and CI point it at a temporary folder)."""
BUNDLED_COPY_NAME = "bundled-corpus"
"""The folder in the user data folder that holds the copy of the packaged corpus."""

MANIFEST_NAME = ".bundled-manifest.json"
"""In the copy: the packaged corpus files it was made from or last brought up to date with."""
CORPUS_PARTS = ("claims", "evidence", "factcheck.yaml")
"""What an upgrade may bring up to date: the corpus, never `reviews/` or anything else."""

Announce = Callable[[str], None]
"""Told, in a sentence, when the bundled corpus was copied or brought up to date: the command
says it on stderr."""


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
        _bring_up_to_date(packaged, copy, announce)
        return copy

    def fill(building: Path) -> None:
        _copy_tree(packaged, building)
        _write_manifest(building, manifest_of(packaged))

    # A second command started at the same moment finds no copy or a whole one.
    if make_folder_whole(copy, fill) and announce is not None:
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


def manifest_of(corpus: Path) -> dict[str, str]:
    """Each corpus file under `corpus` (claims/, evidence/, factcheck.yaml) by its path relative
    to it, with its SHA-256. The bundled corpus is a few hundred kilobytes: hashed in about a
    millisecond, on each command that falls back on it."""
    manifest: dict[str, str] = {}
    for part in CORPUS_PARTS:
        top = corpus / part
        files = [top] if top.is_file() else sorted(p for p in top.rglob("*") if p.is_file())
        for path in files:
            if path.name.endswith((".lock", ".tmp")) or path.name.startswith("."):
                continue
            relative = path.relative_to(corpus).as_posix()
            manifest[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    return manifest


def _bring_up_to_date(packaged: Path, copy: Path, announce: Announce | None) -> None:
    """Give the copy the packaged corpus's changes, file by file, where the user has not changed
    the file since it was copied; keep and name the files the user changed. A copy made before
    manifests were kept has no record of what was copied: its files that differ are kept."""
    new = manifest_of(packaged)
    recorded = _read_manifest(copy)
    if recorded == new:
        return
    current = manifest_of(copy)
    updated: list[str] = []
    kept: list[str] = []
    for relative in sorted(new.keys() | (recorded or {}).keys()):
        wanted = new.get(relative)
        have = current.get(relative)
        if have == wanted:
            continue
        # The user's own file: changed since copied, or added (not in the old manifest).
        left_alone = recorded is not None and have == recorded.get(relative)
        if not left_alone:
            if wanted is not None:
                kept.append(relative)
            continue
        target = copy / relative
        try:
            if wanted is None:
                target.unlink(missing_ok=True)  # the new version dropped it
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(target, (packaged / relative).read_bytes())
        except OSError:
            kept.append(relative)
            continue
        updated.append(relative)
    try:
        _write_manifest(copy, new)
    except OSError:
        return  # tried again, and said again, next time
    if announce is None or not (updated or kept):
        return
    said = f"this factcheck ships a changed bundled corpus; in {copy}"
    if updated:
        said += f", brought up to date: {', '.join(updated)}"
    if kept:
        said += (
            f"; kept as you have them (they differ from this version's, which are in "
            f"{packaged}): {', '.join(kept)}"
        )
    announce(said + "; ratings are as they were")


def _read_manifest(copy: Path) -> dict[str, str] | None:
    try:
        manifest = json.loads((copy / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in manifest.items()
    ):
        return None
    return manifest


def _write_manifest(copy: Path, manifest: dict[str, str]) -> None:
    write_atomically(copy / MANIFEST_NAME, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
