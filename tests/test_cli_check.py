"""`factcheck check` and `factcheck schema`: exit codes, output, and the JSON for tools."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from factcheck.cli import cli
from tests.conftest import CLAIMS_YAML, REPO, CorpusWriter


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_bundled_corpus_passes_and_prints_a_summary() -> None:
    code, out, _ = run("check", str(REPO))
    assert code == 0
    last = out.strip().splitlines()[-1]
    assert last.endswith("0 errors, 0 warnings")
    assert last.startswith("12 claims, 46 quotes, 2 sources")


def test_errors_exit_1_with_compiler_lines(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"claims/main.yaml": CLAIMS_YAML.replace("claimant:", "claimnt:")})
    code, out, _ = run("check", str(root))
    assert code == 1
    lines = out.strip().splitlines()
    assert (
        "claims/main.yaml:5:5: error: unknown key 'claimnt' (did you mean 'claimant'?)"
        in (lines[1])
    )
    assert lines[-1] == "0 claims, 2 quotes, 1 source: 2 errors, 0 warnings"


def test_warnings_alone_exit_0(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"claims/main.yaml": CLAIMS_YAML.split("    evidence:")[0]})
    code, out, _ = run("check", str(root))
    assert code == 0
    assert "warning: claim 'defeated' has no evidence yet" in out


def test_json_format_carries_the_same_findings(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"claims/main.yaml": CLAIMS_YAML.replace("{ref: toll,", "{ref: tol,")})
    code, out, _ = run("check", "--format", "json", str(root))
    assert code == 1
    document = json.loads(out)
    assert document["summary"]["errors"] == 1
    [problem] = document["problems"]
    assert problem == {
        "file": "claims/main.yaml",
        "line": 8,
        "column": 15,
        "severity": "error",
        "code": "unknown-ref",
        "message": "no quote has the id 'tol' (did you mean 'toll'?)",
    }


def test_not_a_corpus_is_a_bad_invocation(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path))
    assert code == 2
    assert "is not a corpus" in err
    code, _, err = run("check", str(tmp_path / "nowhere"))
    assert code == 2
    assert "does not exist" in err


def test_default_is_the_current_folder_then_the_bundled_corpus(
    write_corpus: CorpusWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_corpus()
    monkeypatch.chdir(root)
    assert run("check")[1].strip().endswith("1 claim, 2 quotes, 1 source: 0 errors, 0 warnings")
    monkeypatch.chdir(tmp_path)
    assert "12 claims" in run("check")[1]


@pytest.mark.parametrize("kind", ["claims", "evidence", "settings"])
def test_schema_validates_the_bundled_files(kind: str) -> None:
    code, out, _ = run("schema", kind)
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    files = {
        "claims": sorted((REPO / "claims").glob("*.yaml")),
        "evidence": sorted((REPO / "evidence").glob("*.yaml")),
        "settings": [REPO / "factcheck.yaml"],
    }[kind]
    assert files
    for path in files:
        jsonschema.validate(yaml.safe_load(path.read_text()), schema)


def test_schema_rejects_an_unknown_key() -> None:
    schema = json.loads(run("schema", "claims")[1])
    document = yaml.safe_load(CLAIMS_YAML.replace("claimant:", "claimnt:"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_generated_corpus_passes_check(tmp_path: Path) -> None:
    code, _, err = run("generate", "--claims", "40", str(tmp_path / "gen"))
    assert code == 0
    assert "40 claims, 200 quotes, 8 sources" in err
    code, out, _ = run("check", str(tmp_path / "gen"))
    assert code == 0, out
    assert out.strip().endswith("40 claims, 200 quotes, 8 sources: 0 errors, 0 warnings")


def test_help_on_every_command() -> None:
    for command in ("check", "schema", "generate"):
        code, out, _ = run(command, "--help")
        assert code == 0
        assert "Usage: cli" in out or "Usage:" in out


def test_installed_command_runs_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "factcheck", "check", str(REPO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 errors" in done.stdout
