"""A string from a file never changes the structure of the report it lands in, nor becomes a link
that runs: the Markdown review table holds whatever a review file's `time` says, and ClaimReview
publishes only web addresses, which `check` insists on where they are written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from factcheck.cli import cli
from tests.conftest import EVIDENCE_YAML, CorpusWriter


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def write_review(root: Path, reviewer: str, verdict: str, time: str) -> None:
    body = {
        "reviewer": reviewer,
        "reviews": [
            {"claim": "defeated", "verdict": verdict, "note": "n", "time": time, "fingerprint": ""}
        ],
    }
    (root / "reviews").mkdir(exist_ok=True)
    (root / "reviews" / f"{reviewer}.yaml").write_text(yaml.safe_dump(body), encoding="utf-8")


def test_a_review_time_cannot_split_the_markdown_table(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    write_review(root, "ann", "False", "|a|b|c|d|e")
    write_review(root, "bob", "True", "2024-05-01T10:00:00+00:00")  # disputed: the table shows
    code, out, err = run("export", root, "--format", "md", "--no-verify")
    assert code == 0, err
    table = out[out.index("| Reviewer | Verdict | Rationale | Reviewed |") :].split("\n\n")[0]
    rows = table.splitlines()
    assert len(rows) == 4  # the heading, its rule, ann and bob
    for row in rows:
        # Cells are split at a | that is not escaped, as GitHub and CommonMark tables do.
        assert len(row.replace("\\|", "").strip("|").split("|")) == 4, row
    assert "\\|a\\|b\\|c\\|d\\|" in rows[2]
