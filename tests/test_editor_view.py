"""The editor's view (issue 11, item 10): once an editor has ruled on a disputed claim, `stats`,
the session's 'in dispute' filter and the app show it as settled (by whom, with which verdict),
apart from the disputes still open; an editor is shown as an editor, not as a reviewer with
pending work; `review --editor` names editors for one run, like `export --editor`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.app import create_app
from factcheck.cli import cli
from factcheck.corpus.loader import load_corpus
from factcheck.corpus.model import Corpus
from factcheck.reviews import Review, ReviewStore, fingerprint, load_all_reviews
from factcheck.reviews.agreement import find_disputes, measure_agreement
from factcheck.reviews.session import Filters
from factcheck.workspace import Workspace
from tests.test_app_export import palette
from tests.test_app_others import others_text
from tests.test_app_review import opened

WHEN = "2026-11-20T09:00:00+00:00"
RULED = "2026-11-21T10:00:00+00:00"

DISPUTED = range(4)
"""Claims (by position) on which Ana and Ben differ."""
AGREED = range(4, 12)


def corpus_of(root: Path) -> Corpus:
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    return corpus


def put(root: Path, reviewer: str, position: int, verdict: str, time: str = WHEN) -> str:
    corpus = corpus_of(root)
    claim = corpus.claims[position]
    mark = fingerprint(corpus, claim)
    ReviewStore(root, reviewer).put(Review(claim.id, verdict, "", reviewer, time, mark))
    return claim.id


def add_editor_to_settings(root: Path, name: str = "Eve") -> None:
    settings = root / "factcheck.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"editors: [{name}]\n", "utf-8")


def two_reviewers(root: Path) -> list[str]:
    """Ana and Ben rate all 12 claims and differ on the first four; their ids."""
    disputed = []
    for position in DISPUTED:
        disputed.append(put(root, "Ana", position, "False"))
        put(root, "Ben", position, "Half true")
    for position in AGREED:
        put(root, "Ana", position, "True")
        put(root, "Ben", position, "True")
    return disputed


def editor_rules(root: Path, positions: range | list[int], verdict: str = "Mostly false") -> None:
    for position in positions:
        put(root, "Eve", position, verdict, RULED)


@pytest.fixture
def all_settled(bundled_copy: Path) -> tuple[Path, list[str]]:
    """Eve, an editor in factcheck.yaml, has ruled on every disputed claim."""
    add_editor_to_settings(bundled_copy)
    disputed = two_reviewers(bundled_copy)
    editor_rules(bundled_copy, DISPUTED)
    return bundled_copy, disputed


def stats(*arguments: str | Path) -> str:
    result = CliRunner().invoke(cli, ["stats", *map(str, arguments)])
    assert result.exit_code == 0, result.output
    return result.stdout


# The core


def test_settled_disputes_are_apart_from_open_ones(bundled_copy: Path) -> None:
    add_editor_to_settings(bundled_copy)
    disputed = two_reviewers(bundled_copy)
    editor_rules(bundled_copy, [0, 1])
    corpus = corpus_of(bundled_copy)
    files = load_all_reviews(bundled_copy, cache_dir=None)
    report = measure_agreement(corpus, files, editors=["eve"])  # names match in any case
    assert [d.claim_id for d in report.disputes] == sorted(disputed[2:])
    assert all(d.settled_by is None for d in report.disputes)
    settled = {d.claim_id: (d.settled_by, d.final_verdict) for d in report.settled}
    assert settled == {claim_id: ("Eve", "Mostly false") for claim_id in disputed[:2]}
    # The reviewers' own verdicts are kept: the settled dispute still says who said what.
    assert all(d.verdicts == {"Ana": "False", "Ben": "Half true"} for d in report.settled)
    open_ids = [d.claim_id for d in find_disputes(corpus, files, editors=["Eve"])]
    assert open_ids == sorted(disputed[2:])
    # Agreement is the reviewers' own, whatever the editor ruled afterwards.
    assert report.claims_rated_by_several == 12
    assert report.percent_agreement == pytest.approx(100 * 8 / 12)


def test_an_editor_is_not_a_reviewer_with_pending_work(
    all_settled: tuple[Path, list[str]],
) -> None:
    root, _ = all_settled
    corpus = corpus_of(root)
    report = measure_agreement(
        corpus, load_all_reviews(root, cache_dir=None), editors=corpus.settings.editors
    )
    rows = {row.reviewer: row for row in report.reviewers}
    assert (rows["Eve"].editor, rows["Eve"].rated, rows["Eve"].pending) == (True, 4, None)
    assert rows["Eve"].settled == 4
    assert (rows["Ana"].editor, rows["Ana"].pending, rows["Ana"].settled) == (False, 0, None)


# factcheck stats


def test_stats_after_the_editor_ruled_on_every_dispute(
    all_settled: tuple[Path, list[str]],
) -> None:
    root, disputed = all_settled
    out = stats(root)
    assert "In dispute" not in out
    assert "No open disputes" in out
    assert "Settled by an editor (4):" in out
    for claim_id in disputed:
        line = next(line for line in out.splitlines() if line.strip().startswith(claim_id))
        assert "Eve: Mostly false" in line and "Ana: False; Ben: Half true" in line
    assert "pending 8" not in out
    editor_row = next(line for line in out.splitlines() if line.startswith("Eve"))
    assert "pending" not in editor_row and "   8  " not in editor_row
    assert "editor" in out.split("Eve")[0].splitlines()[-1]  # Eve's table is the editors'


def test_stats_with_open_and_settled_disputes(bundled_copy: Path) -> None:
    disputed = two_reviewers(bundled_copy)
    editor_rules(bundled_copy, [0])
    out = stats("--editor", "Eve", bundled_copy)  # named for this run, not in factcheck.yaml
    assert "In dispute (3), worst first:" in out
    assert "Settled by an editor (1):" in out
    open_part, settled_part = out.split("Settled by an editor")
    assert disputed[0] not in open_part.split("In dispute")[1]
    assert disputed[0] in settled_part and disputed[1] not in settled_part


def test_stats_json_says_who_settled_what(all_settled: tuple[Path, list[str]]) -> None:
    root, disputed = all_settled
    document = json.loads(stats("--format", "json", root))
    assert document["disputes"] == []
    assert sorted(d["claim_id"] for d in document["settled"]) == sorted(disputed)
    assert {(d["settled_by"], d["final_verdict"]) for d in document["settled"]} == {
        ("Eve", "Mostly false")
    }
    eve = next(r for r in document["reviewers"] if r["reviewer"] == "Eve")
    assert (eve["editor"], eve["pending"], eve["settled"]) == (True, None, 4)


# The app: its session's 'in dispute' filter, and `review --editor`


def in_dispute(workspace: Workspace, reviewer: str) -> list[str]:
    session = workspace.session(reviewer)
    session.set_filters(Filters(disputed=True))
    return [session.corpus.claims[index].id for index in session.visible]


def test_the_dispute_filter_leaves_out_settled_claims(bundled_copy: Path) -> None:
    add_editor_to_settings(bundled_copy)
    disputed = two_reviewers(bundled_copy)
    editor_rules(bundled_copy, [0, 2])
    workspace = Workspace.open(bundled_copy, cache=False)
    assert in_dispute(workspace, "Ana") == [disputed[1], disputed[3]]


def test_editors_named_for_the_run_settle_in_the_session(bundled_copy: Path) -> None:
    disputed = two_reviewers(bundled_copy)
    editor_rules(bundled_copy, [0, 2])
    plain = Workspace.open(bundled_copy, cache=False)
    assert in_dispute(plain, "Ana") == disputed  # Eve is only another reviewer here
    named = Workspace.open(bundled_copy, cache=False, editors=["Eve"])
    assert in_dispute(named, "Ana") == [disputed[1], disputed[3]]


async def test_review_with_an_editor_lists_only_open_disputes(bundled_copy: Path) -> None:
    """The app as `factcheck review --editor Eve` opens it: the dispute filter lists the claims
    Eve has not ruled on, and Eve's verdict is shown as the final one."""
    disputed = two_reviewers(bundled_copy)
    editor_rules(bundled_copy, [1, 3])
    app = create_app(bundled_copy, "Cy", editors=("Eve",))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        await palette(pilot, "in dispute")
        assert [claim.id for claim in screen.claim_list.claims] == [disputed[0], disputed[2]]
        await pilot.press("escape")
        await pilot.press("j", "o")  # the second claim, which Eve settled
        shown = others_text(screen)
        assert "FINAL" in shown and "Eve (editor)" in shown


def test_review_accepts_editor(bundled_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`review --editor NAME` reaches the app (the app itself is not run here)."""
    import factcheck.app

    made: dict[str, object] = {}

    class NotRun:
        return_code = 0

        def run(self) -> None:
            return None

    def fake_create_app(root: Path, reviewer: str, **options: object) -> NotRun:
        made.update(root=root, reviewer=reviewer, **options)
        return NotRun()

    monkeypatch.setattr(factcheck.app, "create_app", fake_create_app)
    result = CliRunner().invoke(
        cli,
        ["review", "--reviewer", "Eve", "--editor", "Eve", "--editor", "Max", str(bundled_copy)],
    )
    assert result.exit_code == 0, result.output
    assert made["editors"] == ("Eve", "Max") and made["reviewer"] == "Eve"
