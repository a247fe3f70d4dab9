"""The claim form: a new claim (key a) or the selected one changed (key E), checked as one
types against the schema `check` uses, and written by the corpus writer, which checks a claim
of kind quote against its source at once and refuses, with its reasons, a claim that would
bring an error. The form closes with `dismiss(change)` once the claim is on disk."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Footer, Input, Select, Static, TextArea

from factcheck.app.screens.ask import DiscardNote
from factcheck.app.text import one_line, plain
from factcheck.app.widgets.corpus_author import CorpusAuthor, WriteRequest
from factcheck.corpus.claim_input import (
    FIELDS,
    claim_as_typed,
    claim_changes,
    claim_problems,
    suggested_id,
    typed_fields,
)
from factcheck.corpus.model import Claim, Corpus
from factcheck.corpus.writer import Change

LABELS = {
    "text": "Claim",
    "kind": "Kind",
    "claimant": "Claimant",
    "role": "Role",
    "date": "Date",
    "venue": "Venue",
    "source": "Source",
    "tags": "Tags",
    "id": "Id",
    "file": "File",
}
ORDER = ("text", "kind", "claimant", "role", "date", "venue", "source", "tags", "id", "file")
"""The fields in the order one fills them in: the words first, the id (made from them) last."""
PLACEHOLDERS = {
    "claimant": "who made the claim",
    "role": "the claimant's position",
    "date": "when: YYYY, YYYY-MM or YYYY-MM-DD",
    "venue": "where: an interview, a post",
    "source": "the id of the source that reports it",
    "tags": "topics, separated by commas",
    "id": "made from the words; letters, digits, . _ -",
    "file": "the claims file it goes in",
}
KEYS = "ctrl+s save · escape close (asks first if changed) · tab next field"


class ClaimForm(ModalScreen[Change | None]):
    """Dismisses with the change written, or None when closed without saving."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save claim", id="save-claim"),
        Binding("escape", "close", "Close", id="close-claim"),
        # Priority: the App moves the focus before it hands on the keys typed after tab. As
        # the App's own binding, tab reached it only after the field had the next keys, and a
        # fast typist's next field went into this one ('Taliban official2021-11').
        Binding("tab", "app.focus_next", show=False, priority=True, id="claim-form-next"),
        Binding("shift+tab", "app.focus_previous", show=False, priority=True, id="claim-form-back"),
    ]

    def __init__(
        self, corpus: Corpus, author: CorpusAuthor, *, claim: Claim | None, file: str
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.author = author
        self.claim = claim
        """The claim being changed; None for a new one."""
        self.file = file
        """The claims file a new claim goes in (a field of the form)."""
        self.initial = (
            claim_as_typed(claim) if claim else {name: "" for name in FIELDS} | {"kind": "summary"}
        )
        self.initial["file"] = claim.place.file if claim else file
        self.touched: set[str] = set()
        """Fields changed by the person (or all, after a save): their problems are shown."""
        self._id_typed = claim is not None
        """Whether the id is the person's own: until then it follows the words."""
        self.saving = False
        self._shown_under: dict[str, str] = {}
        """What each field's line below shows now: a problem, or the source's title."""

    # The fields

    def compose(self) -> ComposeResult:
        if self.claim is None:
            title = plain(f"New claim in {self.initial['file']}", "bold")
        else:
            title = one_line(f"Edit claim {self.claim.id} ({self.claim.place.file})", "bold")
        with Vertical(id="claim-form-box"):
            yield Static(title, id="claim-form-title")
            with VerticalScroll(id="claim-form-fields"):
                for name in ORDER:
                    with Horizontal(classes="form-row"):
                        yield Static(LABELS[name], classes="form-label")
                        with Vertical(classes="form-field"):
                            yield self._field(name)
                            yield Static("", id=f"problem-{name}", classes="form-problem")
            yield Static("", id="claim-form-status")
            yield Static(KEYS, id="claim-form-keys", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def _field(self, name: str) -> Widget:
        value = self.initial[name]
        field_id = f"field-{name}"
        if name == "text":
            return TextArea(value, soft_wrap=True, id=field_id, compact=True)
        if name == "kind":
            kinds = [("summary: a fair paraphrase", "summary"), ("quote: their own words", "quote")]
            return Select(
                kinds, value=value or "summary", allow_blank=False, id=field_id, compact=True
            )
        suggester = None
        if name == "source":
            suggester = SuggestFromList(sorted(self.corpus.sources), case_sensitive=False)
        field = Input(
            value,
            placeholder=PLACEHOLDERS[name],
            suggester=suggester,
            id=field_id,
            compact=True,
        )
        # A claim's id names its reviews in every reviewer's file, and the file it is in
        # holds it: both stay as they are when the claim is edited.
        field.disabled = self.claim is not None and name in ("id", "file")
        return field

    def on_mount(self) -> None:
        self.query_one("#field-text", TextArea).focus()
        self._show_source_hint()

    @property
    def typed(self) -> dict[str, str]:
        """Every field as typed now."""
        values = {}
        for name in ORDER:
            widget = self.query_one(f"#field-{name}")
            if isinstance(widget, TextArea):
                values[name] = widget.text
            elif isinstance(widget, Select):
                values[name] = str(widget.value)
            else:
                assert isinstance(widget, Input)
                values[name] = widget.value
        return values

    @property
    def changed(self) -> bool:
        return self.typed != self.initial

    def problems(self) -> dict[str, str]:
        typed = self.typed
        editing = self.claim.id if self.claim else None
        found = claim_problems(typed, self.corpus, editing=editing)
        if not typed["file"].strip():
            found["file"] = "required"
        elif not typed["file"].strip().endswith((".yaml", ".yml")):
            found["file"] = "a claims file ends in .yaml"
        return found

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _field_changed(self, event: Input.Changed | TextArea.Changed | Select.Changed) -> None:
        name = (event.control.id or "").removeprefix("field-")
        if name not in LABELS or self.typed[name] == self.initial[name]:
            self._show_problems()
            return
        if name == "id" and not event.control.has_focus:
            self._show_problems()  # the id made from the words: nothing the person typed
            return
        self.touched.add(name)
        if name == "id":
            self._id_typed = True
        if name == "text" and not self._id_typed:
            # Not `touched`: a made-up id is no mistake of the person's to point at.
            self.query_one("#field-id", Input).value = suggested_id(self.typed["text"], self.corpus)
        self._show_problems()

    def _show_problems(self) -> None:
        found = self.problems()
        for name in ORDER:
            shown = found.get(name, "") if name in self.touched else ""
            if name == "source" and not shown:
                self._show_source_hint()
            elif self._shown_under.get(name) != shown:
                # Only a line that changed is drawn again: each is a layout of the form.
                self._shown_under[name] = shown
                problem = self.query_one(f"#problem-{name}", Static)
                problem.update(Text(shown))
                problem.display = bool(shown)
                problem.remove_class("-hint")

    def _show_source_hint(self) -> None:
        """Under the source's id: which article it is, so a wrong one is noticed."""
        source = self.corpus.sources.get(self.typed["source"].strip())
        hint = f"{source.outlet} · {source.title}" if source is not None else ""
        if self._shown_under.get("source") == hint:
            return
        self._shown_under["source"] = hint
        shown = self.query_one("#problem-source", Static)
        shown.update(one_line(hint))
        shown.display = bool(hint)
        shown.add_class("-hint")

    # Saving

    def action_save(self) -> None:
        if self.saving:
            return
        self.touched = set(ORDER)
        self._show_problems()
        found = self.problems()
        if found:
            first = next(name for name in ORDER if name in found)
            self.query_one(f"#field-{first}").focus()
            self._status(Text(f"Not saved: {LABELS[first].lower()}: {found[first]}", "bold red"))
            return
        request = self._request()
        if request is None:
            self.dismiss(None)
            self.notify("Nothing changed.", timeout=3)
            return
        if self.author.write(request):
            self.saving = True
            self._status(Text("Checking against the corpus and writing…", "italic"))

    def _request(self) -> WriteRequest | None:
        """The change the form asks for; None when it changes nothing."""
        typed = self.typed
        if self.claim is None:
            fields = typed_fields(typed)
            file = typed["file"].strip()
            return WriteRequest(
                lambda writer: writer.add_claim(file, fields),
                fields["id"],
                done=self._written,
                refused=self._refused,
            )
        claim_id = self.claim.id
        changes = claim_changes(self.claim, typed)
        if not changes:
            return None
        return WriteRequest(
            lambda writer: writer.update_claim(claim_id, changes),
            claim_id,
            done=self._written,
            refused=self._refused,
        )

    def _written(self, change: Change) -> None:
        self.saving = False
        self.dismiss(change)

    def _refused(self, reason: str) -> None:
        """The writer would not write it (a quote not in its source, say): why, in its words,
        and the form stays open to fix it."""
        self.saving = False
        self._status(plain(reason, "bold red"))

    def _status(self, text: Text) -> None:
        self.query_one("#claim-form-status", Static).update(text)

    # Closing

    def action_close(self) -> None:
        if self.saving:
            return  # the write finishes and closes the form
        if not self.changed:
            self.dismiss(None)
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.action_save()
            elif answer == "discard":
                self.dismiss(None)

        self.app.push_screen(DiscardNote("Discard this claim?"), answered)
