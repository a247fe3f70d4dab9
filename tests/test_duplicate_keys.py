"""A key twice in one YAML mapping is an error at the second key's line (issue 16): YAML keeps
the last value, so two `claims:` blocks in one file silently dropped the first, with `check`
passing. Corpus files, settings and review files alike; merge keys (`<<: *base`) may still be
overridden, as YAML means them to be."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import ExitCode, cli
from factcheck.corpus import yamlio
from factcheck.reviews import ReviewStore
from tests.conftest import CLAIMS_YAML, CorpusWriter

SECOND_BLOCK = """\
claims:
  - id: second
    text: "Residents did not feel safe"
    kind: summary
    claimant: A Spokesman
    evidence:
      - {ref: unsafe, stance: supports}
"""


def check(root: Path) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["check", "--no-quotes", str(root)])
    return result.exit_code, result.stdout.splitlines()


def test_two_claims_blocks_in_one_file_are_an_error_at_the_second(
    write_corpus: CorpusWriter,
) -> None:
    root = write_corpus({"claims/main.yaml": CLAIMS_YAML + SECOND_BLOCK})
    second_line = CLAIMS_YAML.count("\n") + 1
    code, lines = check(root)
    assert code == ExitCode.PROBLEMS, lines
    assert lines == [
        f"claims/main.yaml:{second_line}:1: error: broken YAML: duplicate key 'claims' "
        "(the first is on line 1); a key may appear once in a mapping: merge the two, or "
        "remove one",
        "0 claims, 2 quotes, 1 source: 1 error, 0 warnings",
    ]


@pytest.mark.parametrize(
    ("relative", "text", "where"),
    [
        (
            "claims/main.yaml",
            CLAIMS_YAML.replace("    kind: quote\n", "    kind: quote\n    text: other words\n"),
            (5, 5),
        ),
        (
            "claims/main.yaml",
            CLAIMS_YAML.replace("{ref: toll, stance: contradicts}", "{ref: toll, ref: unsafe}"),
            (8, 21),
        ),
        ("factcheck.yaml", "title: One\norganisation: {name: Us}\ntitle: Two\n", (3, 1)),
    ],
    ids=["a claim's text twice", "a flow mapping", "the settings"],
)
def test_a_duplicate_key_anywhere_is_an_error_where_it_is(
    write_corpus: CorpusWriter, relative: str, text: str, where: tuple[int, int]
) -> None:
    root = write_corpus({relative: text})
    code, lines = check(root)
    assert code == ExitCode.PROBLEMS, lines
    line, column = where
    assert any(
        entry.startswith(f"{relative}:{line}:{column}: error: broken YAML: duplicate key")
        for entry in lines
    ), lines


def test_merge_keys_may_still_be_overridden() -> None:
    text = "base: &base {stance: supports, note: a}\nlink:\n  <<: *base\n  stance: contradicts\n"
    assert yamlio.parse(text)["link"] == {"stance": "contradicts", "note": "a"}


def test_equal_values_of_different_spellings_are_one_key() -> None:
    """`yes` and `true` are both True in YAML 1.1: the second would replace the first."""
    with pytest.raises(yamlio.YamlSyntaxError) as raised:
        yamlio.parse("yes: 1\ntrue: 2\n")
    assert raised.value.line == 2
    assert "duplicate key" in raised.value.message


def test_a_review_file_with_a_duplicate_key_is_read_only_and_kept(tmp_path: Path) -> None:
    text = (
        "reviewer: Ana\n"
        "reviews:\n"
        "- claim: c1\n"
        "  verdict: 'True'\n"
        "  verdict: 'False'\n"
        "  time: '2026-11-23T10:00:00+00:00'\n"
    )
    path = tmp_path / "reviews" / "ana.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    store = ReviewStore(tmp_path, "Ana")
    assert store.read_only_reason is not None
    assert "duplicate key 'verdict'" in store.read_only_reason
    assert (store.problems[0].line, store.problems[0].column) == (5, 3)
    assert path.read_text(encoding="utf-8") == text
