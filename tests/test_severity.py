"""One severity scale for every finding: a quote's severity in `check --format json` is the
severity of the problem reported for it, with no mapping between two scales in between."""

from __future__ import annotations

import json

from click.testing import CliRunner

from factcheck.cli import cli
from tests.conftest import EVIDENCE_YAML, CorpusWriter

# One quote per tier that reports a problem: folded (a note), fuzzy (a warning), not found and
# a changed figure (errors).
QUOTES = """\
  - id: folded
    quote: "RESIDENTS SAID THEY DID NOT FEEL SAFE IN THE CITY."
  - id: fuzzy
    quote: "Nineteen people were killed in the attack on the clinic."
  - id: missing
    quote: "The minister resigned on Tuesday after the vote."
  - id: figure
    quote: "Twenty people were killed in the attack on the hospital."
"""

CLAIMS = """\
claims:
  - id: c
    text: "a claim"
    claimant: Someone
    evidence:
      - {ref: folded, stance: context}
      - {ref: fuzzy, stance: context}
      - {ref: missing, stance: context}
      - {ref: figure, stance: context}
"""


def test_a_quotes_severity_is_its_problems_severity(write_corpus: CorpusWriter) -> None:
    root = write_corpus(
        {"evidence/wire-2021.yaml": EVIDENCE_YAML + QUOTES, "claims/main.yaml": CLAIMS}
    )
    result = CliRunner().invoke(cli, ["check", "--format", "json", "--verbose", str(root)])
    document = json.loads(result.stdout)

    quoted = {item: found["severity"] for item, found in document["quotes"].items()}
    problems = {
        problem["message"].split("'")[1]: problem["severity"]
        for problem in document["problems"]
        if problem["code"].startswith("quote-")
    }
    assert problems == {
        "folded": "info",
        "fuzzy": "warning",
        "missing": "error",
        "figure": "error",
    }
    assert {item: quoted[item] for item in problems} == problems
    assert quoted["toll"] == quoted["unsafe"] == "info"  # exact: nothing to report
