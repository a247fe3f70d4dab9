"""How fast the review app opens and answers keys. Run on demand, never in the test suite:

    .venv/bin/python benchmarks/bench_app.py start [--claims 10000 50000] [--runs 5] [--floor]
    .venv/bin/python benchmarks/bench_app.py keys [CORPUS] [--keys 40]

`start` times whole processes in a pseudo-terminal, as a person starting them in a terminal sees
them: `factcheck review CORPUS` beside a plain Textual app that mounts an OptionList of as many
rows as the corpus has claims (benchmarks/plain_option_list.py), run in turns. For each it
reports, from the moment the process is started:
- drawn: the first screen is on the terminal. For the app: the header says '0/N rated' and the
  first claim's detail is drawn. For the plain app: its first row is drawn and highlighted.
- ready: a key pressed the moment the first screen was drawn has been answered on screen ('j'
  shows the second claim's detail; down arrow highlights the second row).
- first key: ready minus drawn, the first `j` after opening.
The ratio is the app's ready over the plain app's ready, medians of the runs. Caches are warm:
The code under test is compiled to bytecode first, as an install does. `factcheck check` fills
the parse cache and snapshot, then each program runs once untimed. The
caches are the benchmark's own (/tmp/factcheck-bench-cache/<code folder>) unless
FACTCHECK_CACHE_DIR is set: a cache written by other code is a miss. The CPU seconds each process
used are shown too: steadier than the wall clock when other work shares the machine.
Corpora are generated into /tmp/factcheck-bench-N when missing (50,000 claims take minutes).

`keys` drives the app under Textual's Pilot on one corpus: the median and worst time for `j` to
show the next claim, for a search keystroke, for a rating to be on disk, and the peak memory.
What is timed is the app's own work, from the key event being posted to the end of the first
screen update that shows its effect; the harness's pauses between keys are not counted.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402 - the clock starts before any import
import asyncio  # noqa: E402
import fcntl  # noqa: E402
import io  # noqa: E402
import os  # noqa: E402
import pty  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import select  # noqa: E402
import statistics  # noqa: E402
import struct  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import termios  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass, replace  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
PLAIN_APP = HERE / "plain_option_list.py"
VERBOSE = "-v" in sys.argv
TARGETS = {"start": 1.5, "next": 0.050, "search": 0.100, "rate": 0.020, "memory": 400}
START_RATIO_TARGETS = {10_000: 0.6, 50_000: 1.0}
"""The app's ready time over the plain OptionList app's, by claim count (issue 10)."""
REVIEWER = "Bench Mark"
REVIEWER_FILE = "bench-mark.yaml"

# In the claim detail, the line under the claim's words: '<claim id> · <kind>'.
_STYLE = rb"(?:\x1b\[[0-9;]*m)*"
DETAIL_ID = re.compile(
    rb"([A-Za-z0-9][A-Za-z0-9._-]*)" + _STYLE + rb" \xc2\xb7 " + _STYLE + rb"(?:quote|summary)"
)
"""The detail pane's heading, 'claim-00001 · summary': the id and the kind are styled apart."""


def corpus_path(claims: int) -> Path:
    return Path(f"/tmp/factcheck-bench-{claims}")


def ensure_corpus(root: Path, claims: int) -> None:
    if (root / "claims").is_dir():
        return
    print(f"generating {root} ({claims:,} claims) …", file=sys.stderr)
    subprocess.run(
        [sys.executable, "-m", "factcheck", "generate", "--claims", str(claims), str(root)],
        check=True,
    )


# Start-up in a pseudo-terminal


@dataclass(frozen=True, slots=True)
class Program:
    """A process to time: how to start it, what its first screen shows, which key to press and
    how its answer shows."""

    name: str
    argv: list[str]
    drawn: Callable[[bytes], bool]
    key: bytes
    answered: Callable[[bytes, int], bool]
    env: dict[str, str]
    cwd: Path | None = None
    """`python -m` puts the working folder first on the path: with --source, that folder."""


@dataclass(frozen=True, slots=True)
class StartTime:
    drawn: float
    ready: float
    cpu: float
    """CPU seconds the process used until it was killed, just after `ready`: steadier than
    the wall clock on a machine that other work shares."""

    @property
    def first_key(self) -> float:
        return self.ready - self.drawn


class Terminal:
    """A pseudo-terminal of columns x rows with one process in it; what it wrote is kept."""

    def __init__(self, program: Program, columns: int, rows: int) -> None:
        self.leader, follower = pty.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.seen = bytearray()
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            program.argv,
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env={**os.environ, "TERM": "xterm-256color", **program.env},
            cwd=program.cwd,
            start_new_session=True,
        )
        os.close(follower)

    def wait_for(self, shown: Callable[[bytes], bool], timeout: float = 120) -> float:
        """Read the terminal until `shown(output)` holds; seconds since the process started."""
        deadline = time.perf_counter() + timeout
        while not shown(bytes(self.seen)):
            remaining = deadline - time.perf_counter()
            ready, _, _ = select.select([self.leader], [], [], max(0.0, remaining))
            if not ready:
                raise TimeoutError(f"not shown in {timeout} s; last output: {self.seen[-300:]!r}")
            try:
                chunk = os.read(self.leader, 65536)
            except OSError:  # EIO: the process ended
                chunk = b""
            if not chunk:
                raise RuntimeError(f"the process ended; last output: {self.seen[-300:]!r}")
            self.seen += chunk
        return time.perf_counter() - self.started

    def close(self) -> float:
        """End the process; the CPU seconds it used."""
        cpu = 0.0
        if self.process.returncode is None:
            self.process.kill()
            _, status, usage = os.wait4(self.process.pid, 0)
            self.process.returncode = os.waitstatus_to_exitcode(status)
            cpu = usage.ru_utime + usage.ru_stime
        os.close(self.leader)
        return cpu


def time_start(program: Program, columns: int, rows: int) -> StartTime:
    terminal = Terminal(program, columns, rows)
    try:
        drawn = terminal.wait_for(program.drawn)
        before = len(terminal.seen)
        os.write(terminal.leader, program.key)
        ready = terminal.wait_for(lambda seen: program.answered(seen, before), timeout=30)
    finally:
        cpu = terminal.close()
    return StartTime(drawn, ready, cpu)


def review_program(root: Path, claims: int, source: Path | None) -> Program:
    header = f"0/{claims:,} rated".encode()

    def drawn(seen: bytes) -> bool:
        return header in seen and DETAIL_ID.search(seen) is not None

    def answered(seen: bytes, before: int) -> bool:
        first = DETAIL_ID.search(seen, 0, before)
        assert first is not None
        return any(m.group(1) != first.group(1) for m in DETAIL_ID.finditer(seen, before))

    argv = [sys.executable, "-m", "factcheck", "review", str(root), "--reviewer", REVIEWER]
    return Program("factcheck review", argv, drawn, b"j", answered, source_env(source), source)


def plain_program(claims: int) -> Program:
    def drawn(seen: bytes) -> bool:
        return b"claim-00000" in seen and b"highlighted: row 0" in seen

    def answered(seen: bytes, before: int) -> bool:
        return b"highlighted: row 1" in seen[before:]

    argv = [sys.executable, str(PLAIN_APP), str(claims)]
    return Program("plain OptionList", argv, drawn, b"\x1b[B", answered, {})


FLOOR_ROWS = 10


def floor_program(root: Path, source: Path | None) -> Program:
    """The plain app of FLOOR_ROWS rows after loading the corpus with factcheck's loader: what
    any app that reads the corpus before its first screen takes at least."""
    plain = plain_program(FLOOR_ROWS)
    argv = [*plain.argv, "--load", str(root)]
    return replace(plain, name="plain + load", argv=argv, env=source_env(source), cwd=source)


def source_env(source: Path | None) -> dict[str, str]:
    """The code under test, and caches of its own: a cache written by other code (another
    checkout, or someone's work in progress sharing the machine) is a miss, and a warm run
    would turn cold. FACTCHECK_CACHE_DIR, when set, is used as it is."""
    if "FACTCHECK_CACHE_DIR" in os.environ:
        env = {}
    else:
        folder = (source or Path.cwd()).resolve()
        env = {"FACTCHECK_CACHE_DIR": f"/tmp/factcheck-bench-cache{folder}"}
    return {**env, "PYTHONPATH": str(source)} if source else env


def compile_bytecode(source: Path | None) -> None:
    """Compile the code under test to bytecode, as installing a wheel does. Where
    PYTHONDONTWRITEBYTECODE is set (this machine sets it), an editable checkout is otherwise
    compiled afresh by every process, which cost factcheck some 0.4 s a start that no installed
    copy pays, while Textual's own bytecode came with its install."""
    import compileall

    package = (source or Path.cwd()) / "factcheck"
    compileall.compile_dir(package, quiet=1)


def claim_count(root: Path, source: Path | None) -> int:
    """Check the corpus (which fills the parse cache and the snapshot) and read its claim
    count from what `check` says."""
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "check", str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, **source_env(source)},
        cwd=source,
    )
    found = re.search(r"([\d,]+) claims", done.stdout + done.stderr)
    if found is None:
        raise SystemExit(f"`factcheck check {root}` did not say how many claims:\n{done.stderr}")
    return int(found.group(1).replace(",", ""))


def seconds(values: list[float]) -> str:
    median = statistics.median(values)
    if VERBOSE:
        return f"{median:5.2f} s [{' '.join(f'{v:.2f}' for v in values)}]"
    return f"{median:5.2f} s ({min(values):.2f}-{max(values):.2f})"


def bench_start(
    corpora: list[Path],
    runs: int,
    columns: int,
    rows: int,
    sources: list[Path | None],
    *,
    floor: bool = False,
) -> None:
    """Each source's app and the plain app, in turns; one report per corpus."""
    print(
        f"Start-up, whole processes in a {columns}x{rows} pseudo-terminal, warm caches "
        f"(`factcheck check` first, then each program once untimed), median of {runs} runs "
        f"(min-max); the programs run in turns."
    )
    for source in sources:
        compile_bytecode(source)
        caches = source_env(source).get(
            "FACTCHECK_CACHE_DIR", os.environ.get("FACTCHECK_CACHE_DIR")
        )
        print(f"factcheck from {source or 'the working folder'}: caches in {caches}")
    for root in corpora:
        claims = 0
        programs: list[Program] = []
        for source in sources:
            claims = claim_count(root, source)
            app = review_program(root, claims, source)
            name = f"review ({source.name})" if source else app.name
            programs.append(replace(app, name=name))
        plain = plain_program(claims)
        programs.append(plain)
        if floor:
            for source in sources:  # each with the loader of its own code
                loaded = floor_program(root, source)
                name = f"{loaded.name} ({source.name})" if source else loaded.name
                programs.append(replace(loaded, name=name))
        (root / "reviews" / REVIEWER_FILE).unlink(missing_ok=True)
        times: dict[str, list[StartTime]] = {program.name: [] for program in programs}
        for program in programs:
            time_start(program, columns, rows)  # warm: .pyc files, the OS file cache
        for _ in range(runs):
            for program in programs:
                times[program.name].append(time_start(program, columns, rows))
        print(f"\n{root}: {claims:,} claims")
        for name, measured in times.items():
            print(
                f"  {name:<18} drawn {seconds([t.drawn for t in measured])}   "
                f"ready {seconds([t.ready for t in measured])}   "
                f"first key {statistics.median(t.first_key for t in measured) * 1000:4.0f} ms   "
                f"CPU {statistics.median(t.cpu for t in measured):.2f} s"
            )
        plain_ready = statistics.median(t.ready for t in times[plain.name])
        target = START_RATIO_TARGETS.get(claims)
        for program in programs[len(sources) + 1 :]:
            ratio = statistics.median(t.ready for t in times[program.name]) / plain_ready
            print(
                f"  {program.name}: ready / plain {ratio:.2f}x: the plain app of {FLOOR_ROWS} "
                f"rows after factcheck's own load_corpus, the least any app that reads the "
                f"corpus before its first screen takes"
            )
        for program in programs[: len(sources)]:
            measured = times[program.name]
            ratio = statistics.median(t.ready for t in measured) / plain_ready
            verdict = (
                f"target at most {target}x: {'ok' if ratio <= target else 'OVER'}" if target else ""
            )
            first_j = statistics.median(t.first_key for t in measured)
            print(
                f"  {program.name}: ready / plain {ratio:.2f}x ({verdict}); first j after "
                f"opening median {first_j * 1000:.0f} ms, worst "
                f"{max(t.first_key for t in measured) * 1000:.0f} ms (target "
                f"{TARGETS['next'] * 1000:.0f} ms: {'ok' if first_j < TARGETS['next'] else 'OVER'})"
            )


# Keys under Pilot


class Displays:
    """Times of every screen update, with a probe of the app's state taken at each."""

    def __init__(self, app: object) -> None:
        from rich.console import Console

        self.seen: list[tuple[float, object]] = []
        self.probe: Callable[[], object] = lambda: None
        self._console = Console(file=io.StringIO(), force_terminal=True, width=200)
        original = app._display  # type: ignore[attr-defined]

        def display(screen: object, renderable: object) -> None:
            original(screen, renderable)
            if renderable is not None:
                # Headless apps skip the terminal write; do it here so it is counted.
                self._console.file = io.StringIO()
                self._console.print(renderable, end="")
                self.seen.append((time.perf_counter(), self.probe()))

        app._display = display  # type: ignore[attr-defined]

    async def latency(self, pilot: object, key: str, done: Callable[[], bool]) -> float:
        """Post `key`, wait for the first update after which `done()` holds."""
        from textual import events

        self.probe = done
        start = time.perf_counter()
        count = len(self.seen)
        character = " " if key == "space" else key if len(key) == 1 else None
        pilot.app.post_message(events.Key(key, character))  # type: ignore[attr-defined]
        for _ in range(500):
            await asyncio.sleep(0.002)
            for stamp, state in self.seen[count:]:
                if state:
                    await pilot.pause()  # type: ignore[attr-defined]
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


async def run_keys(root: Path, keys: int) -> None:
    from factcheck.app import create_app
    from factcheck.app.screens.review import ReviewScreen
    from factcheck.app.widgets.claim_detail import ClaimDetail
    from factcheck.app.widgets.claim_list import ClaimList

    app = create_app(root, REVIEWER)
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
        checks_pending = len(screen.anchors) < total_quotes

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
        while len(screen.anchors) < total_quotes:
            await asyncio.sleep(0.05)
        checks_done = time.perf_counter() - checked_at
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"corpus: {root}: {len(corpus.claims):,} claims, {len(corpus.quotes):,} quotes")
    print(f"{'start to first paint':<28} {first_paint:7.2f} s     (the 'Opening …' screen)")
    verdict = "ok" if ready < TARGETS["start"] else "OVER TARGET"
    print(
        f"{'start to review screen':<28} {ready:7.2f} s     "
        f"(target {TARGETS['start']} s: {verdict}; includes loading the corpus; under Pilot)"
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


def bench_keys(root: Path, keys: int) -> None:
    # The benchmark's own reviewer file, started afresh and removed after.
    reviews = root / "reviews" / REVIEWER_FILE
    reviews.unlink(missing_ok=True)
    try:
        asyncio.run(run_keys(root, keys))
    finally:
        reviews.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Run without a command: `start`, then `keys` on the 10,000-claim corpus.",
    )
    parser.add_argument("-v", action="store_true", help="print every measurement")
    commands = parser.add_subparsers(dest="command")
    start = commands.add_parser("start", help="start-up of the app and of a plain OptionList app")
    start.add_argument(
        "--claims",
        type=int,
        nargs="+",
        default=[10_000, 50_000],
        help="corpus sizes, generated into /tmp/factcheck-bench-N when missing",
    )
    start.add_argument("--corpus", type=Path, nargs="+", help="time these corpora instead")
    start.add_argument("--runs", type=int, default=5, help="timed runs of each program")
    start.add_argument("--size", default="160x48", help="terminal COLUMNSxROWS")
    start.add_argument(
        "--source",
        type=Path,
        nargs="+",
        help="time the app from these folders instead (checkouts of other commits, to compare "
        "them in the same run)",
    )
    start.add_argument(
        "--floor",
        action="store_true",
        help=f"also time the plain app of {FLOOR_ROWS} rows after factcheck's load_corpus: the "
        "least any app that reads the corpus before its first screen takes",
    )
    keys = commands.add_parser("keys", help="key latencies under Pilot")
    keys.add_argument("corpus", nargs="?", type=Path, default=corpus_path(10_000))
    keys.add_argument("--keys", type=int, default=40, help="presses per measured key")
    args = parser.parse_args()

    if args.command in (None, "start"):
        corpora = getattr(args, "corpus", None)
        if not corpora:
            claims = getattr(args, "claims", [10_000, 50_000])
            for count in claims:
                ensure_corpus(corpus_path(count), count)
            corpora = [corpus_path(count) for count in claims]
        columns, rows = map(int, getattr(args, "size", "160x48").split("x"))
        sources = getattr(args, "source", None) or [None]
        runs = getattr(args, "runs", 5)
        floor = getattr(args, "floor", False)
        bench_start(corpora, runs, columns, rows, sources, floor=floor)
    if args.command in (None, "keys"):
        root = getattr(args, "corpus", None) if args.command == "keys" else corpus_path(10_000)
        ensure_corpus(root, 10_000)
        print()
        bench_keys(root, getattr(args, "keys", 40))


if __name__ == "__main__":
    main()
