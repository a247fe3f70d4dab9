"""The app answers from the same core as the command line, and says when its background work
fails instead of showing "checking…" forever."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import Input, Static

from factcheck.app import create_app
from factcheck.app.screens.export import ExportDialog
from factcheck.cli import cli
from tests.conftest import EVIDENCE_YAML, CorpusWriter
from tests.test_app_review import opened

REVIEWER = "Test Reviewer"

UNCITED = EVIDENCE_YAML + (
    '  - id: spare\n    quote: "KABUL: The spokesman said the group had been defeated."\n'
)


def statuses(document: dict) -> dict[str, str]:
    return {
        evidence["quote_id"]: evidence["verification"]
        for claim in document["claims"]
        for evidence in claim["evidence"]
    }


def notices(app: object) -> list[str]:
    return [str(notification.message) for notification in app._notifications]  # type: ignore[attr-defined]


async def test_app_export_gives_the_statuses_the_command_gives_with_an_uncited_quote(
    write_corpus: CorpusWriter, tmp_path: Path
) -> None:
    root = write_corpus({"evidence/wire-2021.yaml": UNCITED})
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        await app.workers.wait_for_complete()  # every quote verified
        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("down", "down", "tab")  # json, then into the path
        app.screen.query_one(Input).value = str(tmp_path / "app.json")
        await pilot.press("enter")
        await app.workers.wait_for_complete()
    from_app = json.loads((tmp_path / "app.json").read_text(encoding="utf-8"))
    done = CliRunner().invoke(cli, ["export", "--format", "json", str(root)])
    assert done.exit_code == 0, done.output
    from_command = json.loads(done.stdout)
    assert statuses(from_app) == statuses(from_command) == {"toll": "exact", "unsafe": "exact"}


async def test_failed_quote_verification_is_said_and_logged_not_checking_forever(
    write_corpus: CorpusWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("the anchoring broke")

    monkeypatch.setattr("factcheck.quotes.batch.anchor_quote", broken)
    log_file = tmp_path / "factcheck.log"
    app = create_app(write_corpus(), REVIEWER, log_file=log_file)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await opened(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = "\n".join(notices(app))
        assert "quote verification failed" in said
        assert "the anchoring broke" in said and str(log_file) in said
        evidence = "\n".join(str(option.prompt) for option in screen.evidence.options)
        assert "checking…" not in evidence
        assert "not verified" in evidence
    assert "RuntimeError: the anchoring broke" in log_file.read_text(encoding="utf-8")


async def test_a_failed_load_is_shown_where_the_spinner_was(
    write_corpus: CorpusWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise MemoryError("out of memory while loading")

    monkeypatch.setattr("factcheck.corpus.loader.load_corpus", broken)
    monkeypatch.setattr("factcheck.workspace.workspace.load_corpus", broken)
    log_file = tmp_path / "factcheck.log"
    app = create_app(write_corpus(), REVIEWER, log_file=log_file)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        for _ in range(100):
            await pilot.pause(0.02)
            if notices(app):
                break
        assert app.is_running  # the person reads why; q quits
        shown = str(app.screen.query_one("#loading-text", Static).render())
        assert "out of memory while loading" in shown
        assert "factcheck check" in shown
        await pilot.press("q")
    assert "MemoryError" in log_file.read_text(encoding="utf-8")


async def test_a_failing_reviews_watcher_is_said_once(
    bundled_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr("factcheck.app.widgets.reviews_watcher.read_changes", broken)
    app = create_app(bundled_copy, REVIEWER, poll_seconds=0.05, log_file=tmp_path / "log")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await opened(pilot)
        await pilot.pause(0.5)  # about ten polls, each failing
        failures = [n for n in notices(app) if "Input/output error" in n]
        assert len(failures) == 1
        assert "out of date" in failures[0]


async def test_verification_ending_as_the_app_quits_mounts_nothing(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The checks can end just as `q` closes the app: the screen, detached but its widgets not
    yet gone, mounted the figure-conflict finder into itself, and the MountError turned the
    quit into exit code 1 (seen in a pseudo-terminal under CI's load)."""
    from factcheck.app.screens.review import ReviewScreen

    app = create_app(bundled_copy, "quitter")
    async with app.run_test() as pilot:
        await opened(pilot)
        await app.workers.wait_for_complete()
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        screen._conflicts_sought = None  # as before the first verification ended
        # The moment of closing: detached, its widgets still there.
        monkeypatch.setattr(ReviewScreen, "is_attached", property(lambda _screen: False))
        screen.verification_ended()  # what the app's worker handler calls: no MountError
        monkeypatch.undo()


async def test_a_quick_open_shows_no_spinner_and_a_slow_one_says_it_is_opening(
    write_corpus: CorpusWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets import LoadingIndicator

    from factcheck.app.app import SLOW_LOAD_SECONDS
    from factcheck.app.screens.review import ReviewScreen
    from factcheck.workspace import workspace

    root = write_corpus()
    release = threading.Event()
    real_load = workspace.load_corpus

    def slow_load(*args: object, **kwargs: object) -> object:
        release.wait(10)
        return real_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(workspace, "load_corpus", slow_load)
    app = create_app(root, REVIEWER, log_file=tmp_path / "factcheck.log")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(SLOW_LOAD_SECONDS / 3)
        assert not app.query(LoadingIndicator)  # a moment: nothing yet
        assert "Opening" not in str(app.query_one("#loading-text", Static).render())
        await pilot.pause(SLOW_LOAD_SECONDS)
        assert app.query(LoadingIndicator)
        assert f"Opening {root}" in str(app.query_one("#loading-text", Static).render())
        release.set()
        for _ in range(100):
            await pilot.pause(0.02)
            if isinstance(app.screen, ReviewScreen):
                break
        assert isinstance(app.screen, ReviewScreen)
        await pilot.pause()  # a widget is removed a message later
        assert not app.query(LoadingIndicator)  # it does not spin on under the claims
        await pilot.press("q")
