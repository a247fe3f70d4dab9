"""What the review screen does to change the corpus files: add or edit a claim, quote a passage
of a source as evidence, change a link's stance or remove the link, and undo any of these with
`u`, newest first among ratings and notes.

Every change goes through the one corpus writer, run by `CorpusAuthor` off the UI thread; once it
is on disk the corpus is loaded again (the corpus watcher's reload) and replaces the one on
screen, keeping the selection, and the change goes on the session's undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from factcheck.app.screens.claim_form import ClaimForm
from factcheck.app.screens.source_picker import SourcePicker
from factcheck.app.widgets.corpus_author import CorpusAuthor, WriteRequest
from factcheck.app.widgets.corpus_watcher import CorpusWatcher
from factcheck.app.widgets.evidence_list import EvidenceItem
from factcheck.corpus.model import Claim, Corpus, Source, Stance
from factcheck.corpus.writer import Change, CorpusWriter
from factcheck.reviews.session import CorpusEdit

if TYPE_CHECKING:
    from factcheck.app.screens.review import ReviewScreen

DEFAULT_CLAIMS_FILE = "claims/claims.yaml"
"""Where a new claim goes in a corpus with no claims file yet (as `factcheck add-claim`)."""

STANCE_WORDS = {
    Stance.CONTRADICTS: "contradicting",
    Stance.SUPPORTS: "supporting",
    Stance.CONTEXT: "context",
}


@runtime_checkable
class FollowsCorpus(Protocol):
    """A screen that shows the corpus's text and quotes (the source view, the suggestions): told
    when a change was written, so that what it shows is today's."""

    def corpus_changed(self, corpus: Corpus, made: str | None) -> None: ...


class Authoring:
    """The review screen's changes to the corpus; the screen's actions and message handlers
    call these."""

    def __init__(self, screen: ReviewScreen) -> None:
        self.screen = screen

    @property
    def author(self) -> CorpusAuthor:
        return self.screen.query_one(CorpusAuthor)

    # Claims

    def add_claim(self) -> None:
        screen = self.screen
        corpus = screen.session.corpus
        selected = screen.selected
        files = sorted({claim.place.file for claim in corpus.claims})
        # Beside the claim one is looking at: claims files are by topic.
        if selected is not None:
            file = selected.place.file
        else:
            file = files[0] if len(files) == 1 else DEFAULT_CLAIMS_FILE
        screen.app.push_screen(ClaimForm(corpus, self.author, claim=None, file=file))

    def edit_claim(self) -> None:
        screen = self.screen
        claim = screen.selected
        if claim is None:
            screen.notify("No claim is selected.")
            return
        form = ClaimForm(screen.session.corpus, self.author, claim=claim, file=claim.place.file)
        screen.app.push_screen(form)

    # Evidence

    def pick_source(self) -> None:
        """Choose a source to quote from for the selected claim: its own reporting source
        first."""
        screen = self.screen
        claim = screen.selected
        if claim is None:
            screen.notify("Select a claim first: a passage is quoted as evidence of a claim.")
            return
        corpus = screen.session.corpus
        if not corpus.sources:
            screen.notify("The corpus has no sources yet: add one with `factcheck add-source`.")
            return

        def chosen(source_id: str | None) -> None:
            if source_id is not None:
                screen.open_source(corpus.sources[source_id], claim=claim)

        screen.app.push_screen(SourcePicker(corpus, first=claim.source_id), chosen)

    def add_evidence(
        self,
        claim: Claim,
        source: Source,
        text: str,
        stance: Stance,
        note: str | None,
        done: Callable[[Change], None] | None,
    ) -> bool:
        """Quote `text` (a slice of the source text) as evidence of `claim`: a passage quoted
        already is linked, not quoted twice (the writer finds it)."""
        claim_id, source_id = claim.id, source.id
        return self._write(
            lambda writer: writer.add_evidence(claim_id, source_id, text, str(stance), note),
            claim_id,
            done=done,
        )

    def set_stance(self, claim: Claim, item: EvidenceItem, stance: Stance) -> None:
        if item.link.stance is stance:
            self.screen.notify(f"'{item.quote.id}' is {stance} already.", timeout=3)
            return
        claim_id, quote_id = claim.id, item.quote.id
        self._write(lambda writer: writer.set_stance(claim_id, quote_id, str(stance)), claim_id)

    def unlink(self, claim: Claim, item: EvidenceItem) -> None:
        claim_id, quote_id = claim.id, item.quote.id
        self._write(lambda writer: writer.unlink(claim_id, quote_id), claim_id)

    # Undo

    def undo(self) -> bool:
        """Undo the newest change if it is one to the corpus files; False when it is not (a
        rating or note: the screen undoes those)."""
        edit = self.screen.session.edit_to_undo
        if edit is None:
            return False
        change = edit.change
        self.author.write(
            WriteRequest(lambda writer: writer.undo(change), edit.claim_id, undoing=edit, done=None)
        )
        return True

    # Outcomes, on the UI thread

    def written(self, message: CorpusAuthor.Written) -> None:
        screen = self.screen
        request, change = message.request, message.change
        if request.undoing is not None:
            screen.session.forget_edit(request.undoing)
        else:
            screen.session.record_edit(CorpusEdit(change, request.claim_id))
        reload = message.reload
        if reload is not None:
            screen.query_one(CorpusWatcher).adopt(reload)
            screen.take_reload(reload, keep_id=request.claim_id)
            made = change.item_id if request.undoing is None else None
            for shown in screen.app.screen_stack:
                if isinstance(shown, FollowsCorpus):
                    shown.corpus_changed(screen.session.corpus, made)
        if request.undoing is not None:
            said = f"Undone: {request.undoing.change.summary}"
        elif change.written:
            said = change.summary[:1].upper() + change.summary[1:] + " · u undoes"
        else:
            said = change.summary[:1].upper() + change.summary[1:] + " (nothing to write)"
        warnings = "".join(f"\nwarning: {note}" for note in change.notes)
        screen.notify(said + warnings, markup=False, timeout=8)
        if request.done is not None:
            request.done(change)

    def refused(self, message: CorpusAuthor.Refused) -> None:
        screen = self.screen
        request = message.request
        if request.undoing is not None:
            if message.final:
                # Stuck on the stack, it would stop every older change from being undone.
                screen.session.forget_edit(request.undoing)
                message.reason += "\nIt is off the undo list; the change before it is next."
            screen.notify(message.reason, severity="error", markup=False, timeout=15)
            return
        if request.refused is not None:
            request.refused(message.reason)
        else:
            screen.notify(message.reason, severity="error", markup=False, timeout=15)

    def _write(
        self,
        write: Callable[[CorpusWriter], Change],
        claim_id: str,
        *,
        done: Callable[[Change], None] | None = None,
    ) -> bool:
        return self.author.write(WriteRequest(write, claim_id, done=done))
