"""The editor's desk: the claims awaiting sign-off, disputes first, and for the one selected
every reviewer's verdict, note and cited evidence side by side, as Prodigy's review step shows
annotators' answers. The editor gives the final verdict (1-9), writes the published rationale
(n), or sends the claim back to its reviewers with a comment (b). Enter closes it on that claim,
selected on the review screen with its evidence, to be read in full; escape there comes back.

It works on the review screen's session: the same review file, store and undo stack (u), and
every change is on disk before its key press is over, as on the review screen."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, HorizontalScroll, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from factcheck.app.screens.note import NoteEditor
from factcheck.app.screens.reason import ReasonDialog
from factcheck.app.text import one_line, plain
from factcheck.app.widgets.claim_detail import rate_keys, verdict_badge, when, workflow_line
from factcheck.app.widgets.keys_footer import KeysFooter
from factcheck.corpus.model import Claim
from factcheck.reviews.session import NotAnEditorError, ReviewSession
from factcheck.reviews.workflow import State

if TYPE_CHECKING:
    from factcheck.app.screens.review import ReviewScreen


class DeskScreen(Screen[str | None]):
    """Sign-off, one claim at a time. The list is the claims awaiting sign-off; a claim signed
    off or sent back stays in it, marked, until the desk is opened again, so the editor can
    still write its rationale or take the step back (u). Dismissed with the id of the claim
    to read on the review screen (enter), None to go back to where that screen was."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "rate(1)", "Final verdict", key_display="1-9", id="desk-rate"),
        *(
            Binding(str(key), f"rate({key})", show=False, id=f"desk-rate-{key}")
            for key in range(2, 10)
        ),
        Binding("n", "rationale", "Rationale", id="desk-rationale"),
        Binding("b", "send_back", "Send back", id="desk-send-back"),
        Binding("j,down", "move(1)", "Next", key_display="j/k", id="desk-next"),
        Binding("k,up", "move(-1)", show=False, id="desk-previous"),
        Binding("u", "undo", "Undo", id="desk-undo"),
        # Priority: the list's own enter (select, not shown) hid this one from the footer.
        Binding(
            "enter", "read", "Read in full", key_display="enter", priority=True, id="desk-read"
        ),
        Binding("left", "scroll_reviews(-1)", show=False, id="desk-scroll-left"),
        Binding("right", "scroll_reviews(1)", show=False, id="desk-scroll-right"),
        Binding("escape,D", "close", "Back", id="desk-close"),
        Binding("question_mark", "help", "Help", key_display="?", id="desk-help"),
    ]

    def __init__(
        self,
        review: ReviewScreen,
        highlight: str | None = None,
        awaiting: list[Claim] | None = None,
    ) -> None:
        """`awaiting`: the claims awaiting sign-off, when the caller has just found them."""
        super().__init__()
        self.review = review
        self.session: ReviewSession = review.session
        self.claims: list[Claim] = (
            awaiting if awaiting is not None else self.session.awaiting_sign_off()
        )
        self._awaiting: set[str] = {claim.id for claim in self.claims}
        """The listed claims that await sign-off now: what the header counts."""
        self._highlight = highlight
        """The claim to highlight on opening (the one the editor went to read), if listed."""
        # The footer shows the keys this scale rates with ('1-7'), as the review screen's does.
        keys = rate_keys(self.session.corpus.scale)
        if keys:
            self._bindings.key_to_bindings["1"] = [
                replace(binding, key_display=keys) if binding.id == "desk-rate" else binding
                for binding in self._bindings.key_to_bindings["1"]
            ]

    @property
    def options(self) -> OptionList:
        return self.query_one("#desk-claims", OptionList)

    @property
    def selected(self) -> Claim | None:
        index = self.options.highlighted
        return self.claims[index] if index is not None and self.claims else None

    def compose(self) -> ComposeResult:
        yield Static(id="desk-header")
        with Horizontal(id="desk-body"):
            yield OptionList(id="desk-claims")
            with Vertical(id="desk-right"):
                with VerticalScroll(id="desk-claim-scroll"):
                    yield Static(id="desk-claim")
                yield HorizontalScroll(id="desk-reviews")
                yield Static(id="desk-final")
        yield KeysFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._show_header()
        self._list(self._highlight)
        self.options.focus()

    def _list(self, highlight: str | None) -> None:
        """Fill the list from `claims`, `highlight` highlighted when it is listed."""
        self.options.clear_options()
        # `_awaiting` was just computed: those claims' state is known, not asked again per row.
        self.options.add_options(
            [self._option(claim, claim.id in self._awaiting) for claim in self.claims]
        )
        if self.claims:
            ids = [claim.id for claim in self.claims]
            self.options.highlighted = ids.index(highlight) if highlight in ids else 0
        else:
            self.review.clock_on(None)  # no claim on the desk: no claim's time
            self.query_one("#desk-claim", Static).update(
                Text("No claim awaits sign-off: none is rated by all its reviewers.", "italic")
            )
            self.query_one("#desk-reviews", HorizontalScroll).remove_children()
            self.query_one("#desk-final", Static).update("")

    def follow_disk(self) -> None:
        """Review files changed on disk (the review screen's watcher read them into the
        session): redraw the claim shown and count again. Claims that now await sign-off join
        the list (disputes first, as on opening); a listed claim that no longer does stays,
        marked with where it stands now, like one signed off here: an editor reading or
        halfway through it should not see it vanish under the cursor, and a list that
        reshuffles while one reads is hard to trust. Reopening the desk drops it."""
        selected = self.selected.id if self.selected is not None else None
        awaiting = self.session.awaiting_sign_off()
        self._awaiting = {claim.id for claim in awaiting}
        by_id = self.session.corpus.claims_by_id
        kept = [
            by_id[claim.id]
            for claim in self.claims
            if claim.id not in self._awaiting and claim.id in by_id
        ]
        self.claims = [*awaiting, *kept]
        self._show_header()
        self._list(selected)
        self._show(self.selected)

    def _show_header(self) -> None:
        session = self.session
        disputed = sum(1 for claim_id in self._awaiting if session.is_disputed(claim_id))
        out = Text()
        out.append("Editor's desk", "bold")
        out.append(f" · {len(self._awaiting)} awaiting sign-off, {disputed} in dispute · ")
        out.append_text(one_line(session.reviewer, "bold"))
        if not session.is_editor:
            out.append(
                "  not an editor: add yourself to editors in factcheck.yaml or pass --editor "
                "to sign off",
                "bold red",
            )
        self.query_one("#desk-header", Static).update(out)

    def _option(self, claim: Claim, awaiting: bool = False) -> Option:
        """The claim's row; `awaiting`: known to await sign-off, so its state is not asked."""
        session = self.session
        row = Text()
        if awaiting:
            row.append("⚑ " if session.is_disputed(claim.id) else "  ", "bold magenta")
            row.append_text(one_line(claim.id))
            return Option(row, id=claim.id)
        workflow = session.workflow(claim)
        state = workflow.state
        if state is State.RATED:
            row.append("⚑ " if session.is_disputed(claim.id) else "  ", "bold magenta")
        elif state in (State.SIGNED_OFF, State.PUBLISHED):
            row.append("✓ ", "bold")
        elif workflow.sent_back is not None:
            row.append("↩ ", "bold")
        else:  # changed on disk since it was listed: a verdict taken back, set aside
            row.append("· ", "bold")
        row.append_text(one_line(claim.id))
        if state is not State.RATED and not (
            state in (State.SIGNED_OFF, State.PUBLISHED) or workflow.sent_back is not None
        ):
            row.append(f" {state.value}", "dim")
        return Option(row, id=claim.id)

    @on(OptionList.OptionHighlighted, "#desk-claims")
    def _highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        # The editor's time goes to the claim on the desk, not the one behind it.
        self.review.clock_on(self.selected.id if self.selected is not None else None)
        self._show(self.selected)

    def _show(self, claim: Claim | None) -> None:
        if claim is None:
            return
        session = self.session
        text = Text()
        text.append_text(one_line(claim.id, "bold"))
        text.append("\n")
        text.append_text(plain(f"“{claim.text.strip()}”", "bold"))
        text.append("\n")
        text.append_text(plain(claim.claimant, "cyan"))
        self.query_one("#desk-claim", Static).update(text)
        columns = self.query_one("#desk-reviews", HorizontalScroll)
        columns.remove_children()
        shown = [Static(c, classes="desk-review") for c in self._columns(claim)]
        for column in shown:
            # An equal share of the pane; with too many to fit, min-width keeps each readable
            # and the pane scrolls (left / right).
            column.styles.width = f"{100 / len(shown):.4f}%"
        columns.mount_all(shown)
        own = session.review(claim.id)
        final = Text()
        final.append_text(workflow_line(session.workflow(claim)))
        final.append("\nYour verdict: ", "bold")
        if own is not None and own.verdict is not None:
            final.append_text(verdict_badge(own.verdict, session.corpus.scale))
        else:
            final.append("none yet", "italic")
        # An editor's note on the claim is the rationale published with the final verdict; a
        # reviewer who is no editor (D opens the desk to read the disputes) writes their own.
        final.append("\nPublished rationale: " if session.is_editor else "\nYour note: ", "bold")
        if own is not None and own.note:
            final.append_text(plain(own.note))
        else:
            final.append("none yet: n writes it", "italic")
        self.query_one("#desk-final", Static).update(final)

    def _columns(self, claim: Claim) -> list[Text]:
        """One column per reviewer (editors' reviews are on the desk's own line): verdict,
        note, and the quotes the verdict cites, with their stance on this claim."""
        session = self.session
        scale = session.corpus.scale
        editors = {name.casefold() for name in session.editors}
        stances = {link.quote_id: str(link.stance) for link in claim.evidence}
        columns = []
        found = sorted(session.other_files.on(claim.id), key=lambda pair: pair[0].reviewer)
        for review_file, review in found:
            if review_file.reviewer.casefold() in editors or review.time_only:
                continue
            column = Text()
            column.append_text(one_line(review_file.reviewer, "bold"))
            column.append("\n")
            if review.verdict is None:
                column.append("no verdict", "italic")
            else:
                column.append_text(verdict_badge(review.verdict, scale))
            if session.is_stale(review):
                column.append(" STALE", "bold yellow")
            column.append(f"\n{when(review.time)}", "dim")
            column.append("\n\n")
            column.append_text(plain(review.note) if review.note else Text("no note", "italic"))
            column.append("\n\nCites: ", "bold")
            if not review.cites:
                column.append("nothing", "italic")
            for quote_id in review.cites:
                quote = session.corpus.quotes.get(quote_id)
                column.append("\n• ")
                column.append_text(one_line(quote_id, "bold"))
                column.append(f" ({stances.get(quote_id, 'no longer evidence')})", "dim")
                if quote is not None:
                    column.append("\n  ")
                    column.append_text(plain(_shortened(quote.text), "italic"))
            columns.append(column)
        if not columns:
            columns.append(Text("No reviewer's verdict.", "italic"))
        return columns

    def _redraw(self, claim: Claim) -> None:
        index = self.claims.index(claim)
        self.options.replace_option_prompt_at_index(index, self._option(claim).prompt)
        if self.session.workflow(claim).state is State.RATED:
            self._awaiting.add(claim.id)
        else:
            self._awaiting.discard(claim.id)
        self._show_header()
        self._show(claim)
        self.review.refresh_claim(claim)

    # Actions

    def action_move(self, delta: int) -> None:
        if self.claims:
            current = self.options.highlighted or 0
            self.options.highlighted = max(0, min(current + delta, len(self.claims) - 1))

    def action_scroll_reviews(self, columns: int) -> None:
        """A column at a time, when the reviewers' columns do not all fit."""
        scroll = self.query_one("#desk-reviews", HorizontalScroll)
        width = max((column.outer_size.width for column in scroll.children), default=0)
        scroll.scroll_relative(x=columns * width, animate=False)

    def action_rate(self, key: int) -> None:
        claim = self.selected
        if claim is None:
            return
        if not self.session.is_editor:
            self.notify(
                "Only an editor signs off: add yourself to editors in factcheck.yaml, or open "
                "the app with --editor.",
                severity="warning",
                markup=False,
            )
            return
        self.review.rate_with_correction(claim, key, done=lambda: self._redraw(claim))

    def action_rationale(self) -> None:
        claim = self.selected
        if claim is None:
            return
        own = self.session.review(claim.id)

        def save(note: str) -> bool:
            if not self.review.write(lambda: self.session.set_note(claim, note)):
                return False
            self._redraw(claim)
            return True

        self.app.push_screen(NoteEditor(claim, own.note if own else "", save))

    def action_send_back(self) -> None:
        claim = self.selected
        if claim is None:
            return

        def save(comment: str) -> bool:
            try:
                done = self.review.write(lambda: self.session.send_back(claim, comment))
            except (ValueError, NotAnEditorError) as error:
                self.notify(str(error), severity="warning", markup=False)
                return False
            if done:
                self._redraw(claim)
                self.notify(f"{claim.id} sent back to its reviewers", markup=False)
            return done

        self.app.push_screen(
            ReasonDialog(
                f"Send {claim.id} back",
                "What should the reviewers look at again?",
                save,
                placeholder="e.g. the toll quote is from before the attack; check the date",
            )
        )

    def action_undo(self) -> None:
        claim_id = self.review.undo_rating()
        if claim_id is not None:
            claim = self.session.corpus.claims_by_id.get(claim_id)
            if claim is not None and claim in self.claims:
                self.options.highlighted = self.claims.index(claim)
                self._redraw(claim)

    def action_read(self) -> None:
        """The claim on the review screen: the list, its detail and its evidence in full."""
        if self.selected is not None:
            self.dismiss(self.selected.id)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_help(self) -> None:
        """The help: the desk's keys among the rest, and the scale the number keys give."""
        self.review.action_help()


def _shortened(words: str, limit: int = 160) -> str:
    flat = " ".join(words.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
