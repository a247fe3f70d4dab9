"""The corpus as it was at a git ref: its files taken out of git (`git archive`) into a folder
and opened there with `Workspace.open`, the one loader, so a corpus at a ref is read exactly as
the corpus on disk is.

A commit never changes, so the folder made for one is kept under the cache folder
(`commits/`, the last `KEPT_COMMITS` used), with the parse, snapshot and anchor caches of its
corpus: opening 10,000 claims afresh took 8 s a side, and diffs come in runs (HEAD~1 and HEAD,
then HEAD and the next commit) that share a commit.

Git is asked through its command line: it is what the reviewers share the corpus with, and
what `factcheck diff` compares is what they committed.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from factcheck.corpus.files import make_folder_whole
from factcheck.corpus.loader import is_corpus
from factcheck.corpus.yamlio import default_cache_dir
from factcheck.workspace.workspace import Workspace

KEPT_COMMITS = 6
"""How many commits' corpus folders stay under the cache folder; the least recently used go."""

GIT_TIMEOUT_SECONDS = 120.0
"""`git archive` of a 10,000-claim corpus takes about a second; far past that, git hangs."""


class GitError(Exception):
    """What went wrong with git, said as a sentence for the user: not a repository, a ref that
    names no commit, a corpus folder missing at that commit, no git at all."""


@dataclass(frozen=True, slots=True)
class Repository:
    """Where the corpus sits in its git repository."""

    top: Path
    """The repository's working tree."""
    prefix: str
    """The corpus folder relative to `top`, with a trailing slash ('' at the top)."""


@dataclass(frozen=True, slots=True)
class CorpusAtRef:
    ref: str
    """As the user wrote it."""
    commit: str
    """The full commit id it names."""
    workspace: Workspace


def _git(cwd: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *arguments],
            cwd=cwd,
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except FileNotFoundError:
        raise GitError(
            "git is not installed (or not on PATH): diff reads the corpus from git"
        ) from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git did not answer within {GIT_TIMEOUT_SECONDS:g} s") from None


def find_repository(folder: Path) -> Repository:
    """The repository that holds `folder`; GitError when there is none."""
    if not folder.is_dir():
        raise GitError(f"{folder} is not a folder")
    done = _git(folder, "rev-parse", "--show-toplevel", "--show-prefix")
    if done.returncode != 0:
        raise GitError(
            f"{folder.resolve()} is not in a git repository: diff compares the corpus as "
            "committed at two refs (run it inside the corpus's repository, or name the corpus: "
            "PATH)"
        )
    top, prefix = [*done.stdout.decode("utf-8", errors="surrogateescape").splitlines(), ""][:2]
    return Repository(Path(top), prefix)


def resolve_commit(repository: Repository, ref: str) -> str:
    """The commit `ref` names (a branch, a tag, a commit id, HEAD~2 ...); GitError if none."""
    if ref.startswith("-"):  # git would take it for an option
        raise GitError(f"{ref!r} is not a git ref")
    done = _git(repository.top, "rev-parse", "--verify", "--quiet", "--end-of-options", ref)
    if done.returncode != 0:
        raise GitError(
            f"{ref!r} names no commit in {repository.top}: give a branch, a tag or a commit id "
            "(`git log --oneline` lists them)"
        )
    commit = done.stdout.decode().strip()
    # A tag names a tag object; what is archived is the commit under it.
    peeled = _git(repository.top, "rev-parse", "--verify", "--quiet", f"{commit}^{{commit}}")
    if peeled.returncode != 0:
        raise GitError(f"{ref!r} names no commit in {repository.top} (it is not a commit)")
    return peeled.stdout.decode().strip()


def extract(repository: Repository, commit: str, into: Path) -> None:
    """The corpus folder's files at `commit`, written into `into`."""
    tree = f"{commit}:{repository.prefix}" if repository.prefix else commit
    done = _git(repository.top, "archive", "--format=tar", tree)
    if done.returncode != 0:
        where = repository.prefix.rstrip("/") or "the top of the repository"
        raise GitError(f"commit {commit[:12]} has no folder {where}")
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        # The 'data' filter refuses links out of the folder, devices and absolute names.
        archive.extractall(into, filter="data")


def open_at(repository: Repository, ref: str, into: Path, *, cache: bool = False) -> CorpusAtRef:
    """The corpus at `ref`, read into `into` (unless it holds it already) and opened; with
    `cache`, through the parse and anchor caches, which are kept per folder."""
    commit = resolve_commit(repository, ref)
    if not into.exists():
        extract(repository, commit, into)
    if not is_corpus(into):  # a folder in the repository, but not the corpus's
        where = repository.prefix.rstrip("/") or "the top of the repository"
        raise GitError(
            f"{where} at {ref} is not a corpus (no claims/ and evidence/): run diff in the "
            "corpus's folder, or name the corpus's folder: PATH"
        )
    return CorpusAtRef(ref, commit, Workspace.open(into, cache=cache))


@contextmanager
def corpora_at(folder: Path, *refs: str) -> Iterator[list[CorpusAtRef]]:
    """The corpus in `folder` opened at each of `refs`, from the kept copies of their commits
    (made when missing); where the cache folder cannot be written, from copies removed
    afterwards."""
    repository = find_repository(folder)
    for ref in refs:  # every ref checked before any is read: a typo is said at once
        resolve_commit(repository, ref)
    kept = default_cache_dir() / "commits"
    try:
        copies = [_kept_copy(repository, ref, kept) for ref in refs]
    except OSError:
        copies = None
    if copies is not None:
        yield [
            open_at(repository, ref, copy, cache=True)
            for ref, copy in zip(refs, copies, strict=True)
        ]
        _forget_old_commits(kept)
        return
    scratch = Path(tempfile.mkdtemp(prefix="factcheck-diff-"))
    try:
        yield [open_at(repository, ref, scratch / str(n)) for n, ref in enumerate(refs)]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _kept_copy(repository: Repository, ref: str, kept: Path) -> Path:
    """The folder holding the corpus at `ref`'s commit, made whole or not at all: built beside
    its place and renamed, so a diff stopped half-way, or two at once, never leave half a
    corpus to be read as the commit's."""
    commit = resolve_commit(repository, ref)
    where = hashlib.sha256(f"{repository.top}\0{repository.prefix}".encode()).hexdigest()[:12]
    copy = kept / f"{commit}-{where}"
    if copy.exists():
        os.utime(copy)  # recently used: kept longest
        return copy
    make_folder_whole(copy, lambda building: extract(repository, commit, building))
    return copy


def _forget_old_commits(kept: Path) -> None:
    """Keep the `KEPT_COMMITS` most recently used commits' folders; remove the others."""
    try:
        folders = [p for p in kept.iterdir() if p.is_dir() and not p.name.startswith(".")]
    except OSError:
        return
    folders.sort(key=lambda folder: folder.stat().st_mtime, reverse=True)
    for folder in folders[KEPT_COMMITS:]:
        shutil.rmtree(folder, ignore_errors=True)
