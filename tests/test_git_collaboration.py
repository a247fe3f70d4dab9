"""Reviewers share a corpus through git: one review file each, so merges never conflict."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus.loader import load_corpus
from factcheck.reviews import Review, ReviewStore, fingerprint
from tests.conftest import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def rate(root: Path, reviewer: str, verdicts: dict[str, str]) -> None:
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    store = ReviewStore(root, reviewer)
    for claim_id, label in verdicts.items():
        claim = corpus.claims_by_id[claim_id]
        store.put(
            Review(
                claim_id,
                label,
                f"{reviewer} on {claim_id}",
                reviewer,
                "2026-11-23T10:00:00+00:00",
                fingerprint(corpus, claim),
            )
        )


def test_two_branches_merge_without_conflict(bundled_copy: Path) -> None:
    root = bundled_copy
    (root / ".gitignore").write_text("/reviews/.*.lock\n")  # a corpus keeps its lock files out
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "corpus")
    git(root, "checkout", "-q", "-b", "ana")
    rate(root, "Ana", {"daesh-defeated": "False", "complete-security": "False"})
    git(root, "add", "reviews")
    git(root, "commit", "-q", "-m", "Ana's reviews")
    git(root, "checkout", "-q", "main")
    git(root, "checkout", "-q", "-b", "bo")
    rate(root, "Bo", {"daesh-defeated": "Mostly false", "complete-security": "False"})
    git(root, "add", "reviews")
    git(root, "commit", "-q", "-m", "Bo's reviews")
    git(root, "merge", "-q", "--no-edit", "ana")  # raises on a conflict
    assert git(root, "ls-files", "reviews").split() == ["reviews/ana.yaml", "reviews/bo.yaml"]

    result = CliRunner().invoke(cli, ["stats", "--format", "json", str(root)])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert [(r["reviewer"], r["rated"]) for r in stats["reviewers"]] == [("Ana", 2), ("Bo", 2)]
    assert stats["claims_rated_by_several"] == 2
    assert [d["claim_id"] for d in stats["disputes"]] == ["daesh-defeated"]

    # The report of the merged corpus rests on both files: one claim disputed, one agreed.
    exported = CliRunner().invoke(cli, ["export", "--format", "json", str(root)])
    assert exported.exit_code == 0, exported.output
    report = json.loads(exported.stdout)
    assert report["reviewers"] == ["Ana", "Bo"]
    claims = {claim["id"]: claim for claim in report["claims"]}
    disputed = claims["daesh-defeated"]
    assert disputed["resolved"]["status"] == "disputed"
    assert [(r["reviewer"], r["verdict"]) for r in disputed["reviews"]] == [
        ("Ana", "False"),
        ("Bo", "Mostly false"),
    ]
    agreed = claims["complete-security"]["resolved"]
    assert (agreed["status"], agreed["verdict"], agreed["reviewers"]) == (
        "rated",
        "False",
        ["Ana", "Bo"],
    )


def test_an_editor_signs_off_on_a_third_branch(bundled_copy: Path) -> None:
    """Two reviewers disagree on main; the editor signs off on a branch of their own; after
    the merge the report publishes the editor's verdict and stats still measure only Ana and Bo."""
    root = bundled_copy
    git(root, "init", "-q", "-b", "main")
    rate(root, "Ana", {"daesh-defeated": "False"})
    rate(root, "Bo", {"daesh-defeated": "Mostly false"})
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "corpus and two reviews")
    git(root, "checkout", "-q", "-b", "editor")
    rate(root, "Eve", {"daesh-defeated": "False"})
    git(root, "add", "reviews")
    git(root, "commit", "-q", "-m", "Eve signs off")
    git(root, "checkout", "-q", "main")
    rate(root, "Bo", {"complete-security": "False"})  # Bo goes on working meanwhile
    git(root, "commit", "-q", "-am", "Bo rates another claim")
    git(root, "merge", "-q", "--no-edit", "editor")

    runner = CliRunner()
    exported = runner.invoke(cli, ["export", "--format", "json", "--editor", "eve", str(root)])
    assert exported.exit_code == 0, exported.output
    claims = {claim["id"]: claim for claim in json.loads(exported.stdout)["claims"]}
    final = claims["daesh-defeated"]["resolved"]
    assert (final["status"], final["verdict"], final["signed_off_by"]) == ("final", "False", "Eve")
    assert final["rationale"] == "Eve on daesh-defeated"
    assert final["reviewers"] == ["Ana", "Bo"]
    assert claims["complete-security"]["resolved"]["reviewers"] == ["Bo"]

    result = runner.invoke(cli, ["stats", "--format", "json", "--editor", "Eve", str(root)])
    stats = json.loads(result.stdout)
    # Eve's ruling settles the dispute: it is listed as settled, not open.
    assert stats["disputes"] == []
    assert [(d["claim_id"], d["settled_by"], d["final_verdict"]) for d in stats["settled"]] == [
        ("daesh-defeated", "Eve", "False")
    ]
    assert stats["claims_rated_by_several"] == 1  # Eve's verdict is not a third vote
