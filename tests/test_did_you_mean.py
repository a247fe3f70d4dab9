"""One guess for every misspelt name: keys, references, verdicts and tags are all guessed by
`did_you_mean`, ignoring case and punctuation."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus.diagnostics import did_you_mean
from tests.conftest import CLAIMS_YAML, CorpusWriter


@pytest.mark.parametrize(
    ("written", "known", "guess"),
    [
        ("tol", ["toll", "unsafe"], " (did you mean 'toll'?)"),
        ("TOLL", ["toll", "unsafe"], " (did you mean 'toll'?)"),  # case is not a typo
        ("quote_1234", ["quote-01234", "quote-99999"], " (did you mean 'quote-01234'?)"),
        ("zzzz", ["toll", "unsafe"], ""),  # nothing close: no guess
        ("toll", [], ""),
    ],
)
def test_the_closest_name_or_none(written: str, known: list[str], guess: str) -> None:
    assert did_you_mean(written, known) == guess


def test_a_mapping_is_guessed_by_its_keys() -> None:
    assert did_you_mean("tol", {"toll": object(), "unsafe": object()}) == " (did you mean 'toll'?)"


def test_keys_and_references_in_capitals_get_the_same_guess(write_corpus: CorpusWriter) -> None:
    root = write_corpus(
        {
            "claims/main.yaml": CLAIMS_YAML.replace("claimant:", "CLAIMANT:"),
            "claims/other.yaml": CLAIMS_YAML.replace("id: defeated", "id: other").replace(
                "{ref: toll,", "{ref: TOLL,"
            ),
        }
    )
    result = CliRunner().invoke(cli, ["check", str(root)])
    assert "unknown key 'CLAIMANT' (did you mean 'claimant'?)" in result.stdout
    assert "no quote has the id 'TOLL' (did you mean 'toll'?)" in result.stdout
