"""The app follows the disk while it runs: the reviewer's own file written by a second window,
the corpus edited in another program, and a corpus that cannot be loaded at all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from factcheck.app import create_app
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.widgets.claim_detail import ClaimDetail, RatingBar
from factcheck.app.widgets.evidence_list import EvidenceList
from factcheck.app.widgets.problems_panel import ProblemsPanel
from factcheck.corpus.yamlio import default_cache_dir
from factcheck.reviews import Review, ReviewStore, fingerprint, now
from factcheck.reviews.presence import MARKERS_FOLDER
from tests.conftest import CorpusWriter, review_in_terminal
from tests.test_app_others import corpus_of
from tests.test_app_review import header_text, opened, ratings

REVIEWER = "Test Reviewer"
OWN_CHANGED = "Your reviews changed on disk (another window?): reloaded"


def notices(app: object) -> list[str]:
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


def rating_text(screen: ReviewScreen) -> str:
    return str(screen.query_one(RatingBar).render())


def row_text(screen: ReviewScreen, position: int) -> str:
    """One row of the claim list as drawn (the verdict badge, the id, the text); wide enough
    for whole verdict labels at 200 columns."""
    claims = screen.claim_list
    return claims.render_line(position - round(claims.scroll_y)).text


def second_window_rates(root: Path, position: int, verdict: str) -> None:
    """What a second app on the same reviewer does when a key is pressed there: its own store
    (another process's, as far as the first app can tell) writes the same file."""
    corpus = corpus_of(root)
    claim = corpus.claims[position]
    review = Review(claim.id, verdict, "", REVIEWER, now(), fingerprint(corpus, claim))
    ReviewStore(root, REVIEWER).put(review)


async def until(pilot: Pilot, condition: Callable[[], bool], seconds: float = 5) -> None:
    for _ in range(int(seconds / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the screen never showed it")


async def test_own_reviews_written_by_a_second_window_show_here(bundled_copy: Path) -> None:
    app = create_app(bundled_copy, REVIEWER, poll_seconds=0.05)
    async with app.run_test(size=(200, 40), notifications=True) as pilot:
        screen = await opened(pilot)
        await pilot.press("6")  # False on the first claim, here
        await pilot.pause(0.3)  # several polls: this window's own write is not news
        assert OWN_CHANGED not in notices(app)
        assert "1/12 rated" in header_text(screen)

        second_window_rates(bundled_copy, 0, "True")  # the other window changes its mind
        second_window_rates(bundled_copy, 1, "Half true")
        await until(pilot, lambda: "2/12 rated" in header_text(screen))
        assert "True" in rating_text(screen) and "False" not in rating_text(screen)
        assert "Half true" in row_text(screen, 1)
        await until(pilot, lambda: OWN_CHANGED in notices(app))
        assert notices(app).count(OWN_CHANGED) == 1
        # Undoing this window's False would overwrite the other window's later True.
        await pilot.press("u")
        await until(pilot, lambda: "Nothing to undo." in notices(app))

        await pilot.press("j", "j", "3")  # and this window goes on saving, the others kept
        await pilot.pause(0.3)
        assert notices(app).count(OWN_CHANGED) == 1
    saved = ratings(bundled_copy)
    claims = corpus_of(bundled_copy).claims
    assert saved == {claims[0].id: "True", claims[1].id: "Half true", claims[2].id: "Half true"}


async def test_a_rating_that_merges_a_second_windows_write_shows_it_too(
    bundled_copy: Path,
) -> None:
    app = create_app(bundled_copy, REVIEWER, poll_seconds=3600)  # no poll: the write finds it
    async with app.run_test(size=(200, 40), notifications=True) as pilot:
        screen = await opened(pilot)
        second_window_rates(bundled_copy, 1, "Mostly true")
        await pilot.press("6")
        assert "2/12 rated" in header_text(screen)
        assert "Mostly true" in row_text(screen, 1)
        await until(pilot, lambda: OWN_CHANGED in notices(app))


async def test_a_second_app_on_the_same_reviewer_is_warned(bundled_copy: Path) -> None:
    """The real command in a terminal is the first window; a second opens beside it."""
    markers = default_cache_dir() / MARKERS_FOLDER
    with review_in_terminal(bundled_copy, "--reviewer", REVIEWER) as first:
        first.read_until(b"0/12 rated")
        app = create_app(bundled_copy, REVIEWER)
        async with app.run_test(size=(120, 30), notifications=True) as pilot:
            await opened(pilot)
            await pilot.pause(0.1)  # a notice is a message to the app: let it arrive
            warnings = [n for n in notices(app) if "also open in another factcheck" in n]
            assert len(warnings) == 1, notices(app)
            assert f"pid {first.process.pid}" in warnings[0]
        first.press(b"q")
        assert first.wait_for_exit() == 0
    # Each app removes its own marker when it closes; none was written into the corpus.
    assert list(markers.iterdir()) == []
    assert not (bundled_copy / "reviews").exists()

    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await opened(pilot)
        await pilot.pause(0.1)
        assert not any("also open" in n for n in notices(app))


async def test_a_killed_apps_marker_does_not_warn(bundled_copy: Path) -> None:
    markers = default_cache_dir() / MARKERS_FOLDER
    with review_in_terminal(bundled_copy, "--reviewer", REVIEWER) as first:
        first.read_until(b"0/12 rated")
        first.process.kill()
        first.process.wait(timeout=10)
    assert list(markers.iterdir())  # left behind
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await opened(pilot)
        await pilot.pause(0.1)
        assert not any("also open" in n for n in notices(app))
    assert list(markers.iterdir()) == []  # the stale one went with this app's own


# The corpus changed on disk while the app runs

THREE_CLAIMS = """\
claims:
  - id: first
    text: "the first claim"
    kind: summary
    claimant: A Spokesman
    evidence:
      - {ref: toll, stance: contradicts}
  - id: second
    text: "the second claim"
    kind: summary
    claimant: A Spokesman
    evidence:
      - {ref: toll, stance: contradicts}
  - id: third
    text: "the third claim"
    kind: summary
    claimant: A Spokesman
    evidence:
      - {ref: unsafe, stance: supports}
"""


def evidence_text(screen: ReviewScreen) -> str:
    evidence = screen.query_one(EvidenceList)
    return "\n".join(
        str(evidence.get_option_at_index(i).prompt) for i in range(evidence.option_count)
    )


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


async def test_a_quote_added_on_disk_shows_and_the_claim_stays_selected(
    write_corpus: CorpusWriter,
) -> None:
    root = write_corpus({"claims/main.yaml": THREE_CLAIMS})
    app = create_app(root, REVIEWER, poll_seconds=0.05)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await opened(pilot)
        await pilot.press("j")
        assert screen.selected is not None and screen.selected.id == "second"
        assert "did not feel safe" not in evidence_text(screen)

        # In another program: a claim before it, and a second quote for it.
        rewrite(
            root / "claims" / "main.yaml",
            "claims:\n",
            'claims:\n  - id: zeroth\n    text: "a new claim"\n    kind: summary\n'
            "    claimant: Someone\n",
        )
        rewrite(
            root / "claims" / "main.yaml",
            "      - {ref: toll, stance: contradicts}\n  - id: third",
            "      - {ref: toll, stance: contradicts}\n"
            "      - {ref: unsafe, stance: context}\n  - id: third",
        )
        await until(pilot, lambda: "did not feel safe" in evidence_text(screen))
        assert screen.selected is not None and screen.selected.id == "second"
        assert [claim.id for claim in screen.claim_list.claims][:2] == ["zeroth", "first"]
        await until(pilot, lambda: "The corpus changed on disk: reloaded" in notices(app))
        assert "0/4 rated" in header_text(screen)
        # The new quote is verified like the others.
        await until(pilot, lambda: evidence_text(screen).count("✓ exact") == 2)


async def test_a_rating_on_evidence_changed_on_disk_turns_stale(
    write_corpus: CorpusWriter,
) -> None:
    root = write_corpus({"claims/main.yaml": THREE_CLAIMS})
    app = create_app(root, REVIEWER, poll_seconds=0.05)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await opened(pilot)
        await pilot.press("6")
        assert "1/3 rated" in header_text(screen) and "stale" not in header_text(screen)
        rewrite(
            root / "claims" / "main.yaml",
            "{ref: toll, stance: contradicts}",
            "{ref: toll, stance: supports}",
        )
        await until(pilot, lambda: "1 stale" in header_text(screen))
        assert "STALE" in rating_text(screen)


async def test_a_corpus_broken_on_disk_keeps_the_last_good_one_on_screen(
    write_corpus: CorpusWriter,
) -> None:
    root = write_corpus({"claims/main.yaml": THREE_CLAIMS})
    claims_file = root / "claims" / "main.yaml"
    app = create_app(root, REVIEWER, poll_seconds=0.05)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await opened(pilot)
        await pilot.press("j")
        panel = screen.query_one(ProblemsPanel)
        assert not panel.display

        rewrite(claims_file, "  - id: second\n", "  - id: second\n   broken: [\n")
        await until(pilot, lambda: panel.display)
        assert "claims/main.yaml:" in str(panel.render())
        assert [claim.id for claim in screen.claim_list.claims] == ["first", "second", "third"]
        assert screen.selected is not None and screen.selected.id == "second"
        await until(
            pilot, lambda: any("claims/main.yaml cannot be loaded now" in n for n in notices(app))
        )
        await pilot.press("6")  # reviewing goes on
        assert "1/3 rated" in header_text(screen)

        rewrite(claims_file, "   broken: [\n", "")
        await until(pilot, lambda: not panel.display)
        await until(pilot, lambda: "The corpus changed on disk: reloaded" in notices(app))
        assert screen.selected is not None and screen.selected.id == "second"
        assert "1/3 rated" in header_text(screen)


# A corpus of which nothing could be loaded


def detail_text(screen: ReviewScreen) -> str:
    return " ".join(str(screen.query_one(ClaimDetail).render()).split())


async def test_a_corpus_whose_claims_cannot_be_loaded_says_why_and_reloads_when_fixed(
    write_corpus: CorpusWriter,
) -> None:
    root = write_corpus({"claims/main.yaml": THREE_CLAIMS})
    claims_file = root / "claims" / "main.yaml"
    rewrite(claims_file, "  - id: second\n", "  - id: second\n   broken: [\n")
    app = create_app(root, REVIEWER, poll_seconds=0.05)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await opened(pilot)
        said = detail_text(screen)
        assert said.startswith("No claims could be loaded: claims/main.yaml:"), said
        assert "factcheck check" in said and "reloads when it changes" in said
        assert "No claim matches" not in said
        await pilot.press("6", "j")  # nothing to rate, nowhere to go: no crash

        rewrite(claims_file, "   broken: [\n", "")
        await until(pilot, lambda: len(screen.claim_list.claims) == 3)
        assert "the first claim" in detail_text(screen)
        assert not screen.query_one(ProblemsPanel).display


async def test_a_corpus_with_no_claims_says_how_to_add_one(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"claims/main.yaml": "claims: []\n"})
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened(pilot)
        assert detail_text(screen).startswith("This corpus has no claims yet.")


async def test_a_search_on_screen_is_kept_over_a_reload(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"claims/main.yaml": THREE_CLAIMS})
    app = create_app(root, REVIEWER, poll_seconds=0.05)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await opened(pilot)
        await pilot.press("slash", *"second", "enter")
        assert [claim.id for claim in screen.claim_list.claims] == ["second"]
        rewrite(
            root / "claims" / "main.yaml",
            "  - id: third\n",
            '  - id: also\n    text: "a second look"\n    kind: summary\n'
            "    claimant: Someone\n  - id: third\n",
        )
        await until(pilot, lambda: len(screen.claim_list.claims) == 2)
        assert {claim.id for claim in screen.claim_list.claims} == {"second", "also"}
        assert screen.search_box.value == "second"
        assert screen.selected is not None and screen.selected.id == "second"
