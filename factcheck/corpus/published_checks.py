"""Fact checks other outlets published: `checked/<outlet>.yaml` in the corpus.

`factcheck import-claimreview` writes them from a ClaimReview feed (corpus/claimreview_feed.py),
one file per outlet, and `checked-before` matches the corpus's claims against them. A file is
the importer's output, written whole with `write_atomically` (not through the corpus writer,
which edits hand-written files in place): importing the same feed again updates its checks (by
their url, else by their claim and date) and adds the new ones, never doubling one.

    # Fact checks published by Example Check, imported by `factcheck import-claimreview`.
    outlet: Example Check
    checks:
      - claim: Daesh has been defeated in Afghanistan
        rating: Pants on Fire          # their rating name; factcheck.yaml's imported_ratings
        rating_value: 1                # says what it means on our scale
        best_rating: 6
        worst_rating: 1
        published: 2022-05-10
        url: https://example.org/checks/daesh
        claimant: Zabihullah Mujahid
        claim_date: 2022-04
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factcheck.corpus import yamlio
from factcheck.corpus.diagnostics import ProblemCollector, report_validation_error
from factcheck.corpus.files import read_regular_file, write_atomically
from factcheck.corpus.limits import DEFAULT_LIMITS
from factcheck.corpus.problems import Problem, Severity

CHECKED_FOLDER = "checked"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class CheckedEntry(_Strict):
    """One fact check as its outlet published it."""

    claim: str = Field(min_length=1, description="The claim they checked (claimReviewed).")
    rating: str | None = Field(
        default=None, description="Their rating's name (reviewRating.alternateName)."
    )
    rating_value: float | None = Field(default=None, description="Their numeric rating.")
    best_rating: float | None = Field(default=None, description="The best on their scale.")
    worst_rating: float | None = Field(default=None, description="The worst on their scale.")
    published: str | None = Field(default=None, description="When they published the check.")
    url: str | None = Field(default=None, description="Where they published it.")
    claimant: str | None = Field(default=None, description="Who made the claim, as they say.")
    claim_date: str | None = Field(default=None, description="When the claim was made.")


class CheckedFile(_Strict):
    """`checked/<outlet>.yaml`: the fact checks one outlet published, as imported."""

    outlet: str = Field(min_length=1, description="The outlet that published these checks.")
    outlet_url: str | None = Field(default=None, description="Its home page.")
    checks: list[CheckedEntry] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PublishedCheck:
    """A fact check another outlet published, read from `file`."""

    entry: CheckedEntry
    outlet: str
    file: str
    """Relative to the corpus root."""

    @property
    def shown_rating(self) -> str | None:
        """Their rating as they would say it: its name, else its value on their scale."""
        entry = self.entry
        if entry.rating:
            return entry.rating
        if entry.rating_value is None:
            return None
        value = _number(entry.rating_value)
        if entry.best_rating is not None and entry.worst_rating is not None:
            return f"{value} on {_number(entry.worst_rating)}-{_number(entry.best_rating)}"
        return value


def _number(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


@dataclass(slots=True)
class PublishedChecks:
    checks: list[PublishedCheck] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def outlet_file(outlet: str) -> str:
    """The file an outlet's checks are kept in: checked/<slug>.yaml."""
    ascii_name = unicodedata.normalize("NFKD", outlet).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.casefold()).strip("-") or "outlet"
    return f"{CHECKED_FOLDER}/{slug[:80]}.yaml"


def checked_files(root: Path) -> list[str]:
    folder = root / CHECKED_FOLDER
    if not folder.is_dir():
        return []
    return sorted(
        f"{CHECKED_FOLDER}/{path.name}"
        for path in folder.iterdir()
        if path.suffix in {".yaml", ".yml"} and not path.name.startswith(".")
    )


def load_published_checks(root: Path) -> PublishedChecks:
    """Every check in checked/*.yaml; what is wrong with a file is a problem at its place, and
    the checks of it that fit are kept."""
    found = PublishedChecks()
    collector = ProblemCollector(root)
    for relative in checked_files(root):
        read = read_checked_file(root, relative, collector)
        if read is not None:
            found.checks.extend(
                PublishedCheck(entry, read.outlet, relative) for entry in read.checks
            )
    found.problems = collector.problems()
    return found


def read_checked_file(root: Path, relative: str, collector: ProblemCollector) -> CheckedFile | None:
    """The file's checks, or None after reporting why it cannot be read at all."""
    try:
        _, raw = read_regular_file(root / relative, DEFAULT_LIMITS.yaml_file_bytes)
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        collector.add(
            Problem(relative, 1, 1, Severity.ERROR, f"cannot be read: {reason}", "unreadable")
        )
        return None
    try:
        data = yamlio.parse(text)
    except yamlio.YamlSyntaxError as error:
        collector.add(
            Problem(relative, error.line, error.column, Severity.ERROR, error.message, error.code)
        )
        return None
    try:
        return CheckedFile.model_validate(data)
    except ValidationError as error:
        report_validation_error(collector, relative, (), CheckedFile, error)
    return _salvaged(data)


def _salvaged(data: Any) -> CheckedFile | None:
    """The checks of a file that failed its check that fit alone, under an outlet that fits."""
    if not isinstance(data, dict) or not isinstance(data.get("outlet"), str) or not data["outlet"]:
        return None
    entries: list[CheckedEntry] = []
    for item in data.get("checks") if isinstance(data.get("checks"), list) else []:
        try:
            entries.append(CheckedEntry.model_validate(item))
        except ValidationError:
            continue
    return CheckedFile(outlet=data["outlet"], checks=entries)


# Writing an import


@dataclass(slots=True)
class Merged:
    """What an import changed in one outlet's file."""

    file: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0


class CheckedFileUnreadableError(Exception):
    """An outlet's file is there but cannot be read as one: it is never overwritten."""


def _key(entry: CheckedEntry) -> tuple[str, ...]:
    if entry.url:
        return ("url", entry.url)
    return ("claim", " ".join(entry.claim.casefold().split()), entry.published or "")


def merge_into(
    root: Path, outlet: str, outlet_url: str | None, entries: Iterable[CheckedEntry]
) -> Merged:
    """Add `entries` to the outlet's file, replacing a check of the same url (else the same
    claim and date) in its place; written atomically. A file that cannot be read, or holds
    anything wrong, raises CheckedFileUnreadableError and is left as it is."""
    relative = outlet_file(outlet)
    path = root / relative
    existing: list[CheckedEntry] = []
    if path.exists():
        collector = ProblemCollector(root)
        read = read_checked_file(root, relative, collector)
        problems = collector.problems()
        if read is None or problems:
            where = str(problems[0]) if problems else relative
            raise CheckedFileUnreadableError(
                f"{where}; fix or move {relative} and import again: it is not overwritten"
            )
        existing = list(read.checks)
        outlet_url = outlet_url or read.outlet_url
    merged = Merged(relative)
    position = {_key(entry): index for index, entry in enumerate(existing)}
    for entry in entries:
        key = _key(entry)
        if key not in position:
            position[key] = len(existing)
            existing.append(entry)
            merged.added += 1
        elif existing[position[key]] == entry:
            merged.unchanged += 1
        else:
            existing[position[key]] = entry
            merged.updated += 1
    document = CheckedFile(outlet=outlet, outlet_url=outlet_url, checks=existing)
    path.parent.mkdir(exist_ok=True)
    write_atomically(path, _yaml_text(document))
    return merged


def _yaml_text(document: CheckedFile) -> str:
    data = document.model_dump(exclude_none=True)
    for check in data["checks"]:
        for name in ("rating_value", "best_rating", "worst_rating"):
            if isinstance(check.get(name), float) and check[name].is_integer():
                check[name] = int(check[name])
    outlet = " ".join(document.outlet.split())  # on one comment line
    header = (
        f"# Fact checks published by {outlet}, imported by `factcheck import-claimreview`.\n"
        "# Importing a feed again replaces the checks it carries (by url) and keeps the others.\n"
    )
    return header + yamlio.dump(data)
