"""The JSON export: the report model as is, and the JSON Schema generated from the same classes.

Regenerate the shipped schema after changing the model:
    .venv/bin/python -m factcheck.report.jsonout > factcheck/report/report.schema.json
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from factcheck.report.model import ClaimEntry, Report
from factcheck.report.streaming import chunked

SCHEMA_FILE = Path(__file__).with_name("report.schema.json")
SCHEMA_ID = "https://factcheck.invalid/schemas/report.schema.json"


@cache
def _adapter() -> TypeAdapter[Report]:
    return TypeAdapter(Report)


@cache
def _entry_adapter() -> TypeAdapter[ClaimEntry]:
    return TypeAdapter(ClaimEntry)


def report_document(report: Report) -> dict[str, Any]:
    document: dict[str, Any] = _adapter().dump_python(replace(report, claims=[]), mode="json")
    dump = _entry_adapter().dump_python
    document["claims"] = [dump(claim, mode="json") for claim in report.claims]
    return document


_NO_CLAIMS = '\n  "claims": []'
"""The report's own `claims` key, as pydantic writes it for a report without claims: only the
top level is indented by two spaces, and a key in a string would be written \\"claims\\"."""


def stream_json(report: Report) -> Iterator[str]:
    """The report as one JSON document, in chunks, claim by claim: the same text as pydantic
    writes for the whole report (`indent=2`), without holding it (240 MB at 50,000 claims)."""
    return chunked(_json_pieces(report))


def _json_pieces(report: Report) -> Iterator[str]:
    # pydantic-core writes the JSON directly: 5x faster than json.dumps of report_document.
    # The report without its claims, then each claim written alone and indented to its place;
    # JSON strings hold no raw line end, so each line end of a claim's text starts a line.
    skeleton = _adapter().dump_json(replace(report, claims=[]), indent=2).decode("utf-8")
    if not report.claims:
        yield skeleton + "\n"
        return
    head, _, tail = skeleton.partition(_NO_CLAIMS)
    dump = _entry_adapter().dump_json
    separator = head + '\n  "claims": [\n    '
    for claim in report.claims:
        yield separator + dump(claim, indent=2).decode("utf-8").replace("\n", "\n    ")
        separator = ",\n    "
    yield "\n  ]" + tail + "\n"


def stream_json_lines(report: Report) -> Iterator[str]:
    """JSON Lines: one claim a line, each as an item of the JSON export's `claims` (the same
    fields, the same schema: ClaimEntry in report.schema.json), for tools that read a claim
    at a time. The report's summary is not repeated: count the lines."""
    dump = _entry_adapter().dump_json
    return chunked(dump(claim).decode("utf-8") + "\n" for claim in report.claims)


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
