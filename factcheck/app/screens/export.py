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
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from factcheck.app.screens.ask import Overwrite
from factcheck.report.registry import FORMATS
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
    """Formats from the report registry the CLI uses; enter on the path exports. A relative
    path is in the corpus folder; an existing file is overwritten only when the person says
    so; a missing folder is an error, never created; the corpus's own files are refused.
    It exports the claims the list shows, as it says; `a` switches to every claim and back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-export"),
        # In the path field 'a' is typed: it reaches this binding from the format list only.
        Binding("a", "toggle_all", "All claims", id="export-all"),
    ]

    def __init__(self, folder: Path, scope: ExportScope) -> None:
        super().__init__()
        self.folder = folder.resolve()
        self.scope = scope
        self.all_claims = not scope.narrowed
        """Whether every claim is exported rather than only those the list shows."""

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
            yield Input(id="export-path")
            yield Static(
                f"Relative paths are in the corpus folder, {self.folder}",
                markup=False,
                id="export-where",
            )
            yield Static("", markup=False, id="export-error")
            yield Static(
                "enter exports · tab moves · escape cancels", markup=False, id="export-keys"
            )

    def on_mount(self) -> None:
        self._error("")
        self._show_scope()
        formats = self.query_one(OptionList)
        formats.highlighted = 0
        self._suggest("md")
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

    def _suggest(self, format_name: str) -> None:
        self.query_one(Input).value = str(
            self.folder / f"factcheck-report{FORMATS[format_name].suffix}"
        )

    @on(OptionList.OptionHighlighted, "#export-formats")
    def _format_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._suggest(event.option.id)

    @on(OptionList.OptionSelected, "#export-formats")
    def _format_selected(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._error("")

    @on(Input.Submitted, "#export-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or not option.id or not event.value.strip():
            return
        if not self.all_claims and not self.scope.shown:
            self._error(
                f"No claim is shown, so nothing would be exported: a exports all "
                f"{claim_count(self.scope.total)}, or escape and change the filter."
            )
            return
        target = self._target(event.value.strip(), option.id)
        problem = self._problem(target)
        if problem:
            self._error(problem)
            return
        choice = ExportChoice(option.id, target, None if self.all_claims else self.scope.shown)
        if not target.exists():
            self.dismiss(choice)
            return

        def answered(answer: str | None) -> None:
            if answer == "yes":
                self.dismiss(choice)
            else:
                self.query_one(Input).focus()

        self.app.push_screen(Overwrite(str(target)), answered)

    def _target(self, typed: str, format_name: str) -> Path:
        """The file the report would be written to: a relative path is in the corpus folder,
        not the folder the app was started from; a folder gets the default name inside."""
        path = self.folder / Path(typed).expanduser()  # an absolute path replaces the folder
        if path.is_dir():
            path = path / f"factcheck-report{FORMATS[format_name].suffix}"
        return path

    def _problem(self, target: Path) -> str | None:
        refused = self._corpus_file(target)
        if refused:
            return f"Not exported: {target} would overwrite {refused}; choose another path."
        if not target.parent.is_dir():
            return f"The folder {target.parent} does not exist: create it, or choose another."
        if target.is_dir():
            return f"{target} is a folder."
        return None

    def _error(self, message: str) -> None:
        error = self.query_one("#export-error", Static)
        error.update(message)
        error.display = bool(message)

    def _corpus_file(self, path: Path) -> str | None:
        """What of the corpus `path` would overwrite: its claims, evidence, sources' text,
        review files or settings; None when it is none of them."""
        root = self.folder
        target = path.resolve()
        if target == root / "factcheck.yaml":
            return "the corpus settings"
        for folder in ("claims", "evidence", "reviews"):
            if target.is_relative_to(root / folder):
                return f"a file of the corpus ({folder}/)"
        return None

    def action_cancel(self) -> None:
        self.dismiss(None)


def write_report(workspace: Workspace, session: ReviewSession, choice: ExportChoice) -> str:
    """Build and write the report as `factcheck export` does, with the ratings made in this
    session (in a worker: it may verify quotes the background check has not reached yet);
    returns what to tell the user. Raises OSError or ValueError when it cannot be written."""
    from factcheck.report import export, notices

    report = workspace.report(review_files=session.review_files(), claim_ids=choice.claim_ids)
    written = export(report, choice.format_name, choice.path)
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
