"""`factcheck comments` and `factcheck comment`: the threads on claims from the command line,
through the same files and store as the app's C."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli


def run(*arguments: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(argument) for argument in arguments])
    return result.exit_code, result.stdout, result.stderr


def test_comments_added_from_the_command_line_are_listed_oldest_first(
    bundled_copy: Path,
) -> None:
    code, out, said = run("comments", bundled_copy)
    assert code == 0 and out == "" and "no comments in this corpus yet" in said
    added = run(
        "comment", "daesh-defeated", "Is 19 the latest toll?", bundled_copy, "--reviewer", "Ana"
    )
    assert added[0] == 0
    code, _, said = run(
        "comment", "daesh-defeated", "RFE/RL says at least 20.", bundled_copy, "--reviewer", "Ed"
    )
    assert code == 0 and "added to comments/ed.yaml" in said
    assert (bundled_copy / "comments" / "ana.yaml").exists()

    code, out, _ = run("comments", bundled_copy)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "daesh-defeated"
    assert lines[1].startswith("  Ana  ") and lines[2] == "    Is 19 the latest toll?"
    assert lines[3].startswith("  Ed  ") and lines[4] == "    RFE/RL says at least 20."

    code, out, _ = run("comments", bundled_copy, "--claim", "daesh-defeated", "--format", "json")
    assert [(c["author"], c["text"]) for c in json.loads(out)] == [
        ("Ana", "Is 19 the latest toll?"),
        ("Ed", "RFE/RL says at least 20."),
    ]


def test_an_unknown_claim_is_refused_with_a_guess_and_nothing_written(bundled_copy: Path) -> None:
    code, _, said = run("comment", "daesh-defeatd", "hello", bundled_copy, "--reviewer", "Ana")
    assert code == 2 and "did you mean 'daesh-defeated'" in said
    assert not (bundled_copy / "comments").exists()
    code, _, said = run("comments", bundled_copy, "--claim", "daesh-defeatd")
    assert code == 2 and "did you mean 'daesh-defeated'" in said


def test_an_empty_comment_is_refused(bundled_copy: Path) -> None:
    code, _, said = run("comment", "daesh-defeated", "   ", bundled_copy, "--reviewer", "Ana")
    assert code == 2 and "empty" in said
    assert not (bundled_copy / "comments" / "ana.yaml").exists()


def test_what_a_comment_holds_is_shown_not_acted_on(bundled_copy: Path) -> None:
    hostile = "[bold]loud[/] \x1b[31mred <script>alert(1)</script>"
    assert run("comment", "daesh-defeated", hostile, bundled_copy, "--reviewer", "Ana")[0] == 0
    _, out, _ = run("comments", bundled_copy)
    assert "\x1b" not in out and "␛[31m" in out and "[bold]loud[/]" in out


def test_a_comment_file_that_cannot_be_read_is_named_and_never_written_over(
    bundled_copy: Path,
) -> None:
    broken = bundled_copy / "comments" / "ana.yaml"
    broken.parent.mkdir()
    broken.write_text("author: Ana\ncomments: [unclosed\n", encoding="utf-8")
    before = broken.read_bytes()
    code, _, said = run("comments", bundled_copy)
    assert code == 0 and "comments/ana.yaml:" in said and "not listed" in said
    code, _, said = run("comment", "daesh-defeated", "hello", bundled_copy, "--reviewer", "Ana")
    assert code == 1 and "cannot be read" in said
    assert broken.read_bytes() == before
