"""A corpus opened once: its settings, the corpus and its problems, the review files (read
once), quote verification (cached), and the answers every command and the app ask for.

`check`, `export`, `stats`, `review` and the app's export all start from `Workspace.open`, so a
corpus is loaded, its reviews read and its quotes verified the same way everywhere.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.corpus.loader import LoadResult, load_corpus
from factcheck.corpus.model import Claim, Corpus, EvidenceLink, Quote, Settings, Source
from factcheck.corpus.problems import Problem, Severity, count
from factcheck.corpus.yamlio import default_cache_dir
from factcheck.quotes import Anchor
from factcheck.reviews import ReviewFile, ReviewStore, load_all_reviews, now
from factcheck.reviews.others import OtherReviews, Signature
from factcheck.reviews.session import ReviewSession
from factcheck.workspace.changes import scan_corpus, sign_files
from factcheck.workspace.checking import CheckResult

# What one question needs (the report, conflicts, verification, the writer...) is imported when
# it is asked: the app's first screen asks none of them, and importing them all took 94 ms of
# its start (`python -X importtime`).
if TYPE_CHECKING:
    from factcheck.corpus.anchors import CachedAnchors
    from factcheck.corpus.checked_before import CheckedBefore
    from factcheck.corpus.conflicts import FigureConflict
    from factcheck.corpus.published_checks import PublishedChecks
    from factcheck.corpus.verification import Deliver, Verification
    from factcheck.corpus.writer import CorpusWriter
    from factcheck.report.model import Report
    from factcheck.reviews.agreement import AgreementReport
    from factcheck.reviews.citations import CitedReview
    from factcheck.reviews.time_stats import TimeReport
    from factcheck.reviews.workflow import State, WorkflowSummary


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of a claim's evidence, with how its quote was found (None: not verified)."""

    link: EvidenceLink
    quote: Quote
    source: Source
    anchor: Anchor | None


class Workspace:
    """One corpus folder, opened. Build it with `Workspace.open`."""

    def __init__(
        self,
        root: Path,
        corpus: Corpus | None,
        problems: list[Problem],
        *,
        cache_dir: Path | None,
        editors: Iterable[str] = (),
    ) -> None:
        self.root = root
        self.corpus = corpus
        """None when nothing could be loaded at all; `problems` say why."""
        self.problems = problems
        self.cache_dir = cache_dir
        """Where parsed files and anchors are kept between runs; None keeps nothing."""
        self.extra_editors = tuple(editors)
        """Editors named for this run only (`--editor`), beside those in factcheck.yaml."""
        self.signatures: dict[str, Signature] = {}
        """The files the corpus was read from, as they were just before (`scan_corpus`): the
        app compares them with the disk to notice a change."""
        self._review_files: list[ReviewFile] | None = None
        self._published_checks: PublishedChecks | None = None
        self._verification: Verification | None = None
        self._known_anchors: CachedAnchors | None = None
        """The anchor cache read ahead (`read_anchor_cache`), until a verification takes it."""
        self._conflicts: list[FigureConflict] | None = None

    @classmethod
    def open(cls, root: Path, *, cache: bool = True, editors: Iterable[str] = ()) -> Workspace:
        """Load the corpus at `root`; `cache=False` parses and verifies everything afresh."""
        cache_dir = default_cache_dir() if cache else None
        # Before the load (12 ms at 10,000 claims): a file changed while it loads then differs
        # from its signature, and the app reloads it.
        signatures = scan_corpus(root)
        loaded = load_corpus(root, cache_dir=cache_dir)
        workspace = cls(root, loaded.corpus, loaded.problems, cache_dir=cache_dir, editors=editors)
        workspace.signatures = {**signatures, **sign_files(root, workspace.texts_elsewhere())}
        return workspace

    def reopened(self) -> Workspace:
        """The corpus opened again as it is on disk now; cheap for the files that did not change
        (the parse cache and the anchor cache keep them)."""
        return Workspace.open(
            self.root, cache=self.cache_dir is not None, editors=self.extra_editors
        )

    def texts_elsewhere(self) -> list[str]:
        """Source texts kept outside evidence/: `scan_corpus` signs every file under evidence/,
        and must be told of these."""
        if self.corpus is None:
            return []
        return sorted(
            {
                source.text_file
                for source in self.corpus.sources.values()
                if source.text_file and not source.text_file.startswith("evidence/")
            }
        )

    # What was loaded

    @property
    def settings(self) -> Settings:
        return self.corpus.settings if self.corpus is not None else Settings()

    @property
    def errors(self) -> int:
        return count(self.problems, Severity.ERROR)

    @property
    def editors(self) -> tuple[str, ...]:
        return (*self.settings.editors, *self.extra_editors)

    def review_files(self) -> list[ReviewFile]:
        """Every reviewer's file, readable or not, read the first time it is asked for."""
        if self._review_files is None:
            self._review_files = load_all_reviews(self.root, cache_dir=self.cache_dir)
        return self._review_files

    def published_checks(self) -> PublishedChecks:
        """The fact checks other outlets published, imported into checked/ (read once)."""
        from factcheck.corpus.published_checks import load_published_checks

        if self._published_checks is None:
            self._published_checks = load_published_checks(self.root)
        return self._published_checks

    def review_problems(self) -> list[Problem]:
        return [problem for f in self.review_files() for problem in f.problems]

    # Quote verification

    def verify(
        self,
        *,
        workers: int | None = None,
        first: Iterable[str] = (),
        deliver: Deliver | None = None,
        cancel: threading.Event | None = None,
    ) -> Verification:
        """Every quote's anchor (see `factcheck.corpus.verification.verify_corpus`); kept once
        complete, so asking again costs nothing."""
        from factcheck.corpus.verification import verify_corpus

        corpus = self._loaded()
        if self._verification is None or not self._verification.complete:
            known, self._known_anchors = self._known_anchors, None  # as read, used once
            self._verification = verify_corpus(
                corpus,
                cache_dir=self.cache_dir,
                workers=workers,
                first=first,
                deliver=deliver,
                cancel=cancel,
                known=known,
            )
        elif deliver is not None:
            deliver(self._verification.anchors)
        return self._verification

    def read_anchor_cache(self) -> None:
        """Read the anchor cache now, for the next `verify` with `deliver` to hand over at once:
        the app reads it while it loads, since after its first screen the reading (40-60 ms at
        50,000 quotes, holding the GIL) delayed the first key pressed to 80-115 ms."""
        from factcheck.corpus.verification import read_known

        self._known_anchors = read_known(self._loaded(), self.cache_dir)

    def evidence(self, claim: Claim, anchors: Mapping[str, Anchor] | None = None) -> list[Evidence]:
        """The claim's evidence whose quote and source exist, in the order written, with each
        quote's anchor from `anchors` (default: those verified so far in this workspace)."""
        if anchors is None:
            anchors = self._verification.anchors if self._verification else {}
        return [
            Evidence(link, quote, source, anchors.get(quote.id))
            for link, quote, source in self._loaded().evidence(claim)
        ]

    # Figures that disagree between sources

    def conflicts(self, cancel: threading.Event | None = None) -> list[FigureConflict]:
        """Every pair of figures of two sources that disagree (`factcheck.corpus.conflicts`),
        found once; each source's figures are cached while its text is unchanged. `Cancelled`
        (and nothing kept) once `cancel` is set."""
        from factcheck.corpus.conflicts import find_conflicts

        if self._conflicts is None:
            self._conflicts = find_conflicts(
                self._loaded(), cache_dir=self.cache_dir, cancel=cancel
            )
        return self._conflicts

    # The questions the commands ask

    def check(self, *, verify: bool = True, workers: int | None = None) -> CheckResult:
        """Every finding about the corpus, quotes included unless `verify` is False."""
        from factcheck.corpus.conflicts import conflict_problems
        from factcheck.corpus.verification import verification_problems

        result = CheckResult(self.corpus, list(self.problems))
        if verify and self.corpus is not None:
            result.anchors = self.verify(workers=workers).anchors
            result.problems = sorted(
                [*result.problems, *verification_problems(self.corpus, result.anchors)],
                key=Problem.sort_key,
            )
        if self.corpus is not None:
            # Notes at the quotes that cite a passage of a disagreement (at the source text
            # when none does, or when quotes were not verified).
            notes = conflict_problems(self.corpus, self.conflicts(), result.anchors)
            result.problems = sorted([*result.problems, *notes], key=Problem.sort_key)
        if published := self.published_checks().problems:  # checked/, when there is one
            result.problems = sorted([*result.problems, *published], key=Problem.sort_key)
        return result

    def report(
        self,
        *,
        reviewer: str | None = None,
        rated_only: bool = False,
        tags: Collection[str] = (),
        verdicts: Collection[str] = (),
        claim_ids: Collection[str] | None = None,
        verify: bool = True,
        review_files: list[ReviewFile] | None = None,
        states: Collection[State] = (),
    ) -> Report:
        """The verdict report. `review_files` replaces the files read from disk (the app passes
        its session's, which hold ratings made since it opened); `claim_ids` keeps only those
        claims (the app's export of what its list shows)."""
        from factcheck.corpus.conflicts import conflicts_by_quote
        from factcheck.report.building import build_report

        corpus = self._loaded()
        verification = self.verify() if verify else None
        return build_report(
            corpus,
            self.review_files() if review_files is None else review_files,
            reviewer=reviewer,
            rated_only=rated_only,
            tags=tags,
            verdicts=verdicts,
            claim_ids=claim_ids,
            verification=verification.statuses() if verification else None,
            anchors=verification.anchors if verification else None,
            editors=self.extra_editors,
            conflicts=conflicts_by_quote(corpus, self.conflicts(), verification.anchors)
            if verification
            else None,
            states=states,
            checked_before=self._published_matches(),
        )

    def _published_matches(self) -> dict[str, list[CheckedBefore]]:
        """The claims matched with fact checks other outlets published, for the report; none,
        and no matching, when checked/ holds none."""
        if not self.published_checks().checks:
            return {}
        from factcheck.workspace.checked_before import find_checked_before

        return find_checked_before(self, within=False)

    def agreement(self) -> AgreementReport:
        """Progress and agreement over the readable review files (`factcheck stats`)."""
        from factcheck.reviews.agreement import measure_agreement

        readable = [f for f in self.review_files() if f.unreadable is None]
        return measure_agreement(self._loaded(), readable, editors=self.editors)

    def citations(self, *, verify: bool = True) -> list[CitedReview]:
        """Every review whose verdict and cited evidence disagree (`reviews/citations.py`),
        over the readable review files; `verify=False` leaves out whether cited quotes verify."""
        from factcheck.reviews.citations import lint_files

        return lint_files(self._loaded(), self.review_files(), self._anchors_for_citations(verify))

    def citation_problems(self, *, verify: bool = True) -> list[Problem]:
        """`citations` as warnings at their place in the review files (`check --reviews`)."""
        from factcheck.reviews.citations import citation_problems

        anchors = self._anchors_for_citations(verify)
        return citation_problems(self._loaded(), self.review_files(), anchors)

    def _anchors_for_citations(self, verify: bool) -> dict[str, Anchor] | None:
        """The quotes verified, when some review cites one: `stats` verifies nothing otherwise
        (0.6 s from the anchor cache at 10,000 claims, more when cold)."""
        cites = any(
            review.cites
            for review_file in self.review_files()
            if review_file.unreadable is None
            for review in review_file.reviews.values()
        )
        return self.verify().anchors if verify and cites else None

    def time_spent(self) -> TimeReport:
        """Active time per reviewer and per claim, and ratings per day (`factcheck stats`)."""
        from factcheck.reviews.time_stats import measure_time

        readable = [f for f in self.review_files() if f.unreadable is None]
        return measure_time(self._loaded(), readable)

    def workflow(self) -> WorkflowSummary:
        """Claims per workflow state and each reviewer's queue (`factcheck stats`)."""
        from factcheck.reviews.workflow import summarise

        readable = [f for f in self.review_files() if f.unreadable is None]
        return summarise(self._loaded(), readable, self.editors)

    def publish(self, editor: str, claim_ids: Iterable[str]) -> tuple[list[str], str]:
        """Record that `editor` published the signed-off claims among `claim_ids` now (in
        their own review file); the claims newly marked, and that file."""
        from factcheck.reviews.workflow import publish

        store = ReviewStore(self.root, editor)
        readable = [f for f in self.review_files() if f.unreadable is None]
        marked = publish(self._loaded(), readable, self.editors, store, claim_ids, now())
        self._review_files = None  # read again when next asked: the editor's file changed
        return marked, store.relative

    def session(self, reviewer: str) -> ReviewSession:
        """`reviewer`'s session in the app: their own file open for writing, the others' files
        read for showing, each file read once."""
        corpus = self._loaded()
        store = ReviewStore(self.root, reviewer)
        others = OtherReviews.load(self.root, store.relative, cache_dir=self.cache_dir)
        return ReviewSession(corpus, store, others=others, extra_editors=self.extra_editors)

    def _loaded(self) -> Corpus:
        if self.corpus is None:
            raise ValueError(f"{self.root} could not be loaded; see the workspace's problems")
        return self.corpus

    # Changing the corpus

    def writer(self) -> CorpusWriter:
        """The one writer of this corpus's files (claims, sources, quotes, links), for the
        command line and the app. A change it writes is not seen by this workspace's corpus:
        open the workspace again to read it."""
        from factcheck.corpus.writer import CorpusWriter

        loaded = LoadResult(self.corpus, self.problems) if self.corpus is not None else None
        return CorpusWriter(self.root, cache_dir=self.cache_dir, loaded=loaded)
