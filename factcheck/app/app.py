"""The review app: load the corpus in a worker, then hand over to the review screen.

Every worker's failure (loading, quote verification, the reviews watcher, export) reaches the
user through one handler, `on_worker_state_changed`, and is written to the log file.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, work
from textual.app import App, ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.timer import Timer
from textual.widgets import LoadingIndicator, Static
from textual.worker import Worker, WorkerState

from factcheck.app import theme_choice
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.text import visible
from factcheck.app.watchers import forget_removed_watchers
from factcheck.app.widgets.reviews_watcher import POLL_SECONDS
from factcheck.corpus.problems import Problem
from factcheck.corpus.yamlio import default_cache_dir
from factcheck.reviews.session import ReviewSession
from factcheck.workspace import Workspace

log = logging.getLogger("factcheck.app")

LOAD_GROUP = "loading"
VERIFY_GROUP = "quote-checks"

_AFTER_FAILURE = {
    LOAD_GROUP: "Run `factcheck check` on the corpus to see what is wrong, then open it again.",
    VERIFY_GROUP: "Quotes not verified yet are shown as such; run `factcheck check` to verify "
    "them and see why it failed.",
    "reviews-poll": "Other reviewers' verdicts may be out of date; open the app again to read "
    "them afresh.",
    "export": "Nothing was exported; try again, or use `factcheck export`.",
    "search-keys": "A search builds them again when you type one.",
    "corpus-poll": "Changes to the corpus files are no longer picked up; quit and open the app "
    "again to see them.",
}
"""What the person can do after a worker of each group failed."""

SLOW_LOAD_SECONDS = 0.3
"""How long a load runs before the screen says "Opening …" with a spinner."""


def default_log_file() -> Path:
    return default_cache_dir() / "factcheck.log"


class ReviewApp(App[list[Problem] | None]):
    """Exits with the corpus's problems when it cannot be opened at all, for the CLI to print."""

    CSS_PATH = "app.tcss"
    TITLE = "factcheck"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("q", "quit", "Quit", id="app-quit")]

    def __init__(
        self,
        root: Path,
        reviewer: str,
        *,
        poll_seconds: float = POLL_SECONDS,
        log_file: Path | None = None,
        editors: tuple[str, ...] = (),
        theme: str | None = None,
    ) -> None:
        super().__init__()
        self._chosen_theme = theme
        """`review --theme`: else the theme chosen last time (app/theme_choice.py)."""
        self.root = root
        self.reviewer = reviewer
        self.editors = editors
        """Editors named for this run (`review --editor`), beside factcheck.yaml's."""
        self.poll_seconds = poll_seconds
        """How often the other reviewers' files are checked for changes on disk."""
        self.log_file = log_file or default_log_file()
        """Where worker failures are written in full (the notice says where)."""
        self._slow_load_timer: Timer | None = None
        """Says "Opening …" if the load is not done in SLOW_LOAD_SECONDS; stopped when it is."""
        self._failing: set[str] = set()
        """Worker groups whose failure was shown and has not since succeeded: a poll that fails
        every two seconds is said once."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every notice of the app, from any screen or widget (theirs call this one): shown
        through `visible`, since many quote a file name, a reviewer or a file's error, and
        `markup=False` alone leaves ESC and the C1 controls for the terminal to act on."""
        super().notify(
            visible(message),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def pop_screen(self) -> AwaitComplete:
        """Pop the screen (`dismiss` pops too), then let go of its widgets that watched the
        app (a note editor's TextArea watches `theme`): Textual would keep each one alive
        (see factcheck/app/watchers.py)."""
        popped = super().pop_screen()

        async def pop_and_forget() -> None:
            await popped
            forget_removed_watchers(self)

        return AwaitComplete(pop_and_forget()).call_next(self)

    def compose(self) -> ComposeResult:
        # Empty until the load has taken a moment (`_loading_slowly`): a corpus read from its
        # snapshot opens in a fraction of a second, and a spinner drawn meanwhile only delays
        # the claims (it redraws while the load runs, and both want the one interpreter).
        yield Static(id="loading-text", markup=False)

    def on_mount(self) -> None:
        chosen = self._chosen_theme or theme_choice.recall(default_cache_dir())
        if chosen in self.available_themes:  # a kept name a later Textual dropped is ignored
            self.theme = chosen
        if self._chosen_theme:
            theme_choice.remember(default_cache_dir(), self.theme)
        # A theme picked in the command palette (ctrl+p) is kept too.
        self.theme_changed_signal.subscribe(
            self, lambda theme: theme_choice.remember(default_cache_dir(), theme.name)
        )
        # Time spent on a claim counts only while the terminal has the focus (where it says
        # so) and the app is not suspended (ctrl+z).
        self.watch(self, "app_focus", self._focus_changed, init=False)
        self.app_suspend_signal.subscribe(self, lambda _app: self._clock_stop())
        self.app_resume_signal.subscribe(self, lambda _app: self._clock_activity())
        self._slow_load_timer = self.set_timer(SLOW_LOAD_SECONDS, self._loading_slowly)
        self.load()

    def _stop_slow_load_timer(self) -> None:
        if self._slow_load_timer is not None:
            self._slow_load_timer.stop()

    def _loading_slowly(self) -> None:
        """Still loading (no snapshot yet, or the files changed): say so, with a spinner."""
        self.query_one("#loading-text", Static).update(visible(f"Opening {self.root} …"))
        self.mount(LoadingIndicator())

    _ACTIVITY = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)
    """What counts as working on the claim: a key, a click, scrolling. Not the mouse passing."""

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, self._ACTIVITY) and not event.is_forwarded:
            self._clock_activity()
        await super().on_event(event)

    def _review_screen(self) -> ReviewScreen | None:
        return next((s for s in self.screen_stack if isinstance(s, ReviewScreen)), None)

    def _clock_activity(self) -> None:
        if (screen := self._review_screen()) is not None:
            screen.session.clock.activity()

    def _clock_stop(self) -> None:
        if (screen := self._review_screen()) is not None:
            screen.session.clock.stop()

    def _focus_changed(self, focused: bool) -> None:
        if focused:
            self._clock_activity()
        else:
            self._clock_stop()

    @work(thread=True, exit_on_error=False, group=LOAD_GROUP, name="loading the corpus")
    def load(self) -> None:
        workspace = Workspace.open(self.root, editors=self.editors)
        if workspace.corpus is None:
            self.call_from_thread(self.exit, workspace.problems, 1)
            return
        session = workspace.session(self.reviewer)
        # Here, not in the quote checks that start after the first screen: there its GIL-bound
        # reading held up the first key pressed (at 50,000 claims, j took 80-115 ms, not 40).
        workspace.read_anchor_cache()
        self.call_from_thread(self._open, workspace, session)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state is WorkerState.SUCCESS:
            self._failing.discard(worker.group)
        if worker.group == VERIFY_GROUP and event.state in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            for screen in self.screen_stack:
                if isinstance(screen, ReviewScreen):
                    screen.verification_ended()
        if event.state is WorkerState.ERROR:
            self._worker_failed(worker)

    def _worker_failed(self, worker: Worker[object]) -> None:
        error = worker.error
        logged = self._log_failure(worker, error)
        if worker.group in self._failing:
            return
        self._failing.add(worker.group)
        advice = _AFTER_FAILURE.get(worker.group, "Try again; if it persists, report it.")
        where = f"Details in {logged}" if logged else "The log file cannot be written."
        # The error may quote a corpus file's contents: shown as text, control codes visible.
        message = visible(f"{worker.name or worker.group} failed: {error!r}\n{advice}\n{where}")
        if worker.group == LOAD_GROUP:
            self._stop_slow_load_timer()
            # Nothing else is on screen: say it where the spinner was.
            self.query_one("#loading-text", Static).update(Text(message))
            for spinner in self.query(LoadingIndicator):
                spinner.remove()
        self.notify(
            message, title="Something went wrong", severity="error", timeout=30, markup=False
        )

    def _log_failure(self, worker: Worker[object], error: BaseException | None) -> Path | None:
        """Append the failure with its traceback to the log file; where, or None if it could
        not be written."""
        try:
            self.log_file.parent.mkdir(parents=True, exist_ok=True)
            handler = logging.FileHandler(self.log_file, encoding="utf-8")
        except OSError:
            return None
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        log.addHandler(handler)
        try:
            log.error("%s failed on %s", worker.name or worker.group, self.root, exc_info=error)
        finally:
            log.removeHandler(handler)
            handler.close()
        return self.log_file

    async def action_quit(self) -> None:
        """Quit, except from a changed note: ctrl+q works on every screen, and would throw the
        note away; the editor asks first (save and quit, discard and quit, keep editing)."""
        from factcheck.app.screens.ask import DiscardNote
        from factcheck.app.screens.note import NoteEditor

        if isinstance(self.screen, DiscardNote):
            return  # already asking
        editor = next(
            (s for s in self.screen_stack if isinstance(s, NoteEditor) and s.changed), None
        )
        if editor is not None:
            # It calls back only once the note is saved (or discarded).
            editor.close_to_quit(lambda _saved: self.exit())
            return
        self.exit()

    def _open(self, workspace: Workspace, session: ReviewSession) -> None:
        # A 10,000-claim corpus is millions of long-lived objects; without this, each full
        # garbage collection walks them all and stalls a key press by 100 ms or more.
        gc.freeze()
        self._stop_slow_load_timer()
        # The spinner would keep animating under the review screen, redrawing for nothing.
        for spinner in self.query(LoadingIndicator):
            spinner.remove()
        self.push_screen(ReviewScreen(workspace, session, self.poll_seconds))


def create_app(
    root: Path,
    reviewer: str,
    *,
    poll_seconds: float = POLL_SECONDS,
    log_file: Path | None = None,
    editors: tuple[str, ...] = (),
    theme: str | None = None,
) -> ReviewApp:
    """The app the `review` command runs; tests and benchmarks build it the same way (tests
    with a short `poll_seconds`, so a change on disk shows without waiting seconds)."""
    return ReviewApp(
        root, reviewer, poll_seconds=poll_seconds, log_file=log_file, editors=editors, theme=theme
    )
