"""A soak of the review app: thousands of key presses across every screen, as a fact-checker
might make them, on a copy of a large corpus. Run on demand:

    .venv/bin/factcheck generate --claims 10000 /tmp/c10k     # once
    .venv/bin/python benchmarks/soak_app.py /tmp/c10k --keys 10000

The corpus is copied into a temporary folder (the ratings the soak makes are written there,
not into the corpus named) and its caches made warm by a `factcheck check` first. The app is
run with Pilot, as the tests run it (`create_app(...).run_test()`), and driven by a seeded
random.Random, so a seed gives the same key sequence: on the review screen j/k/down/up, ]
(next unrated), 1-7 (rate), u (undo), n (a note typed, then saved with ctrl+s or escape and
save/discard), / (a search typed, then enter or escape), o (others), p (problems), tab and
enter (the highlighted quote in its source, where n/p/j/k move, then q or escape), ? (help),
e (the export dialog, then escape) and escape. Keys that change the corpus files (a, E, S, and
c/s/x/d on the evidence) are never pressed.

It fails on any error: an exception in the app, a notice of severity error (every worker
failure is one, see ReviewApp._worker_failed), a line in the app's failure log. Every
`--sample` keys it collects the garbage, samples the memory (the process's resident set and
Python's allocated blocks) and checks the review file on disk: it parses and holds exactly the
ratings and notes the soak's own model of the keys pressed expects (rate, note, undo). It
prints the samples, then start, end, max and the growth per 1,000 keys.

tests/test_app_soak.py runs a short soak (500 keys, 300 claims) in CI with the same driver.
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from textual.pilot import Pilot
from textual.worker import WorkerState

from factcheck.app import create_app
from factcheck.app.screens.ask import DiscardNote
from factcheck.app.screens.export import ExportDialog
from factcheck.app.screens.help import HelpScreen
from factcheck.app.screens.note import NoteEditor
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.screens.source import SourceScreen
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
    "tab": 5,
    "question_mark": 3,
    "e": 3,
    "escape": 3,
}
"""The keys pressed on the review screen, with the claim list focused, and their weights."""

TYPED = "aeiostnrldhu "
"""What is typed into notes and the search box (space included): common letters, so that a
search finds claims as often as not."""

Verdicts = dict[str, tuple[str | None, str]]
"""Claim id -> (verdict, note): what the review file must hold."""


@dataclass
class Expected:
    """The reviews the keys pressed must have written, by the session's rules (rate keeps the
    note; a note trimmed at its end, empty or unchanged writes nothing; undo takes back the
    newest change)."""

    reviews: Verdicts = field(default_factory=dict)
    undo: list[tuple[str, tuple[str | None, str] | None]] = field(default_factory=list)

    def rate(self, claim_id: str, verdict: str) -> None:
        before = self.reviews.get(claim_id)
        self.undo.append((claim_id, before))
        self.reviews[claim_id] = (verdict, before[1] if before else "")

    def note(self, claim_id: str, text: str) -> None:
        note = text.rstrip()
        before = self.reviews.get(claim_id)
        if (before is None and not note) or (before is not None and before[1] == note):
            return
        self.undo.append((claim_id, before))
        self.reviews[claim_id] = (before[0] if before else None, note)

    def take_back(self) -> None:
        if not self.undo:
            return
        claim_id, before = self.undo.pop()
        if before is None:
            del self.reviews[claim_id]
        else:
            self.reviews[claim_id] = before


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


def review_file(root: Path) -> Verdicts:
    """The reviews on disk: claim id -> (verdict, note); a file that does not parse raises."""
    path = root / "reviews" / reviewer_file_name(REVIEWER)
    if not path.exists():
        return {}
    document = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    assert document["reviewer"] == REVIEWER, document.get("reviewer")
    return {
        entry["claim"]: (entry.get("verdict"), entry.get("note") or "")
        for entry in document.get("reviews") or []
    }


class Driver:
    """Presses the keys, one at a time, choosing each from what is on screen now."""

    def __init__(self, pilot: Pilot[Any], root: Path, seed: int, soak: Soak) -> None:
        self.pilot = pilot
        self.app = pilot.app
        self.root = root
        self.random = random.Random(seed)
        self.soak = soak
        self.typing_left = 0
        """Characters still to type into the note or the search box before leaving it."""
        self.labels: dict[int, str] = {}

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

    async def step(self) -> None:
        screen = self.app.screen
        if isinstance(screen, ReviewScreen):
            await self.on_review(screen)
        elif isinstance(screen, NoteEditor):
            await self.on_note(screen)
        elif isinstance(screen, DiscardNote):
            await self.on_discard(screen)
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
            await self.press(self.random.choice(["enter", "enter", "down", "shift+tab"]))
            return
        key = self.random.choices(list(REVIEW_KEYS), weights=list(REVIEW_KEYS.values()))[0]
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
        else:
            await self.press(key)

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

    async def on_discard(self, question: DiscardNote) -> None:
        editor = next(s for s in reversed(self.app.screen_stack) if isinstance(s, NoteEditor))
        answer = self.random.choice(["s", "s", "d", "k"])
        text = editor.text
        await self.press(answer)
        if answer == "s":
            self.soak.expected.note(editor.claim.id, text)
        elif answer == "k":
            self.typing_left = self.random.randint(0, 3)  # back in the editor: type on

    def check_disk(self) -> None:
        on_disk = review_file(self.root)
        if on_disk != self.soak.expected.reviews:
            wrong = sorted(set(on_disk.items()) ^ set(self.soak.expected.reviews.items()))
            self.soak.errors.append(
                f"after {self.soak.keys} keys the review file differs from what the keys "
                f"pressed must have written, e.g. {wrong[:3]}"
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
    lines = [
        f"{soak.keys:,} keys in {soak.seconds:.0f} s ({1000 * soak.seconds / max(soak.keys, 1):.0f}"
        " ms a key)",
        "keys per screen: "
        + ", ".join(f"{name} {count:,}" for name, count in soak.screens.most_common()),
        "notices: " + (", ".join(f"{k} {v}" for k, v in soak.notices.items()) or "none"),
        f"reviews on disk at the end: {len(soak.expected.reviews):,}",
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
