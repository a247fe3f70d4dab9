"""Export formats by name: one registry for the command line and the app.

The app calls `export(report, format_name, path)`; the CLI calls `render` and writes stdout or a
file. Renderers are imported when first used, so listing formats costs nothing. Each is imported
by a function written out below rather than by a name in a string, so that lint-imports sees the
import and holds the renderers to the rules of the parts like any other module.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from factcheck.corpus.yamlio import garbage_collector_paused
from factcheck.report.model import Report

Renderer = Callable[..., str]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    suffix: str
    description: str
    load: Callable[[], Renderer]
    """Imports the renderer and returns it; the renderer takes (report[, template])."""
    templated: bool = False
    """Accepts a house template (`--template FILE`)."""


def _markdown() -> Renderer:
    from factcheck.report.markdown import render_markdown

    return render_markdown


def _html() -> Renderer:
    from factcheck.report.html import render_html

    return render_html


def _json() -> Renderer:
    from factcheck.report.jsonout import render_json

    return render_json


def _csv() -> Renderer:
    from factcheck.report.csvout import render_csv

    return render_csv


def _claimreview() -> Renderer:
    from factcheck.report.claimreview import render_claimreview

    return render_claimreview


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "md",
            ".md",
            "Markdown: a summary table, then a section per claim",
            _markdown,
            templated=True,
        ),
        Format(
            "html",
            ".html",
            "one self-contained HTML page, printable",
            _html,
            templated=True,
        ),
        Format(
            "json",
            ".json",
            "every field, as report.schema.json documents",
            _json,
        ),
        Format(
            "csv",
            ".csv",
            "one row per claim and reviewer, for spreadsheets",
            _csv,
        ),
        Format(
            "claimreview",
            ".jsonld",
            "schema.org ClaimReview markup for every rated claim",
            _claimreview,
        ),
    )
}
"""Every export format, in the order menus show them."""


class UnknownFormatError(ValueError):
    pass


def get_format(name: str) -> Format:
    try:
        return FORMATS[name]
    except KeyError:
        raise UnknownFormatError(
            f"unknown format {name!r}: choose one of {', '.join(FORMATS)}"
        ) from None


def render(report: Report, format_name: str, *, template: Path | None = None) -> str:
    """The report as text in `format_name`; `template` replaces the bundled one (md and html)."""
    fmt = get_format(format_name)
    if template is not None and not fmt.templated:
        raise ValueError(f"{fmt.name} has no template; --template works with md and html")
    renderer = fmt.load()
    # A large report is made of a million short strings and fragments, none in a cycle.
    with garbage_collector_paused():
        return renderer(report, template) if fmt.templated else renderer(report)


def notices(report: Report, format_name: str) -> list[str]:
    """What the person exporting should know about this export (stderr in the CLI, a toast in
    the app): e.g. ClaimReview markup that cannot be published yet."""
    notes = list(report.warnings)
    if format_name == "claimreview":
        from factcheck.report.claimreview import publishing_notices

        notes += publishing_notices(report)
    return notes


def default_path(report: Report, format_name: str, folder: Path) -> Path:
    return folder / f"factcheck-report{get_format(format_name).suffix}"


def export(report: Report, format_name: str, path: Path, *, template: Path | None = None) -> Path:
    """Write the report to `path` (a folder gets `factcheck-report.<suffix>` inside) and return
    where it was written. The file is replaced atomically: a reader never sees half a report."""
    text = render(report, format_name, template=template)
    target = default_path(report, format_name, path) if path.is_dir() else path
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed before the rename
        "w",
        encoding="utf-8",
        newline="",
        dir=target.parent,
        prefix=f".{target.name}.",
        delete=False,
    )
    try:
        with handle:
            handle.write(text)
        # A temporary file is private (0600); a report is meant to be shared.
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
    return target
