"""`factcheck check --format github|sarif` and the pre-commit hook, for corpus repos (issue 15):
annotations on a pull request, SARIF for code-scanning views, the hook's command on a corpus."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from factcheck import __version__
from factcheck.cli import cli
from factcheck.corpus.problem_formats import (
    _escape_data,
    _escape_property,
    github_command,
    sarif_log,
)
from factcheck.corpus.problems import Problem, Severity
from tests.conftest import CLAIMS_YAML, EVIDENCE_YAML, REPO, SOURCE_TEXT, CorpusWriter
from tests.test_unreadable_folders import factcheck, unreadable

# The OASIS schema is not in this repository (it is theirs); a test run that has a copy names it
# here, e.g. from https://github.com/oasis-tcs/sarif-spec (sarif-2.1/schema/).
SARIF_SCHEMA_FILE = os.environ.get("FACTCHECK_SARIF_SCHEMA")

# Two findings in one claims file: an unknown key with a right-to-left override, a newline and a
# '%' in its name (each must reach GitHub as something shown, not acted on), and a missing one.
TRICKY_KEY_CLAIMS = CLAIMS_YAML.replace(
    "    claimant: A Spokesman\n", '    "claim\\u202eant\\n50%": A Spokesman\n'
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_github_annotations_exit_1_on_errors(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"claims/main.yaml": TRICKY_KEY_CLAIMS})
    code, out, _ = run("check", "--format", "github", str(root))
    assert code == 1
    lines = out.splitlines()
    assert lines == [
        "::error file=claims/main.yaml,line=2,col=5,title=factcheck missing-key::"
        "missing required key 'claimant'",
        "::error file=claims/main.yaml,line=5,col=5,title=factcheck unknown-key::"
        "unknown key 'claim<U+202E>ant%0A50%25' (did you mean 'claimant'?); allowed here: "
        "assigned, claimant, date, evidence, id, kind, role, source, tags, text, venue",
        "0 claims, 2 quotes, 1 source: 2 errors, 0 warnings",
    ]


def test_github_warnings_alone_exit_0(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"claims/main.yaml": CLAIMS_YAML.split("    evidence:")[0]})
    code, out, _ = run("check", "--format", "github", str(root))
    assert code == 0
    assert out.splitlines() == [
        "::warning file=claims/main.yaml,line=2,col=5,title=factcheck no-evidence::"
        "claim 'defeated' has no evidence yet; add quotes under 'evidence:'",
        "1 claim, 2 quotes, 1 source: 0 errors, 1 warning",
    ]


def test_github_notes_only_with_verbose(write_corpus: CorpusWriter) -> None:
    # The source has a typographic apostrophe where the quote has a straight one: found once
    # normalised, which is a note, left out by default as in the text format.
    root = write_corpus(
        {
            "evidence/wire-2021.txt": SOURCE_TEXT.replace("did not", "didn\u2019t"),
            "evidence/wire-2021.yaml": EVIDENCE_YAML.replace("did not", "didn't"),
        }
    )
    code, quiet, _ = run("check", "--format", "github", str(root))
    code_verbose, verbose, _ = run("check", "--format", "github", "-v", str(root))
    assert code == code_verbose == 0
    notices = [line for line in verbose.splitlines() if line.startswith("::notice ")]
    assert len(notices) == 1, verbose
    assert notices[0].startswith("::notice file=evidence/wire-2021.yaml,line=")
    assert not [line for line in quiet.splitlines() if line.startswith("::")]


def test_a_whole_file_finding_has_no_line(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    with unreadable(root / "claims"):
        github = factcheck("check", "--format", "github", root)
        sarif = factcheck("check", "--format", "sarif", root)
    assert github.returncode == sarif.returncode == 1, github.stderr
    [annotation] = [line for line in github.stdout.splitlines() if line.startswith("::")]
    assert annotation.startswith(
        "::error file=claims/,title=factcheck unreadable::cannot be read: Permission denied"
    )
    [result] = json.loads(sarif.stdout)["runs"][0]["results"]
    assert result["locations"] == [{"physicalLocation": {"artifactLocation": {"uri": "claims/"}}}]


def test_property_values_are_escaped_and_control_characters_shown() -> None:
    # A carriage return is a control character: `visible` shows it (as a sign) before GitHub's
    # escapes apply, which leave a newline as %0A.
    problem = Problem("claims/a,b:c%.yaml", 3, None, Severity.WARNING, "x\r\ny", "odd\x1bcode")
    assert github_command(problem) == (
        "::warning file=claims/a%2Cb%3Ac%25.yaml,line=3,title=factcheck odd\u241bcode::x\u240d%0Ay"
    )


def test_github_escapes_as_the_runner_decodes() -> None:
    assert _escape_data("100%\r\n:,") == "100%25%0D%0A:,"
    assert _escape_property("100%\r\n:,") == "100%25%0D%0A%3A%2C"


def sarif_of(root: Path, *options: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = run("check", "--format", "sarif", *options, str(root))
    return code, json.loads(out)


def test_sarif_log_of_a_corpus_with_errors(write_corpus: CorpusWriter) -> None:
    root = write_corpus(
        {
            "claims/main.yaml": TRICKY_KEY_CLAIMS,
            "claims/no evidence.yaml": CLAIMS_YAML.split("    evidence:")[0].replace(
                "id: defeated", "id: other"
            ),
        }
    )
    code, log = sarif_of(root)
    assert code == 1
    assert log["version"] == "2.1.0"
    [run_] = log["runs"]
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("factcheck", __version__)
    assert [rule["id"] for rule in driver["rules"]] == ["missing-key", "unknown-key", "no-evidence"]
    results = run_["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("missing-key", "error"),
        ("unknown-key", "error"),
        ("no-evidence", "warning"),
    ]
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    assert results[1]["message"]["text"].startswith("unknown key 'claim<U+202E>ant\n50%'")
    assert results[1]["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "claims/main.yaml"},
                "region": {"startLine": 5, "startColumn": 5},
            }
        }
    ]
    # Relative to the corpus root, and a URI: the space is percent-encoded.
    assert results[2]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "claims/no%20evidence.yaml"
    }
    check_sarif_structure(log)


def test_sarif_of_a_clean_corpus_exits_0_with_no_results() -> None:
    code, log = sarif_of(REPO)
    assert code == 0
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["tool"]["driver"]["rules"] == []
    check_sarif_structure(log)


def check_sarif_structure(log: dict[str, Any]) -> None:
    """What SARIF 2.1.0 requires of what we write, checked by hand: always, since the OASIS
    schema may not be at hand; then against the schema itself where it is."""
    assert set(log) <= {"$schema", "version", "runs"}
    assert log["version"] == "2.1.0"
    assert isinstance(log["runs"], list) and len(log["runs"]) == 1
    [run_] = log["runs"]
    assert isinstance(run_["tool"]["driver"]["name"], str)
    rule_ids = [rule["id"] for rule in run_["tool"]["driver"]["rules"]]
    assert len(rule_ids) == len(set(rule_ids))
    for result in run_["results"]:
        assert isinstance(result["message"]["text"], str)
        assert result["level"] in {"none", "note", "warning", "error"}
        for location in result["locations"]:
            physical = location["physicalLocation"]
            uri = physical["artifactLocation"]["uri"]
            assert not uri.startswith("/") and ":" not in uri and " " not in uri
            region = physical.get("region", {})
            assert all(isinstance(region[key], int) and region[key] >= 1 for key in region)
            assert set(region) <= {"startLine", "startColumn"}
            if "startColumn" in region:
                assert "startLine" in region
    if SARIF_SCHEMA_FILE:
        oasis_validator().validate(log)


def oasis_validator() -> jsonschema.protocols.Validator:
    """The validator for the OASIS schema's own draft (draft-04), with formats checked."""
    schema = json.loads(Path(str(SARIF_SCHEMA_FILE)).read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)


@pytest.mark.skipif(not SARIF_SCHEMA_FILE, reason="FACTCHECK_SARIF_SCHEMA names no schema file")
def test_sarif_is_valid_against_the_oasis_schema(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"claims/main.yaml": TRICKY_KEY_CLAIMS})
    code, log = sarif_of(root)
    assert code == 1
    validator = oasis_validator()
    validator.validate(log)
    # The validator does reject what the schema forbids: it is not passing everything.
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(log)


def test_the_formatters_take_problems_in_the_order_given() -> None:
    problems = [
        Problem("claims/b.yaml", 1, 1, Severity.INFO, "n", "code-b"),
        Problem("claims/a.yaml", 2, 3, Severity.ERROR, "e", "code-a"),
        Problem("claims/b.yaml", 4, 1, Severity.WARNING, "w", "code-b"),
    ]
    log = sarif_log(problems, tool_version="9")
    run_ = log["runs"][0]
    assert [rule["id"] for rule in run_["tool"]["driver"]["rules"]] == ["code-b", "code-a"]
    assert [(r["ruleIndex"], r["level"]) for r in run_["results"]] == [
        (0, "note"),
        (1, "error"),
        (0, "warning"),
    ]


# The pre-commit hook: its definition is data for pre-commit; here its command is run as
# pre-commit would (entry, then args, no file names, from the repository's root).
HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def hook() -> dict[str, Any]:
    [definition] = [h for h in HOOKS if h["id"] == "factcheck-check"]
    return definition


def test_hook_definition_has_what_pre_commit_needs() -> None:
    definition = hook()
    assert {"id", "name", "entry", "language"} <= set(definition)
    assert definition["language"] == "python"
    assert definition["pass_filenames"] is False
    files = re.compile(definition["files"])
    for path in [
        "claims/main.yaml",
        "claims/sub/x.yml",
        "evidence/wire-2021.yaml",
        "evidence/wire-2021.txt",
        "reviews/ana.yaml",
        "factcheck.yaml",
    ]:
        assert files.search(path), path
    for path in ["README.md", "src/claims/x.yaml", "evidence/page.html", "notes.txt"]:
        assert not files.search(path), path


def run_hook(repository: Path) -> subprocess.CompletedProcess[str]:
    definition = hook()
    command = [*shlex.split(definition["entry"]), *definition.get("args", [])]
    # pre-commit puts the hook's environment's bin first on PATH: here, the test's venv.
    bin_folder = Path(sys.executable).parent
    environment = {**os.environ, "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        command,
        cwd=repository,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_hook_command_passes_a_clean_corpus(bundled_copy: Path) -> None:
    done = run_hook(bundled_copy)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("0 errors, 0 warnings")


def test_hook_command_fails_a_corpus_with_errors(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"claims/main.yaml": CLAIMS_YAML.replace("claimant:", "claimnt:")})
    done = run_hook(root)
    assert done.returncode == 1
    assert "claims/main.yaml:5:5: error: unknown key 'claimnt'" in done.stdout


def test_hook_command_outside_a_corpus_fails_rather_than_checking_the_bundled_one(
    tmp_path: Path,
) -> None:
    done = run_hook(tmp_path)
    assert done.returncode == 2
    assert "is not a corpus" in done.stderr
