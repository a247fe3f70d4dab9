"""Which corpus a command works on when none is named."""

from __future__ import annotations

from pathlib import Path

from factcheck.corpus.loader import is_corpus

_PACKAGE = Path(__file__).resolve().parent.parent


def bundled_corpus() -> Path | None:
    """The corpus shipped with factcheck: inside the wheel, or the repository of an editable
    install."""
    for candidate in (_PACKAGE / "_bundled", _PACKAGE.parent):
        if is_corpus(candidate):
            return candidate
    return None


def resolve_corpus(path: Path | None) -> Path | None:
    """The corpus named, else the current folder when it is one, else the bundled corpus."""
    if path is not None:
        return path
    here = Path.cwd()
    if is_corpus(here):
        return here
    return bundled_corpus()
