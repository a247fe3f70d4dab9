"""The workflow apart from the verdict (reviews/workflow.py), assignment (`factcheck assign`),
and what `stats` and `export --state` make of them: through the session and the CLI, asserting
on disk and on the output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.reviews.session import CorrectionNeeded, NotAnEditorError, ReviewSession
from factcheck.reviews.time_spent import ActiveClock
from factcheck.reviews.workflow import State, UnknownStateError, parse_state
from factcheck.workspace import Workspace


def invoke(*arguments: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in arguments])
    return result.exit_code, result.stdout, result.stderr


def assigned(root: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted((root / "claims").glob("*.yaml")):
        for claim in yaml.safe_load(path.read_text(encoding="utf-8"))["claims"]:
            if claim.get("assigned"):
                found[claim["id"]] = claim["assigned"]
    return found


def session(root: Path, reviewer: str) -> ReviewSession:
    return Workspace.open(root).session(reviewer)


def state(root: Path, claim_id: str, reviewer: str = "nobody") -> State:
    current = session(root, reviewer)
    return current.workflow(current.corpus.claims_by_id[claim_id]).state


# Assignment


def test_assign_deals_round_robin_and_writes_the_corpus(bundled_copy: Path) -> None:
    code, _, said = invoke("assign", bundled_copy, "--to", "Ana,Bo", "--count", "4")
    assert code == 0, said
    assert "Ana: 2 claim(s)" in said and "Bo: 2 claim(s)" in said
    written = assigned(bundled_copy)
    assert list(written.values()) == [["Ana"], ["Bo"], ["Ana"], ["Bo"]]
    assert invoke("check", bundled_copy)[0] == 0
    # Again: the four are assigned already and left as they are; the next four are dealt.
    code, _, said = invoke("assign", bundled_copy, "--to", "Cy", "--count", "4")
    assert code == 0 and "4 claim(s) assigned already" in said
    again = assigned(bundled_copy)
    assert len(again) == 8 and [again[c] for c in written] == list(written.values())


def test_assign_by_tag_by_claim_list_two_per_claim_and_clear(bundled_copy: Path) -> None:
    code, _, said = invoke(
        "assign", bundled_copy, "--to", "Ana", "--to", "Bo", "--per-claim", "2", "--tag", "kabul"
    )
    assert code == 0, said
    corpus = Workspace.open(bundled_copy).corpus
    assert corpus is not None
    kabul = [c.id for c in corpus.claims if "kabul" in c.tags]
    assert assigned(bundled_copy) == {claim_id: ["Ana", "Bo"] for claim_id in kabul}
    first, second = corpus.claims[0].id, corpus.claims[1].id
    assert invoke("assign", bundled_copy, "--to", "Cy", "--claim", f"{first},{second}")[0] == 0
    assert assigned(bundled_copy)[first] == ["Cy"]
    assert invoke("assign", bundled_copy, "--clear", "--claim", first)[0] == 0
    assert first not in assigned(bundled_copy)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--to", "Ana", "--tag", "secruity"], "did you mean 'security'"),
        (["--to", "Ana", "--claim", "daesh-defeatd"], "did you mean 'daesh-defeated'"),
        (["--tag", "security"], "name at least one reviewer"),
        (["--to", "Ana", "--per-claim", "2"], "needs at least 2 reviewers"),
    ],
)
def test_assign_refuses_what_cannot_be_meant(
    bundled_copy: Path, arguments: list[str], message: str
) -> None:
    before = {p.name: p.read_bytes() for p in (bundled_copy / "claims").glob("*.yaml")}
    code, _, said = invoke("assign", bundled_copy, *arguments)
    assert code == 2 and message in said
    assert {p.name: p.read_bytes() for p in (bundled_copy / "claims").glob("*.yaml")} == before


def test_assign_dry_run_writes_nothing(bundled_copy: Path) -> None:
    code, _, said = invoke("assign", bundled_copy, "--to", "Ana", "--dry-run")
    assert code == 0 and "Ana: 12 claim(s)" in said and "nothing written" in said
    assert assigned(bundled_copy) == {}


def test_assign_says_when_a_claims_file_cannot_be_read(bundled_copy: Path) -> None:
    """Its claims are not loaded, so not assigned: said, not left for the editor to find out."""
    broken = bundled_copy / "claims" / "security.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "  - id: [unclosed\n")
    before = broken.read_bytes()
    code, _, said = invoke("assign", bundled_copy, "--to", "Ana")
    assert code == 0
    assert "warning: the corpus has 1 error(s)" in said and "left out" in said
    assert broken.read_bytes() == before  # never written


# States


def test_a_claim_goes_through_every_state(desk: Path) -> None:
    claim_id = "daesh-defeated"
    assert state(desk, claim_id) is State.UNASSIGNED
    invoke("assign", desk, "--to", "Ana,Bo", "--per-claim", "2", "--claim", claim_id)
    assert state(desk, claim_id) is State.ASSIGNED
    ana = session(desk, "Ana")
    claim = ana.corpus.claims_by_id[claim_id]
    ana.rate(claim, 6)
    assert state(desk, claim_id) is State.IN_REVIEW  # Bo has not rated yet
    bo = session(desk, "Bo")
    bo.rate(claim, 5)
    assert state(desk, claim_id) is State.RATED
    ed = session(desk, "Ed")
    assert [c.id for c in ed.awaiting_sign_off()] == [claim_id]
    assert ed.is_disputed(claim_id)
    ed.rate(claim, 6)
    assert state(desk, claim_id) is State.SIGNED_OFF
    code, _, said = invoke("export", desk, "--publish", "Ed", "--format", "json", "--no-verify")
    assert code == 0, said
    assert state(desk, claim_id) is State.PUBLISHED


@pytest.mark.usefixtures("clock")
def test_send_back_returns_the_claim_to_its_reviewers(desk: Path) -> None:
    claim_id = "daesh-defeated"
    invoke("assign", desk, "--to", "Ana", "--claim", claim_id)
    ana = session(desk, "Ana")
    claim = ana.corpus.claims_by_id[claim_id]
    ana.rate(claim, 6)
    assert not ana.needs_rating(claim)
    ed = session(desk, "Ed")
    ed.rate(claim, 6)
    ed.send_back(claim, "Check the date of the toll")
    assert state(desk, claim_id) is State.IN_REVIEW
    ana = session(desk, "Ana")
    assert ana.needs_rating(claim)
    assert ana.next_in_queue(0) == (ana.position_of(claim_id), True)
    workflow = ana.workflow(claim)
    assert workflow.sent_back is not None
    assert (workflow.sent_back_by, workflow.sent_back.comment) == (
        "Ed",
        "Check the date of the toll",
    )
    ana.rate(claim, 5)
    assert state(desk, claim_id) is State.RATED
    with pytest.raises(NotAnEditorError):
        ana.send_back(claim, "not mine to send")


def test_set_aside_needs_no_verdict_and_can_be_taken_back(bundled_copy: Path) -> None:
    ana = session(bundled_copy, "Ana")
    claim = ana.corpus.claims[0]
    ana.set_aside(claim, "  not a checkable   claim ")
    on_disk = yaml.safe_load((bundled_copy / "reviews" / "ana.yaml").read_text(encoding="utf-8"))
    assert on_disk["reviews"][0]["set_aside"] == "not a checkable claim"
    assert on_disk["reviews"][0]["verdict"] is None
    assert state(bundled_copy, claim.id) is State.SET_ASIDE
    assert not ana.needs_rating(claim)
    ana.undo()
    assert state(bundled_copy, claim.id) is State.UNASSIGNED


def test_taking_back_the_only_thing_a_review_held_leaves_no_empty_entry(
    bundled_copy: Path,
) -> None:
    """A set-aside taken back, or a note cleared, on a review with nothing else in it left an
    entry of nothing ('verdict: null', "note: ''") in the file (seen by the soak); uncite
    already removed its entry. The time spent, when there is some, stays."""
    ana = session(bundled_copy, "Ana")
    first, second = ana.corpus.claims[:2]
    ana.set_aside(first, "duplicate")
    ana.set_aside(first, "")  # the dialog's empty reason: taken back
    ana.set_note(second, "to look at again")
    ana.set_note(second, "")
    reviews_file = bundled_copy / "reviews" / "ana.yaml"
    on_disk = yaml.safe_load(reviews_file.read_text(encoding="utf-8"))
    assert not on_disk.get("reviews")
    seconds = [1000.0]  # time spent on a claim is kept with its entry
    ana.clock = ActiveClock(clock=lambda: seconds[0])
    ana.clock.show(first.id)
    ana.clock.activity()
    seconds[0] += 30
    ana.set_aside(first, "duplicate")
    ana.set_aside(first, "")
    [entry] = yaml.safe_load(reviews_file.read_text(encoding="utf-8"))["reviews"]
    assert entry["claim"] == first.id and entry["seconds"] == 30
    assert "set_aside" not in entry or not entry["set_aside"]
    # Two spells too short for an entry each are kept together (3 s with the note, 3 s after).
    ana.clock.show(second.id)
    ana.clock.activity()
    seconds[0] += 3
    ana.set_note(second, "first thought")
    ana.clock.activity()
    seconds[0] += 3
    ana.set_note(second, "")
    entries = yaml.safe_load(reviews_file.read_text(encoding="utf-8"))["reviews"]
    [kept] = [entry for entry in entries if entry["claim"] == second.id]
    assert kept["seconds"] == 6 and not kept.get("note")


@pytest.mark.parametrize("written", ["in review", "In_Review", "in-review"])
def test_state_names_are_read_loosely(written: str) -> None:
    assert parse_state(written) is State.IN_REVIEW


def test_an_unknown_state_is_refused_with_a_guess() -> None:
    with pytest.raises(UnknownStateError, match="did you mean 'signed-off'"):
        parse_state("signed-of")


# stats and export --state


def test_stats_warns_of_an_editor_with_no_reviews(desk: Path) -> None:
    """`--editor Edd` (a typo) weighs no verdict: said, as export says it, not a table as if
    nothing had been asked."""
    session(desk, "Ed").rate(session(desk, "Ed").corpus.claims[0], 5)
    code, out, said = invoke("stats", desk, "--editor", "Edd", "--editor", "ed")
    assert code == 0, said
    assert "warning: no reviews by editor 'Edd' yet (did you mean 'Ed'?); reviewers: Ed" in said
    assert "'ed'" not in said  # Ed's, in any case
    assert "Workflow:" in out


@pytest.mark.parametrize("per_claim", ["0", "-1"])
def test_assign_per_claim_below_one_is_refused_plainly(bundled_copy: Path, per_claim: str) -> None:
    code, _, said = invoke("assign", bundled_copy, "--to", "Ana", "--per-claim", per_claim)
    assert code == 2
    assert "--per-claim must be at least 1" in said
    assert "needs at least" not in said  # 'needs at least 0 reviewers; 1 named'


def test_stats_shows_states_and_each_reviewers_queue(bundled_copy: Path) -> None:
    invoke("assign", bundled_copy, "--to", "Ana,Bo", "--count", "4")
    ana = session(bundled_copy, "Ana")
    ana.rate(ana.corpus.claims[0], 6)
    code, out, _ = invoke("stats", bundled_copy)
    assert code == 0
    assert "Workflow: unassigned 8, assigned 3, rated 1" in out
    lines = out.splitlines()
    assert any(line.split() == ["Ana", "2", "1"] for line in lines), out
    assert any(line.split() == ["Bo", "2", "2"] for line in lines), out
    code, out, _ = invoke("stats", bundled_copy, "--format", "json")
    workflow = json.loads(out)["workflow"]
    assert workflow["states"]["rated"] == 1
    assert workflow["queues"][0] == {"reviewer": "Ana", "assigned": 2, "waiting": 1}


def test_export_keeps_only_the_states_asked_for(bundled_copy: Path) -> None:
    invoke("assign", bundled_copy, "--to", "Ana", "--count", "2")
    code, out, said = invoke(
        "export", bundled_copy, "--state", "assigned", "--format", "json", "--no-verify"
    )
    assert code == 0, said
    report = json.loads(out)
    assert [c["state"] for c in report["claims"]] == ["assigned", "assigned"]
    assert report["filters"]["states"] == ["assigned"]
    code, _, said = invoke("export", bundled_copy, "--state", "publishd", "--no-verify")
    assert code == 2 and "did you mean 'published'" in said


# Review files written before the workflow


TODAYS_FORMAT = """\
# Reviews written by factcheck: one entry per claim, sorted by claim id.
reviewer: Ana
reviews:
- claim: daesh-defeated
  verdict: 'False'
  note: Attacks went on.
  time: '2024-01-02T03:04:05+00:00'
  fingerprint: sha256:0000000000000000
- claim: complete-security
  verdict: null
  note: Half a thought.
  time: 2024-01-02T03:04:06+00:00
  fingerprint: ''
"""


def test_a_review_file_written_before_the_workflow_loads_and_keeps_its_shape(
    bundled_copy: Path,
) -> None:
    path = bundled_copy / "reviews" / "ana.yaml"
    path.parent.mkdir()
    path.write_text(TODAYS_FORMAT, encoding="utf-8")
    ana = session(bundled_copy, "Ana")
    old = ana.review("daesh-defeated")
    assert old is not None and (old.verdict, old.note) == ("False", "Attacks went on.")
    assert (old.set_aside, old.sent_back, old.published, old.corrections) == ("", None, "", ())
    assert Workspace.open(bundled_copy).review_problems() == []
    ana.rate(ana.corpus.claims_by_id["isk-cell-destroyed"], 2)
    text = path.read_text(encoding="utf-8")
    header, first = TODAYS_FORMAT.split("- claim: daesh-defeated")
    second = "- claim: complete-security" + first.split("- claim: complete-security")[1]
    first = "- claim: daesh-defeated" + first.split("- claim: complete-security")[0]
    # Each old entry kept word for word, the new one beside them in the same layout.
    assert text.startswith(header) and first in text and second in text
    for key in ("set_aside", "sent_back", "published", "corrections"):
        assert key not in text


# Corrections (the session's side; the report's is in test_corrections.py)


def test_changing_a_published_verdict_needs_a_correction(desk: Path) -> None:
    ed = session(desk, "Ed")
    claim = ed.corpus.claims[0]
    ed.rate(claim, 5)
    assert invoke("export", desk, "--publish", "Ed", "--no-verify")[0] == 0
    ed = session(desk, "Ed")
    before = (desk / "reviews" / "ed.yaml").read_bytes()
    with pytest.raises(CorrectionNeeded, match="published as Mostly false"):
        ed.rate(claim, 6)
    assert (desk / "reviews" / "ed.yaml").read_bytes() == before
    ed.rate(claim, 5)  # the same verdict again: nothing to correct
    ed.rate(claim, 6, correction="A later UN count")
    review = ed.review(claim.id)
    assert review is not None and review.published
    [correction] = review.corrections
    assert (correction.old, correction.new, correction.note) == (
        "Mostly false",
        "False",
        "A later UN count",
    )
