"""How fast the review app is on a 10,000-claim corpus. Run on demand:

    .venv/bin/python benchmarks/bench_app.py [CORPUS] [--keys N]

CORPUS defaults to /tmp/factcheck-bench-10000, generated when missing. Prints the time from
start to the first review screen ready for input, the median and worst time for `j` to show the
next claim, for a search keystroke, for a rating to be on disk, and the peak memory.

What is timed is the app's own work: from the key event being posted to the end of the first
screen update that shows its effect (the compositor's render, turned into terminal output). The
harness's pauses between keys are not counted. Run it twice: the first run also fills the parse
cache, so its start-up time is the cold one.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402 - the clock starts before any import
import asyncio  # noqa: E402
import io  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

from rich.console import Console  # noqa: E402
from textual import events  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from factcheck.app import ReviewApp, create_app  # noqa: E402
from factcheck.app.screens.review import ReviewScreen  # noqa: E402
from factcheck.app.widgets.claim_detail import ClaimDetail  # noqa: E402
from factcheck.app.widgets.claim_list import ClaimList  # noqa: E402

DEFAULT_CORPUS = Path("/tmp/factcheck-bench-10000")
VERBOSE = "-v" in sys.argv
TARGETS = {"start": 1.5, "next": 0.050, "search": 0.100, "rate": 0.020, "memory": 400}


class Displays:
    """Times of every screen update, with a probe of the app's state taken at each."""

    def __init__(self, app: ReviewApp) -> None:
        self.seen: list[tuple[float, object]] = []
        self.probe: Callable[[], object] = lambda: None
        self._console = Console(file=io.StringIO(), force_terminal=True, width=200)
        original = app._display

        def display(screen: object, renderable: object) -> None:
            original(screen, renderable)  # type: ignore[arg-type]
            if renderable is not None:
                # Headless apps skip the terminal write; do it here so it is counted.
                self._console.file = io.StringIO()
                self._console.print(renderable, end="")
                self.seen.append((time.perf_counter(), self.probe()))

        app._display = display  # type: ignore[method-assign]

    async def latency(self, pilot: Pilot, key: str, done: Callable[[], bool]) -> float:
        """Post `key`, wait for the first update after which `done()` holds."""
        self.probe = done
        start = time.perf_counter()
        count = len(self.seen)
        character = " " if key == "space" else key if len(key) == 1 else None
        pilot.app.post_message(events.Key(key, character))
        for _ in range(500):
            await asyncio.sleep(0.002)
            for stamp, state in self.seen[count:]:
                if state:
                    await pilot.pause()
                    return stamp - start
        raise RuntimeError(f"{key!r} never showed its effect")


def percentiles(name: str, values: list[float], target: float) -> str:
    median, worst = statistics.median(values), max(values)
    if VERBOSE:
        print(name, [round(value * 1000, 1) for value in values])
    verdict = "ok" if median < target and worst < target else "OVER TARGET"
    return (
        f"{name:<28} median {median * 1000:7.1f} ms   worst {worst * 1000:7.1f} ms   "
        f"(n={len(values)}, target {target * 1000:.0f} ms: {verdict})"
    )


async def run(root: Path, keys: int) -> None:
    reviewer = "Bench Mark"
    app = create_app(root, reviewer)
    displays = Displays(app)

    def review_screen_drawn() -> bool:
        screen = app.screen
        return isinstance(screen, ReviewScreen) and bool(screen.query(ClaimList).results())

    displays.probe = review_screen_drawn
    async with app.run_test(size=(160, 48)) as pilot:
        while not any(state for _, state in displays.seen):
            await asyncio.sleep(0.005)
        ready = next(stamp for stamp, state in displays.seen if state) - STARTED
        first_paint = displays.seen[0][0] - STARTED
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        corpus = screen.session.corpus
        total_quotes = len(
            {link.quote_id for c in corpus.claims for link in c.evidence} & corpus.quotes.keys()
        )

        detail = screen.query_one(ClaimDetail)
        next_times = []
        for _ in range(keys):
            target = screen.claim_list.claims[screen.claim_list.cursor + 1]
            next_times.append(
                await displays.latency(pilot, "j", lambda target=target: detail.shown is target)
            )
        checks_pending = len(screen.checks) < total_quotes

        rate_times = []
        on_disk: list[float] = []
        store = screen.session.store
        original_put = store.put

        def timed_put(review: object) -> None:
            original_put(review)  # type: ignore[arg-type]
            on_disk.append(time.perf_counter())

        store.put = timed_put  # type: ignore[method-assign]
        for index in range(keys):
            await displays.latency(pilot, "j", lambda: True)
            await pilot.pause()
            before = len(on_disk)
            start = time.perf_counter()
            key = str(index % 7 + 1)
            await displays.latency(pilot, key, lambda before=before: len(on_disk) > before)
            rate_times.append(on_disk[before] - start)

        search_times = []
        for word in ("security", "kabul hospital"):
            await pilot.press("slash")
            for length in range(1, len(word) + 1):
                query = word[:length]
                search_times.append(
                    await displays.latency(
                        pilot,
                        word[length - 1] if word[length - 1] != " " else "space",
                        lambda query=query: (
                            screen.session.query == query
                            and detail.shown is screen.claim_list.selected
                        ),
                    )
                )
            await pilot.press("escape", "escape")

        checked_at = time.perf_counter()
        while len(screen.checks) < total_quotes:
            await asyncio.sleep(0.05)
        checks_done = time.perf_counter() - checked_at
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"corpus: {root}: {len(corpus.claims):,} claims, {len(corpus.quotes):,} quotes")
    print(f"{'start to first paint':<28} {first_paint:7.2f} s     (the 'Opening …' screen)")
    verdict = "ok" if ready < TARGETS["start"] else "OVER TARGET"
    print(
        f"{'start to review screen':<28} {ready:7.2f} s     "
        f"(target {TARGETS['start']} s: {verdict}; includes loading the corpus)"
    )
    print(percentiles("j: next claim shown", next_times, TARGETS["next"]))
    if checks_pending:
        print(f"{'':<28} (quote verification was still running in its worker meanwhile)")
    print(percentiles("search keystroke shown", search_times, TARGETS["search"]))
    print(percentiles("rating on disk", rate_times, TARGETS["rate"]))
    print(
        f"{'quote verification':<28} all {total_quotes:,} quotes checked "
        f"{checks_done:.1f} s after the searches ended (in a worker thread)"
    )
    verdict = "ok" if peak < TARGETS["memory"] else "OVER TARGET"
    print(
        f"{'peak memory (max RSS)':<28} {peak:7.0f} MB   (target {TARGETS['memory']} MB: {verdict})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("-v", action="store_true", help="print every measurement")
    parser.add_argument("--keys", type=int, default=40, help="presses per measured key")
    args = parser.parse_args()
    root: Path = args.corpus
    if not (root / "claims").is_dir():
        print(f"generating {root} …", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "factcheck", "generate", "--claims", "10000", str(root)],
            check=True,
        )
    # The benchmark's own reviewer file, started afresh and removed after.
    reviews = root / "reviews" / "bench-mark.yaml"
    reviews.unlink(missing_ok=True)
    try:
        asyncio.run(run(root, args.keys))
    finally:
        reviews.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
