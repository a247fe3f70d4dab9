"""A claim as a person types it into a form: the text of each field made into the claim's YAML
fields, and what is wrong with them, field by field, in the words `check` uses.

The app's claim form calls `claim_problems` on every key press, so it checks what the schema
checks (`ClaimEntry`, the same model `check` validates claims files with) and what the corpus
knows (ids taken, sources that exist), without reading a file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from factcheck.corpus import ids
from factcheck.corpus.diagnostics import describe_value_error, did_you_mean
from factcheck.corpus.model import Claim, ClaimKind, Corpus
from factcheck.corpus.schema import ClaimEntry

FIELDS = ("id", "text", "kind", "claimant", "role", "date", "venue", "source", "tags")
"""The fields of a claim that a form asks for, in the order of the schema."""

_TAG_SEPARATOR = re.compile(r"[,\s]+")


def typed_fields(typed: Mapping[str, str]) -> dict[str, Any]:
    """The YAML fields of the claim typed: every field stripped, an empty one None, tags
    split on commas and blanks. The claim's words are kept as typed but for the blanks around
    them, since a quote is compared with its source."""
    fields: dict[str, Any] = {}
    for name in FIELDS:
        value = typed.get(name, "").strip()
        if name == "tags":
            fields[name] = [tag for tag in _TAG_SEPARATOR.split(value) if tag]
        else:
            fields[name] = value or None
    return fields


def claim_problems(
    typed: Mapping[str, str], corpus: Corpus | None, *, editing: str | None = None
) -> dict[str, str]:
    """What is wrong with each field typed, by field name (empty: nothing). `editing` is the id
    of the claim being changed, whose own id is not 'taken'."""
    fields = typed_fields(typed)
    problems: dict[str, str] = {}
    present = {name: value for name, value in fields.items() if value not in (None, [])}
    try:
        ClaimEntry.model_validate(present)
    except ValidationError as error:
        for detail in error.errors():
            loc = [step for step in detail["loc"] if isinstance(step, str | int)]
            name = str(loc[0]) if loc else "id"
            if name not in FIELDS or name in problems:
                continue
            if detail["type"] == "missing":
                problems[name] = "required"
            else:
                shown = str(loc[-1]) if isinstance(loc[-1], str) else name
                problems[name] = describe_value_error(
                    detail["type"], shown, detail.get("input"), detail
                )
    if corpus is None:
        return problems
    claim_id = fields["id"]
    if "id" not in problems and claim_id != editing and claim_id in corpus.claims_by_id:
        problems["id"] = f"'{claim_id}' is the id of another claim already"
    source_id = fields["source"]
    if "source" not in problems:
        if source_id is None and fields["kind"] == ClaimKind.QUOTE:
            problems["source"] = "a claim of kind quote needs the source it is verified against"
        elif source_id is not None and source_id not in corpus.sources:
            guess = did_you_mean(source_id, corpus.sources)
            problems["source"] = f"no source has the id '{source_id}'{guess}"
    return problems


def claim_as_typed(claim: Claim) -> dict[str, str]:
    """The claim's fields as a form shows them for editing."""
    return {
        "id": claim.id,
        "text": claim.text,
        "kind": str(claim.kind),
        "claimant": claim.claimant,
        "role": claim.role or "",
        "date": str(claim.date) if claim.date is not None else "",
        "venue": claim.venue or "",
        "source": claim.source_id or "",
        "tags": ", ".join(claim.tags),
    }


def claim_changes(claim: Claim, typed: Mapping[str, str]) -> dict[str, Any]:
    """What the fields typed change in `claim`: only the keys whose value differs, a key
    emptied as None (as `CorpusWriter.update_claim` takes them)."""
    before = typed_fields(claim_as_typed(claim))
    after = typed_fields(typed)
    return {
        name: (after[name] if after[name] not in (None, []) else None)
        for name in FIELDS
        if after[name] != before[name]
    }


def suggested_id(text: str, corpus: Corpus | None) -> str:
    """An id for a new claim from its first significant words, unique in the corpus, as a
    quote's is made."""
    return ids.quote_id(text, corpus.claims_by_id if corpus is not None else {})
