"""Time spent per claim (issue 14 part 6): the clock, how its seconds reach the review file, and
what `stats` makes of them. A clock the test moves by hand, never a sleep."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus.loader import load_corpus
from factcheck.reviews import ReviewStore, read_review_file
from factcheck.reviews.session import ReviewSession
from factcheck.reviews.time_spent import ActiveClock, format_seconds


class HandClock:
    """Seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def wait(self, seconds: float) -> None:
        self.now += seconds


def test_the_clock_counts_keys_and_stops_when_idle_or_away() -> None:
    hand = HandClock()
    clock = ActiveClock(hand, idle_seconds=120)
    clock.show("a")
    clock.activity()
    hand.wait(30)
    assert clock.pending("a") == 30
    hand.wait(600)  # no key for ten minutes since the last: two minutes after it count
    clock.activity()
    assert clock.pending("a") == 120
    hand.wait(10)
    clock.stop()  # the terminal lost the focus
    hand.wait(1000)
    assert clock.pending("a") == 130
    clock.activity()  # back
    hand.wait(5)
    clock.show("b")
    hand.wait(7)
    assert (clock.pending("a"), clock.pending("b")) == (135, 7)
    assert clock.take("a") == 135
    assert clock.pending("a") == 0
    clock.give_back("a", 135)
    assert sorted(clock.pending_claims()) == ["a", "b"]


def test_an_idle_claim_counts_the_cut_off_however_often_the_time_is_saved() -> None:
    """The app counts the time every minute to save it: each count took up to the cut-off
    again, and a claim left open for 9 minutes without a key was credited 9 minutes."""
    hand = HandClock()
    clock = ActiveClock(hand, idle_seconds=120)
    clock.show("a")
    clock.activity()
    for _minute in range(9):
        hand.wait(60)
        clock.pending_claims()  # the app's minute save
    assert clock.pending("a") == 120
    assert not clock.running
    clock.activity()
    hand.wait(10)
    assert clock.pending("a") == 130


def test_format_seconds() -> None:
    assert [format_seconds(s) for s in (0, 59.4, 61, 3599, 3900)] == [
        "0 s",
        "59 s",
        "1 min",
        "59 min",
        "1 h 05 min",
    ]


def session_on(root: Path, hand: HandClock, reviewer: str = "Ann") -> ReviewSession:
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    return ReviewSession(corpus, ReviewStore(root, reviewer), clock=ActiveClock(hand))


def seconds_on_disk(root: Path, reviewer: str = "ann") -> dict[str, int]:
    found = read_review_file(root, f"reviews/{reviewer}.yaml")
    return {cid: r.seconds for cid, r in found.reviews.items()}


def test_a_rating_carries_the_time_and_leaving_saves_the_rest(bundled_copy: Path) -> None:
    hand = HandClock()
    session = session_on(bundled_copy, hand)
    first, second = session.corpus.claims[:2]
    session.clock.show(first.id)
    session.clock.activity()
    hand.wait(42)
    session.rate(first, 6)
    assert seconds_on_disk(bundled_copy) == {first.id: 42}
    hand.wait(8)
    session.clock.show(second.id)
    hand.wait(20)
    assert seconds_on_disk(bundled_copy) == {first.id: 42}  # nothing written each second
    assert session.save_time() == 2  # what leaving a claim, or quitting, does
    assert seconds_on_disk(bundled_copy) == {first.id: 50, second.id: 20}
    # Looked at, not rated: the review holds only the time, and counts as no review.
    [looked] = [
        r
        for r in read_review_file(bundled_copy, "reviews/ann.yaml").reviews.values()
        if r.claim_id == second.id
    ]
    assert looked.verdict is None and looked.time_only
    assert session.needs_rating(second)
    assert session.progress()[0] == 1
    assert session.time_spent(first.id) == 50

    # A claim glanced at for less than MIN_TIME_ONLY_SECONDS gets no entry, until it has more.
    third = session.corpus.claims[2]
    session.clock.show(third.id)
    hand.wait(3)
    assert session.save_time() == 0
    assert third.id not in seconds_on_disk(bundled_copy)
    hand.wait(3)
    assert session.save_time() == 1
    assert seconds_on_disk(bundled_copy)[third.id] == 6


def test_undo_takes_back_the_verdict_not_the_time(bundled_copy: Path) -> None:
    hand = HandClock()
    session = session_on(bundled_copy, hand)
    claim = session.corpus.claims[0]
    session.clock.show(claim.id)
    session.clock.activity()
    hand.wait(30)
    session.rate(claim, 6)
    hand.wait(5)
    assert session.undo() == claim.id
    review = session.review(claim.id)
    assert review is not None and review.verdict is None and review.seconds == 35
    assert seconds_on_disk(bundled_copy) == {claim.id: 35}


def test_a_failed_time_write_keeps_the_seconds_for_the_next(bundled_copy: Path) -> None:
    hand = HandClock()
    session = session_on(bundled_copy, hand)
    claim = session.corpus.claims[0]
    session.clock.show(claim.id)
    session.clock.activity()
    hand.wait(12)
    (bundled_copy / "reviews").mkdir()
    (bundled_copy / "reviews").chmod(0o500)  # not writable: the write fails
    try:
        try:
            session.save_time()
        except OSError:
            pass
        else:  # root writes anyway: then the seconds are on disk already
            assert seconds_on_disk(bundled_copy) == {claim.id: 12}
            return
    finally:
        (bundled_copy / "reviews").chmod(0o700)
    assert session.clock.pending(claim.id) == 12
    session.save_time()
    assert seconds_on_disk(bundled_copy) == {claim.id: 12}


TODAYS_FORMAT = """\
# Reviews written by factcheck: one entry per claim, sorted by claim id.
reviewer: Ann
reviews:
- claim: complete-security
  verdict: Mostly false
  note: Attacks go on.
  time: '2026-11-20T09:00:00+00:00'
  fingerprint: sha256:0000000000000000
- claim: daesh-defeated
  verdict: 'False'
  note: ''
  time: '2026-11-21T10:00:00+00:00'
  fingerprint: sha256:0000000000000000
"""


def test_a_file_of_todays_format_loads_and_gains_time_only_where_spent(
    bundled_copy: Path,
) -> None:
    (bundled_copy / "reviews").mkdir()
    path = bundled_copy / "reviews" / "ann.yaml"
    path.write_text(TODAYS_FORMAT, encoding="utf-8")
    hand = HandClock()
    session = session_on(bundled_copy, hand)
    assert {r.claim_id: (r.verdict, r.seconds) for r in session.store.reviews.values()} == {
        "complete-security": ("Mostly false", 0),
        "daesh-defeated": ("False", 0),
    }
    session.clock.show("daesh-defeated")
    session.clock.activity()
    hand.wait(90)
    session.save_time()
    text = path.read_text(encoding="utf-8")
    # The entry not looked at is written as it was; the other gains only its seconds.
    assert TODAYS_FORMAT.split("- claim: daesh")[0] in text
    assert "- claim: daesh-defeated\n  verdict: 'False'\n" in text
    assert "  seconds: 90\n" in text
    assert "time: '2026-11-21T10:00:00+00:00'" in text  # looking is not a change of verdict

    stats = CliRunner().invoke(cli, ["stats", str(bundled_copy)])
    assert stats.exit_code == 0, stats.output
    assert "Ann" in stats.stdout and "1 min" in stats.stdout
    # Ratings per day, by the time of files that have no `rated:` yet.
    assert "2026-11-20" in stats.stdout and "2026-11-21" in stats.stdout


def test_stats_shows_time_per_claim_and_reviewer_and_ratings_per_day(
    bundled_copy: Path,
) -> None:
    hand = HandClock()
    for reviewer, spent in (("Ann", 300), ("Bo", 45)):
        session = session_on(bundled_copy, hand, reviewer)
        for claim in session.corpus.claims[:2]:
            session.clock.show(claim.id)
            for _key in range(3):  # a key every third of the time: none past the cut-off
                session.clock.activity()
                hand.wait(spent / 3)
            session.rate(claim, 6)
    result = CliRunner().invoke(cli, ["stats", "--format", "json", str(bundled_copy)])
    assert result.exit_code == 0, result.output
    time = json.loads(result.stdout)["time"]
    assert [(r["reviewer"], r["seconds"], r["claims"], r["rated"]) for r in time["reviewers"]] == [
        ("Ann", 600, 2, 2),
        ("Bo", 90, 2, 2),
    ]
    assert time["claims"][0]["seconds"] == 345
    assert time["claims"][0]["by_reviewer"] == {"Ann": 300, "Bo": 45}
    [(day, counts)] = time["ratings_per_day"].items()
    assert counts == {"Ann": 2, "Bo": 2}

    text = CliRunner().invoke(cli, ["stats", str(bundled_copy)]).stdout
    assert "Time spent" in text
    assert "Ann             10 min       2       5 min" in text
    assert "Bo               1 min       2        45 s" in text
    assert "Most time, of 2 claims with time counted:" in text
    assert "(Ann 5 min, Bo 45 s)" in text
    assert f"  {day}       2       2" in text


def test_stats_names_are_shown_as_text(bundled_copy: Path) -> None:
    hand = HandClock()
    session = session_on(bundled_copy, hand, "Ann\x1b[2J")
    claim = session.corpus.claims[0]
    session.clock.show(claim.id)
    session.clock.activity()
    hand.wait(3)
    session.rate(claim, 6)
    result = CliRunner().invoke(cli, ["stats", str(bundled_copy)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
