"""Where each claim stands in the newsroom's workflow, apart from its verdict.

A claim is unassigned, assigned, in review, set aside, rated, signed off or published. The state
is derived, never stored whole: each part is recorded where it belongs, by whoever did it.
- Assignment is in the corpus (a claim's `assigned:`), written by `factcheck assign` through the
  corpus writer: it is the desk's plan, reviewed in pull requests like the claims.
- A reviewer's verdict, a setting aside (with its reason) and an editor's sign-off (an editor's
  verdict) or send-back are in each person's review file, written by the review store.
- Publication is in the publishing editor's review file (`export --publish`): it is an editor's
  act like a sign-off, made at the moment the report goes out, and kept beside the verdict it
  published, where a later change of that verdict finds it and asks for a correction.

Plain Python, no Textual: `stats`, `export --state`, the app's filters and the editor's desk all
ask `claim_workflow`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from factcheck.corpus.diagnostics import did_you_mean
from factcheck.corpus.model import Claim, Corpus
from factcheck.reviews.model import Correction, Review, SentBack, fingerprint
from factcheck.reviews.store import ReviewFile, ReviewStore


class State(StrEnum):
    """A claim's place in the workflow, in the order claims go through it."""

    UNASSIGNED = "unassigned"
    """Nobody is assigned and nobody has reviewed it."""
    ASSIGNED = "assigned"
    """Reviewers are assigned; none has started."""
    IN_REVIEW = "in-review"
    """Someone has started (a note, one of several verdicts, a stale verdict), or an editor
    sent it back and not every assigned reviewer has rated it since."""
    SET_ASIDE = "set-aside"
    """A reviewer or editor set it aside, with a reason: no verdict needed."""
    RATED = "rated"
    """Every assigned reviewer (any reviewer, when none is assigned) has a current verdict:
    awaiting an editor's sign-off."""
    SIGNED_OFF = "signed-off"
    """An editor gave the final verdict."""
    PUBLISHED = "published"
    """An editor published the final verdict (`export --publish`)."""


class UnknownStateError(ValueError):
    """A state name that is not one: the message lists them, with a 'did you mean'."""


def parse_state(name: str) -> State:
    """`name` as a State ('in review', 'in_review' and 'In-Review' are all 'in-review')."""
    folded = "-".join(name.strip().casefold().replace("_", " ").split())
    try:
        return State(folded)
    except ValueError:
        names = [state.value for state in State]
        raise UnknownStateError(
            f"no workflow state {name!r}{did_you_mean(folded, names)}; the states: "
            f"{', '.join(names)}"
        ) from None


@dataclass(frozen=True, slots=True)
class ClaimWorkflow:
    """A claim's state and what it comes from."""

    state: State
    assigned: tuple[str, ...]
    set_aside_by: str | None = None
    set_aside_reason: str = ""
    sent_back_by: str | None = None
    sent_back: SentBack | None = None
    """The latest send-back that is still open (not followed by a sign-off)."""
    published: str = ""
    """When it was first published, '' when it was not."""
    final_verdict: str | None = None
    """The editor's final verdict, when signed off."""
    corrections: tuple[tuple[str, Correction], ...] = ()
    """(editor, correction) for each change of the verdict since it was published, oldest
    first."""


def claim_workflow(
    claim: Claim,
    reviews: Iterable[Review],
    editors: Collection[str],
    fingerprint: str | None,
) -> ClaimWorkflow:
    """The state of `claim` from everyone's `reviews` of it. `editors` are casefolded names;
    `fingerprint` is the claim's today, so a stale verdict does not count as done."""
    reviewers: list[Review] = []
    editor_reviews: list[Review] = []
    for review in reviews:
        if review.time_only:
            continue  # looked at, nothing given: not started
        (editor_reviews if review.reviewer.casefold() in editors else reviewers).append(review)
    assigned = claim.assigned
    signed = [r for r in editor_reviews if r.verdict is not None]
    final = max(signed, key=lambda r: r.time) if signed else None
    published = min((r.published for r in editor_reviews if r.published), default="")
    corrections = tuple(
        sorted(
            ((r.reviewer, c) for r in editor_reviews for c in r.corrections),
            key=lambda pair: pair[1].time,
        )
    )
    sent = [r for r in editor_reviews if r.sent_back is not None]
    sent_back_review = max(sent, key=lambda r: _sent_time(r)) if sent else None
    sent_back = sent_back_review.sent_back if sent_back_review else None
    if final is not None and sent_back is not None and final.time >= sent_back.time:
        sent_back_review = sent_back = None
    common = {
        "assigned": assigned,
        "sent_back_by": sent_back_review.reviewer if sent_back_review else None,
        "sent_back": sent_back,
        "published": published,
        "final_verdict": final.verdict if final else None,
        "corrections": corrections,
    }
    if final is not None:
        state = State.PUBLISHED if published else State.SIGNED_OFF
        return ClaimWorkflow(state, **common)  # type: ignore[arg-type]
    aside = next((r for r in [*editor_reviews, *reviewers] if r.set_aside), None)
    if aside is not None:
        return ClaimWorkflow(
            State.SET_ASIDE,
            set_aside_by=aside.reviewer,
            set_aside_reason=aside.set_aside,
            **common,  # type: ignore[arg-type]
        )
    since = sent_back.time if sent_back is not None else ""
    done = {
        r.reviewer.casefold()
        for r in reviewers
        if r.verdict is not None and r.fingerprint == fingerprint and r.time > since
    }
    rated = all(name.casefold() in done for name in assigned) if assigned else bool(done)
    if rated:
        state = State.RATED
    elif reviewers or sent_back is not None:
        state = State.IN_REVIEW
    else:
        state = State.ASSIGNED if assigned else State.UNASSIGNED
    return ClaimWorkflow(state, **common)  # type: ignore[arg-type]


def _sent_time(review: Review) -> str:
    return review.sent_back.time if review.sent_back is not None else ""


def needs(
    claim: Claim, workflow: ClaimWorkflow, own: Review | None, fingerprint: str | None
) -> bool:
    """Whether `claim` waits on the reviewer whose review is `own`: not set aside, signed off
    or published, and their verdict missing, stale, or older than an editor's send-back."""
    if workflow.state in (State.SET_ASIDE, State.SIGNED_OFF, State.PUBLISHED):
        return False
    if own is None or own.verdict is None or own.fingerprint != fingerprint:
        return True
    return workflow.sent_back is not None and own.time <= workflow.sent_back.time


def reviews_by_claim(files: Sequence[ReviewFile]) -> dict[str, list[Review]]:
    by_claim: dict[str, list[Review]] = {}
    for review_file in files:
        if review_file.unreadable is not None:
            continue
        for claim_id, review in review_file.reviews.items():
            by_claim.setdefault(claim_id, []).append(review)
    return by_claim


def corpus_workflow(
    corpus: Corpus,
    files: Sequence[ReviewFile],
    editors: Iterable[str],
    fingerprints: Mapping[str, str],
) -> dict[str, ClaimWorkflow]:
    """Every claim's workflow, by claim id, in corpus order."""
    editor_names = {name.casefold() for name in editors}
    by_claim = reviews_by_claim(files)
    return {
        claim.id: claim_workflow(
            claim, by_claim.get(claim.id, ()), editor_names, fingerprints.get(claim.id)
        )
        for claim in corpus.claims
    }


@dataclass(frozen=True, slots=True)
class Queue:
    """One reviewer's assigned claims, and how many of them still wait on them."""

    reviewer: str
    assigned: int
    waiting: int
    """Assigned claims that need this reviewer's verdict (see `needs`)."""


def queues(
    corpus: Corpus,
    files: Sequence[ReviewFile],
    workflows: Mapping[str, ClaimWorkflow],
    fingerprints: Mapping[str, str],
) -> list[Queue]:
    """Each assigned reviewer's queue, by name."""
    own: dict[str, dict[str, Review]] = {
        f.reviewer.casefold(): f.reviews for f in files if f.unreadable is None
    }
    assigned: dict[str, int] = {}
    waiting: dict[str, int] = {}
    spelled: dict[str, str] = {}
    for claim in corpus.claims:
        for name in claim.assigned:
            key = name.casefold()
            spelled.setdefault(key, name)
            assigned[key] = assigned.get(key, 0) + 1
            review = own.get(key, {}).get(claim.id)
            if needs(claim, workflows[claim.id], review, fingerprints.get(claim.id)):
                waiting[key] = waiting.get(key, 0) + 1
    return [
        Queue(spelled[key], assigned[key], waiting.get(key, 0))
        for key in sorted(assigned, key=lambda k: spelled[k].casefold())
    ]


def state_counts(workflows: Iterable[ClaimWorkflow]) -> dict[State, int]:
    counts = dict.fromkeys(State, 0)
    for workflow in workflows:
        counts[workflow.state] += 1
    return counts


@dataclass(frozen=True, slots=True)
class WorkflowSummary:
    """What `factcheck stats` shows of the workflow: claims per state, each reviewer's queue."""

    states: dict[State, int]
    queues: list[Queue]

    def to_dict(self) -> dict[str, object]:
        return {
            "states": {state.value: n for state, n in self.states.items()},
            "queues": [
                {"reviewer": q.reviewer, "assigned": q.assigned, "waiting": q.waiting}
                for q in self.queues
            ],
        }


def summarise(
    corpus: Corpus, files: Sequence[ReviewFile], editors: Iterable[str]
) -> WorkflowSummary:
    fingerprints = {claim.id: fingerprint(corpus, claim) for claim in corpus.claims}
    workflows = corpus_workflow(corpus, files, editors, fingerprints)
    return WorkflowSummary(
        state_counts(workflows.values()), queues(corpus, files, workflows, fingerprints)
    )


def publish(
    corpus: Corpus,
    files: Sequence[ReviewFile],
    editors: Iterable[str],
    store: ReviewStore,
    claim_ids: Iterable[str],
    time: str,
) -> list[str]:
    """Record in the publishing editor's file (`store`) that the signed-off claims among
    `claim_ids` were published at `time`; the claims newly marked. Claims published already
    keep their first date; a claim another editor signed off gets an entry without a verdict
    in this editor's file, which records who published it and when."""
    editor_names = {name.casefold() for name in editors}
    by_claim = reviews_by_claim(files)
    marked: list[Review] = []
    for claim_id in claim_ids:
        claim = corpus.claims_by_id.get(claim_id)
        if claim is None:
            continue
        today = fingerprint(corpus, claim)
        workflow = claim_workflow(claim, by_claim.get(claim_id, ()), editor_names, today)
        if workflow.state is not State.SIGNED_OFF:
            continue
        own = store.get(claim_id)
        if own is None:
            marked.append(Review(claim_id, None, "", store.reviewer, time, today, published=time))
        else:
            marked.append(replace(own, published=time))
    store.put_many(marked)
    return [review.claim_id for review in marked]
