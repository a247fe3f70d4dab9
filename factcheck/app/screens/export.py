"""The export dialog: pick a report format, a path, and whether to export the claims the list
shows or all of them; returns the choice with `dismiss`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from factcheck.app.screens.ask import Overwrite
from factcheck.report.registry import FORMATS, formats_named_by, output_refusal, output_target
from factcheck.reviews.session import ReviewSession
from factcheck.workspace import Workspace


@dataclass(frozen=True, slots=True)
class ExportScope:
    """What the claim list showed when the person asked to export."""

    shown: tuple[str, ...]
    """The ids of the claims listed, in list order."""
    total: int
    """Claims in the corpus."""
    why: str = ""
    """What narrowed the list ("filter: disputed", a search), for the dialog to say."""

    @property
    def narrowed(self) -> bool:
        return len(self.shown) < self.total


@dataclass(frozen=True, slots=True)
class ExportChoice:
    format_name: str
    path: Path
    claim_ids: tuple[str, ...] | None = None
    """The claims to export; None exports every claim of the corpus."""


def claim_count(count: int) -> str:
    """ "1 claim", "12 claims"."""
    return f"{count:,} claim" if count == 1 else f"{count:,} claims"


class ExportDialog(ModalScreen[ExportChoice | None]):
    """Formats from the report registry the CLI uses; enter exports, from the list or the path.
    A relative path is in the corpus folder; a bare name gets the format's suffix, a name that
    ends in another format's suffix is refused; an existing file is overwritten only when the
    person says so; a missing folder is an error, never created; the corpus's own files, a
    device, a FIFO and a symbolic link are refused (`output_refusal`, as `export -o` does). It
    exports the claims the list shows, as it says; `a` switches to every claim."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-export"),
        # In the path field 'a' is typed: it reaches this binding from the format list only.
        Binding("a", "toggle_all", "All claims", id="export-all"),
        # Before the format list's own enter, which would only select; a click still only
        # picks a format.
        Binding("enter", "export", "Export", priority=True, id="export-now"),
    ]

    def __init__(self, folder: Path, scope: ExportScope) -> None:
        super().__init__()
        self.folder = folder.resolve()
        self.scope = scope
        self.all_claims = not scope.narrowed
        """Whether every claim is exported rather than only those the list shows."""
        self.format_name = "md"
        """The format highlighted in the list."""

    @property
    def path_field(self) -> Input:
        return self.query_one("#export-path", Input)

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(Text("Export the verdict report", "bold"))
            yield Static("", markup=False, id="export-scope")
            yield OptionList(
                *(
                    Option(Text.assemble((f"{f.name:<12}", "bold"), f.description), id=f.name)
                    for f in FORMATS.values()
                ),
                id="export-formats",
            )
            # Not selected on focus: the first key typed would replace the whole path unseen.
            yield Input(id="export-path", select_on_focus=False)
            yield Static(
                f"Relative paths are in the corpus folder, {self.folder}",
                markup=False,
                id="export-where",
            )
            yield Static("", markup=False, id="export-error")
            # Links too: this dialog has no footer to click (a mouse, or `factcheck serve`).
            yield Static(
                Content.from_markup(
                    "[@click=screen.export]enter exports[/] · tab edits the path · "
                    "[@click=screen.cancel]escape cancels[/]"
                ),
                id="export-keys",
            )

    def on_mount(self) -> None:
        self._error("")
        self._show_scope()
        self._set_path(str(self._suggested(self.format_name)))
        formats = self.query_one(OptionList)
        formats.highlighted = 0
        formats.focus()

    def _show_scope(self) -> None:
        scope = self.scope
        if not scope.narrowed:
            said = f"{claim_count(scope.total)} shown of {scope.total:,}"
        elif self.all_claims:
            said = f"All {claim_count(scope.total)} · a exports only the {len(scope.shown):,} shown"
        else:
            shown = (
                f"{claim_count(len(scope.shown))} shown of {scope.total:,}"
                if scope.shown
                else "No claim is shown"
            )
            said = " · ".join(
                part for part in (shown, scope.why, f"a exports all {scope.total:,}") if part
            )
        self.query_one("#export-scope", Static).update(said)

    def action_toggle_all(self) -> None:
        if self.scope.narrowed:
            self.all_claims = not self.all_claims
            self._error("")
            self._show_scope()

    def _suggested(self, format_name: str) -> Path:
        return output_target(self.folder, format_name)

    def _set_path(self, value: str) -> None:
        self.path_field.value = value
        self.path_field.cursor_position = len(value)  # typing goes on from the end

    @on(OptionList.OptionHighlighted, "#export-formats")
    def _format_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The suggested path follows the format; a name the person typed keeps its stem and
        takes the new format's suffix; any other path is left as typed."""
        new = event.option.id
        if not new or new == self.format_name:
            return
        old, self.format_name = self.format_name, new
        typed = self.path_field.value.strip()
        if not typed or Path(typed) == self._suggested(old):
            self._set_path(str(self._suggested(new)))
            return
        suffix = Path(typed).suffix
        if suffix and suffix.casefold() in FORMATS[old].suffixes:
            self._set_path(typed[: -len(suffix)] + FORMATS[new].suffix)

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._error("")

    def action_export(self) -> None:
        typed = self.path_field.value.strip()
        if not typed:
            self._error("Type the path to export to, or escape.")
            return
        if not self.all_claims and not self.scope.shown:
            self._error(
                f"No claim is shown, so nothing would be exported: a exports all "
                f"{claim_count(self.scope.total)}, or escape and change the filter."
            )
            return
        target = self._target(typed, self.format_name)
        problem = self._problem(target, self.format_name)
        if problem:
            self._error(problem)
            return
        choice = ExportChoice(
            self.format_name, target, None if self.all_claims else self.scope.shown
        )
        if not target.exists():
            self.dismiss(choice)
            return

        def answered(answer: str | None) -> None:
            if answer == "yes":
                self.dismiss(choice)

        self.app.push_screen(Overwrite(str(target)), answered)

    def _target(self, typed: str, format_name: str) -> Path:
        """The file the report would be written to: a relative path is in the corpus folder,
        not the folder the app was started from; a folder gets the default name inside; a
        name without a suffix gets the format's, as the format list chose it."""
        path = self.folder / Path(typed).expanduser()  # an absolute path replaces the folder
        if path.is_dir():
            return output_target(path, format_name)
        if not path.suffix:
            return path.with_name(path.name + FORMATS[format_name].suffix)
        return path

    def _problem(self, target: Path, format_name: str) -> str | None:
        # The rule `factcheck export -o` applies: no corpus file, no device, FIFO or link. The
        # source texts kept outside evidence/ are refused when the report is written.
        refused = output_refusal(target, self.folder)
        if refused:
            return f"Not exported: {refused}; choose another path."
        named_for = formats_named_by(target)
        if named_for and format_name not in named_for:
            renamed = target.with_suffix(FORMATS[format_name].suffix).name
            return (
                f"Not exported: {target.name} would hold {format_name}, but {target.suffix} is "
                f"{named_for[0]}: choose {named_for[0]} above, or name it {renamed}."
            )
        if not target.parent.is_dir():
            return f"The folder {target.parent} does not exist: create it, or choose another."
        if target.is_dir():
            return f"{target} is a folder."
        return None

    def _error(self, message: str) -> None:
        error = self.query_one("#export-error", Static)
        error.update(message)
        error.display = bool(message)

    def action_cancel(self) -> None:
        self.dismiss(None)


def write_report(workspace: Workspace, session: ReviewSession, choice: ExportChoice) -> str:
    """Build and write the report as `factcheck export` does, with the ratings made in this
    session (in a worker: it may verify quotes the background check has not reached yet);
    returns what to tell the user. Raises OSError or ValueError when it cannot be written."""
    from factcheck.report import export, notices

    report = workspace.report(review_files=session.review_files(), claim_ids=choice.claim_ids)
    written = export(
        report,
        choice.format_name,
        choice.path,
        corpus_root=workspace.root,
        texts_elsewhere=workspace.texts_elsewhere(),
    )
    which = (
        f"all {claim_count(report.total_claims)}"
        if choice.claim_ids is None
        else f"{len(report.claims):,} of {claim_count(report.total_claims)}"
    )
    return "\n".join(
        [
            f"Exported {choice.format_name} ({which}) to {written}",
            *notices(report, choice.format_name),
        ]
    )
