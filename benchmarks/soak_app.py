"""A soak of the review app: thousands of key presses across every screen, as a fact-checker
might make them, on a copy of a large corpus. Run on demand:

    .venv/bin/factcheck generate --claims 10000 /tmp/c10k     # once
    .venv/bin/python benchmarks/soak_app.py /tmp/c10k --keys 10000

The corpus is copied into a temporary folder (the ratings the soak makes are written there,
not into the corpus named) and its caches made warm by a `factcheck check` first. The app is
run with Pilot, as the tests run it (`create_app(...).run_test()`), and driven by a seeded
random.Random, so a seed gives the same key sequence. The keys, chosen by the screen on top:
- the review screen: j/k/down/up, ] (next unrated), 1-7 (rate), u (undo), n (a note typed,
  then saved with ctrl+s, or escape and save/discard/keep), / (a search typed, then enter or
  escape), o (others), p (problems), ? (help), e (the export dialog: up/down, escape),
  escape, and
  - tab, into the evidence: there enter (the quote in its source, where n/p/j/k move, then
    q), up/down, space (cite or uncite the quote for the verdict), u, shift+tab back;
  - C: a comment typed, then ctrl+s (an empty one is refused) or escape and save/discard/keep;
  - A: set the claim aside, a reason typed (or the one it has cleared with ctrl+u, to take it
    back), then enter or escape;
  - g: the suggested evidence, where j/k/down/up move, enter shows the passage in its source,
    u undoes, ? helps, q/escape go back;
  - D: the editor's desk. The soak's reviewer is no editor: the desk must say so in its
    header and refuse the rating keys (a warning, nothing written); j/k/up/down/left/right
    move, n writes the reviewer's own note on the claim there, b asks what to send back and
    refuses it on enter, u undoes, enter reads the claim on the review screen (escape there
    comes back), ? helps, escape/D close.
Keys that change the corpus files (a, E, S, c/s/x/d on the evidence, c/s/x on a suggestion or
in a source) are never pressed.

It fails on any error: an exception in the app, a notice of severity error (every worker
failure is one, see ReviewApp._worker_failed), a line in the app's failure log. Every
`--sample` keys it collects the garbage, samples the memory (the process's resident set and
Python's allocated blocks) and checks the files on disk against the soak's own model of the
keys pressed (`Expected`, by the session's rules): the review file parses and holds exactly the
verdicts, notes, cites and set-asides the keys made (rate, note, space, A, undo; an entry with
nothing in it but the time spent counts as none), and comments/<reviewer>.yaml exactly the
comments added, in order. It prints the samples, then start, end, max and the growth per 1,000
keys.

tests/test_app_soak.py runs a short soak (300 keys, 300 claims) in CI with the same driver.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from textual.pilot import Pilot
from textual.widgets import Input, Static
from textual.worker import WorkerState

from factcheck.app import create_app
from factcheck.app.screens.ask import DiscardNote
from factcheck.app.screens.comment import CommentEditor
from factcheck.app.screens.desk import DeskScreen
from factcheck.app.screens.export import ExportDialog
from factcheck.app.screens.help import HelpScreen
from factcheck.app.screens.note import NoteEditor
from factcheck.app.screens.reason import ReasonDialog
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.screens.source import SourceScreen
from factcheck.app.screens.suggestions import SuggestionsScreen
from factcheck.reviews.comments import COMMENTS_FOLDER
from factcheck.reviews.model import reviewer_file_name

REVIEWER = "Soak Tester"
SIZE = (120, 40)

REVIEW_KEYS: dict[str, int] = {
    "j": 14,
    "k": 7,
    "down": 4,
    "up": 3,
    "right_square_bracket": 4,
    **{str(key): 2 for key in range(1, 8)},
    "u": 5,
    "n": 4,
    "slash": 4,
    "o": 3,
    "p": 3,
    "tab": 6,
    "question_mark": 3,
    "e": 3,
    "escape": 3,
    "g": 2,
    "D": 2,
    "C": 3,
    "A": 3,
}
"""The keys pressed on the review screen, with the claim list focused, and their weights."""

EVIDENCE_KEYS = ["enter", "enter", "down", "up", "space", "space", "u", "shift+tab"]
"""The keys pressed on a quote in the evidence list (tab moved there): space cites or uncites
it."""

SUGGESTION_KEYS: dict[str, int] = {
    "j": 4,
    "k": 2,
    "down": 2,
    "up": 1,
    "enter": 2,
    "u": 1,
    "question_mark": 1,
    "q": 1,
    "escape": 1,
}
"""The keys pressed on the suggested evidence (g): moving, showing one in its source (enter),
undo, help and back. c / s / x (quote it, which writes the corpus files) are never pressed."""

DESK_KEYS: dict[str, int] = {
    "j": 3,
    "k": 2,
    "down": 1,
    "up": 1,
    "left": 1,
    "right": 1,
    "rate": 2,
    "n": 2,
    "b": 1,
    "u": 1,
    "enter": 2,
    "escape": 2,
    "D": 1,
    "question_mark": 1,
}
"""The keys pressed on the editor's desk (D) by the soak's reviewer, who is no editor: 'rate'
is one of the rating keys, which the desk refuses with a warning and writes nothing; n writes
the reviewer's own note (the desk's rationale key, the same note as n on the review screen);
b asks what to send back and refuses it on enter."""

TYPED = "aeiostnrldhu "
"""What is typed into notes, comments, reasons and the search box (space included): common
letters, so that a search finds claims as often as not."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A claim's review as the keys pressed made it: what the review file must hold for it."""

    verdict: str | None = None
    note: str = ""
    cites: tuple[str, ...] = ()
    set_aside: str = ""

    @property
    def empty(self) -> bool:
        """Nothing a reader would see. The review file may hold such an entry or none: an entry
        with only the time spent on the claim is the clock's (written every minute, on leaving
        a claim after a while, on undo), not the keys', and reads as no review everywhere
        (`Review.time_only`)."""
        return self == Entry()


Reviews = dict[str, Entry]
"""Claim id -> its review: what the review file must hold."""


@dataclass
class Expected:
    """The reviews and comments the keys pressed must have written, by the session's rules
    (reviews/session.py): rate keeps the note and the cites and takes the claim out of 'set
    aside'; a note trimmed at its end, empty or unchanged writes nothing; space cites a quote
    or uncites it, and a review left with nothing in it is removed; a set-aside's reason is
    written with its spaces squeezed, an empty one takes it back, and each is written even
    when unchanged; undo takes back the newest of these. A comment is added trimmed, an empty
    one refused, and undo never takes one back."""

    reviews: Reviews = field(default_factory=dict)
    undo: list[tuple[str, Entry | None]] = field(default_factory=list)
    comments: list[tuple[str, str]] = field(default_factory=list)
    """(claim id, text) in the order added: what comments/<reviewer>.yaml must hold."""
    made: Counter[str] = field(default_factory=Counter)
    """How many changes of each kind the keys made (rate, note, cite, set_aside, undo)."""

    def _write(self, kind: str, claim_id: str, after: Entry | None) -> None:
        self.made[kind] += 1
        self.undo.append((claim_id, self.reviews.get(claim_id)))
        if after is None:
            self.reviews.pop(claim_id, None)
        else:
            self.reviews[claim_id] = after

    def rate(self, claim_id: str, verdict: str) -> None:
        before = self.reviews.get(claim_id) or Entry()
        self._write("rate", claim_id, replace(before, verdict=verdict, set_aside=""))

    def note(self, claim_id: str, text: str) -> None:
        note = text.rstrip()
        before = self.reviews.get(claim_id)
        if (before is None and not note) or (before is not None and before.note == note):
            return
        self._write("note", claim_id, replace(before or Entry(), note=note))

    def cite(self, claim_id: str, quote_id: str) -> None:
        before = self.reviews.get(claim_id) or Entry()
        cited = before.cites
        cites = (
            tuple(c for c in cited if c != quote_id) if quote_id in cited else (*cited, quote_id)
        )
        after = replace(before, cites=cites)
        self._write("cite", claim_id, None if after.empty else after)

    def set_aside(self, claim_id: str, reason: str) -> None:
        before = self.reviews.get(claim_id) or Entry()
        self._write("set_aside", claim_id, replace(before, set_aside=" ".join(reason.split())))

    def take_back(self) -> None:
        if not self.undo:
            return
        claim_id, before = self.undo.pop()
        self.made["undo"] += 1
        if before is None:
            self.reviews.pop(claim_id, None)
        else:
            self.reviews[claim_id] = before

    def comment(self, claim_id: str, text: str) -> bool:
        """A comment saved (ctrl+s); whether it was added (an empty one is refused, and the
        editor stays open)."""
        if not text.strip():
            return False
        self.comments.append((claim_id, text.strip()))
        self.made["comment"] += 1
        return True

    def on_disk(self) -> Reviews:
        """The reviews the file must hold, as `review_file` reads them (no empty ones)."""
        return {claim_id: entry for claim_id, entry in self.reviews.items() if not entry.empty}


@dataclass
class Sample:
    keys: int
    rss_mb: float
    blocks: int
    """sys.getallocatedblocks(): Python's live allocations, after a full collection."""
    traced: tracemalloc.Snapshot | None = None
    """With tracing on: where the live allocations were made."""


@dataclass
class Soak:
    keys: int = 0
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notices: Counter[str] = field(default_factory=Counter)
    """How many notices of each severity the app gave."""
    screens: Counter[str] = field(default_factory=Counter)
    """How many keys were pressed on each screen."""
    expected: Expected = field(default_factory=Expected)
    seconds: float = 0.0

    def growth_per_thousand(self) -> float:
        """MB of resident memory per 1,000 keys: the slope of a least-squares line through the
        samples after the first 1,000 keys (the first warms caches: fonts of widgets, styles)."""
        points = [(s.keys, s.rss_mb) for s in self.samples if s.keys >= 1000] or [
            (s.keys, s.rss_mb) for s in self.samples
        ]
        if len(points) < 2:
            return 0.0
        mean_x = sum(x for x, _ in points) / len(points)
        mean_y = sum(y for _, y in points) / len(points)
        spread = sum((x - mean_x) ** 2 for x, _ in points)
        slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
        return slope * 1000


def resident_mb() -> float:
    """This process's resident set now (Linux), else its peak so far."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def review_file(root: Path) -> Reviews:
    """The reviews on disk, those with anything in them (see `Entry.empty`): claim id -> its
    verdict, note, cites and set-aside; a file that does not parse raises."""
    path = root / "reviews" / reviewer_file_name(REVIEWER)
    if not path.exists():
        return {}
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    assert document["reviewer"] == REVIEWER, document.get("reviewer")
    read = {
        entry["claim"]: Entry(
            entry.get("verdict"),
            entry.get("note") or "",
            tuple(entry.get("cites") or ()),
            entry.get("set_aside") or "",
        )
        for entry in document.get("reviews") or []
    }
    return {claim_id: entry for claim_id, entry in read.items() if not entry.empty}


def comments_file(root: Path) -> list[tuple[str, str]]:
    """The reviewer's comments on disk, (claim id, text) in the file's order; a file that does
    not parse raises."""
    path = root / COMMENTS_FOLDER / reviewer_file_name(REVIEWER)
    if not path.exists():
        return []
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    assert document["author"] == REVIEWER, document.get("author")
    return [(entry["claim"], entry["text"]) for entry in document.get("comments") or []]


class Driver:
    """Presses the keys, one at a time, choosing each from what is on screen now."""

    def __init__(self, pilot: Pilot[Any], root: Path, seed: int, soak: Soak) -> None:
        self.pilot = pilot
        self.app = pilot.app
        self.root = root
        self.random = random.Random(seed)
        self.soak = soak
        self.typing_left = 0
        """Characters still to type into the note, comment, reason or search box before
        leaving it."""
        self.labels: dict[int, str] = {}
        self.aside: tuple[str, str] | None = None
        """The claim whose set-aside dialog (A) is open, and the reason it opened with."""

    async def settle(self) -> None:
        """Until no search runs in its worker and every message is handled: what is selected
        then is what the next key acts on."""
        for _ in range(1000):
            await self.pilot.pause()
            running = [
                worker
                for worker in self.app.workers
                if worker.group == "search"
                and worker.state in (WorkerState.PENDING, WorkerState.RUNNING)
            ]
            if not running:
                await self.pilot.pause()
                return
            await asyncio.sleep(0.005)
        raise AssertionError("a search never ended")

    async def press(self, key: str) -> None:
        self.soak.screens[type(self.app.screen).__name__] += 1
        await self.pilot.press(key)
        self.soak.keys += 1

    def pick(self, weights: dict[str, int]) -> str:
        return self.random.choices(list(weights), weights=list(weights.values()))[0]

    async def step(self) -> None:
        screen = self.app.screen
        if isinstance(screen, ReviewScreen):
            await self.on_review(screen)
        elif isinstance(screen, CommentEditor):  # a NoteEditor too: asked first
            await self.on_comment(screen)
        elif isinstance(screen, NoteEditor):
            await self.on_note(screen)
        elif isinstance(screen, DiscardNote):
            await self.on_discard(screen)
        elif isinstance(screen, ReasonDialog):
            await self.on_reason(screen)
        elif isinstance(screen, SuggestionsScreen):
            await self.on_suggestions()
        elif isinstance(screen, DeskScreen):
            await self.on_desk(screen)
        elif isinstance(screen, SourceScreen):
            await self.press(self.random.choice("npjk") if self.random.random() < 0.8 else "q")
        elif isinstance(screen, HelpScreen):
            await self.press(self.random.choice(["escape", "question_mark", "q"]))
        elif isinstance(screen, ExportDialog):
            await self.press(self.random.choice(["down", "up", "escape", "escape"]))
        else:
            self.soak.errors.append(f"an unexpected screen: {type(screen).__name__}")
            await self.press("escape")

    async def on_review(self, screen: ReviewScreen) -> None:
        focused = screen.focused
        if focused is not None and focused.id == "search":
            await self.type_or_leave(["enter", "escape"])
            return
        if focused is screen.evidence:
            await self.on_evidence(screen)
            return
        key = self.pick(REVIEW_KEYS)
        if key in {str(k) for k in range(1, 8)}:
            await self.settle()
            claim = screen.selected
            await self.press(key)
            if claim is not None:
                self.soak.expected.rate(claim.id, self.label(screen, int(key)))
        elif key == "u":
            await self.settle()
            await self.press(key)
            self.soak.expected.take_back()
        elif key in ("n", "slash"):
            self.typing_left = self.random.randint(1, 12 if key == "n" else 6)
            await self.press(key)
        elif key == "C":
            self.typing_left = self.random.randint(0, 10)
            await self.press(key)
        elif key == "A":
            await self.settle()
            claim = screen.selected
            if claim is not None:
                entry = self.soak.expected.reviews.get(claim.id)
                self.aside = (claim.id, entry.set_aside if entry is not None else "")
            self.typing_left = self.random.randint(0, 8)
            await self.press(key)
        else:
            await self.press(key)

    async def on_evidence(self, screen: ReviewScreen) -> None:
        key = self.random.choice(EVIDENCE_KEYS)
        if key not in ("space", "u"):
            await self.press(key)
            return
        await self.settle()
        claim, item = screen.selected, screen.evidence.selected_item
        await self.press(key)
        if key == "u":
            self.soak.expected.take_back()
        elif claim is not None and item is not None:
            self.soak.expected.cite(claim.id, item.quote.id)

    def label(self, screen: ReviewScreen, key: int) -> str:
        if key not in self.labels:
            verdict = screen.session.corpus.scale.by_key(key)
            assert verdict is not None, key
            self.labels[key] = verdict.label
        return self.labels[key]

    async def type_or_leave(self, leave: list[str]) -> bool:
        """Type one character, or, when the planned text is typed, press one of `leave`;
        whether it left."""
        if self.typing_left > 0:
            self.typing_left -= 1
            character = self.random.choice(TYPED)
            await self.press("space" if character == " " else character)
            return False
        await self.press(self.random.choice(leave))
        return True

    async def on_note(self, editor: NoteEditor) -> None:
        if self.typing_left > 0:
            await self.type_or_leave([])
            return
        if self.random.random() < 0.6:
            text = editor.text
            await self.press("ctrl+s")
            self.soak.expected.note(editor.claim.id, text)
        else:
            await self.press("escape")  # unchanged: closes; changed: asks

    async def on_comment(self, editor: CommentEditor) -> None:
        if self.typing_left > 0:
            await self.type_or_leave([])
            return
        if self.random.random() < 0.6:
            text = editor.text
            await self.press("ctrl+s")
            if not self.soak.expected.comment(editor.claim.id, text):
                self.typing_left = self.random.randint(1, 4)  # refused as empty: write some
        else:
            await self.press("escape")  # nothing written: closes; written: asks

    async def on_discard(self, question: DiscardNote) -> None:
        editor = next(s for s in reversed(self.app.screen_stack) if isinstance(s, NoteEditor))
        answer = self.random.choice(["s", "s", "d", "k"])
        text = editor.text
        await self.press(answer)
        if answer == "s" and isinstance(editor, CommentEditor):
            if not self.soak.expected.comment(editor.claim.id, text):
                self.typing_left = self.random.randint(1, 4)  # refused, the editor open
        elif answer == "s":
            self.soak.expected.note(editor.claim.id, text)
        elif answer == "k":
            self.typing_left = self.random.randint(0, 3)  # back in the editor: type on

    async def on_reason(self, dialog: ReasonDialog) -> None:
        """The set-aside dialog (A): a reason typed, or the one it opened with cleared (ctrl+u)
        to take it back; enter saves. The send-back dialog (b on the desk): the soak's reviewer
        is no editor, so enter is refused and nothing written."""
        aside = self.aside
        setting_aside = aside is not None and dialog.title_text == f"Set aside {aside[0]}"
        if not setting_aside and not dialog.title_text.startswith("Send "):
            self.soak.errors.append(f"an unexpected dialog: {dialog.title_text!r}")
        if self.typing_left > 0:
            await self.type_or_leave([])
            return
        key = self.random.choice(["enter", "enter", "enter", "escape", "ctrl+u"])
        reason = dialog.query_one(Input).value
        await self.press(key)
        if key == "ctrl+u":
            self.typing_left = self.random.randint(0, 4)
        elif key == "escape":
            self.aside = None
        elif not setting_aside or aside is None:
            self.typing_left = self.random.randint(0, 2)  # refused: no editor
        elif reason.strip() or aside[1]:
            self.soak.expected.set_aside(aside[0], reason)
            self.aside = None
        else:
            self.typing_left = self.random.randint(1, 4)  # refused: no reason given

    async def on_suggestions(self) -> None:
        key = self.pick(SUGGESTION_KEYS)
        await self.press(key)
        if key == "u":
            self.soak.expected.take_back()

    async def on_desk(self, desk: DeskScreen) -> None:
        header = str(desk.query_one("#desk-header", Static).render())
        if "not an editor" not in header:
            self.soak.errors.append(f"the desk does not say the reviewer is no editor: {header}")
        key = self.pick(DESK_KEYS)
        if key == "rate":
            refused = self.soak.notices["warning"]
            claim = desk.selected
            await self.press(str(self.random.randint(1, 7)))
            if claim is not None and self.soak.notices["warning"] != refused + 1:
                self.soak.errors.append(
                    f"after {self.soak.keys} keys, a rating key on the desk was not refused "
                    "with a warning for a reviewer who is no editor"
                )
            return
        if key in ("n", "b"):
            self.typing_left = self.random.randint(1, 12 if key == "n" else 6)
        await self.press(key)
        if key == "u":
            self.soak.expected.take_back()

    def check_disk(self) -> None:
        on_disk, expected = review_file(self.root), self.soak.expected.on_disk()
        if on_disk != expected:
            wrong = sorted(set(on_disk.items()) ^ set(expected.items()), key=lambda pair: pair[0])
            self.soak.errors.append(
                f"after {self.soak.keys} keys the review file differs from what the keys "
                f"pressed must have written, e.g. {wrong[:3]}"
            )
        comments = comments_file(self.root)
        if comments != self.soak.expected.comments:
            self.soak.errors.append(
                f"after {self.soak.keys} keys the comments file holds {len(comments)} comments, "
                f"the keys pressed added {len(self.soak.expected.comments)}; the first that "
                "differs: "
                + repr(
                    next(
                        (
                            pair
                            for pair in zip(comments, self.soak.expected.comments, strict=False)
                            if pair[0] != pair[1]
                        ),
                        None,
                    )
                )
            )


async def opened(pilot: Pilot[Any]) -> ReviewScreen:
    """The review screen, once it is up and the quotes are checked."""
    for _ in range(6000):
        screen = pilot.app.screen
        if isinstance(screen, ReviewScreen) and not screen.checking:
            await pilot.pause()
            return screen
        await pilot.pause(0.02)
    raise AssertionError("the review screen never opened, or the quotes were never checked")


def watch_notices(app: Any, soak: Soak) -> None:
    """Every notice the app gives goes through app.notify (the screens' and widgets' call it):
    count them, and keep each error's words."""
    notify: Callable[..., None] = app.notify

    def counted(message: str, *arguments: Any, **options: Any) -> None:
        severity = options.get("severity", "information")
        soak.notices[severity] += 1
        if severity == "error":
            soak.errors.append(f"after {soak.keys} keys, an error notice: {message}")
        notify(message, *arguments, **options)

    app.notify = counted


async def soak_app(
    root: Path,
    *,
    keys: int,
    seed: int = 1,
    sample_every: int = 1000,
    log_file: Path,
    progress: Callable[[Sample], None] | None = None,
) -> Soak:
    """Press `keys` keys in the app on the corpus at `root` (which gets the ratings)."""
    soak = Soak()
    app = create_app(root, REVIEWER, log_file=log_file)
    watch_notices(app, soak)
    start = time.perf_counter()
    try:
        async with app.run_test(size=SIZE) as pilot:
            await opened(pilot)
            driver = Driver(pilot, root, seed, soak)

            async def sample() -> None:
                await driver.settle()
                gc.collect()
                traced = tracemalloc.take_snapshot() if tracemalloc.is_tracing() else None
                taken = Sample(soak.keys, resident_mb(), sys.getallocatedblocks(), traced)
                soak.samples.append(taken)
                driver.check_disk()
                if progress is not None:
                    progress(taken)

            await sample()
            while soak.keys < keys and app.is_running:
                await driver.step()
                if soak.keys % sample_every == 0:
                    await sample()
            if not app.is_running:
                soak.errors.append(f"the app stopped after {soak.keys} keys")
            elif soak.samples[-1].keys != soak.keys:
                await sample()
    except Exception as error:  # the app's own, re-raised by run_test: the soak's finding
        soak.errors.append(f"after {soak.keys} keys, the app raised {error!r}")
    soak.seconds = time.perf_counter() - start
    if log_file.exists() and log_file.read_text(encoding="utf-8").strip():
        soak.errors.append(f"the app logged failures in {log_file}")
    return soak


def report(soak: Soak) -> str:
    rss = [s.rss_mb for s in soak.samples]
    reviews = soak.expected.on_disk().values()
    rated = sum(entry.verdict is not None for entry in reviews)
    noted = sum(bool(entry.note) for entry in reviews)
    citing = sum(bool(entry.cites) for entry in reviews)
    aside = sum(bool(entry.set_aside) for entry in reviews)
    lines = [
        f"{soak.keys:,} keys in {soak.seconds:.0f} s ({1000 * soak.seconds / max(soak.keys, 1):.0f}"
        " ms a key)",
        "keys per screen: "
        + ", ".join(f"{name} {count:,}" for name, count in soak.screens.most_common()),
        "notices: " + (", ".join(f"{k} {v}" for k, v in soak.notices.items()) or "none"),
        f"reviews on disk at the end: {len(reviews):,} ({rated:,} rated, {noted:,} with a "
        f"note, {citing:,} citing, {aside:,} set aside); comments: "
        f"{len(soak.expected.comments):,}",
        "changes the keys made: "
        + ", ".join(f"{kind} {count:,}" for kind, count in soak.expected.made.most_common()),
        f"RSS: start {rss[0]:.1f} MB, end {rss[-1]:.1f} MB, max {max(rss):.1f} MB; growth per "
        f"1,000 keys {1000 * (rss[-1] - rss[0]) / max(soak.keys, 1):+.2f} MB overall, "
        f"{soak.growth_per_thousand():+.2f} MB fitted after the first 1,000",
        f"Python blocks: start {soak.samples[0].blocks:,}, end {soak.samples[-1].blocks:,}, "
        f"max {max(s.blocks for s in soak.samples):,}",
        f"errors: {len(soak.errors)}",
        *(f"  {error}" for error in soak.errors[:20]),
    ]
    traced = [s for s in soak.samples if s.traced is not None]
    if len(traced) >= 2:
        # From the sample after the first 1,000 keys (caches warm) to the last.
        first = next((s for s in traced if s.keys >= 1000), traced[0])
        assert first.traced is not None and traced[-1].traced is not None
        grown = traced[-1].traced.compare_to(first.traced, "traceback")
        lines.append(f"allocations grown from {first.keys:,} to {traced[-1].keys:,} keys:")
        for difference in grown[:12]:
            lines.append(
                f"  {difference.size_diff / 1024:+9.1f} KiB {difference.count_diff:+7} blocks"
            )
            lines += [f"      {line}" for line in difference.traceback.format()[-6:]]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="copied first: its own files are not changed")
    parser.add_argument("--keys", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=1000, help="sample memory every N keys")
    parser.add_argument(
        "--tracemalloc",
        type=int,
        default=0,
        metavar="FRAMES",
        help="trace allocations (slow) and show where the live ones grew",
    )
    args = parser.parse_args()
    if args.tracemalloc:
        tracemalloc.start(args.tracemalloc)

    with tempfile.TemporaryDirectory(prefix="factcheck-soak-") as scratch:
        root = Path(scratch, "corpus")
        shutil.copytree(args.corpus, root, ignore=shutil.ignore_patterns("reviews"))
        os.environ["FACTCHECK_CACHE_DIR"] = str(Path(scratch, "cache"))
        # The caches warm, as after any earlier check: the soak is of the app, not of a first
        # verification of 50,000 quotes.
        subprocess.run(
            [sys.executable, "-m", "factcheck", "check", str(root)],
            stdout=subprocess.DEVNULL,
            check=False,
        )
        print(f"{args.corpus} copied to {root}; seed {args.seed}", flush=True)

        def progress(sample: Sample) -> None:
            print(
                f"{sample.keys:6,} keys  RSS {sample.rss_mb:7.1f} MB  "
                f"Python blocks {sample.blocks:,}",
                flush=True,
            )

        soak = asyncio.run(
            soak_app(
                root,
                keys=args.keys,
                seed=args.seed,
                sample_every=args.sample,
                log_file=Path(scratch, "app.log"),
                progress=progress,
            )
        )
        print(report(soak))
    return 1 if soak.errors else 0


if __name__ == "__main__":
    sys.exit(main())
