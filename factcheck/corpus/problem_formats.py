"""Findings in the formats of the tools around a corpus repo: GitHub Actions' workflow commands
(annotations on a pull request) and SARIF 2.1.0 (code-scanning views).

Both take the findings as `factcheck check` has them; which to include is the caller's choice.
Messages go through `visible`, as every message for a person does: an annotation or a
code-scanning alert is read by a person, and a right-to-left override in a quote must not
reorder what they see there either.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import quote

from factcheck.corpus.problems import Problem, Severity
from factcheck.corpus.terminal_text import visible

__all__ = ["SARIF_SCHEMA", "github_commands", "sarif_log"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_GITHUB_COMMAND = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}
_SARIF_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "note",
}


def _escape_data(value: str) -> str:
    # GitHub's runner decodes exactly these in a command's message (toolkit's escapeData);
    # % first, so that the escapes made here are not escaped again. What comes here has been
    # through `visible`, which shows a carriage return as a sign: only a newline is left to
    # escape then, but the escape stays whole, as GitHub defines it.
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    # In a property, ':' would end the properties and ',' start the next one (escapeProperty).
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_command(problem: Problem) -> str:
    """One finding as a workflow command: `::error file=claims/x.yaml,line=3,col=5,title=...::
    message`. A finding about a whole file has no line, and so annotates the file."""
    properties = [f"file={_escape_property(visible(problem.file))}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
        if problem.column is not None:
            properties.append(f"col={problem.column}")
    properties.append(f"title={_escape_property(visible(f'factcheck {problem.code}'))}")
    message = _escape_data(visible(problem.message))
    return f"::{_GITHUB_COMMAND[problem.severity]} {','.join(properties)}::{message}"


def github_commands(problems: Iterable[Problem]) -> Iterator[str]:
    return (github_command(problem) for problem in problems)


def _uri(relative_path: str) -> str:
    # A URI reference relative to the corpus root: a space or a '#' in a file name would make
    # it another reference, so every character but the path's own '/' is percent-encoded.
    return quote(relative_path, safe="/")


def _location(problem: Problem) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(problem.file)}}
    if problem.line is not None:
        region: dict[str, int] = {"startLine": problem.line}
        if problem.column is not None:
            region["startColumn"] = problem.column
        physical["region"] = region
    return {"physicalLocation": physical}


def sarif_log(problems: Iterable[Problem], *, tool_version: str) -> dict[str, Any]:
    """A SARIF 2.1.0 log of one run: factcheck as the tool, a rule per problem code that occurs
    (in order of first appearance, which `ruleIndex` refers to), a result per finding."""
    findings = list(problems)
    rule_index: dict[str, int] = {}
    for problem in findings:
        rule_index.setdefault(problem.code, len(rule_index))
    rules = [
        {"id": code, "name": code, "shortDescription": {"text": f"factcheck check: {code}"}}
        for code in rule_index
    ]
    results = [
        {
            "ruleId": problem.code,
            "ruleIndex": rule_index[problem.code],
            "level": _SARIF_LEVEL[problem.severity],
            "message": {"text": visible(problem.message)},
            "locations": [_location(problem)],
        }
        for problem in findings
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "factcheck",
                        "version": tool_version,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
