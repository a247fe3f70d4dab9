"""`factcheck diff REF1 REF2 [PATH]`: the corpus and its reviews compared as committed at two git
refs, on a repository each test makes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from tests.conftest import CLAIMS_YAML, EVIDENCE_YAML, CorpusWriter, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def review_file(reviewer: str, entries: list[tuple[str, str, str]]) -> str:
    """A review file as today's store writes it (claim, verdict, note)."""
    text = f"reviewer: {reviewer}\nreviews:\n"
    for claim, verdict, note in entries:
        text += (
            f"- claim: {claim}\n  verdict: '{verdict}'\n  note: {note}\n"
            "  time: '2026-11-23T10:00:00+00:00'\n  fingerprint: sha256:0\n"
        )
    return text


EXTRA_CLAIM = """\
  - id: unsafe-city
    text: "the city is safe"
    kind: summary
    claimant: A Mayor
    evidence:
      - {ref: unsafe, stance: contradicts}
"""


@pytest.fixture
def history(write_corpus: CorpusWriter) -> Path:
    """A repository whose corpus sits in corpus/ under the top, with two commits: the second
    changes Ana's verdict and note, makes the quote 'toll' no longer match its source, adds a
    claim and a reviewer, and drops a link."""
    root = write_corpus(
        {"reviews/ana.yaml": review_file("Ana", [("defeated", "Mostly false", "A first look.")])}
    )
    top = root.parent
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "corpus")
    git(top, "commit", "-q", "-m", "first")
    write_corpus(
        {
            "reviews/ana.yaml": review_file("Ana", [("defeated", "False", "The toll says no.")]),
            "reviews/bo.yaml": review_file("Bo", [("unsafe-city", "False", "Residents differ.")]),
            "evidence/wire-2021.yaml": EVIDENCE_YAML.replace(
                "Nineteen people were killed", "Ninety people died"
            ),
            "claims/main.yaml": CLAIMS_YAML.replace(
                "      - {ref: unsafe, stance: contradicts}\n", ""
            )
            + EXTRA_CLAIM,
        }
    )
    git(top, "add", "corpus")
    git(top, "commit", "-q", "-m", "second")
    return root


def test_diff_lists_verdict_note_claim_link_and_quote_status(history: Path) -> None:
    result = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD", str(history)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Verdicts (2):" in out
    assert "defeated     Ana: Mostly false -> False" in out
    assert "unsafe-city  Bo: (none) -> False" in out
    assert "    - A first look.\n    + The toll says no." in out
    assert "Claims added (1): unsafe-city" in out
    assert "defeated: - unsafe (contradicts)" in out
    assert "toll  exact -> not found" in out
    assert "Claims removed" not in out


def test_a_commit_read_once_is_kept_for_the_next_diff(
    history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commit never changes: its corpus is taken out of git once and kept with its caches
    (opening 10,000 claims afresh took 8 s a side), and the next diff gives the same answer."""
    from factcheck.workspace import history as history_module

    taken_out: list[str] = []
    real_extract = history_module.extract

    def counting(repository: object, commit: str, into: Path) -> None:
        taken_out.append(commit)
        real_extract(repository, commit, into)  # type: ignore[arg-type]

    monkeypatch.setattr(history_module, "extract", counting)
    first = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD", str(history)])
    assert first.exit_code == 0, first.output
    assert len(taken_out) == 2
    again = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD", str(history)])
    assert again.stdout == first.stdout
    assert len(taken_out) == 2  # nothing taken out again


def test_diff_as_json_and_reversed(history: Path) -> None:
    result = CliRunner().invoke(cli, ["diff", "main", "main~1", str(history), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["from"]["ref"] == "main"
    assert len(document["to"]["commit"]) == 40
    assert document["verdicts"] == [
        {"claim_id": "defeated", "reviewer": "Ana", "before": "False", "after": "Mostly false"},
        {"claim_id": "unsafe-city", "reviewer": "Bo", "before": "False", "after": None},
    ]
    assert document["claims_removed"] == ["unsafe-city"]
    assert document["links"] == [
        {"claim_id": "defeated", "quote_id": "unsafe", "before": None, "after": "contradicts"}
    ]
    [status] = document["statuses"]
    assert status["quote_id"] == "toll" and status["after"] == "exact"


def test_diff_of_a_ref_with_itself_says_no_changes(history: Path) -> None:
    result = CliRunner().invoke(cli, ["diff", "HEAD", "main", str(history)])
    assert result.exit_code == 0, result.output
    assert "No changes" in result.stdout


def test_diff_run_inside_the_corpus_folder(history: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(history / "claims")
    result = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD", ".."])
    assert result.exit_code == 0, result.output
    assert "Claims added (1): unsafe-city" in result.stdout


def test_a_bad_ref_is_a_usage_error(history: Path) -> None:
    result = CliRunner().invoke(cli, ["diff", "HEAD~1", "no-such-branch", str(history)])
    assert result.exit_code == 2
    assert "'no-such-branch' names no commit" in result.stderr
    assert "Traceback" not in result.output
    option_like = CliRunner().invoke(cli, ["diff", "HEAD", "--", "--output=x", str(history)])
    assert option_like.exit_code == 2
    assert "is not a git ref" in option_like.stderr


def test_a_folder_outside_git_is_a_usage_error(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    result = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD", str(root)])
    assert result.exit_code == 2
    assert "is not in a git repository" in result.stderr


def test_a_commit_without_the_corpus_is_a_usage_error(history: Path) -> None:
    top = history.parent
    (top / "README").write_text("before the corpus\n")
    git(top, "add", "README")
    git(top, "commit", "-q", "-m", "readme")
    git(top, "checkout", "-q", "--orphan", "bare")
    git(top, "rm", "-q", "-r", "--cached", "corpus")
    git(top, "commit", "-q", "-m", "no corpus")
    result = CliRunner().invoke(cli, ["diff", "main", "bare", str(history)])
    assert result.exit_code == 2
    assert "has no folder corpus" in result.stderr


def test_a_folder_in_git_that_is_no_corpus_is_a_usage_error(history: Path) -> None:
    """The corpus's claims/ folder named for PATH: it is in the repository, but no corpus; said
    as that, with what to do, not as a load error at a temporary folder of the diff's own."""
    result = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD", str(history / "claims")])
    assert result.exit_code == 2, result.output
    assert "corpus/claims at HEAD~1 is not a corpus" in result.stderr
    assert "name the corpus's folder" in result.stderr
    assert "factcheck-diff-" not in result.stderr


def test_markup_in_a_note_reaches_the_terminal_as_text(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    top = root.parent
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "corpus")
    git(top, "commit", "-q", "-m", "first")
    (root / "reviews").mkdir()
    (root / "reviews" / "ana.yaml").write_text(
        review_file("Ana", [("defeated", "False", '"[red]x\\e[2J"')]), encoding="utf-8"
    )
    git(top, "add", "corpus")
    git(top, "commit", "-q", "-m", "second")
    result = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD", str(root)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout
    assert "+ [red]x" in result.stdout


def test_a_review_file_that_cannot_be_read_at_a_ref_is_said(history: Path) -> None:
    top = history.parent
    (history / "reviews" / "bo.yaml").write_text("reviewer: Bo\nreviews: [oops\n")
    git(top, "commit", "-q", "-am", "broken")
    result = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD", str(history)])
    assert result.exit_code == 0, result.output
    assert "warning: HEAD: reviews/bo.yaml cannot be read, so its reviews are left out" in (
        result.stderr
    )
    # Bo's verdicts are not taken for removed: his file is left out, not emptied.
    assert "Bo:" not in result.stdout


def test_a_side_with_errors_is_said_not_only_shown_as_removed(
    history: Path, write_corpus: CorpusWriter
) -> None:
    """A claims file broken at a commit loads nothing: its claims would read as removed, with no
    word of why."""
    write_corpus({"claims/main.yaml": "claims: [unclosed\n"})
    git(history.parent, "commit", "-q", "-am", "broken")
    result = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD", str(history)])
    assert result.exit_code == 0, result.output
    assert "warning: the corpus at HEAD has 1 error(s)" in result.stderr
    assert "HEAD~1 has" not in result.stderr
