"""Export formats by name: one registry for the command line and the app.

The app calls `export(report, format_name, path)`; the CLI calls `export`, or `stream` to write
stdout. A renderer yields the report in chunks, claim by claim, so that no format is ever held
whole (see factcheck.report.streaming); `render` joins them, for tests and small reports.
Renderers are imported when first used, so listing formats costs nothing. Each is imported
by a function written out below rather than by a name in a string, so that lint-imports sees the
import and holds the renderers to the rules of the parts like any other module.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from factcheck.corpus.files import write_atomically
from factcheck.corpus.yamlio import garbage_collector_paused
from factcheck.report.model import Report

Renderer = Callable[..., Iterator[str]]
"""Takes (report[, template]) and returns the report's text in chunks."""


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    suffix: str
    description: str
    load: Callable[[], Renderer]
    """Imports the renderer and returns it."""
    templated: bool = False
    """Accepts a house template (`--template FILE`)."""
    also: tuple[str, ...] = ()
    """Other file suffixes this format is often written to (JSON-LD to .json): they do not
    contradict it, but `suffix` is the one that chooses it."""

    @property
    def suffixes(self) -> tuple[str, ...]:
        """Every file suffix that names this format."""
        return (self.suffix, *self.also)


def _markdown() -> Renderer:
    from factcheck.report.markdown import stream_markdown

    return stream_markdown


def _html() -> Renderer:
    from factcheck.report.html import stream_html

    return stream_html


def _json() -> Renderer:
    from factcheck.report.jsonout import stream_json

    return stream_json


def _json_lines() -> Renderer:
    from factcheck.report.jsonout import stream_json_lines

    return stream_json_lines


def _csv() -> Renderer:
    from factcheck.report.csvout import stream_csv

    return stream_csv


def _claimreview() -> Renderer:
    from factcheck.report.claimreview import stream_claimreview

    return stream_claimreview


def _annotations() -> Renderer:
    from factcheck.report.annotations import stream_annotations

    return stream_annotations


def _fever() -> Renderer:
    from factcheck.report.datasets import stream_fever

    return stream_fever


def _averitec() -> Renderer:
    from factcheck.report.datasets import stream_averitec

    return stream_averitec


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "md",
            ".md",
            "Markdown: a summary table, then a section per claim",
            _markdown,
            templated=True,
            also=(".markdown",),
        ),
        Format(
            "html",
            ".html",
            "one self-contained HTML page, printable",
            _html,
            templated=True,
            also=(".htm",),
        ),
        Format(
            "json",
            ".json",
            "every field; its schema: factcheck schema report",
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
            also=(".json",),
        ),
        Format(
            "jsonl",
            ".jsonl",
            "JSON Lines: one claim a line, as in json's claims, for tools that stream",
            _json_lines,
            also=(".ndjson",),
        ),
        Format(
            "fever",
            ".fever.jsonl",
            "FEVER JSON Lines of the rated claims, for research",
            _fever,
            also=(".jsonl",),
        ),
        Format(
            "averitec",
            ".averitec.json",
            "AVeriTeC JSON of the rated claims, for research",
            _averitec,
            also=(".json",),
        ),
        Format(
            "annotations",
            ".annotations.jsonld",
            "W3C Web Annotations of every quote, on its source",
            _annotations,
            also=(".jsonld", ".json"),
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


def stream(report: Report, format_name: str, *, template: Path | None = None) -> Iterator[str]:
    """The report in `format_name`, in chunks of text, made as they are read: claim by claim,
    so a report of any size takes about the memory of one claim's part. `template` replaces
    the bundled one (md and html). The format is looked up and the template read and compiled
    here, so an unknown format, a missing template or a template's syntax error raises before
    the first chunk; a house template's mistake that shows only while it runs (an undefined
    field) raises while the chunks are read."""
    fmt = get_format(format_name)
    if template is not None and not fmt.templated:
        raise ValueError(f"{fmt.name} has no template; --template works with md and html")
    renderer = fmt.load()
    chunks = renderer(report, template) if fmt.templated else renderer(report)
    return _collector_paused(chunks)


def _collector_paused(chunks: Iterator[str]) -> Iterator[str]:
    # A report is made of a million short strings and fragments, none in a cycle, whose
    # allocations would otherwise start a collection every few hundred; the collector runs
    # again between chunks, whoever reads them.
    while True:
        with garbage_collector_paused():
            chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk


def render(report: Report, format_name: str, *, template: Path | None = None) -> str:
    """The report as one text (see `stream`, which `export` writes without holding it)."""
    return "".join(stream(report, format_name, template=template))


def notices(report: Report, format_name: str) -> list[str]:
    """What the person exporting should know about this export (stderr in the CLI, a toast in
    the app): e.g. ClaimReview markup that cannot be published yet."""
    notes = list(report.warnings)
    if format_name == "claimreview":
        from factcheck.report.claimreview import publishing_notices

        notes += publishing_notices(report)
    return notes


class FormatChoiceError(ValueError):
    """The file name and the format asked for do not go together; the message says how."""


def suffixes_text() -> str:
    """Every format and the suffix that chooses it: 'md (.md), html (.html), ...'."""
    return ", ".join(f"{f.name} ({f.suffix})" for f in FORMATS.values())


def format_for_output(path: Path | None, format_name: str | None) -> str:
    """The format to write to `path`: `format_name` when given, else the one `path`'s suffix
    names (Markdown for stdout or a folder). Raises FormatChoiceError when the suffix names
    another format than `format_name`, or, with no `format_name`, names none."""
    if path is None or path.is_dir():
        return format_name or "md"
    suffix = path.suffix.casefold()
    choosing = next((f for f in FORMATS.values() if f.suffix == suffix), None)
    accepting = formats_named_by(path)
    if format_name is None:
        if choosing is not None:
            return choosing.name
        if len(accepting) == 1:
            return accepting[0]
        said = f"the extension {path.suffix!r}" if path.suffix else "a name without an extension"
        raise FormatChoiceError(
            f"cannot tell which format to write to {path.name} from {said}: end the name with "
            f"a format's extension, {suffixes_text()}, or give --format"
        )
    if accepting and format_name not in accepting:
        wanted = get_format(format_name)
        raise FormatChoiceError(
            f"{path.name} is named for the {accepting[0]} format, but --format {format_name} "
            f"was asked for: name it {path.with_suffix(wanted.suffix).name}, or leave out "
            f"--format to write {accepting[0]}"
        )
    return format_name


def formats_named_by(path: Path) -> list[str]:
    """The formats whose suffixes `path` ends in (none for an unknown or no suffix): a report
    of another format must not be written under that name, in the CLI or the app."""
    suffix = path.suffix.casefold()
    return [f.name for f in FORMATS.values() if suffix and suffix in f.suffixes]


def output_target(path: Path, format_name: str) -> Path:
    """The file a report goes to when asked for `path`: a folder gets the default name inside."""
    return path / f"factcheck-report{get_format(format_name).suffix}" if path.is_dir() else path


class OutputRefusedError(ValueError):
    """The report must not be written where it was asked to go; the message says why."""


CORPUS_FOLDERS = ("claims", "evidence", "reviews")
"""The folders of a corpus that hold its own files: a report is never written inside them."""


def output_refusal(
    target: Path, corpus_root: Path | None = None, texts_elsewhere: Iterable[str] = ()
) -> str | None:
    """Why a report must not be written to the file `target`, or None when it may.

    Refused: a file of the corpus at `corpus_root`, existing or new (its claims, evidence and
    source texts, review files, settings, and `texts_elsewhere`, the source texts kept outside
    evidence/, relative to the root), since a report written there would replace or shadow what
    people wrote; and anything on disk that is not a regular file. The report is written to a
    temporary file renamed over the target, so a device node or a FIFO would be replaced by a
    file (/dev/null among them), and a symbolic link by a file while what it points to stays
    as it was. The one rule for the command line and the app."""
    if corpus_root is not None:
        owned = _corpus_file(target, corpus_root, texts_elsewhere)
        if owned:
            return f"{target} would overwrite {owned}"
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"{target} cannot be looked at: {error.strerror}"
    if stat.S_ISLNK(mode):
        return (
            f"{target} is a symbolic link, and writing would replace the link, not the file "
            f"it points to ({os.path.realpath(target)}): give that path instead"
        )
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None  # a folder gets the default name inside (output_target)
    return (
        f"{target} is a {_file_kind(mode)}, not a regular file, and would be replaced by one: "
        "a report is written to a regular file or a new path"
    )


def _corpus_file(target: Path, corpus_root: Path, texts_elsewhere: Iterable[str]) -> str | None:
    """What of the corpus `target` is or would be, by where it really lands (links, '..' and
    all); None when it is none of the corpus's files."""
    root = corpus_root.resolve()
    landing = target.resolve()
    if landing == root / "factcheck.yaml":
        return "the corpus settings"
    for folder in CORPUS_FOLDERS:
        if landing.is_relative_to(root / folder):
            return f"a file of the corpus ({folder}/)"
    for relative in texts_elsewhere:
        if landing == (root / relative).resolve():
            return f"the text of source {Path(relative).stem} ({relative})"
    return None


def _file_kind(mode: int) -> str:
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def export(
    report: Report,
    format_name: str,
    path: Path,
    *,
    template: Path | None = None,
    corpus_root: Path | None = None,
    texts_elsewhere: Iterable[str] = (),
) -> Path:
    """Write the report to `path` (a folder gets `factcheck-report.<suffix>` inside) and return
    where it was written. The file is replaced atomically: a reader never sees half a report.
    Raises OutputRefusedError, before rendering, where `output_refusal` refuses the target:
    checked here too, not only by the caller, since the path may have changed in between."""
    target = output_target(path, format_name)
    refused = output_refusal(target, corpus_root, texts_elsewhere)
    if refused:
        raise OutputRefusedError(refused)
    chunks = stream(report, format_name, template=template)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written as it is made, into the temporary file that is renamed over the target once the
    # last chunk is in: a failure on the way (a house template's, a full disk) leaves the old
    # file as it was. Not fsynced: a report lost to a power cut is exported again.
    write_atomically(target, chunks, durable=False)
    return target
