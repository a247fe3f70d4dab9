"""Every kind of bad input is reported as file:line:column, all in one run, never raised."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck.corpus.loader import load_corpus
from factcheck.corpus.problems import Problem, Severity
from tests.conftest import CLAIMS_YAML, EVIDENCE_YAML, CorpusWriter


def problems_of(root: Path) -> list[Problem]:
    return load_corpus(root, cache_dir=None).problems


def only(problems: list[Problem], code: str) -> Problem:
    matching = [p for p in problems if p.code == code]
    assert len(matching) == 1, problems
    return matching[0]


def test_the_small_corpus_is_clean(write_corpus: CorpusWriter) -> None:
    result = load_corpus(write_corpus(), cache_dir=None)
    assert result.problems == []
    assert result.corpus is not None
    assert [c.id for c in result.corpus.claims] == ["defeated"]
    assert set(result.corpus.quotes) == {"toll", "unsafe"}
    assert str(result.corpus.sources["wire-2021"].published) == "2021-11"


def test_broken_yaml_points_at_the_line(write_corpus: CorpusWriter) -> None:
    broken = CLAIMS_YAML.replace("claimant: A Spokesman", "claimant: A Spokesman: oops")
    problem = only(problems_of(write_corpus({"claims/main.yaml": broken})), "yaml")
    assert (problem.file, problem.line, problem.column) == ("claims/main.yaml", 5, 26)
    assert "mapping values are not allowed" in problem.message
    assert "quotes" in problem.message  # what to do


def test_unknown_key_points_at_the_key_and_guesses(write_corpus: CorpusWriter) -> None:
    misspelt = CLAIMS_YAML.replace("claimant:", "claimnt:")
    problems = problems_of(write_corpus({"claims/main.yaml": misspelt}))
    unknown = only(problems, "unknown-key")
    assert (unknown.line, unknown.column) == (5, 5)
    assert "unknown key 'claimnt' (did you mean 'claimant'?)" in unknown.message
    missing = only(problems, "missing-key")
    assert (missing.line, missing.column) == (2, 5)
    assert "missing required key 'claimant'" in missing.message


def test_wrong_types_say_what_to_write(write_corpus: CorpusWriter) -> None:
    bad = CLAIMS_YAML.replace("id: defeated", "id: 2022").replace(
        "source: wire-2021", "source: wire-2021\n    tags: security"
    )
    problems = problems_of(write_corpus({"claims/main.yaml": bad}))
    messages = {(p.line, p.column): p.message for p in problems}
    assert messages[(2, 9)] == "'id' must be text, not 2022: put it in quotes"
    assert messages[(7, 11)].startswith("'tags' must be a list")


def test_a_boolean_where_text_belongs_explains_yaml(write_corpus: CorpusWriter) -> None:
    bad = EVIDENCE_YAML.replace("outlet: Wire", "outlet: no")
    problem = only(problems_of(write_corpus({"evidence/wire-2021.yaml": bad})), "bad-value")
    assert (problem.file, problem.line, problem.column) == ("evidence/wire-2021.yaml", 3, 11)
    assert "booleans" in problem.message


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2021-13", "month 13 does not exist"),
        ("2021-02-30", "2021-02 has 28 days"),
        ("11/2021", "write YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_bad_dates(write_corpus: CorpusWriter, written: str, message: str) -> None:
    bad = EVIDENCE_YAML.replace("published: 2021-11", f"published: {written}")
    problem = only(problems_of(write_corpus({"evidence/wire-2021.yaml": bad})), "bad-value")
    assert (problem.line, problem.column) == (5, 14)
    assert message in problem.message


def test_bad_stance_lists_the_choices(write_corpus: CorpusWriter) -> None:
    bad = CLAIMS_YAML.replace("{ref: toll, stance: contradicts}", "{ref: toll, stance: refutes}")
    problem = only(problems_of(write_corpus({"claims/main.yaml": bad})), "bad-value")
    assert (problem.line, problem.column) == (8, 29)
    assert "'supports', 'contradicts' or 'context'" in problem.message


def test_duplicate_ids_across_files_name_the_first(write_corpus: CorpusWriter) -> None:
    second = EVIDENCE_YAML.replace("id: wire-2021", "id: other").replace(
        "text: wire-2021.txt", "text: wire-2021.txt"
    )
    again = CLAIMS_YAML  # the same claim id in a second file
    problems = problems_of(
        write_corpus({"evidence/other.yaml": second, "claims/again.yaml": again})
    )
    duplicates = sorted((p for p in problems if p.code == "duplicate-id"), key=Problem.sort_key)
    assert [p.location for p in duplicates] == [
        "claims/main.yaml:2:9",
        "evidence/wire-2021.yaml:8:9",
        "evidence/wire-2021.yaml:10:9",
    ]
    assert "first defined at claims/again.yaml:2:9" in duplicates[0].message
    assert "duplicate quote id 'toll': first defined at evidence/other.yaml:8:9" in (
        duplicates[1].message
    )


def test_references_to_missing_quotes_and_sources(write_corpus: CorpusWriter) -> None:
    bad = CLAIMS_YAML.replace("{ref: toll,", "{ref: tol,").replace(
        "source: wire-2021", "source: wire-2020"
    )
    problems = problems_of(write_corpus({"claims/main.yaml": bad}))
    refs = sorted((p for p in problems if p.code == "unknown-ref"), key=Problem.sort_key)
    assert [(p.line, p.column) for p in refs] == [(6, 13), (8, 15)]
    assert refs[0].message.startswith("no source has the id 'wire-2020'")
    assert refs[1].message == "no quote has the id 'tol' (did you mean 'toll'?)"


def test_a_claim_without_evidence_is_a_warning(write_corpus: CorpusWriter) -> None:
    bare = CLAIMS_YAML.split("    evidence:")[0]
    problem = only(problems_of(write_corpus({"claims/main.yaml": bare})), "no-evidence")
    assert problem.severity is Severity.WARNING
    assert problem.location == "claims/main.yaml:2:5"


@pytest.mark.parametrize(
    ("text_path", "code", "fragment"),
    [
        ("missing.txt", "text-missing", "does not exist"),
        ("../../outside.txt", "text-path", "outside the corpus"),
        ("/etc/hostname", "text-path", "relative to this file"),
    ],
)
def test_source_text_must_exist_inside_the_corpus(
    write_corpus: CorpusWriter, text_path: str, code: str, fragment: str
) -> None:
    bad = EVIDENCE_YAML.replace("text: wire-2021.txt", f"text: {text_path}")
    root = write_corpus({"evidence/wire-2021.yaml": bad})
    (root.parent / "outside.txt").write_text("Nineteen people")
    problem = only(problems_of(root), code)
    assert (problem.file, problem.line, problem.column) == ("evidence/wire-2021.yaml", 6, 9)
    assert fragment in problem.message


def test_a_link_pointing_out_of_the_corpus_is_refused(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"evidence/wire-2021.txt": None})
    outside = root.parent / "outside.txt"
    outside.write_text("Nineteen people were killed in the attack on the hospital.\n")
    os.symlink(outside, root / "evidence" / "wire-2021.txt")
    problem = only(problems_of(root), "text-path")
    assert "outside the corpus" in problem.message


def test_empty_and_non_utf8_source_texts(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"evidence/wire-2021.txt": "  \n"})
    assert "is empty" in only(problems_of(root), "text-empty").message
    (root / "evidence" / "wire-2021.txt").write_bytes(b"line one\nKabul caf\xe9 attack\n")
    problem = only(problems_of(root), "encoding")
    assert (problem.file, problem.line, problem.column) == ("evidence/wire-2021.txt", 2, 10)
    assert "byte 0xe9" in problem.message


def test_every_problem_in_one_run(write_corpus: CorpusWriter) -> None:
    root = write_corpus(
        {
            "claims/main.yaml": CLAIMS_YAML.replace("claimant:", "claimnt:"),
            "claims/broken.yaml": "claims:\n  - id: x\n   text: bad indent\n",
            "evidence/wire-2021.yaml": EVIDENCE_YAML.replace("2021-11", "2021-13"),
        }
    )
    files = {p.file for p in problems_of(root)}
    assert files == {"claims/main.yaml", "claims/broken.yaml", "evidence/wire-2021.yaml"}


def test_a_corpus_with_errors_still_loads_what_it_can(write_corpus: CorpusWriter) -> None:
    two_claims = CLAIMS_YAML + CLAIMS_YAML.replace("id: defeated", "id: second").replace(
        "claims:\n", ""
    ).replace("kind: quote", "kind: opinion")
    result = load_corpus(write_corpus({"claims/main.yaml": two_claims}), cache_dir=None)
    assert result.corpus is not None
    assert [c.id for c in result.corpus.claims] == ["defeated"]
    assert any(p.code == "bad-value" and "'kind'" in p.message for p in result.problems)


SETTINGS_WITH_SCALE = """
    title: Desk
    scale:
      - {label: "Correct", key: 1, colour: "#00aa00", meaning: "It is right.", position: 2}
      - {label: "Wrong", key: 2, colour: "#aa0000", meaning: "It is not.", position: 1}
    """


def test_scale_from_settings(write_corpus: CorpusWriter) -> None:
    result = load_corpus(write_corpus({"factcheck.yaml": SETTINGS_WITH_SCALE}), cache_dir=None)
    assert result.problems == []
    assert result.corpus is not None
    assert result.corpus.title == "Desk"
    assert [v.label for v in result.corpus.scale] == ["Correct", "Wrong"]
    assert result.corpus.scale.by_key(2) == result.corpus.scale.by_label("wrong")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("key: 2", "key: 1"),
            "factcheck.yaml:4:5 duplicate verdict key 1: first used at factcheck.yaml:3:5",
        ),
        (('"#aa0000"', '"red"'), "factcheck.yaml:4:38 'colour' must be written #rrggbb, not 'red'"),
        (
            ("key: 2", "key: 10"),
            "factcheck.yaml:4:27 'key' must be at most 9, not 10",
        ),
    ],
)
def test_bad_scale(write_corpus: CorpusWriter, change: tuple[str, str], expected: str) -> None:
    settings = SETTINGS_WITH_SCALE.replace(*change)
    problems = load_corpus(write_corpus({"factcheck.yaml": settings}), cache_dir=None).problems
    assert [f"{p.location} {p.message}" for p in problems] == [expected]


def test_cache_is_used_and_invalidated(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    assert load_corpus(root, cache_dir=None).problems == []
    claims = root / "claims" / "main.yaml"
    claims.write_text(CLAIMS_YAML.replace("claimant:", "claimnt:"))
    assert any(p.code == "unknown-key" for p in load_corpus(root, cache_dir=None).problems)


def test_a_broken_evidence_file_is_reported_once_not_at_every_citation(
    write_corpus: CorpusWriter,
) -> None:
    broken = EVIDENCE_YAML.replace("  - id: unsafe", "   - id: unsafe")
    problems = problems_of(write_corpus({"evidence/wire-2021.yaml": broken}))
    assert [(p.file, p.code) for p in problems] == [("evidence/wire-2021.yaml", "yaml")]


def test_did_you_mean_among_many_ids(write_corpus: CorpusWriter) -> None:
    quotes = "".join(f"  - id: quote-{n:05d}\n    quote: Nineteen people\n" for n in range(20_000))
    claims = CLAIMS_YAML.replace("{ref: toll,", "{ref: quote-1234,")
    root = write_corpus(
        {"evidence/wire-2021.yaml": EVIDENCE_YAML + quotes, "claims/main.yaml": claims}
    )
    [problem] = [p for p in load_corpus(root, cache_dir=None).problems if p.code == "unknown-ref"]
    assert "did you mean 'quote-01234'" in problem.message
