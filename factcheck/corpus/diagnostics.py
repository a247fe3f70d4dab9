"""Turning what is wrong with the corpus into Problems with file, line and column.

Findings are gathered against a place in the data (a file and a path of keys and indexes) and
given their line and column at the end, by composing only the files that have findings: the fast
loader keeps no positions, and most files have nothing to report.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from factcheck.corpus import yamlio
from factcheck.corpus.files import read_regular_file
from factcheck.corpus.limits import DEFAULT_LIMITS
from factcheck.corpus.model import Place, YamlPath
from factcheck.corpus.problems import Problem, Severity


@dataclass(frozen=True, slots=True)
class _Pending:
    place: Place
    severity: Severity
    code: str
    message: str
    at_key: bool
    related: Place | None


class ProblemCollector:
    """Gathers findings from every stage of a check; `problems()` gives them located and sorted."""

    def __init__(self, root: Path, *, limit: int = DEFAULT_LIMITS.yaml_file_bytes) -> None:
        self._root = root
        self.limit = limit
        """The largest file read to compose it for positions: the loader's limit."""
        self._located: list[Problem] = []
        self._pending: list[_Pending] = []

    def at(
        self,
        place: Place,
        severity: Severity,
        code: str,
        message: str,
        *,
        at_key: bool = False,
        related: Place | None = None,
    ) -> None:
        """A finding about the node at `place`. `{related}` in the message becomes the
        file:line:column of `related`, e.g. where a duplicate id was first defined."""
        self._pending.append(_Pending(place, severity, code, message, at_key, related))

    def add(self, problem: Problem) -> None:
        self._located.append(problem)

    def extend(self, problems: typing.Iterable[Problem]) -> None:
        self._located.extend(problems)

    def problems(self) -> list[Problem]:
        trees: dict[str, yaml.Node | None] = {}
        result = list(self._located)
        for pending in self._pending:
            line, column = self._position(pending.place, pending.at_key, trees)
            message = pending.message
            if pending.related is not None:
                related_line, related_column = self._position(pending.related, False, trees)
                where = f"{pending.related.file}:{related_line}:{related_column}"
                message = message.replace("{related}", where)
            result.append(
                Problem(pending.place.file, line, column, pending.severity, message, pending.code)
            )
        return sorted(result, key=Problem.sort_key)

    def _position(
        self, place: Place, at_key: bool, trees: dict[str, yaml.Node | None]
    ) -> tuple[int, int]:
        """Each file is composed once, for all its findings: composing it per finding made
        5,000 findings in one file take the square of the time (1,000 took 36 s)."""
        if place.file not in trees:
            trees[place.file] = self._compose(place.file)
        return yamlio.locate_in(trees[place.file], place.path, key=at_key)

    def _compose(self, relative: str) -> yaml.Node | None:
        try:
            # The loader read the file under its limit: a file swapped meanwhile for a FIFO
            # or a larger one is not read here either.
            _, raw = read_regular_file(self._root / relative, self.limit)
            return yamlio.compose(raw.decode("utf-8"))
        except (OSError, UnicodeDecodeError):
            return None


PRINTED_PER_FILE = 20
"""The most findings `check` prints for one file: past a screenful of the same mistake, more
lines only bury the files after it (5,000 findings in one file printed for minutes)."""
PRINTED_PER_RUN = 200
"""The most findings `check` prints in all. The exit code and the summary count every one."""

_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class LeftOut:
    """Findings a capped listing does not print: `count` more in `file`, or, with no file,
    in `files` files none of whose findings was printed."""

    count: int
    severities: tuple[tuple[Severity, int], ...]
    file: str | None = None
    files: int = 0

    def __str__(self) -> str:
        kinds = ", ".join(
            f"{number:,} {_plural(str(severity), number)}" for severity, number in (self.severities)
        )
        where = (
            self.file
            if self.file is not None
            else f"{self.files:,} other {_plural('file', self.files)}"
        )
        return f"… and {self.count:,} more in {where} ({kinds})"


def _plural(noun: str, number: int) -> str:
    return noun if number == 1 else f"{noun}s"


def capped(
    problems: Sequence[Problem],
    *,
    per_file: int = PRINTED_PER_FILE,
    per_run: int = PRINTED_PER_RUN,
) -> list[Problem | LeftOut]:
    """The findings to print, in their order, with a `LeftOut` after each file that has more
    than are printed and one at the end for files left out whole. Errors are printed before
    warnings when not all fit, so that an error is never hidden behind warnings."""
    by_file: dict[str, list[int]] = {}
    for index, problem in enumerate(problems):
        by_file.setdefault(problem.file, []).append(index)

    def rank(index: int) -> tuple[int, int]:
        return (_SEVERITY_RANK.get(problems[index].severity, 3), index)

    chosen = [i for indexes in by_file.values() for i in sorted(indexes, key=rank)[:per_file]]
    printed = set(sorted(chosen, key=rank)[:per_run])
    out: list[Problem | LeftOut] = []
    unseen: list[Problem] = []
    unseen_files = 0
    for file, indexes in by_file.items():
        shown = [problems[i] for i in indexes if i in printed]
        rest = [problems[i] for i in indexes if i not in printed]
        out.extend(shown)
        if rest and shown:
            out.append(LeftOut(len(rest), _by_severity(rest), file=file))
        elif rest:
            unseen.extend(rest)
            unseen_files += 1
    if unseen:
        out.append(LeftOut(len(unseen), _by_severity(unseen), files=unseen_files))
    return out


def _by_severity(problems: list[Problem]) -> tuple[tuple[Severity, int], ...]:
    counts: dict[Severity, int] = {}
    for problem in problems:
        counts[problem.severity] = counts.get(problem.severity, 0) + 1
    return tuple(sorted(counts.items(), key=lambda item: _SEVERITY_RANK.get(item[0], 3)))


def report_validation_error(
    collector: ProblemCollector,
    file: str,
    base: YamlPath,
    model: type[BaseModel],
    error: ValidationError,
) -> None:
    """Add one finding per pydantic error, in words for the person who wrote the file."""
    for detail in error.errors():
        loc = tuple(step for step in detail["loc"] if not _is_union_tag(step))
        path = base + loc
        kind = detail["type"]
        field = str(loc[-1]) if loc else "file"
        value = detail.get("input")
        if kind == "extra_forbidden":
            allowed = sorted(_fields_at(model, loc[:-1]))
            message = f"unknown key '{field}'{did_you_mean(field, allowed)}"
            message += f"; allowed here: {', '.join(allowed)}"
            collector.at(Place(file, path), Severity.ERROR, "unknown-key", message, at_key=True)
            continue
        if kind == "missing":
            message = f"missing required key '{field}'"
            collector.at(Place(file, path[:-1]), Severity.ERROR, "missing-key", message)
            continue
        collector.at(
            Place(file, path),
            Severity.ERROR,
            "bad-value",
            describe_value_error(kind, field, value, detail),
        )


GUESS_CUTOFF = 70
"""The score (rapidfuzz ratio, 0-100) a known name needs to be offered: a typo or two passes
('tol' for 'toll' scores 86, 'Fals' for 'False' 89), an unrelated word does not."""


def did_you_mean(written: str, known: Iterable[str]) -> str:
    """The guess to add to a message about a misspelt key, id, reference, verdict or tag:
    ` (did you mean 'x'?)` for the known name closest to `written`, ignoring case and
    punctuation, or nothing when none is close.

    rapidfuzz, not difflib: against 50,000 quote ids difflib took 4 s per guess, this 5 ms."""
    from rapidfuzz import fuzz, process, utils  # here: only a mistake pays for its import

    names = tuple(known)
    found = process.extractOne(
        utils.default_process(written),
        _folded(names),
        scorer=fuzz.ratio,
        processor=None,
        score_cutoff=GUESS_CUTOFF,
    )
    return f" (did you mean '{names[found[2]]}'?)" if found else ""


@functools.lru_cache(maxsize=4)
def _folded(names: tuple[str, ...]) -> list[str]:
    """The names without case and punctuation, folded once: a check asks against the same
    50,000 quote ids for every unknown reference, and folding them costs twice the search."""
    from rapidfuzz import utils

    return [utils.default_process(name) for name in names]


def describe_value_error(kind: str, field: str, value: Any, detail: Any) -> str:
    """What is wrong with a field's value, for a person: from one pydantic error's type, the
    field's name as shown, the value given and the error's details. The loader and the app's
    claim form say it the same way."""
    shown = _show(value)
    if kind in {"string_type", "int_type", "int_parsing"}:
        wanted = "text" if kind == "string_type" else "a whole number"
        message = f"'{field}' must be {wanted}, not {shown}"
        if isinstance(value, bool):
            message += " (YAML reads yes/no/true/false/on/off as booleans: put it in quotes)"
        elif kind == "string_type" and value is not None and not isinstance(value, dict | list):
            message += ": put it in quotes"
        return message
    if kind == "enum":
        expected = detail.get("ctx", {}).get("expected", "")
        return f"'{field}' must be one of {expected}, not {shown}"
    if kind == "string_pattern_mismatch":
        if field == "colour":
            return f"'colour' must be written #rrggbb, not {shown}"
        return f"{shown} is not a valid '{field}': use letters, digits, '.', '_' and '-'"
    if kind == "string_too_short":
        return f"'{field}' must not be empty"
    if kind == "list_type":
        return f"'{field}' must be a list (one '- item' per line, or [a, b]), not {shown}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"'{field}' must be a mapping of keys to values, not {shown}"
    if kind == "value_error":
        return str(detail["msg"]).removeprefix("Value error, ")
    if kind == "greater_than_equal":
        return f"'{field}' must be at least {detail['ctx']['ge']}, not {shown}"
    if kind == "less_than_equal":
        return f"'{field}' must be at most {detail['ctx']['le']}, not {shown}"
    return f"'{field}': {detail['msg']}"


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_union_tag(step: str | int) -> bool:
    # pydantic names the union member it tried ("str", "function-before[...]") inside the loc.
    return isinstance(step, str) and (step in {"str", "int", "none"} or "[" in step)


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> set[str]:
    """The keys allowed at `loc` inside `model`: the model whose mapping the loc ends at."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        field = current.model_fields.get(step) if _is_model(current) else None
        if field is None:
            return set()
        current = _inner_model(field.annotation)
    return set(current.model_fields) if _is_model(current) else set()


def _is_model(candidate: Any) -> bool:
    return isinstance(candidate, type) and issubclass(candidate, BaseModel)


def _inner_model(annotation: Any) -> Any:
    """The model inside list[X], X | None and friends."""
    if _is_model(annotation):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in {list, typing.Union, types.UnionType}:
        for argument in typing.get_args(annotation):
            if (found := _inner_model(argument)) is not None:
                return found
    return None
