"""`factcheck suggest`, run as a fact-checker runs it: on the bundled corpus, for tools (JSON),
with a mistyped claim id, and on a corpus whose text holds what a terminal would act on."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli


def run(*arguments: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in arguments])
    return result.exit_code, result.stdout, result.stderr


def test_text_lists_passages_best_first_with_source_span_score_why_and_linked_mark(
    bundled_copy: Path,
) -> None:
    code, out, err = run("suggest", "daesh-defeated", bundled_copy, "-n", "3")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == (
        "Suggested evidence for 'daesh-defeated': Without doubt, Daesh has been defeated and "
        "suppressed"
    )
    assert lines[1].startswith("3 of 103 passages ranked")
    first = out.split("\n\n")[1].splitlines()
    assert first[0].startswith(" 1. ")
    assert "rferl-2022-05 [" in first[0] and first[0].endswith("linked: mujahid-radio-azadi")
    assert first[1].strip().startswith('"Without doubt, Daesh has been defeated')
    assert first[2].strip().startswith("why: names: Daesh, Mujahid")
    assert out.count("\n\n") == 3  # three passages, as asked


def test_json_gives_text_source_span_score_reasons_and_linked_flag(bundled_copy: Path) -> None:
    code, out, _ = run("suggest", "complete-security", bundled_copy, "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["claim"] == {
        "id": "complete-security",
        "text": "The Taliban has established complete security in Afghanistan.",
    }
    suggestions = document["suggestions"]
    assert len(suggestions) == 10
    scores = [s["score"] for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    texts = {
        path.stem: path.read_text(encoding="utf-8")
        for path in (bundled_copy / "evidence").glob("*.txt")
    }
    for suggestion in suggestions:
        span = suggestion["span"]
        assert texts[suggestion["source"]][span["start"] : span["end"]] == suggestion["text"]
        assert set(suggestion["reasons"]) >= {"names", "dates", "numbers", "terms", "related"}
        assert isinstance(suggestion["linked"], bool)
    linked = [s for s in suggestions if s["linked"]]
    assert {q for s in linked for q in s["linked_quotes"]} >= {"isk-boast"}
    assert not any(s["linked_quotes"] for s in suggestions if not s["linked"])


def test_an_unknown_claim_says_so_with_a_guess_and_exits_2(bundled_copy: Path) -> None:
    code, out, err = run("suggest", "complete-securty", bundled_copy)
    assert code == 2
    assert out == ""
    assert "no claim has the id 'complete-securty' (did you mean 'complete-security'?)" in err


def test_n_must_be_at_least_one(bundled_copy: Path) -> None:
    code, _, err = run("suggest", "complete-security", bundled_copy, "-n", "0")
    assert code == 2
    assert "-n" in err


def test_what_a_source_says_cannot_drive_the_terminal(write_corpus) -> None:
    root = write_corpus(
        {
            "evidence/wire-2021.txt": (
                "Nineteen people were killed in the attack on the hospital \x1b[2J[bold]x[/].\n"
            )
        }
    )
    code, out, _ = run("suggest", "defeated", root, "-n", "2")
    assert code == 0
    assert "\x1b" not in out
    assert "hospital" in out


def test_a_claim_that_shares_no_word_with_any_source_says_so(write_corpus) -> None:
    root = write_corpus(
        {
            "claims/main.yaml": (
                "claims:\n  - id: odd\n    text: Zzyzx quux.\n    kind: summary\n"
                "    claimant: Nobody\n"
            )
        }
    )
    code, out, _ = run("suggest", "odd", root)
    assert code == 0
    assert "No passage of the sources shares a word with this claim." in out
