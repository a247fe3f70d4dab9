"""Each record is declared once: every field of the model is loaded from its YAML key and kept
and restored by the snapshot, with no list of fields to keep in step by hand.

The records here are made from the dataclass declarations themselves (a value for each field, by
its type), so a field added to the model is covered by these tests without touching them."""

from __future__ import annotations

import dataclasses
import marshal
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from factcheck.corpus.dates import PartialDate
from factcheck.corpus.loader import load_corpus
from factcheck.corpus.model import Claim, Corpus, EvidenceLink, Place, Quote, Settings, Source
from factcheck.corpus.problems import Problem
from factcheck.corpus.records import RowCodec, RowMismatch, YamlReader
from factcheck.corpus.schema import ClaimEntry, QuoteEntry, SourceEntry
from factcheck.corpus.schema import EvidenceLink as EvidenceLinkEntry
from factcheck.corpus.snapshot import read_snapshot, write_snapshot
from tests.conftest import CorpusWriter

RECORDS = [Source, Quote, Claim, EvidenceLink, Settings, Problem]


def sample(hint: Any, name: str) -> Any:
    """A value of type `hint` unlike any default: a text naming its field, a date to the day,
    the last member of an enum, two items in a tuple."""
    if hint is str:
        return f"{name}-value"
    if hint is int:
        return 7
    if hint is bool:
        return True
    if hint is PartialDate:
        return PartialDate(2022, 5, 3)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return list(hint)[-1]
    if hint is Place:
        return Place(f"claims/{name}.yaml", ("claims", 2, name))
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return sample(next(a for a in arguments if a is not type(None)), name)
    if origin is tuple:
        return (sample(arguments[0], f"{name}0"), sample(arguments[0], f"{name}1"))
    if origin is list:
        return [sample(arguments[0], f"{name}0"), sample(arguments[0], f"{name}1")]
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        hints = typing.get_type_hints(hint)
        return hint(*(sample(hints[f.name], f.name) for f in dataclasses.fields(hint)))
    raise AssertionError(f"no sample for {hint}: teach this test the new type")


@pytest.mark.parametrize("record_type", RECORDS, ids=lambda t: t.__name__)
def test_every_field_round_trips_through_a_row(record_type: type) -> None:
    record = sample(record_type, "record")
    codec = RowCodec(record_type)
    stored = marshal.loads(marshal.dumps(codec.row(record)))
    assert codec.record(stored) == record


def test_every_field_of_the_corpus_survives_the_snapshot(tmp_path: Path) -> None:
    source, quote, claim = sample(Source, "s"), sample(Quote, "q"), sample(Claim, "c")
    corpus = Corpus(
        tmp_path, sample(Settings, "settings"), {source.id: source}, {quote.id: quote}, [claim]
    )
    problems = [sample(Problem, "problem")]
    write_snapshot(corpus, problems, tmp_path / "cache", (), ())

    restored = read_snapshot(tmp_path, tmp_path / "cache", ())

    assert restored is not None
    restored_corpus, restored_problems = restored
    assert restored_corpus.settings == corpus.settings
    assert restored_corpus.sources == corpus.sources
    assert restored_corpus.quotes == corpus.quotes
    assert restored_corpus.claims == corpus.claims
    assert restored_problems == problems


@pytest.mark.parametrize(
    "row",
    [
        ("too", "short"),
        ("id", "text", "not a kind", "claimant", None, None, None, None, (), (), (), ("f", ())),
        ("id", "text", "quote", "claimant", None, "2022-13", None, None, (), (), (), ("f", ())),
        ("id", "text", "quote", "claimant", None, None, None, None, (), (), (("x",),), ("f", ())),
        None,
    ],
    ids=["too few values", "unknown enum value", "impossible date", "bad nested row", "None"],
)
def test_a_row_that_does_not_fit_raises_row_mismatch(row: Any) -> None:
    with pytest.raises(RowMismatch):
        RowCodec(Claim).record(row)


EVERY_KEY_EVIDENCE = """\
source:
  id: wire-2021
  outlet: Wire
  title: "A report"
  url: https://example.org/report
  published: 2021-11-02
  author: A. Reporter
  text: wire-2021.txt
  original: wire-2021.html
  captured: "2021-11-03T08:15:00Z"
quotes:
  - id: toll
    quote: "Nineteen people were killed in the attack on the hospital."
    note: The toll.
"""

EVERY_KEY_CLAIMS = """\
claims:
  - id: defeated
    text: "the group had been defeated"
    kind: quote
    claimant: A Spokesman
    role: Spokesman
    date: 2021-11
    venue: a press conference
    source: wire-2021
    tags: [security]
    assigned: [Ana]
    evidence:
      - {ref: toll, stance: contradicts, note: The toll says otherwise.}
"""


def test_the_loader_reads_every_key_into_its_field(write_corpus: CorpusWriter) -> None:
    """Every key the schema allows is in the files above (so a new key fails here until it is
    written there), and every field of every record is filled from them."""
    written = {
        SourceEntry: {"id", "outlet", "title", "url", "published", "author", "text"}
        | {"original", "captured"},
        QuoteEntry: {"id", "quote", "note"},
        ClaimEntry: {"id", "text", "kind", "claimant", "role", "date", "venue", "source", "tags"}
        | {"assigned", "evidence"},
        EvidenceLinkEntry: {"ref", "stance", "note"},
    }
    for model, keys in written.items():
        assert set(model.model_fields) == keys, f"write the new key of {model.__name__} above"
    root = write_corpus(
        {"evidence/wire-2021.yaml": EVERY_KEY_EVIDENCE, "claims/main.yaml": EVERY_KEY_CLAIMS}
    )

    result = load_corpus(root, cache_dir=None)

    assert result.problems == [] and result.corpus is not None
    records = [
        result.corpus.sources["wire-2021"],
        result.corpus.quotes["toll"],
        result.corpus.claims[0],
        result.corpus.claims[0].evidence[0],
    ]
    for record in records:
        for field in dataclasses.fields(record):
            value = getattr(record, field.name)
            assert value not in (None, (), []), f"{type(record).__name__}.{field.name} not read"
    claim = result.corpus.claims[0]
    assert (claim.source_id, claim.date, claim.tags, claim.assigned) == (
        "wire-2021",
        PartialDate(2021, 11),
        ("security",),
        ("Ana",),
    )


@pytest.mark.parametrize(
    ("record_type", "model", "read_by_the_loader"),
    [
        (Source, SourceEntry, {"text"}),  # read as a file: text_file and text
        (Quote, QuoteEntry, set()),
        (Claim, ClaimEntry, {"evidence"}),  # each link gets its place
        (EvidenceLink, EvidenceLinkEntry, set()),
    ],
)
def test_every_schema_key_has_a_field(
    record_type: type, model: Any, read_by_the_loader: set[str]
) -> None:
    """A key added to the schema and not to the model (or the other way round) fails here."""
    assert set(model.model_fields) - YamlReader(record_type, model).keys == read_by_the_loader


def test_a_field_without_a_schema_key_is_refused_at_once() -> None:
    @dataclasses.dataclass
    class WithAStrayField:
        id: str
        colour: str

    with pytest.raises(TypeError, match="QuoteEntry has no 'colour'"):
        YamlReader(WithAStrayField, QuoteEntry)
