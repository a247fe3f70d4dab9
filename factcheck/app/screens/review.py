"""The review screen: the claim list beside the selected claim and its evidence."""

from __future__ import annotations

import gc
import threading
from collections import ChainMap
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

from factcheck.app.commands import ReviewCommands
from factcheck.app.later import AFTER_FIRST_SCREEN_SECONDS
from factcheck.app.screens.authoring import Authoring
from factcheck.app.screens.reason import ReasonDialog
from factcheck.app.threads import run_in_thread
from factcheck.app.widgets.checked_before_view import CheckedBeforeView
from factcheck.app.widgets.claim_detail import ClaimDetail, RatingBar, rate_keys, when
from factcheck.app.widgets.claim_list import ClaimList
from factcheck.app.widgets.comments_view import CommentsView
from factcheck.app.widgets.corpus_author import CorpusAuthor
from factcheck.app.widgets.corpus_watcher import CorpusReload, CorpusWatcher
from factcheck.app.widgets.evidence_list import EvidenceList
from factcheck.app.widgets.figure_conflicts import ConflictFinder, sides_by_source
from factcheck.app.widgets.header import ReviewHeader
from factcheck.app.widgets.keys_footer import KeysFooter
from factcheck.app.widgets.other_reviews import OtherReviewsView
from factcheck.app.widgets.problems_panel import ProblemsPanel
from factcheck.app.widgets.quote_checker import QuoteChecker
from factcheck.app.widgets.reviews_watcher import POLL_SECONDS, ReviewsWatcher
from factcheck.app.widgets.search_box import SearchBox
from factcheck.corpus.model import Claim, Corpus, Source
from factcheck.corpus.problems import Problem, Severity
from factcheck.quotes import Anchor
from factcheck.reviews import last_claim
from factcheck.reviews.presence import OpenElsewhere, OpenMarker
from factcheck.reviews.session import CorrectionNeeded, Filters, ReadOnlyError, ReviewSession
from factcheck.workspace import Workspace

# The screens a key opens are imported when it is first pressed: with their widgets (a
# TextArea, the report's exporters) they were a fifth of the imports before the first screen.
if TYPE_CHECKING:
    from factcheck.app.screens.desk import DeskScreen
    from factcheck.app.screens.export import ExportChoice, ExportScope
    from factcheck.corpus.suggest import PassageIndex, Quoted

_QUOTE_CHECKS = "quote-checks"
"""The worker group of QuoteChecker's checks."""


REMEMBER_EVERY_SECONDS = 2.0
"""How often the selected claim is written down as where the reviewer is, when it changed."""

SAVE_TIME_EVERY_SECONDS = 60.0
"""How often the time counted on claims is written to the review file (one write for all), so
that a killed app loses at most this much; it is written on leaving a claim and on quitting too."""

SAVE_TIME_ON_LEAVING_SECONDS = 10.0
"""Leaving a claim after this long on it writes its time at once; claims skimmed past (j held
down) wait for the next write, so moving through the list writes nothing."""


class ReviewScreen(Screen[None]):
    """Rate claims one by one; every change is on disk when its key press is handled."""

    COMMANDS: ClassVar[set[type[Provider]]] = {ReviewCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "rate(1)", "Rate", key_display="1-9", id="rate"),
        *(
            Binding(str(key), f"rate({key})", f"Rate {key}", show=False, id=f"rate-{key}")
            for key in range(2, 10)
        ),
        Binding("j", "move(1)", "Next", key_display="j/k", id="next"),
        Binding("k", "move(-1)", "Previous", show=False, id="previous"),
        Binding("right_square_bracket", "next_unrated", "Unrated", key_display="]", id="unrated"),
        Binding("n", "note", "Note", id="note"),
        # On a quote in the evidence only (see check_action): there space is free, and the
        # quote it marks is the one highlighted before the reviewer's eyes.
        Binding("space", "cite", "Cite", key_display="space", id="cite"),
        Binding("o", "toggle_others", "Others", id="others"),
        # Help before the rest: at 80 columns the footer ends about here.
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("u", "undo", "Undo", id="undo"),
        # Priority: the App runs these before it hands on the next key, so the keys typed
        # after them go where the focus now is. As widget bindings they moved the focus one
        # message later, and a fast typist's next keys went to the old place (lost, or typed
        # into the box out of order: 'hujahid' for 'mujahid').
        Binding("slash", "search", "Find", key_display="/", id="search", priority=True),
        Binding("enter", "search_done", show=False, priority=True, id="search-done"),
        Binding("escape", "search_escape", show=False, priority=True, id="search-escape"),
        Binding("escape", "clear", "Clear search/filters", show=False, id="clear"),
        Binding("p", "toggle_problems", "Problems", show=False, id="problems"),
        Binding("shift+down", "scroll_detail(3)", "Scroll claim", show=False, id="detail-down"),
        Binding("shift+up", "scroll_detail(-3)", "Scroll claim", show=False, id="detail-up"),
        Binding("m", "whole_claim", "Whole claim", show=False, id="whole-claim"),
        Binding("e", "export", "Export", id="export"),
        Binding("q", "app.quit", "Quit", id="quit"),
        # Bringing material in (see authoring.py): after Quit, so that at 80 columns the
        # footer still ends on it; the help and the palette name these keys.
        Binding("a", "add_claim", "Add claim", id="add-claim"),
        Binding("E", "edit_claim", "Edit claim", show=False, id="edit-claim"),
        Binding("S", "pick_source", "Quote a source", show=False, id="pick-source"),
        Binding("C", "comment", "Comment", show=False, id="comment"),
        # The workflow (reviews/workflow.py): named in the help and the palette.
        Binding("A", "set_aside", "Set aside", show=False, id="set-aside"),
        Binding("D", "desk", "Editor's desk", show=False, id="desk"),
        # Evidence intelligence: passages of the sources that bear on the claim.
        Binding("g", "suggest", "Suggest", id="suggest"),
    ]

    def __init__(
        self, workspace: Workspace, session: ReviewSession, poll_seconds: float = POLL_SECONDS
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.session = session
        self.problems = workspace.problems
        # The footer shows the keys this scale rates with ('1-7'), not all nine rating keys.
        self._bindings.key_to_bindings["1"] = [
            replace(binding, key_display=rate_keys(session.corpus.scale) or binding.key_display)
            if binding.id == "rate"
            else binding
            for binding in self._bindings.key_to_bindings["1"]
        ]
        self.poll_seconds = poll_seconds
        self.others_revealed = False
        """Whether the other reviewers' verdicts are shown: not until the reviewer asks."""
        self.anchors: ChainMap[str, Anchor] = ChainMap()
        """Verified here (the first map), then what the anchor cache knows, decoded a source at
        a time as claims are shown."""
        """Every quote's anchor verified so far, by quote id."""
        self.checking = True
        """Whether quote verification is still under way (it ends, or fails)."""
        self._conflicts_sought: Workspace | None = None
        """The workspace whose figures that disagree are being found, or were."""

        self._checks_waiting = False
        """A reload replaced the corpus while its quotes were being checked: the new corpus's
        checks start when those have ended (so their end is not taken for the new ones')."""
        self._open_marker: OpenMarker | None = None
        """Says to other apps that this reviewer's file is open here; removed on unmount."""
        self._selected_id: str | None = None
        """The claim selected now, kept for `_remember_selected` (also as the screen goes)."""
        self._remembered_id: str | None = None
        """The claim last written as where the reviewer is (see reviews/last_claim.py)."""
        self._search_wanted = ""
        """What the search box holds, as last seen: what the list must end up showing."""
        self._searching = False
        """Whether a search runs in the worker thread (one at a time)."""
        self.authoring = Authoring(self)
        """Adding and changing claims and evidence, and undoing that."""
        self.suggestion_index: PassageIndex | None = None
        """The index of the source texts that suggestions rank, once a suggestion worker has
        read or built it; dropped when the corpus is loaded again."""
        self.suggestion_quoted: Quoted | None = None
        """What the claims have as evidence, as the suggestions learn from it: found once every
        quote was checked, and dropped with the index (a link added or undone changes it)."""
        self._time_unsaved = False
        """The last write of time spent failed and was said: the next failure is not."""
        self._desk: DeskScreen | None = None
        """The editor's desk while it is open over this screen: told when review files change."""
        self._read_from_desk: str | None = None
        """The claim the editor came to read from the desk (enter there): escape, with no
        search or filter left to clear, goes back to the desk on it."""
        self._gone = threading.Event()
        """Set as the screen goes (the app quitting): its background work stops."""

    # Typed accessors, so handlers do not scatter queries

    @property
    def claim_list(self) -> ClaimList:
        return self.query_one(ClaimList)

    @property
    def evidence(self) -> EvidenceList:
        return self.query_one(EvidenceList)

    @property
    def search_box(self) -> Input:
        return self.query_one("#search", Input)

    @property
    def selected(self) -> Claim | None:
        return self.claim_list.selected

    @property
    def others_view(self) -> OtherReviewsView:
        return self.query_one(OtherReviewsView)

    @property
    def detail_scroll(self) -> VerticalScroll:
        return self.query_one("#detail-scroll", VerticalScroll)

    def compose(self) -> ComposeResult:
        yield ReviewHeader(id="header")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield SearchBox(placeholder="/ search claims", id="search")
                yield Static(id="search-where")
                yield ClaimList(self.session.corpus.scale, self.session.status, id="claims")
            with Vertical(id="right"):
                with VerticalScroll(id="detail-scroll"):
                    yield ClaimDetail(id="detail")
                    yield CheckedBeforeView(self.workspace, id="checked-before")
                    yield OtherReviewsView(id="others")
                    yield CommentsView(id="comments")
                yield RatingBar(id="rating")
                yield EvidenceList(id="evidence")
        yield ProblemsPanel(id="problems")
        # The palette (ctrl+p) is in help: at 80 columns its hint pushed Export and Quit off.
        yield KeysFooter(compact=True, show_command_palette=False)
        others = self.session.other_files
        yield ReviewsWatcher(
            others.root,
            others.own,
            others.signatures,
            self.poll_seconds,
            store=self.session.store,
        )
        yield QuoteChecker(self.workspace)
        watcher = CorpusWatcher(self.workspace, self.session, self.poll_seconds)
        yield watcher
        yield CorpusAuthor(watcher)

    def on_mount(self) -> None:
        corpus = self.session.corpus
        self._show_problems(self.problems)
        # Tab goes from the claim list straight to the evidence; shift+up/down scroll the detail.
        self.detail_scroll.can_focus = False
        self.claim_list.set_claims(self._visible_claims(), self._remembered_position())
        self.set_focus(self.claim_list)
        self.set_interval(REMEMBER_EVERY_SECONDS, self._remember_selected)
        self.set_interval(SAVE_TIME_EVERY_SECONDS, self.save_time)
        self.session.clock.activity()  # the clock starts with the app, on the claim shown
        self._refresh_header()
        if self.session.read_only_reason:
            self.notify(
                f"{self.session.store.relative} cannot be read, so it is kept as it is and "
                f"this session is read-only: {self.session.read_only_reason}",
                severity="error",
                timeout=15,
                markup=False,
            )
        if not corpus.claims:
            self.query_one(ClaimDetail).show_nothing_loaded(self.problems)

        self._announce_open()
        self._build_search_keys_soon()
        if (
            self.session.is_editor
            and corpus.claims
            and (awaiting := self.session.awaiting_sign_off())
        ):
            # An editor comes to sign off: the desk first, the claims one key (escape) away.
            self.call_after_refresh(self.action_desk, awaiting)

    def _build_search_keys_soon(self) -> None:
        """The search keys (0.5 s of CPU at 10,000 claims) are built in a thread a moment after
        the claims are shown: built at once, they shared the GIL with the first keys pressed on
        the first screen. A search typed before they are built builds them in its worker."""

        def build() -> None:
            run_in_thread(
                self,
                lambda: self.session.prepare_search(self._gone),
                name="building the search keys",
                description="the search keys of every claim",
                group="search-keys",
            )

        self.set_timer(AFTER_FIRST_SCREEN_SECONDS, build)

    @on(QuoteChecker.Checked)
    def _checks_arrived(self, message: QuoteChecker.Checked) -> None:
        if isinstance(message.anchors, dict):
            self.anchors.update(message.anchors)  # a batch verified now
        else:
            self.anchors.maps.append(message.anchors)  # the cache's, not decoded until shown
        claim = self.selected
        if claim and any(link.quote_id in message.anchors for link in claim.evidence):
            self.evidence.update_anchors(self.anchors, self.checking)
            self._show_rating(claim)  # a cited quote may turn out not to verify

    @property
    def _taken_down(self) -> bool:
        """Whether the screen is being taken down (the app quitting), its widgets going one by
        one: a worker that ends then must touch nothing (a MountError, or a NoMatches for a
        widget already gone, turned a quit into exit code 1). The tests Textual itself makes
        before a mount."""
        return self.app._closing or self._closing or self._pruning or not self.is_attached

    def verification_ended(self) -> None:
        """Quote verification stopped (done or failed): a quote still without an anchor is
        shown as not verified, not as 'checking…' forever."""
        if self._taken_down:
            return  # the checks ended with the screen, which can show and mount nothing now
        if self._checks_waiting:
            # The checks of the corpus a reload replaced have ended: the new one's begin.
            self._checks_waiting = False
            self.mount(QuoteChecker(self.workspace))
            self._build_search_keys_soon()
            return
        self.checking = False
        self.evidence.update_anchors(self.anchors, self.checking)
        self._show_rating(self.selected)
        self._seek_conflicts()

    def _seek_conflicts(self) -> None:
        """Find the figures that disagree between this corpus's sources, once per corpus, after
        its quotes are verified: a disagreement is shown on the quotes whose passage it is in."""
        if self._conflicts_sought is self.workspace:
            return
        self._conflicts_sought = self.workspace
        for finder in self.query(ConflictFinder):
            finder.remove()
        self.mount(ConflictFinder(self.workspace))

    @on(ConflictFinder.Found)
    def _conflicts_found(self, message: ConflictFinder.Found) -> None:
        if message.workspace is not self.workspace:
            return  # found in a corpus a reload has replaced since
        self.evidence.show_conflicts(sides_by_source(message.conflicts))

    # Showing

    def _visible_claims(self) -> list[Claim]:
        claims = self.session.corpus.claims
        return [claims[index] for index in self.session.visible]

    def _refresh_header(self) -> None:
        rated, total, stale = self.session.progress()
        showing = []
        if self.session.query.strip():
            showing.append(f"search: {len(self.session.visible):,} found")
        if self.session.filters.active:
            showing.append(f"filter: {self.session.filters.describe()}")
        self.query_one(ReviewHeader).show(
            title=self.session.corpus.title,
            reviewer=self.session.reviewer,
            rated=rated,
            total=total,
            stale=stale,
            showing=" · ".join(showing),
            read_only=self.session.read_only_reason is not None,
        )

    def _show_rating(self, claim: Claim | None) -> None:
        review = self.session.review(claim.id) if claim else None
        stale = review is not None and self.session.is_stale(review)
        bar = self.query_one(RatingBar)
        if claim is None:
            bar.update("")
        else:
            warnings = self.session.citation_warnings(claim, self.anchors)
            bar.show(
                self.session.corpus.scale,
                review,
                stale,
                warnings,
                self.session.workflow(claim),
            )

    def _show_review(self, claim: Claim | None) -> None:
        """The reviewer's review of the claim changed: the rating bar and the cited marks."""
        self._show_rating(claim)
        review = self.session.review(claim.id) if claim else None
        self.evidence.mark_cited(review.cites if review else ())

    @on(ClaimList.Highlighted)
    def _claim_highlighted(self, event: ClaimList.Highlighted) -> None:
        self._selected_id = event.claim.id if event.claim is not None else None
        if self.query_one(ClaimDetail).shown is not event.claim or event.claim is None:
            self._show_claim(event.claim)

    def _show_claim(self, claim: Claim | None) -> None:
        self.clock_on(claim.id if claim is not None else None)
        if self.session.corpus.claims:
            self.query_one(ClaimDetail).show(self.session.corpus, claim)
        else:
            self.query_one(ClaimDetail).show_nothing_loaded(self.problems)
        self._show_rating(claim)
        self._show_others(claim)
        self._show_comments(claim)
        self.query_one(CheckedBeforeView).show(claim.id if claim is not None else None)
        self._show_where_found(claim)
        self.detail_scroll.scroll_home(animate=False)
        review = self.session.review(claim.id) if claim else None
        cited = review.cites if review else ()
        self.evidence.show(self.session.corpus, claim, self.anchors, self.checking, cited)

    def _show_others(self, claim: Claim | None) -> None:
        session = self.session
        self.others_view.show(
            session.corpus.scale,
            session.other_reviews(claim) if claim else [],
            session.other_files.unreadable,
            self.others_revealed,
        )

    # Time spent: the clock runs for the claim shown (app.py tells it of keys, focus, suspend)

    def clock_on(self, claim_id: str | None) -> None:
        """The claim the reviewer works on is now `claim_id`: the one selected here, or the
        one on the editor's desk while it is open."""
        clock = self.session.clock
        left = clock.claim_id
        if claim_id == left:
            return
        clock.show(claim_id)
        if left is not None and clock.pending(left) >= SAVE_TIME_ON_LEAVING_SECONDS:
            self.save_time([left])

    def save_time(self, claim_ids: list[str] | None = None) -> None:
        """Write the time counted on `claim_ids` (default: every claim with some): one write.
        A failure is said once; the seconds wait for the next write."""
        try:
            self.session.save_time(claim_ids)
        except OSError as error:
            if not self._time_unsaved:
                self._time_unsaved = True
                self.notify(
                    f"Time spent on claims not saved: {error}", severity="warning", markup=False
                )
        else:
            self._time_unsaved = False

    # Comments: a thread on each claim (reviews/comments.py), shown under the claim

    def _show_comments(self, claim: Claim | None) -> None:
        board = self.session.comment_board
        thread = self.session.thread(claim) if claim is not None else []
        self.query_one(CommentsView).show(thread, board.unreadable)

    def action_comment(self) -> None:
        claim = self.selected
        if claim is None:
            return

        def save(text: str) -> bool:
            try:
                self.session.add_comment(claim, text)
            except ValueError as error:
                self.notify(f"Not added: {error}", severity="warning", markup=False)
                return False
            except OSError as error:  # PermissionError and a held lock are OSErrors
                self.notify(f"Not saved: {error}", severity="error", markup=False, timeout=15)
                return False
            if self.selected is claim:
                self._show_comments(claim)
            self.notify(f"Comment added to {claim.id}", markup=False)
            return True

        from factcheck.app.screens.comment import CommentEditor

        self.app.push_screen(CommentEditor(claim, save))

    # Where the reviewer was: the claim selected at quit is selected again on the next open

    def _remembered_position(self) -> int:
        session = self.session
        claim_id = last_claim.recall(
            self.workspace.cache_dir, session.corpus.root, session.reviewer
        )
        self._remembered_id = claim_id
        position = session.position_of(claim_id) if claim_id is not None else None
        return position or 0

    def _remember_selected(self) -> None:
        """Write the selected claim down when it changed: every few seconds (so a killed app
        loses little) and as the screen goes, not on every key press."""
        claim_id = self._selected_id
        if claim_id is None or claim_id == self._remembered_id:
            return
        session = self.session
        last_claim.remember(
            self.workspace.cache_dir, session.corpus.root, session.reviewer, claim_id
        )
        self._remembered_id = claim_id

    def _select(self, position: int) -> None:
        """Move the cursor and show the claim in the same frame; the list's Highlighted
        message comes a frame later and then finds the claim already shown."""
        self.claim_list.cursor = position
        self._show_claim(self.selected)

    @on(ClaimList.Chosen)
    def _claim_chosen(self) -> None:
        self.evidence.focus()

    @on(EvidenceList.Open)
    def _open_source(self, event: EvidenceList.Open) -> None:
        self.open_source(event.item.source, claim=self.selected, quote_id=event.item.quote.id)

    def open_source(
        self, source: Source, *, claim: Claim | None, quote_id: str | None = None
    ) -> None:
        """The source text, the quote (if any) highlighted; passages selected there are quoted
        as evidence of `claim`."""
        from factcheck.app.screens.source import SourceScreen

        screen = SourceScreen(
            self.session.corpus,
            source,
            self.anchors,
            quote_id=quote_id,
            claim=claim,
            authoring=self.authoring,
        )
        self.app.push_screen(screen)

    def _changed(self, claim: Claim) -> None:
        """A rating or note changed: redraw what shows it."""
        position = self.session.position_of(claim.id)
        if position is not None:
            self.claim_list.refresh_row(position)
        if self.selected is claim:
            self._show_review(claim)
        self._refresh_header()

        # The write merged in what another process wrote since: show that too.
        self._show_outside_changes(self.session.take_outside_changes())

    # The corpus, changed on disk

    def _show_problems(self, problems: list[Problem]) -> None:
        self.problems = problems
        serious = [p for p in problems if p.severity is not Severity.INFO]
        panel = self.query_one(ProblemsPanel)
        panel.display = bool(serious)
        if serious:
            panel.show(serious)

    @on(CorpusWatcher.Reloaded)
    def _corpus_reloaded(self, event: CorpusWatcher.Reloaded) -> None:
        reload = event.reload
        if reload.workspace.signatures == self.workspace.signatures:
            return  # the files on screen already: the app's own write, seen by a poll too
        if not reload.verdict.take:
            self._show_problems(reload.workspace.problems)
            self.notify(
                f"The corpus changed on disk, but {reload.verdict.why_not}: it is shown as it "
                "was. Fix it (the problems are listed below) and save; the app reloads when it "
                "changes.",
                severity="error",
                timeout=15,
                markup=False,
            )
            return
        self.take_reload(reload)
        if not self.query_one(CorpusAuthor).busy:  # else it is (most likely) the app's own write
            self.notify("The corpus changed on disk: reloaded", markup=False)

    def take_reload(self, reload: CorpusReload, keep_id: str | None = None) -> None:
        """Show the corpus as reloaded, with the claim `keep_id` selected (default: the claim
        selected now, by id). A reload that may not replace the corpus shows its problems."""
        if not reload.verdict.take:
            self._show_problems(reload.workspace.problems)
            return
        assert reload.prepared is not None  # prepared whenever it is taken
        selected_id = self.selected.id if self.selected is not None else None
        self.workspace = reload.workspace
        self.session.replace_corpus(reload.prepared)
        self.suggestion_index = None  # a source text may have changed: read it (cached) again
        self.suggestion_quoted = None
        self._restart_quote_checks()
        self._show_problems(reload.workspace.problems)
        # The claim asked for (gone when its adding was undone), else the same claim, by id.
        claims = self.session.corpus.claims_by_id
        keep = claims.get(keep_id or "") or claims.get(selected_id or "")
        self._relist(keep)
        # As at start: the new corpus's objects live as long as the app, and without this each
        # full garbage collection walks them all.
        gc.freeze()

    def _restart_quote_checks(self) -> None:
        """Check the reloaded corpus's quotes (the anchor cache answers at once for those that
        did not change); the old checks are cancelled, and the new start once they end."""
        self.anchors = ChainMap()
        self.checking = True
        self.evidence.show_conflicts({})  # found again once the new corpus's quotes are checked
        old_checks_running = any(
            worker.group == _QUOTE_CHECKS and not worker.is_finished for worker in self.app.workers
        )
        self.query_one(QuoteChecker).remove()  # its unmount cancels its checks
        if old_checks_running or self._checks_waiting:
            self._checks_waiting = True
        else:
            self.mount(QuoteChecker(self.workspace))
            self._build_search_keys_soon()

    # The reviewer's own file, written by another process too

    def _announce_open(self) -> None:
        """Mark the reviewer's file as open here, and warn if another app has it open: both
        save, but each shows its own ratings until its poll reads the other's."""
        self._open_marker, elsewhere = OpenMarker.announce(
            self.session.corpus.root, self.session.reviewer
        )
        if elsewhere:
            self.notify(
                _open_elsewhere_warning(self.session.reviewer, elsewhere),
                title="Open in another window",
                severity="warning",
                timeout=20,
                markup=False,
            )

    def on_unmount(self) -> None:
        self._gone.set()
        self._remember_selected()
        self.save_time()
        if self._open_marker is not None:
            self._open_marker.remove()

    @on(ReviewsWatcher.OwnChanged)
    def _own_reviews_changed(self, event: ReviewsWatcher.OwnChanged) -> None:
        was_read_only = self.session.read_only_reason
        changed = self.session.apply_own_file_change(event.change)
        reason = self.session.read_only_reason
        if reason is not None and reason != was_read_only:
            self._refresh_header()
            self.notify(
                f"{self.session.store.relative} changed on disk and cannot be read now, so "
                f"nothing is saved until it can: {reason}",
                severity="error",
                timeout=15,
                markup=False,
            )
        elif was_read_only is not None and reason is None:
            self._refresh_header()
            self.notify(f"{self.session.store.relative} reads again: saving resumes", markup=False)
        self._show_outside_changes(changed)

    def _show_outside_changes(self, changed: set[str]) -> None:
        """Another process changed these claims' reviews in the reviewer's own file: redraw
        what shows them, and say so."""
        if not changed:
            return
        if self.session.filters.disputed:
            self._relist(keep=self.selected)
        else:
            self.claim_list.refresh()  # rows are cached by what they show: only these redraw
            self._show_review(self.selected)
            self._show_others(self.selected)
            self._refresh_header()
        if self._desk is not None:
            self._desk.follow_disk()
        self.notify("Your reviews changed on disk (another window?): reloaded", markup=False)

    # Other reviewers

    def action_toggle_others(self) -> None:
        self.others_revealed = not self.others_revealed
        self.query_one("#right").set_class(self.others_revealed, "-others")
        self._show_others(self.selected)
        if self.others_revealed:
            # After the layout that makes room for them: at 80x24 a long claim fills the pane.
            self.call_after_refresh(
                self.detail_scroll.scroll_to_widget, self.others_view, animate=False, top=True
            )

    @on(ReviewsWatcher.Changed)
    def _reviews_changed(self, event: ReviewsWatcher.Changed) -> None:
        changes = event.changes
        self.session.apply_review_changes(changes)
        if self.session.filters.disputed:
            self._relist(keep=self.selected)
        else:
            self._show_others(self.selected)
        if self._desk is not None:
            self._desk.follow_disk()  # the desk has no poll of its own: this one tells it
        readable = sorted({f.reviewer for f in changes.files.values() if f.unreadable is None})
        if readable:
            self.notify(f"Reviews by {', '.join(readable)} reloaded", markup=False)
        for broken in (f for f in changes.files.values() if f.unreadable is not None):
            self.notify(
                f"{broken.relative} changed and cannot be read now: {broken.unreadable}",
                severity="warning",
                markup=False,
            )
        if changes.removed:
            self.notify(f"Removed: {', '.join(changes.removed)}", markup=False)

    # Actions

    def action_scroll_detail(self, lines: int) -> None:
        # Immediate: keys pressed fast would each start from the same, not yet moved, place.
        self.detail_scroll.scroll_relative(y=lines, animate=False, immediate=True)

    def action_whole_claim(self) -> None:
        """A claim cut short in the pane (see app/long_text.py), shown whole."""
        detail = self.query_one(ClaimDetail)
        if not detail.show_whole(self.session.corpus):
            self.notify("The whole claim is shown.", timeout=2)

    def action_move(self, delta: int) -> None:
        claims = self.claim_list.claims
        if claims:
            self._select(max(0, min(self.claim_list.cursor + delta, len(claims) - 1)))

    def action_rate(self, key: int) -> None:
        claim = self.selected
        if claim is None:
            return
        verdict = self.session.corpus.scale.by_key(key)
        if verdict is None:
            self.notify(f"The scale has no verdict on key {key}.", severity="warning")
            return
        self.rate_with_correction(claim, key, done=lambda: None)

    def rate_with_correction(self, claim: Claim, key: int, done: Callable[[], None]) -> None:
        """Rate `claim` (the review screen's keys and the desk's); `done` once on disk. A
        published verdict changed by an editor asks for the correction note first, in a dialog
        that stays open until the rating and its note are on disk."""
        before = self.session.review(claim.id)
        # Synchronous on purpose: the rating is on disk before this key press is done.
        try:
            written = self._write(lambda: self.session.rate(claim, key))
        except CorrectionNeeded as needed:
            self._ask_correction(claim, key, needed, done)
            return
        if written:
            self._changed(claim)
            done()
            if before is not None and before.set_aside:
                # A verdict takes the claim out of 'set aside': said, since the reason goes.
                self.notify(
                    f"{claim.id} is no longer set aside ({before.set_aside}); u takes the "
                    "verdict back",
                    markup=False,
                )

    def _ask_correction(
        self, claim: Claim, key: int, needed: CorrectionNeeded, done: Callable[[], None]
    ) -> None:
        def save(note: str) -> bool:
            try:
                written = self._write(lambda: self.session.rate(claim, key, correction=note))
            except CorrectionNeeded:
                self.notify("A correction needs a note for the readers.", severity="warning")
                return False
            if written:
                self._changed(claim)
                done()
                self.notify(f"{claim.id}: corrected to {needed.new}", markup=False)
            return written

        self.app.push_screen(
            ReasonDialog(
                f"Correct {claim.id}",
                f"Published as {needed.published}; now {needed.new}. The correction note, "
                "published with the report: what changed, and why?",
                save,
                placeholder="e.g. a later count by the UN raised the toll",
            )
        )

    def write(self, change: Callable[[], object]) -> bool:
        """Make a change of the reviewer's file; False (and the reason on screen) when it was
        not saved. For the screens this one opens (the desk)."""
        return self._write(change)

    def refresh_claim(self, claim: Claim) -> None:
        """A rating or note of `claim` changed on another screen: redraw what shows it."""
        self._changed(claim)

    def undo_rating(self) -> str | None:
        """`u` from the desk: the id of the claim undone, None when nothing was."""
        if self.session.edit_to_undo is not None:
            self.notify("The newest change is to the corpus files: undo it on the claims screen.")
            return None
        if not self.session.can_undo:
            self.notify("Nothing to undo.")
            return None
        undone: list[str | None] = []
        if not self._write(lambda: undone.append(self.session.undo())) or not undone[0]:
            return None
        claim = self.session.corpus.claims_by_id.get(undone[0])
        if claim is not None:
            self._changed(claim)
        self.notify(f"Undone: the last change to {undone[0]}", markup=False)
        return undone[0]

    def action_cite(self) -> None:
        """Mark the highlighted quote as one the verdict rests on, or unmark it."""
        claim, item = self.selected, self.evidence.selected_item
        if claim is None or item is None:
            return
        # Synchronous on purpose, as a rating: the mark is on disk before this key press is done.
        if self._write(lambda: self.session.toggle_cite(claim, item.quote.id)):
            self._changed(claim)

    def action_note(self) -> None:
        claim = self.selected
        if claim is None:
            return
        review = self.session.review(claim.id)

        def save(note: str) -> bool:
            # Called by the editor, which stays open with the text when this fails.
            if not self._write(lambda: self.session.set_note(claim, note)):
                return False
            self._changed(claim)
            return True

        from factcheck.app.screens.note import NoteEditor

        self.app.push_screen(NoteEditor(claim, review.note if review else "", save))

    def action_undo(self) -> None:
        if not self.session.can_undo:
            self.notify("Nothing to undo.")
            return
        if self.authoring.undo():
            return  # a change to the corpus files: the writer undoes it off the UI thread
        undone: list[str | None] = []
        if not self._write(lambda: undone.append(self.session.undo())) or not undone[0]:
            return
        claim = self.session.corpus.claims_by_id[undone[0]]
        position = self.session.position_of(claim.id)
        if position is not None:
            self._select(position)
        self._changed(claim)
        self.notify(f"Undone: the last change to {claim.id}", markup=False)

    def _write(self, change: object) -> bool:
        assert callable(change)
        try:
            change()
        except ReadOnlyError as error:
            self.notify(str(error), severity="error", markup=False)
            self._refresh_header()
            return False
        except OSError as error:
            self.notify(f"Not saved: {error}", severity="error", markup=False, timeout=15)
            self._refresh_header()
            return False
        return True

    def action_next_unrated(self) -> None:
        """`]`: the next claim of this reviewer's queue (assigned to them and waiting on them);
        for a reviewer with nothing assigned, the next claim they have not rated."""
        position, by_assignment = self.session.next_in_queue(self.claim_list.cursor)
        if position is not None:
            self._select(position)
        elif by_assignment:
            self.notify("Nothing assigned to you waits on you among the claims shown.")
        else:
            self.notify("Every claim shown is rated, none stale.")

    def action_set_aside(self) -> None:
        """Set the claim aside with a reason (no verdict needed); an empty reason takes it
        back. On disk when enter is pressed, undone with u."""
        claim = self.selected
        if claim is None:
            return
        review = self.session.review(claim.id)
        current = review.set_aside if review is not None else ""

        def save(reason: str) -> bool:
            if not reason.strip() and not current:
                self.notify("Give a reason to set the claim aside.", severity="warning")
                return False
            if not self._write(lambda: self.session.set_aside(claim, reason)):
                return False
            self._changed(claim)
            said = "taken back" if not reason.strip() else "set aside"
            self.notify(f"{claim.id}: {said}", markup=False)
            return True

        question = (
            "Why is it set aside? (empty: take it back)" if current else "Why is it set aside?"
        )
        self.app.push_screen(
            ReasonDialog(
                f"Set aside {claim.id}",
                question,
                save,
                text=current,
                placeholder="e.g. not a checkable claim; duplicate of another",
            )
        )

    def action_desk(self, awaiting: list[Claim] | None = None) -> None:
        """The editor's desk; `awaiting`: the claims awaiting sign-off, when just found."""
        from factcheck.app.screens.desk import DeskScreen

        def back(read: str | None) -> None:
            self._desk = None
            if read is not None:  # enter on the desk: that claim, to read in full
                self._read_from_desk = read
                self.show_claim(read)
            # The time is the selected claim's again.
            self.clock_on(self.selected.id if self.selected is not None else None)

        self._desk = DeskScreen(self, highlight=self._read_from_desk, awaiting=awaiting)
        self._read_from_desk = None
        self.app.push_screen(self._desk, back)

    def show_claim(self, claim_id: str) -> None:
        """Select the claim in the list, with its detail and evidence; a search or filter that
        hides it is cleared, and that is said."""
        session = self.session
        claim = session.corpus.claims_by_id.get(claim_id)
        if claim is None:
            self.notify(f"{claim_id} is no longer in the corpus.", severity="warning")
            return
        position = session.position_of(claim_id)
        if position is None:
            cleared = []
            if session.query or self.search_box.value:
                cleared.append("search")
                self._search_wanted = ""  # a search still running for the old query is dropped
                self.search_box.value = ""
                session.set_query("")
            if session.filters.active:
                cleared.append("filters")
                session.set_filters(Filters())
            self._relist(keep=claim)
            position = session.position_of(claim_id)
            said = " and ".join(cleared).capitalize() or "The list"
            self.notify(f"{said} cleared to show {claim_id}", markup=False)
        if position is not None:
            self._select(position)
        self.set_focus(self.claim_list)

    # Search. The box is only ever written by the keys typed into it (and emptied by escape):
    # the app never puts text into it while one types. A search costly enough to hold up the
    # keys typed after it (10,000 claims: 20-40 ms for a first answer, 70-250 ms in full) runs
    # in a worker thread, one at a time; keys typed meanwhile only change what is searched
    # next, and an answer for a query no longer in the box is dropped.

    class SearchDone(Message):
        """A search in the worker thread has an answer (None: it failed, and the app's
        worker handler says why)."""

        def __init__(
            self, query: str, found: list[int] | None, corpus: Corpus, *, thorough: bool
        ) -> None:
            super().__init__()
            self.query = query
            self.found = found
            self.corpus = corpus
            """The corpus searched: `found` indexes its claims. A reload from disk may have
            replaced it meanwhile; then the answer is dropped."""
            self.thorough = thorough
            """False for the quick first answer; the thorough one follows."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_search_box = self.focused is not None and self.focused.id == "search"
        if action == "search":
            return not in_search_box  # there, '/' is a character to search for
        if action in ("search_done", "search_escape"):
            return in_search_box
        if action == "cite":
            return isinstance(self.focused, EvidenceList)  # asked before it is mounted too
        return True

    def action_search(self) -> None:
        self.set_focus(self.search_box)

    def action_search_done(self) -> None:
        """Enter in the search box: keep what it found, go to the list."""
        self.set_focus(self.claim_list)

    def action_search_escape(self) -> None:
        self.action_clear()

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self._search_wanted = event.value
        if event.value == self.session.query:
            # Escape already cleared the search and kept the selected claim; relisting here,
            # a message later, would move the cursor back to the first claim.
            return
        if not self.session.search_is_costly:
            self.session.set_query(event.value)
            self._relist(keep=None)
        elif not self._searching:
            self._search_in_worker(event.value)

    def _search_in_worker(self, query: str) -> None:
        self._searching = True
        run_in_thread(self, lambda: self._find_in_thread(query), name="search", group="search")

    def _find_in_thread(self, query: str) -> None:
        # Read before searching: if a reload replaces the corpus during the search, the answer
        # is tagged with the old one and dropped, whichever corpus it came from.
        corpus = self.session.corpus
        found = None
        try:
            quick = self.session.search(query, thorough=False)
            self.post_message(self.SearchDone(query, quick, corpus, thorough=False))
            found = self.session.search(query)
        finally:
            self.post_message(self.SearchDone(query, found, corpus, thorough=True))

    @on(SearchDone)
    def _search_done(self, message: SearchDone) -> None:
        if message.thorough:
            self._searching = False
        current = message.corpus is self.session.corpus
        if message.found is not None and current and message.query == self._search_wanted:
            # The thorough answer keeps the claim the reader moved to in the quick one.
            keep = self.selected if message.thorough else None
            self.session.show_found(message.query, message.found)
            self._relist(keep=keep)
        if not self._searching and self._search_wanted != self.session.query:
            self._search_in_worker(self._search_wanted)  # typed on while that one ran

    def _show_where_found(self, claim: Claim | None) -> None:
        """Under the search box: where the search matched the selected claim."""
        label = self.query_one("#search-where", Static)
        label.display = bool(self.session.query.strip())
        where = self.session.where_found(claim) if claim is not None else None
        label.update(Text(f"found in {where}", "italic") if where else "")

    def action_clear(self) -> None:
        """Escape: leave the search box, then clear the search, then the filters."""
        if self.search_box.has_focus and self.search_box.value:
            self.set_focus(self.claim_list)
            return
        if self.session.query or self.search_box.has_focus:
            self._search_wanted = ""  # a search still running for the old query is dropped
            self.search_box.value = ""
            self.session.set_query("")
            self._relist(keep=self.selected)
            self.set_focus(self.claim_list)
        elif self.session.filters.active:
            self.apply_filters(Filters())
        elif self._read_from_desk is not None:
            self.action_desk()  # came from the desk to read a claim: back to it

    def apply_filters(self, filters: Filters) -> None:
        self.session.set_filters(filters)
        self._relist(keep=self.selected)
        if not self.session.visible:
            self.notify("No claim passes this filter.", severity="warning")

    def _relist(self, keep: Claim | None) -> None:
        position = self.session.position_of(keep.id) if keep else None
        self.claim_list.set_claims(self._visible_claims(), position or 0)
        self._show_claim(self.selected)  # in this frame, not after the list's message
        self._refresh_header()

    def action_toggle_problems(self) -> None:
        panel = self.query_one(ProblemsPanel)
        panel.display = not panel.display and any(
            p.severity is not Severity.INFO for p in self.problems
        )

    def action_export(self) -> None:
        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self._export(choice)

        from factcheck.app.screens.export import ExportDialog

        self.app.push_screen(ExportDialog(self.session.corpus.root, self._export_scope()), chosen)

    def _export_scope(self) -> ExportScope:
        """The claims the list shows, which the export writes unless told to write all."""
        session = self.session
        narrowed_by = []
        if session.query.strip():
            narrowed_by.append(f"search: {session.query.strip()}")
        if session.filters.active:
            narrowed_by.append(f"filter: {session.filters.describe()}")
        from factcheck.app.screens.export import ExportScope

        return ExportScope(
            tuple(claim.id for claim in self._visible_claims()),
            len(session.corpus.claims),
            " · ".join(narrowed_by),
        )

    def _export(self, choice: ExportChoice) -> None:
        run_in_thread(
            self, lambda: self._write_report(choice), name="export", group="export", exclusive=True
        )

    def _write_report(self, choice: ExportChoice) -> None:
        """In a worker thread: build and write the report, then say what happened."""
        from factcheck.app.screens.export import write_report

        try:
            said = write_report(self.workspace, self.session, choice)
        except (OSError, ValueError) as error:
            self.app.call_from_thread(
                self.notify, f"Export failed: {error}", severity="error", markup=False
            )
            return
        self.app.call_from_thread(self.notify, said, markup=False, timeout=8)

    def action_help(self) -> None:
        from factcheck.app.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.session.corpus.scale, self.session.store.path))

    # Bringing material in: claims and evidence written by the corpus writer (see authoring.py)

    def action_add_claim(self) -> None:
        self.authoring.add_claim()

    def action_edit_claim(self) -> None:
        self.authoring.edit_claim()

    def action_pick_source(self) -> None:
        self.authoring.pick_source()

    def action_suggest(self) -> None:
        """The passages of the sources that bear on the selected claim (see suggestions.py)."""
        claim = self.selected
        if claim is None:
            self.notify("Select a claim first: suggestions are for a claim.")
            return
        # Imported here: the ranking brings numpy and bm25s, 0.15 s before the first screen.
        from factcheck.app.screens.suggestions import SuggestionsScreen

        self.app.push_screen(SuggestionsScreen(self, claim))

    @on(EvidenceList.StanceChosen)
    def _stance_chosen(self, event: EvidenceList.StanceChosen) -> None:
        if self.selected is not None:
            self.authoring.set_stance(self.selected, event.item, event.stance)

    @on(EvidenceList.UnlinkChosen)
    def _unlink_chosen(self, event: EvidenceList.UnlinkChosen) -> None:
        if self.selected is not None:
            self.authoring.unlink(self.selected, event.item)

    @on(CorpusAuthor.Written)
    def _corpus_written(self, message: CorpusAuthor.Written) -> None:
        self.authoring.written(message)

    @on(CorpusAuthor.Refused)
    def _corpus_write_refused(self, message: CorpusAuthor.Refused) -> None:
        self.authoring.refused(message)


def _open_elsewhere_warning(reviewer: str, elsewhere: list[OpenElsewhere]) -> str:
    where = "; ".join(f"pid {o.pid} on {o.host} since {when(o.since)}" for o in elsewhere)
    markers = ", ".join(str(o.marker) for o in elsewhere)
    return (
        f"{reviewer}'s reviews are also open in another factcheck ({where}). Both windows save "
        "every rating and keep each other's, and each shows the other's within seconds. If that "
        f"app is no longer running, delete {markers}."
    )
