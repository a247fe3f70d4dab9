"""The clock in the app (issue 14 part 6): keys keep it running on the claim shown, idleness and a
terminal without the focus do not count, and the time reaches the review file on leaving a claim,
with a rating, and on quitting, not every second. The clock is moved by hand, never slept on."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from factcheck.app import create_app
from factcheck.reviews import read_review_file
from factcheck.reviews.time_spent import ActiveClock
from tests.test_app_review import opened
from tests.test_time_spent import HandClock


def seconds_on_disk(root: Path) -> dict[str, tuple[str | None, int]]:
    found = read_review_file(root, "reviews/ann.yaml")
    return {cid: (r.verdict, r.seconds) for cid, r in found.reviews.items()}


async def test_the_clock_runs_on_keys_and_is_written_when_leaving_rating_and_quitting(
    bundled_copy: Path,
) -> None:
    hand = HandClock()
    app = create_app(bundled_copy, "Ann")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        first = screen.claim_list.selected
        assert first is not None
        screen.session.clock = ActiveClock(hand)
        screen.session.clock.show(first.id)

        await pilot.press("shift+down")  # any key: the clock runs
        hand.wait(30)
        await pilot.press("shift+up")
        hand.wait(500)  # no key for longer than the cut-off: two minutes of it count
        await pilot.press("shift+down")
        hand.wait(20)
        app.post_message(events.AppBlur())  # the terminal lost the focus
        await pilot.pause()
        hand.wait(100)  # away, if shorter than the cut-off: none of it counts
        app.post_message(events.AppFocus())
        await pilot.pause()
        hand.wait(5)
        assert not (bundled_copy / "reviews" / "ann.yaml").exists()  # nothing written yet

        await pilot.press("j")  # leaving the claim after a while on it writes its time
        second = screen.claim_list.selected
        assert second is not None and second.id != first.id
        assert seconds_on_disk(bundled_copy) == {first.id: (None, 175)}

        hand.wait(3)
        await pilot.press("j", "k")  # skimming past a claim writes nothing
        assert seconds_on_disk(bundled_copy) == {first.id: (None, 175)}

        hand.wait(4)
        await pilot.press("6")  # the rating carries the time on the claim since it was shown
        assert seconds_on_disk(bundled_copy) == {
            first.id: (None, 175),
            second.id: ("False", 3 + 4),
        }
        hand.wait(2)
        await pilot.press("j")
        third = screen.claim_list.selected
        assert third is not None and third.id not in (first.id, second.id)
        hand.wait(6)
        await pilot.press("q")
    # Quitting wrote the rest: the seconds after the rating, and those on the third claim.
    assert seconds_on_disk(bundled_copy) == {
        first.id: (None, 175),
        second.id: ("False", 3 + 4 + 2),
        third.id: (None, 6),
    }


async def test_time_on_the_editors_desk_goes_to_the_claim_on_the_desk(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The desk's time went to the claim selected behind it, on the review screen: an editor
    who signed off two claims was credited a minute on a claim never looked at (seen in tmux)."""
    from tests.test_app_others import write_review
    from tests.test_app_workflow import desk_opened

    write_review(desk, "Ana", 1, "True")
    write_review(desk, "Bo", 2, "False")
    hand = HandClock()
    monkeypatch.setattr("factcheck.reviews.time_spent.monotonic", hand)
    app = create_app(desk, "Ed")
    async with app.run_test(size=(120, 36)) as pilot:
        desk_screen = await desk_opened(pilot)  # an editor with claims to sign off starts here
        behind = desk_screen.review.selected
        first, second = (claim.id for claim in desk_screen.claims)
        assert behind is not None and behind.id not in (first, second)
        await pilot.press("k")  # a key: the clock runs, on the desk's first claim
        hand.wait(30)
        await pilot.press("j")
        hand.wait(20)
        await pilot.press("escape")  # back on the claims: the selected claim's time again
        assert app.screen is desk_screen.review
        hand.wait(5)
        await pilot.press("q")
    found = read_review_file(desk, "reviews/ed.yaml").reviews
    assert {cid: review.seconds for cid, review in found.items()} == {
        first: 30,
        second: 20,
        behind.id: 5,
    }
