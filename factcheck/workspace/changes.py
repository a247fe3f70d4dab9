"""A corpus changed on disk while the app shows it: which files it is read from, whether any
changed, and the reload, with whether the reloaded corpus may replace the one on screen.

Polled by (mtime, size) like the review files (see `factcheck.reviews.others` for why not
inotify). One scan of a corpus of 10,000 claims in 2,020 YAML files and 2,000 source texts takes
about 12 ms on this machine (2 cores), so the app polls in a thread every couple of seconds; a
reload after a change costs what a warm start does, the parse cache keeping unchanged files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.corpus.problems import Problem, Severity
from factcheck.corpus.settings import SETTINGS_FILE
from factcheck.reviews.others import Signature

if TYPE_CHECKING:
    from factcheck.workspace.workspace import Workspace

FILE_NOT_LOADED = frozenset({"yaml", "encoding", "unreadable", "shape"})
"""Problem codes that mean a whole file was left out of the corpus (broken YAML, not UTF-8,
unreadable, not the shape of a corpus file), not one entry of it."""


def scan_corpus(root: Path, texts_elsewhere: Iterable[str] = ()) -> dict[str, Signature]:
    """The signature of every file the corpus is read from, by path relative to `root`:
    factcheck.yaml; every YAML file under claims/ and evidence/; every other file under
    evidence/ but hidden ones and editors' backups (the source texts, and one that appears for a
    source whose text was missing); and `texts_elsewhere`, source texts kept outside evidence/."""
    found: dict[str, Signature] = {}
    _sign(root, SETTINGS_FILE, found)
    _scan_folder(root, "claims", found, yaml_only=True)
    _scan_folder(root, "evidence", found, yaml_only=False)
    found.update(sign_files(root, texts_elsewhere))
    return found


def sign_files(root: Path, relatives: Iterable[str]) -> dict[str, Signature]:
    """The signature of each of these files that exists."""
    found: dict[str, Signature] = {}
    for relative in relatives:
        _sign(root, relative, found)
    return found


def _scan_folder(root: Path, folder: str, found: dict[str, Signature], *, yaml_only: bool) -> None:
    try:
        entries = list(os.scandir(os.path.join(root, folder)))
    except OSError:
        return  # missing: the load says so
    for entry in entries:
        relative = f"{folder}/{entry.name}"
        try:
            if entry.is_dir():
                _scan_folder(root, relative, found, yaml_only=yaml_only)
                continue
            is_yaml = entry.name.endswith((".yaml", ".yml"))
            # The loader reads every YAML file, hidden or not; of the rest, an editor's swap
            # and backup files come and go while one types, and are no source's text.
            if not is_yaml and (yaml_only or entry.name.startswith(".") or _backup(entry.name)):
                continue
            stat = entry.stat()
        except OSError:
            continue  # removed between the listing and the stat: gone
        found[relative] = (stat.st_mtime_ns, stat.st_size)


def _backup(name: str) -> bool:
    return name.endswith(("~", ".swp", ".swx", ".tmp")) or name.startswith("#")


def _sign(root: Path, relative: str, found: dict[str, Signature]) -> None:
    try:
        stat = os.stat(os.path.join(root, relative))
    except OSError:
        return
    found[relative] = (stat.st_mtime_ns, stat.st_size)


def files_not_loaded(problems: Iterable[Problem]) -> set[str]:
    return {
        problem.file
        for problem in problems
        if problem.code in FILE_NOT_LOADED and problem.severity is Severity.ERROR
    }


@dataclass(frozen=True, slots=True)
class ReloadVerdict:
    """Whether a corpus reloaded from disk may replace the one on screen."""

    take: bool
    why_not: str = ""
    """When not taken: what is wrong, said to the person, who fixes it and saves again."""


def judge_reload(shown: Workspace, new: Workspace) -> ReloadVerdict:
    """A reload that lost what the corpus on screen has (a file that loaded before fails now,
    typically while it is being edited) keeps the one on screen: the person goes on reviewing and
    sees the errors. A corpus on screen with no claims has nothing to keep."""
    if new.corpus is None:
        return ReloadVerdict(False, "it cannot be loaded at all")
    lost = sorted(files_not_loaded(new.problems) - files_not_loaded(shown.problems))
    if lost and shown.corpus is not None and shown.corpus.claims:
        return ReloadVerdict(False, f"{', '.join(lost)} cannot be loaded now")
    if new.settings.scale != shown.settings.scale:
        # The list, the footer and the keys are built for one scale: a new one needs a restart.
        return ReloadVerdict(
            False, f"its verdict scale ({SETTINGS_FILE}) changed: quit and open it again to use it"
        )
    return ReloadVerdict(True)
