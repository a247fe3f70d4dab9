"""Pilot: a claim whose evidence cites a passage of a disagreement between sources shows it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from factcheck.app import create_app
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.widgets import figure_conflicts
from factcheck.app.widgets.evidence_list import EvidenceList
from factcheck.quotes import counts
from factcheck.quotes.events import DateParts
from tests.test_app_review import REVIEWER, opened


def evidence_rows(screen: ReviewScreen) -> list[str]:
    evidence = screen.query_one(EvidenceList)
    return [str(evidence.get_option_at_index(i).prompt) for i in range(evidence.option_count)]


async def until_shown(pilot: Pilot, screen: ReviewScreen, words: str) -> list[str]:
    for _ in range(250):
        rows = evidence_rows(screen)
        if any(words in row for row in rows):
            return rows
        await pilot.pause(0.02)
    raise AssertionError(f"never shown: {words!r}; the rows: {evidence_rows(screen)}")


async def test_the_hospital_toll_disagreement_is_shown_on_the_claims_quotes(
    bundled_copy: Path,
) -> None:
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        await pilot.press("slash", *"restore peace", "enter")
        claim = screen.claim_list.selected
        assert claim is not None and claim.id == "taliban-restore-peace"
        rows = await until_shown(pilot, screen, "figures disagree")
        await pilot.pause()
        # The widget that finds them takes no room: the evidence stays in view.
        assert screen.query_one(EvidenceList).region.height >= 10
        [afp] = [row for row in rows if row.startswith("“Nineteen people were killed")]
        assert (
            "⚠ figures disagree: “Nineteen” here, RFE/RL (rferl-2022-05) says “at least 20”: "
            "people killed, military hospital, Kabul, November 2021"
        ) in afp
        [rferl] = [row for row in rows if row.startswith("“In November, IS-K militants")]
        assert "“at least 20” here, AFP (afp-2021-11) says “Nineteen”" in rferl
        # The other quotes of the claim cite no passage of a disagreement.
        assert sum("figures disagree" in row for row in rows) == 2

        # A claim whose evidence touches neither passage shows none.
        await pilot.press("escape", "slash", *"Daesh has been defeated", "enter")
        claim = screen.claim_list.selected
        assert claim is not None and claim.id == "daesh-defeated"
        await pilot.pause()
        assert not any("figures disagree" in row for row in evidence_rows(screen))


async def test_quitting_stops_reading_the_sources_figures(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold start reads every source's figures in a thread after the first screen; the
    process waits for that thread before it exits, so `q` must stop it (in tmux, at 10,000
    claims, q took 1.1 s to quit a cold start; 0.3-0.4 s now)."""
    monkeypatch.setattr(figure_conflicts, "AFTER_FIRST_SCREEN_SECONDS", 0.01)
    reading = threading.Event()
    read: list[str] = []

    def slow_read(text: str, published: DateParts = (None, None, None)) -> list[object]:
        read.append(text)
        reading.set()
        time.sleep(0.3)  # a long source
        return []

    monkeypatch.setattr(counts, "counted_figures", slow_read)
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(120, 40)) as pilot:
        await opened(pilot)
        for _ in range(100):
            if reading.is_set():
                break
            await pilot.pause(0.02)
        assert read  # the first of the two sources is being read
        await pilot.press("q")
    time.sleep(0.5)  # long enough for the second source, had it gone on
    assert len(read) == 1
