"""`factcheck check` verifies every quote, and the words of every claim of kind quote."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.workspace import Workspace


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_check(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", *args, str(root)])
    return result.exit_code, result.stdout


def test_every_bundled_quote_is_exact() -> None:
    result = Workspace.open(Path(__file__).resolve().parent.parent).check()
    # Only the notes that the two sources disagree on the hospital's toll (test_conflicts.py).
    assert {problem.code for problem in result.problems} == {"figures-disagree"}
    assert len(result.anchors) == 46 + 5  # the quotes and the claims of kind quote
    assert {anchor.status.value for anchor in result.anchors.values()} == {"exact"}


def test_a_fabricated_quote_exits_1_naming_id_file_and_line(bundled_copy: Path) -> None:
    evidence = bundled_copy / "evidence" / "afp-2021-11.yaml"
    with evidence.open("a", encoding="utf-8") as handle:
        handle.write(
            "  - id: fabricated\n"
            '    quote: "The Taliban have completely eliminated the Islamic State from Kabul."\n'
        )
    lines = evidence.read_text().count("\n")
    code, out = run_check(bundled_copy)
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith(f"evidence/afp-2021-11.yaml:{lines}:12: error: quote 'fabricated'")
    assert "not found in its source" in first


def test_a_changed_figure_is_an_error_showing_both_numbers(bundled_copy: Path) -> None:
    edit(bundled_copy / "evidence" / "afp-2021-11.yaml", '"Nineteen people', '"Twenty-nine people')
    code, out = run_check(bundled_copy)
    assert code == 1
    [line] = [line for line in out.splitlines() if "afp-hospital-toll" in line]
    assert line.startswith("evidence/afp-2021-11.yaml:16:12: error:")
    assert "Twenty-nine in the quote, Nineteen in the source" in line


def test_a_changed_word_is_a_warning_with_both_versions_marked(bundled_copy: Path) -> None:
    edit(bundled_copy / "evidence" / "afp-2021-11.yaml", "Taliban comrades", "Taliban friends")
    code, out = run_check(bundled_copy)
    assert code == 0
    [line] = [line for line in out.splitlines() if "mokhlis-killed" in line]
    assert line.startswith("evidence/afp-2021-11.yaml:19:12: warning:")
    assert "[-friends-]{+comrades+}" in line


def test_claim_words_are_verified_at_the_claim(bundled_copy: Path) -> None:
    edit(
        bundled_copy / "claims" / "isk-defeated.yaml",
        "Daesh has been defeated and suppressed",
        "Daesh has been wiped out for good",
    )
    code, out = run_check(bundled_copy)
    assert code == 1
    assert out.startswith("claims/isk-defeated.yaml:3:11: error: claim 'daesh-defeated'")


def test_folded_quotes_are_notes_shown_with_verbose(bundled_copy: Path) -> None:
    edit(bundled_copy / "evidence" / "afp-2021-11.yaml", '"Nineteen people', '"nineteen  people')
    code, out = run_check(bundled_copy)
    # The summary, and the hint at the notes that the sources disagree on the hospital's toll.
    assert (code, out.count("\n")) == (0, 2)
    assert "info:" not in out
    code, out = run_check(bundled_copy, "-v")
    assert "info: quote 'afp-hospital-toll'" in out
    assert "after folding" in out


def test_json_carries_status_score_and_spans(bundled_copy: Path) -> None:
    code, out = run_check(bundled_copy, "--format", "json")
    assert code == 0
    quotes = json.loads(out)["quotes"]
    toll = quotes["afp-hospital-toll"]
    text = (bundled_copy / "evidence" / "afp-2021-11.txt").read_text(encoding="utf-8")
    [span] = toll["spans"]
    assert text[span["start"] : span["end"]].startswith("Nineteen people were killed")
    assert (toll["status"], toll["score"]) == ("exact", 100.0)
    assert quotes["claim:daesh-defeated"]["status"] == "exact"
