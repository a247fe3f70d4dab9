"""Printing an object that holds the corpus costs nothing, and says what it is.

The generated reprs spelt out every claim and quote: 58 MB and 0.7 s at 10,000 claims. Textual's
`run_worker` describes a worker by `repr(work)`, and a session's bound method given as the work
froze the app for 0.7 s at 10,000 claims and some 10 s at 50,000, one second after its first
screen (a key pressed then was answered 7-15 s later, in tmux)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from factcheck.app import create_app
from factcheck.corpus.generate import generate_corpus
from factcheck.workspace import Workspace
from tests.test_app_review import REVIEWER, opened


def test_a_corpus_and_a_session_print_short(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    generate_corpus(root, claims=300, seed=1)
    workspace = Workspace.open(root)
    corpus = workspace.corpus
    assert corpus is not None
    assert repr(corpus) == (
        f"Corpus({str(root)!r}, 300 claims, {len(corpus.quotes):,} quotes, "
        f"{len(corpus.sources):,} sources)"
    )
    session = workspace.session("Ana")
    assert repr(session) == f"ReviewSession('Ana', {corpus!r})"
    assert len(repr(session.prepare_search)) < 200  # what Textual would describe a worker by


async def test_the_apps_workers_are_described_in_a_few_words(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(bundled_copy, REVIEWER)
    described: dict[str, str] = {}
    real_run_worker = app.run_worker

    def recording(*args: Any, **kwargs: Any) -> Any:
        worker = real_run_worker(*args, **kwargs)
        described[worker.name] = worker.description
        return worker

    monkeypatch.setattr(app, "run_worker", recording)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        for _ in range(150):  # the search keys are built a moment after the first screen
            if "building the search keys" in described:
                break
            await pilot.pause(0.02)
        assert described["building the search keys"] == "the search keys of every claim"
        assert all(len(description) < 300 for description in described.values()), described
        await pilot.press("q")
