"""The one shape every finding takes: from the loader, the quote checker, the CLI and the app."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# One scale for every finding, declared in quotes (below corpus) so that anchors use it too.
from factcheck.quotes.model import Severity

__all__ = ["Problem", "Severity", "count"]


@dataclass(frozen=True, slots=True)
class Problem:
    """A finding about the corpus, at a place in one of its files.

    `file` is relative to the corpus root, as a person would type it; `line` and `column` are
    1-based like an editor's, and absent only when the finding is about a whole file.
    """

    file: str
    line: int | None
    column: int | None
    severity: Severity
    message: str
    code: str

    @property
    def location(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": str(self.severity),
            "code": self.code,
            "message": self.message,
        }

    def sort_key(self) -> tuple[str, int, int]:
        return (self.file, self.line or 0, self.column or 0)


def count(problems: list[Problem], severity: Severity) -> int:
    return sum(1 for problem in problems if problem.severity is severity)
