"""Snapshots of the review screen at the two sizes it must read well at.

Update with `pytest tests/test_app_snapshots.py --snapshot-update` after a deliberate change, and
look at the pictures (the report in snapshot_report.html) before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from factcheck.app import create_app
from factcheck.app.screens.review import ReviewScreen

REVIEWS = """\
reviewer: Snap Shot
reviews:
- claim: daesh-defeated
  verdict: 'False'
  note: Attacks went on after the statement.
  time: '2026-01-02T03:04:05+00:00'
  fingerprint: {fingerprint}
- claim: isk-cell-destroyed
  verdict: Misleading
  note: ''
  time: '2026-01-02T03:04:05+00:00'
  fingerprint: sha256:0000000000000000
"""


@pytest.fixture
def reviewed(bundled_copy: Path) -> Path:
    """The bundled corpus with one fresh rating (daesh-defeated) and one stale one."""
    from factcheck.corpus.loader import load_corpus
    from factcheck.reviews import fingerprint

    corpus = load_corpus(bundled_copy, cache_dir=None).corpus
    assert corpus is not None
    current = fingerprint(corpus, corpus.claims_by_id["daesh-defeated"])
    (bundled_copy / "reviews").mkdir()
    (bundled_copy / "reviews" / "snap-shot.yaml").write_text(
        REVIEWS.format(fingerprint=current), encoding="utf-8"
    )
    return bundled_copy


async def _settled(pilot: Pilot) -> None:
    for _ in range(200):
        if isinstance(pilot.app.screen, ReviewScreen):
            break
        await pilot.pause(0.02)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_main_screen_80x24(reviewed: Path, snap_compare) -> None:
    """At 80x24: the header with the corpus title cut short, 'Snap Shot', '2/12 rated · 1 stale';
    the claim list with a red 'F' badge on daesh-defeated (selected, highlighted) and an orange
    'M' badge and a yellow '!' stale mark on isk-cell-destroyed, the rest '·', each followed by
    the claim's words cut with '…' (no ids); beside it the heading 'daesh-defeated · quote', the
    claim in bold quotes, Zabihullah Mujahid — Taliban spokesman, its date and venue, 'Reported by
    RFE/RL', the 'False' verdict badge and the note; right under them, with no blank line,
    'CONTRADICTS (6)' and the first quotes, each with "RFE/RL · May 2022 · ✓ exact"; the
    compact footer whole at 80 columns: 1-7 Rate, j/k Next, ] Unrated, n Note, o Others,
    ? Help, u Undo, / Find, e Export, q Quit (ctrl+p is in help, not the footer).
    Nothing about other reviewers: there are none."""
    app = create_app(reviewed, "Snap Shot")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settled)


def test_main_screen_160x48(reviewed: Path, snap_compare) -> None:
    """At 160x48: the same screen using the room: the full corpus title, full verdict labels as
    badges ('False', 'Misleading') in the list and the claims' words after them (still no ids:
    an id column needs 40 cells left for the words); the whole claim detail, headed
    'daesh-defeated · quote', without a scrollbar, and the evidence quotes in full, grouped
    under CONTRADICTS then CONTEXT, each with outlet, date and '✓ exact'; every key in the
    footer, from 1-7 Rate to q Quit, then a Add claim and g Suggest (after Quit: at 80 columns
    they are cut)."""
    app = create_app(reviewed, "Snap Shot")
    assert snap_compare(app, terminal_size=(160, 48), run_before=_settled)


def test_source_view_80x24(reviewed: Path, snap_compare) -> None:
    """At 80x24, the first quote of daesh-defeated opened in its source: on top 'RFE/RL · IS-K
    Attacks Puncture …' and 'quote 4 of 22: isk-resilient · ✓ exact ·
    evidence/rferl-2022-05.txt', then 'Quoting for daesh-defeated: v or a mouse drag selects a
    passage' on one line; the article's paragraphs one under another with a blank line
    between, scrolled so the quote's paragraph sits mid-screen, the quote ('But IS-K has remained
    resilient …') in bold black on yellow and the source's other quotes underlined; the footer
    with 'q/esc Back', 'n/p Quote', 'v Select', 'c/s/x Add' and '? Help', and no 'Quit'."""

    async def open_source(pilot: Pilot) -> None:
        await _settled(pilot)
        await pilot.press("enter", "enter")  # into the evidence, then open the first quote
        await pilot.pause()
        await pilot.pause()

    app = create_app(reviewed, "Snap Shot")
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_source)
