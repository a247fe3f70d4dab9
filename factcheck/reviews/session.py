"""One reviewer's session over a corpus: ratings, notes, undo, search and filters, and the
other reviewers' verdicts beside this reviewer's.

Plain Python with no Textual import, so every rule the app follows is unit-testable. A change is
written to the reviewer's file by `ReviewStore` before the method that made it returns.

One undo stack holds both kinds of change the reviewer makes: ratings and notes (in their review
file, undone here) and changes to the corpus files (claims, quotes, links: written and undone by
the corpus writer, which the app runs off the UI thread), so `u` takes back the newest of either.
"""

from __future__ import annotations

import getpass
import subprocess
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from factcheck.corpus.model import Claim, Corpus
from factcheck.corpus.scale import Verdict
from factcheck.corpus.writer import Change
from factcheck.quotes import Anchor
from factcheck.reviews import (
    Correction,
    Review,
    ReviewFile,
    ReviewStore,
    SentBack,
    fingerprint,
    now,
)
from factcheck.reviews.agreement import find_disputes
from factcheck.reviews.citations import CitationWarning, lint_review
from factcheck.reviews.comments import Comment, CommentBoard
from factcheck.reviews.others import OtherReviews, ReviewsChanged
from factcheck.reviews.search import ClaimSearch
from factcheck.reviews.store import OwnFileChange
from factcheck.reviews.time_spent import ActiveClock
from factcheck.reviews.workflow import ClaimWorkflow, State, claim_workflow, needs

MIN_TIME_ONLY_SECONDS = 5
"""The least time on a claim without a review that is written down: claims skimmed past add
no entries to the review file (and to its diffs); their seconds wait until they reach this."""


def default_reviewer() -> str:
    """git's user.name, else the login name: the name a colleague would recognise."""
    try:
        done = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=2, check=False
        )
        name = done.stdout.strip()
        if done.returncode == 0 and name:
            return name
    except (OSError, subprocess.SubprocessError):
        pass
    return getpass.getuser()


class ReadOnlyError(Exception):
    """The reviewer's file cannot be read, so nothing is written to it."""


class CorrectionNeeded(Exception):
    """The claim's verdict is published: changing it takes a correction note (what readers are
    told), so nothing was written. `rate` again with `correction`."""

    def __init__(self, claim_id: str, published: str, new: str) -> None:
        super().__init__(
            f"{claim_id} was published as {published}: changing it to {new} needs a correction "
            "note for the readers"
        )
        self.claim_id = claim_id
        self.published = published
        self.new = new


class NotAnEditorError(Exception):
    """Only an editor signs off, sends back, or publishes."""


@dataclass(frozen=True, slots=True)
class Filters:
    """Which claims the list shows; all of them when every field is at its default."""

    unrated: bool = False
    """Only claims this reviewer has not rated, or whose rating is stale."""
    stale: bool = False
    verdict: str | None = None
    """Only claims rated with this verdict label."""
    tag: str | None = None
    disputed: bool = False
    """Only claims on which reviewers gave different verdicts and no editor has ruled, as
    `factcheck stats` counts open disputes."""
    state: State | None = None
    """Only claims at this point of the workflow (reviews/workflow.py)."""

    @property
    def active(self) -> bool:
        return self != Filters()

    def describe(self) -> str:
        parts = []
        if self.unrated:
            parts.append("unrated")
        if self.stale:
            parts.append("stale")
        if self.verdict:
            parts.append(f"verdict={self.verdict}")
        if self.tag:
            parts.append(f"tag={self.tag}")
        if self.disputed:
            parts.append("disputed")
        if self.state is not None:
            parts.append(f"state={self.state.value}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class ClaimStatus:
    verdict: Verdict | None
    stale: bool
    note: str
    set_aside: bool = False
    """Set aside by this reviewer (with a reason, and no verdict needed)."""


@dataclass(frozen=True, slots=True)
class OtherReview:
    """Another reviewer's review of a claim, as the app shows it."""

    reviewer: str
    label: str | None
    """The verdict as written in their file (None for a note without a verdict)."""
    verdict: Verdict | None
    """That label on this corpus's scale; None when it is not on it."""
    note: str
    time: str
    stale: bool
    editor: bool
    """An editor's verdict is the final one (`editors` in factcheck.yaml)."""


@dataclass(frozen=True, slots=True)
class PreparedCorpus:
    """A corpus reloaded from disk, with what a session needs of it built off the UI thread
    (`ReviewSession.prepare_corpus`), for `ReviewSession.replace_corpus`."""

    corpus: Corpus
    fingerprints: dict[str, str]
    """Every claim's, so no rating's staleness is computed on the UI thread (0.15 s for
    10,000 claims)."""
    search: ClaimSearch
    query: str
    """The search on screen when the corpus was prepared."""
    found: list[int] | None
    """What `query` finds in the corpus (None without a query): at 10,000 claims a search
    takes up to a quarter of a second, too long for the UI thread."""


@dataclass(slots=True)
class _Change:
    claim_id: str
    before: Review | None


@dataclass(frozen=True, slots=True)
class CorpusEdit:
    """A change the reviewer made to the corpus files, on the undo stack beside ratings."""

    change: Change
    """What the corpus writer wrote; its `undo` puts the files back."""
    claim_id: str | None
    """The claim to show once it is undone: the claim added, edited, or whose evidence changed."""


@dataclass(slots=True, repr=False)  # the generated repr spelt out the whole corpus
class ReviewSession:
    corpus: Corpus
    store: ReviewStore
    filters: Filters = Filters()
    query: str = ""
    _fingerprints: dict[str, str] = field(default_factory=dict)
    _undo: list[_Change | CorpusEdit] = field(default_factory=list)
    """Newest last: ratings and notes (`_Change`) and changes to the corpus files."""
    visible: list[int] = field(default_factory=list)
    """Indexes into `corpus.claims` that the list shows, in display order."""
    others: OtherReviews | None = None
    """The other reviewers' files; none read when not given."""
    _disputed: set[str] = field(default_factory=set)
    extra_editors: tuple[str, ...] = ()
    """Editors named for this run (`review --editor`), beside factcheck.yaml's."""
    clock: ActiveClock = field(default_factory=ActiveClock)
    """The active time on each claim, counted and not yet written (see `save_time`)."""
    comments: CommentBoard | None = None
    """Every author's comments, and this reviewer's file to add to; read when not given."""
    _search: ClaimSearch = field(init=False)

    def __post_init__(self) -> None:
        self.visible = list(range(len(self.corpus.claims)))
        self._search = ClaimSearch(self.corpus, self._note_on)
        if self.others is None:
            self.others = OtherReviews(self.corpus.root, self.store.relative)
        if self.comments is None:
            self.comments = CommentBoard(self.corpus.root, self.store.reviewer)
        self._count_disputes()

    def __repr__(self) -> str:
        return f"ReviewSession({self.reviewer!r}, {self.corpus!r})"

    @property
    def reviewer(self) -> str:
        return self.store.reviewer

    @property
    def read_only_reason(self) -> str | None:
        return self.store.read_only_reason

    @property
    def editors(self) -> tuple[str, ...]:
        """Whose verdicts are final: factcheck.yaml's editors and those named for this run."""
        return (*self.corpus.settings.editors, *self.extra_editors)

    # What the reviewer has done

    def review(self, claim_id: str) -> Review | None:
        return self.store.get(claim_id)

    def status(self, claim: Claim) -> ClaimStatus:
        review = self.store.get(claim.id)
        if review is None:
            return ClaimStatus(None, False, "")
        verdict = self.corpus.scale.by_label(review.verdict) if review.verdict else None
        return ClaimStatus(verdict, self.is_stale(review), review.note, bool(review.set_aside))

    def citation_warnings(
        self, claim: Claim, anchors: Mapping[str, Anchor] | None
    ) -> list[CitationWarning]:
        """Where this reviewer's verdict on `claim` and the quotes it cites disagree (see
        `reviews/citations.py`); `anchors`: the quotes verified so far."""
        review = self.store.get(claim.id)
        return lint_review(self.corpus, review, anchors) if review is not None else []

    def fingerprint(self, claim_id: str) -> str | None:
        """Today's fingerprint of the claim; None for a claim no longer in the corpus. Computed
        when first asked: at start only the claims someone reviewed need one (0.15 s for all
        10,000 claims of a large corpus, on the way to the first screen)."""
        current = self._fingerprints.get(claim_id)
        if current is None and (claim := self.corpus.claims_by_id.get(claim_id)) is not None:
            current = self._fingerprints[claim_id] = fingerprint(self.corpus, claim)
        return current

    def _fingerprint_of(self, claim: Claim) -> str:
        # A claim that left the corpus in a reload (while its note was being written) is
        # fingerprinted as it was shown.
        return self.fingerprint(claim.id) or fingerprint(self.corpus, claim)

    def is_stale(self, review: Review) -> bool:
        current = self.fingerprint(review.claim_id)
        return current is not None and review.fingerprint != current

    def needs_rating(self, claim: Claim) -> bool:
        """No verdict of this reviewer's, a stale one, or one older than an editor's
        send-back; a claim set aside, signed off or published needs none."""
        review = self.store.get(claim.id)
        if review is None or review.verdict is None or self.is_stale(review):
            return not self._settled(claim)
        return needs(claim, self.workflow(claim), review, self.fingerprint(claim.id))

    def _settled(self, claim: Claim) -> bool:
        """Set aside, signed off or published: no verdict needed of anyone. Only looked up when
        the reviewer has none, and cheap when nobody set anything aside or signed off."""
        return self.workflow(claim).state in (State.SET_ASIDE, State.SIGNED_OFF, State.PUBLISHED)

    # The workflow: assignment, set aside, sign-off, publication (reviews/workflow.py)

    @property
    def is_editor(self) -> bool:
        return self.reviewer.casefold() in {name.casefold() for name in self.editors}

    def workflow(self, claim: Claim) -> ClaimWorkflow:
        """Where `claim` stands, from everyone's reviews as this session knows them."""
        return self._workflow(claim, {name.casefold() for name in self.editors})

    def _workflow(self, claim: Claim, editors: set[str]) -> ClaimWorkflow:
        reviews = [review for _, review in self.other_files.on(claim.id)]
        own = self.store.get(claim.id)
        if own is not None:
            reviews.append(own)
        # The fingerprint is only compared with reviews' own: a claim nobody reviewed is not
        # fingerprinted (on the first D, 8,000 such claims of 10,000 took some 0.1 s).
        today = self.fingerprint(claim.id) if reviews else None
        return claim_workflow(claim, reviews, editors, today)

    def assigned_to_me(self, claim: Claim) -> bool:
        mine = self.reviewer.casefold()
        return any(name.casefold() == mine for name in claim.assigned)

    def has_assignments(self) -> bool:
        return any(self.assigned_to_me(claim) for claim in self.corpus.claims)

    def set_aside(self, claim: Claim, reason: str) -> Review | None:
        """Set the claim aside with `reason` (no verdict needed); an empty reason takes it
        back. On disk when this returns, and undone by `undo` like a rating. The review as
        written: None when taking it back left nothing (not even time enough) to keep."""
        before = self.store.get(claim.id)
        review = self._changed(claim, before, now(), set_aside=" ".join(reason.split()))
        return self._write(claim.id, before, review)

    def progress(self) -> tuple[int, int, int]:
        """(rated, total, stale) over the claims of the corpus."""
        rated = stale = 0
        for claim in self.corpus.claims:
            review = self.store.get(claim.id)
            if review is not None and review.verdict is not None:
                rated += 1
                stale += self.is_stale(review)
        return rated, len(self.corpus.claims), stale

    # The corpus, reloaded from disk while the app runs

    def prepare_corpus(self, corpus: Corpus, query: str = "") -> PreparedCorpus:
        """What the session needs for `corpus`, built in a worker thread: the search keys,
        every claim's fingerprint, and what the search on screen (`query`) finds. Changes
        nothing in the session."""
        search = ClaimSearch(corpus, self._note_on)
        search.prepare()
        fingerprints = {claim.id: fingerprint(corpus, claim) for claim in corpus.claims}
        found = search.find(query) if query.strip() else None
        return PreparedCorpus(corpus, fingerprints, search, query, found)

    def replace_corpus(self, prepared: PreparedCorpus) -> None:
        """Go on over the reloaded corpus: ratings whose claim or evidence changed are stale by
        the new fingerprints, the list is filtered and searched again, and an undo for a claim
        that is gone is dropped (a change to the corpus files stays: the writer's undo checks
        the files themselves)."""
        self.corpus = prepared.corpus
        self._fingerprints = dict(prepared.fingerprints)
        self._search = prepared.search
        self._undo = [
            change
            for change in self._undo
            if isinstance(change, CorpusEdit) or change.claim_id in self.corpus.claims_by_id
        ]
        self._count_disputes()
        if prepared.query == self.query:
            self._show(prepared.found)
        else:  # typed on while it was prepared
            self._refresh_visible()

    # What the others did: read from their files, never written

    @property
    def other_files(self) -> OtherReviews:
        assert self.others is not None  # set in __post_init__
        return self.others

    def other_reviews(self, claim: Claim) -> list[OtherReview]:
        """The other reviewers' reviews of `claim`: editors first, then by name."""
        editors = {name.casefold() for name in self.editors}
        scale = self.corpus.scale
        found = [
            OtherReview(
                reviewer=review_file.reviewer,
                label=review.verdict,
                verdict=scale.by_label(review.verdict) if review.verdict else None,
                note=review.note,
                time=review.time,
                stale=self.is_stale(review),
                editor=review_file.reviewer.casefold() in editors,
            )
            for review_file, review in self.other_files.on(claim.id)
        ]
        return sorted(found, key=lambda other: (not other.editor, other.reviewer.casefold()))

    def review_files(self) -> list[ReviewFile]:
        """Every review file as this session knows it: the reviewer's own with the ratings made
        since it opened, and the others' as last read from disk."""
        store = self.store
        own = ReviewFile(
            store.relative, self.reviewer, store.reviews, store.problems, store.read_only_reason
        )
        return [own, *self.other_files.files.values()]

    def apply_review_changes(self, changes: ReviewsChanged) -> None:
        """Other reviewers' files changed on disk: take their new reviews. The reviewer's own
        file is not among them; its store merges other writers' changes when it writes."""
        self.other_files.apply(changes)
        self._count_disputes()
        if self.filters.disputed:
            self._refresh_visible()

    # The reviewer's own file, changed by another process (a second window on the same reviewer)

    def apply_own_file_change(self, change: OwnFileChange) -> set[str]:
        """Take in the reviewer's own file as another process left it; the claims whose review
        changed (see `take_outside_changes`)."""
        self.store.take_changes_from_disk(change)
        return self.take_outside_changes()

    def take_outside_changes(self) -> set[str]:
        """The claims whose review in the reviewer's own file another process changed since
        last asked: taken in by the poll, or merged in by the last write. Their undo entries go:
        undoing now would put back what this window saw, over the other's later change."""
        changed = self.store.take_outside_changes()
        if changed:
            self._undo = [
                change
                for change in self._undo
                if isinstance(change, CorpusEdit) or change.claim_id not in changed
            ]
            for claim_id in changed:
                self._search.note_changed(claim_id)
            self._count_disputes(sorted(changed))
            # As for the others' files: only the dispute filter is redone (a claim rated
            # elsewhere stays in an 'unrated' list, as one rated here does, until it is redone).
            if self.filters.disputed:
                self._refresh_visible()
        return changed

    def _count_disputes(self, claim_ids: list[str] | None = None) -> None:
        """Open disputes as `factcheck stats` finds them (an editor's ruling settles one), over
        the others' files and this reviewer's reviews; after a rating, only that claim is
        looked at again."""
        if not self.other_files.files:
            self._disputed = set()  # one reviewer cannot disagree with anyone
            return
        found = {
            dispute.claim_id
            for dispute in find_disputes(
                self.corpus,
                self.review_files(),
                editors=self.editors,
                claim_ids=claim_ids,
            )
        }
        if claim_ids is None:
            self._disputed = found
        else:
            self._disputed.difference_update(claim_ids)
            self._disputed.update(found)

    # Changes: each is on disk when the method returns

    def rate(self, claim: Claim, key: int, correction: str = "") -> Review:
        """Rate `claim` with the verdict on `key`. An editor changing a published verdict
        must give a `correction` (else CorrectionNeeded, and nothing is written)."""
        verdict = self.corpus.scale.by_key(key)
        if verdict is None:
            raise KeyError(f"the scale has no verdict on key {key}")
        before = self.store.get(claim.id)
        corrections = before.corrections if before is not None else ()
        if self.is_editor:
            workflow = self.workflow(claim)
            published = workflow.final_verdict if workflow.published else None
            if published is not None and published != verdict.label:
                if not correction.strip():
                    raise CorrectionNeeded(claim.id, published, verdict.label)
                fixed = Correction(now(), published, verdict.label, " ".join(correction.split()))
                corrections = (*corrections, fixed)
        stamp = now()
        # A verdict given takes the claim out of 'set aside', and an editor's sign-off closes
        # their send-back; what else the review holds (publication, corrections) stays.
        review = self._changed(
            claim,
            before,
            stamp,
            verdict=verdict.label,
            rated=stamp,
            fingerprint=self._fingerprint_of(claim),
            set_aside="",
            sent_back=None,
            corrections=corrections,
        )
        return self._write(claim.id, before, review) or review

    def toggle_cite(self, claim: Claim, quote_id: str) -> Review | None:
        """Mark the quote `quote_id` as one the verdict on `claim` rests on, or unmark it if it
        was marked; the review as written (None when unmarking left a review with nothing in
        it but its time: a set-aside or an editor's send-back is something). Like a note, a
        citation keeps the fingerprint the verdict was made on: only rating again confirms a
        stale verdict."""
        if all(link.quote_id != quote_id for link in claim.evidence):
            raise KeyError(f"quote '{quote_id}' is not evidence of claim '{claim.id}'")
        before = self.store.get(claim.id)
        cited = before.cites if before is not None else ()
        cites = (
            tuple(c for c in cited if c != quote_id) if quote_id in cited else (*cited, quote_id)
        )
        review = self._changed(claim, before, now(), cites=cites)
        written = self._write(claim.id, before, review)
        # Nothing left but the time (`_write` dropped the entry): no verdict, note or cites, and
        # no set-aside (a claim set aside is often one without a verdict) nor an editor's word.
        return None if review.time_only else written or review

    def send_back(self, claim: Claim, comment: str) -> Review:
        """An editor sends the claim back to its reviewers with `comment`: their verdicts made
        before now no longer count as done, and the editor's own sign-off, if any, is
        withdrawn. A published claim is corrected instead."""
        if not self.is_editor:
            raise NotAnEditorError(
                f"only an editor sends a claim back; {self.reviewer} is not one (editors in "
                "factcheck.yaml, or --editor)"
            )
        comment = " ".join(comment.split())
        if not comment:
            raise ValueError("say what the reviewers should look at again")
        if self.workflow(claim).published:
            raise ValueError(
                f"{claim.id} is published: change its verdict, with a correction, instead"
            )
        before = self.store.get(claim.id)
        sent = SentBack(comment, now())
        review = self._changed(claim, before, sent.time, verdict=None, sent_back=sent)
        self._write(claim.id, before, review)
        return review

    def is_disputed(self, claim_id: str) -> bool:
        return claim_id in self._disputed

    def awaiting_sign_off(self) -> list[Claim]:
        """The claims every assigned reviewer has rated and no editor has signed off, the
        disputed ones first (in corpus order within each)."""
        editors = {name.casefold() for name in self.editors}
        waiting = [c for c in self.corpus.claims if self._workflow(c, editors).state is State.RATED]
        return sorted(waiting, key=lambda claim: not self.is_disputed(claim.id))

    def set_note(self, claim: Claim, note: str) -> Review | None:
        """Write the rationale. The fingerprint stays the one the verdict was made on: writing a
        note does not confirm a stale verdict, only rating again does."""
        before = self.store.get(claim.id)
        note = note.rstrip()
        if before is None and not note:
            return None
        if before is not None and before.note == note:
            return before
        review = self._changed(claim, before, now(), note=note)
        written = self._write(claim.id, before, review)  # None: nothing left to keep
        self._search.note_changed(claim.id)
        return written

    def undo(self) -> str | None:
        """Take back the last rating or note; the id of the claim it touched, None when none is
        left. The newest change must not be a change to the corpus files (`edit_to_undo`)."""
        if not self._undo:
            return None
        change = self._undo[-1]
        if isinstance(change, CorpusEdit):
            raise ValueError("the newest change is to the corpus files: undo it with the writer")
        self._check_writable()
        # The time spent on the claim stays: undo takes back what was said, not the work.
        current = self.store.get(change.claim_id)
        restored = None
        if change.before is not None:
            # Stamped now, so a merge with another process's write keeps the undo.
            restored = replace(change.before, time=now(), seconds=current.seconds if current else 0)
        elif current is not None and current.seconds:
            restored = self._time_only(change.claim_id, current.seconds)
        self._put_with_time(change.claim_id, restored, self.clock.take(change.claim_id))
        self._undo.pop()
        self._count_disputes([change.claim_id])
        self._search.note_changed(change.claim_id)  # the undone change may have been a note
        return change.claim_id

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    # Changes to the corpus files: written by the corpus writer, kept here for `u`

    def record_edit(self, edit: CorpusEdit) -> None:
        """The corpus writer wrote `edit`: the next undo takes it back (unless something newer
        comes first). A change that wrote nothing has nothing to undo."""
        if edit.change.written:
            self._undo.append(edit)

    @property
    def edit_to_undo(self) -> CorpusEdit | None:
        """The newest change when it is one to the corpus files: the app undoes it with the
        corpus writer (`CorpusWriter.undo`), then calls `forget_edit`."""
        newest = self._undo[-1] if self._undo else None
        return newest if isinstance(newest, CorpusEdit) else None

    def forget_edit(self, edit: CorpusEdit) -> None:
        """`edit` is off the stack: undone on disk, or no longer undoable (its files changed
        since), so that the changes before it can be undone."""
        self._undo.remove(edit)

    def _changed(self, claim: Claim, before: Review | None, time: str, **changes: Any) -> Review:
        """`before` with `changes` made at `time`; with no review yet, a new one of this
        reviewer's that holds only `changes`, made on the claim as it is now (its
        fingerprint). Every change of a review is made here, the same way."""
        if before is None:
            before = Review(claim.id, None, "", self.reviewer, time, self._fingerprint_of(claim))
        return replace(before, time=time, **changes)

    def _write(self, claim_id: str, before: Review | None, review: Review | None) -> Review | None:
        """Write `review` (None: remove the claim's review), with the time counted on the claim
        since it was last written; the review as written."""
        self._check_writable()
        if review is not None and review.time_only:
            # Nothing left but the time (a set-aside taken back, a note cleared, a last cite
            # unmarked, and no verdict): the entry goes rather than stay as an empty one.
            review = None
        kept = before.seconds if review is None and before is not None else 0
        written = self._put_with_time(claim_id, review, self.clock.take(claim_id), kept=kept)
        self._undo.append(_Change(claim_id, before))
        self._count_disputes([claim_id])
        return written

    def _put_with_time(
        self, claim_id: str, review: Review | None, seconds: int, *, kept: int = 0
    ) -> Review | None:
        """Put `review` (None: remove the claim's), `seconds` counted since the last write
        added; with no review, the time spent stays as a time-only entry: the `kept` seconds of
        the entry removed and the new ones together (each alone may be too little for one)."""
        if review is not None:
            review = replace(review, seconds=review.seconds + seconds)
        elif seconds or kept:
            review = self._time_only(claim_id, kept + seconds)
        try:
            if review is None:
                self.store.delete(claim_id)
            else:
                self.store.put(review)
        except BaseException:
            self.clock.give_back(claim_id, seconds)  # written with the next write instead
            raise
        return review

    def _time_only(self, claim_id: str, seconds: int) -> Review | None:
        """A review that records only the time spent on the claim; None for less than
        `MIN_TIME_ONLY_SECONDS` (a claim skimmed past gets no entry in the file) or a claim no
        longer in the corpus, which cannot be fingerprinted."""
        current = self.fingerprint(claim_id)
        if current is None or seconds < MIN_TIME_ONLY_SECONDS:
            return None
        return Review(claim_id, None, "", self.reviewer, now(), current, seconds=seconds)

    # Comments: a thread on each claim, in files of their own (reviews/comments.py)

    @property
    def comment_board(self) -> CommentBoard:
        assert self.comments is not None  # set in __post_init__
        return self.comments

    def thread(self, claim: Claim) -> list[Comment]:
        return self.comment_board.thread(claim.id)

    def add_comment(self, claim: Claim, text: str) -> Comment:
        """On disk when this returns; not on the undo stack: a comment, once said, stays."""
        return self.comment_board.add(claim.id, text)

    # Time spent: counted by `clock`, written with the next change of the claim's review or here

    def time_spent(self, claim_id: str) -> float:
        """Active seconds on the claim: those written and those counted since."""
        review = self.store.get(claim_id)
        return (review.seconds if review is not None else 0) + self.clock.pending(claim_id)

    def save_time(self, claim_ids: Iterable[str] | None = None) -> int:
        """Write the time counted on `claim_ids` (default: every claim with time counted) in
        one write, not on the undo stack; how many reviews it wrote. A review's `time` is left
        as it is: it says when the verdict or note last changed, which looking does not. A
        failed write raises as a rating's does, and the seconds wait for the next write; a
        read-only session writes nothing and keeps counting."""
        if self.read_only_reason is not None:
            return 0
        wanted = self.clock.pending_claims() if claim_ids is None else list(claim_ids)
        taken = {claim_id: self.clock.take(claim_id) for claim_id in wanted}
        reviews = []
        for claim_id, seconds in list(taken.items()):
            current = self.store.get(claim_id)
            if not seconds:
                del taken[claim_id]
            elif current is not None:
                reviews.append(replace(current, seconds=current.seconds + seconds))
            elif (looked := self._time_only(claim_id, seconds)) is not None:
                reviews.append(looked)
            elif claim_id in self.corpus.claims_by_id:  # too little yet: kept for later
                self.clock.give_back(claim_id, seconds)
                del taken[claim_id]
        try:
            self.store.put_many(reviews)
        except BaseException:
            for claim_id, seconds in taken.items():
                self.clock.give_back(claim_id, seconds)
            raise
        return len(reviews)

    def _check_writable(self) -> None:
        if self.read_only_reason is not None:
            raise ReadOnlyError(
                f"{self.store.relative} cannot be read, so it is kept as it is and nothing is "
                f"saved: {self.store.read_only_reason}"
            )

    # What the list shows

    def tags(self) -> list[str]:
        return sorted({tag for claim in self.corpus.claims for tag in claim.tags})

    def set_query(self, query: str) -> None:
        self.query = query
        self._refresh_visible()

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters
        self._refresh_visible()

    def _refresh_visible(self) -> None:
        found = self.search(self.query) if self.query.strip() else None
        self._show(found)

    def _show(self, found: list[int] | None) -> None:
        """`visible`: the claims found (all when None) that pass the filters."""
        order = range(len(self.corpus.claims)) if found is None else found
        if not self.filters.active:
            self.visible = list(order)
            return
        claims = self.corpus.claims
        self.visible = [index for index in order if self._passes(claims[index])]

    # Search: claim words, claimant, tags, id, the reviewer's note, quotes, source titles

    def prepare_search(self, cancel: threading.Event | None = None) -> None:
        """Build the search keys: 0.1-0.2 s at 10,000 claims and 50,000 quotes, so not at
        start-up; the app calls this from a worker after the first paint."""
        self._search.prepare(cancel)

    @property
    def search_is_costly(self) -> bool:
        """Whether a search takes long enough (tens of ms) that the app runs it in a worker."""
        return self._search.costly

    def search(self, query: str, *, thorough: bool = True) -> list[int]:
        """Claim indexes matching `query`, best first; ties keep corpus order. Safe to call from
        a worker thread: it only reads the search keys (see `show_found`). Not `thorough`: a
        quick first answer that matches quotes, notes and titles only as written."""
        return self._search.find(query, thorough=thorough)

    def show_found(self, query: str, found: list[int]) -> None:
        """Show what `search(query)` found, as `set_query(query)` would, without searching
        again: the app searched in a worker."""
        self.query = query
        self._show(found if query.strip() else None)

    def where_found(self, claim: Claim) -> str | None:
        """Where the current search matches `claim` ('quote kunduz-blast', 'your note'...);
        None without a search, or when it matches no one field."""
        if not self.query.strip():
            return None
        return self._search.where(claim, self.query)

    def _note_on(self, claim_id: str) -> str:
        review = self.store.get(claim_id)
        return review.note if review is not None else ""

    def _passes(self, claim: Claim) -> bool:
        filters = self.filters
        if not filters.active:
            return True
        if filters.tag is not None and filters.tag not in claim.tags:
            return False
        if filters.disputed and claim.id not in self._disputed:
            return False
        if filters.state is not None and self.workflow(claim).state is not filters.state:
            return False
        review = self.store.get(claim.id)
        if filters.unrated and not self.needs_rating(claim):
            return False
        if filters.stale and (review is None or not self.is_stale(review)):
            return False
        return not (
            filters.verdict is not None and (review is None or review.verdict != filters.verdict)
        )

    def next_needing_rating(self, after: int) -> int | None:
        """The position in `visible` of the next claim after position `after` that needs a
        rating, wrapping round; None when every visible claim is rated and fresh."""
        count = len(self.visible)
        claims = self.corpus.claims
        for step in range(1, count + 1):
            position = (after + step) % count
            if self.needs_rating(claims[self.visible[position]]):
                return position
        return None

    def next_in_queue(self, after: int) -> tuple[int | None, bool]:
        """`]`: the position in `visible` of the next claim after `after` that is assigned to
        this reviewer and waits on them, wrapping round; when nothing at all is assigned to
        them, the next claim needing a rating (`next_needing_rating`). The flag says whether
        it went by assignment."""
        if not self.has_assignments():
            return self.next_needing_rating(after), False
        count = len(self.visible)
        claims = self.corpus.claims
        for step in range(1, count + 1):
            position = (after + step) % count
            claim = claims[self.visible[position]]
            if self.assigned_to_me(claim) and self.needs_rating(claim):
                return position, True
        return None, True

    def position_of(self, claim_id: str) -> int | None:
        claims = self.corpus.claims
        return next(
            (pos for pos, index in enumerate(self.visible) if claims[index].id == claim_id), None
        )
