"""The JSON export: the report model as is, and the JSON Schema generated from the same classes.

Regenerate the shipped schema after changing the model:
    .venv/bin/python -m factcheck.report.jsonout > factcheck/report/report.schema.json
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from factcheck.report.model import Report

SCHEMA_FILE = Path(__file__).with_name("report.schema.json")
SCHEMA_ID = "https://factcheck.invalid/schemas/report.schema.json"


@cache
def _adapter() -> TypeAdapter[Report]:
    return TypeAdapter(Report)


def report_document(report: Report) -> dict[str, Any]:
    document: dict[str, Any] = _adapter().dump_python(report, mode="json")
    return document


def render_json(report: Report) -> str:
    # pydantic-core writes the JSON directly: 5x faster than json.dumps of report_document.
    return _adapter().dump_json(report, indent=2).decode("utf-8") + "\n"


def report_json_schema() -> dict[str, Any]:
    schema = _adapter().json_schema(mode="serialization")
    return {
        **schema,
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "factcheck verdict report",
        "description": "The output of `factcheck export --format json`: every claim of a corpus "
        "with its published verdict, every reviewer's review and its evidence. Fields are added "
        "over time; a change of meaning or a removal bumps format_version.",
    }


def schema_text() -> str:
    return json.dumps(report_json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
