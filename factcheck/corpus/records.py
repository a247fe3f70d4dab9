"""The corpus's records as plain data, derived from their dataclass declarations.

A record (Claim, Source, Quote, EvidenceLink, Settings, Problem...) is declared once, as a
dataclass, and what reads or writes one field by field is derived from that declaration here,
so a field added to the dataclass is loaded, kept in the snapshot and read back with no other
code to change:
- `RowCodec`: a record as a tuple of its fields in declaration order, each in a form `marshal`
  writes (a date as its text, an enum as its value, a Place or a nested record as a tuple), and
  back. Rows that do not fit raise `RowMismatch`.
- `YamlReader`: a record from a mapping of checked YAML, each field from the key of its name
  (or the key its `yaml_key` metadata names), an absent key taking the schema's default.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterable
from enum import Enum
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from factcheck.corpus.dates import PartialDate
from factcheck.corpus.model import YAML_KEY

T = TypeVar("T")
Convert = Callable[[Any], Any]

_PLAIN_TYPES = (str, int, float, bool, type(None))


class RowMismatch(ValueError):
    """Stored rows do not fit their record: another layout, or a damaged file."""


@dataclasses.dataclass(frozen=True, slots=True)
class _Conversion:
    layout: str
    """The type, nested records spelt out: what the stored form depends on."""
    to_plain: Convert | None = None
    """None: the value is plain data already."""
    from_plain: Convert | None = None
    """None: the plain value is the value."""


def _conversion(hint: Any) -> _Conversion:
    """How a field of type `hint` becomes plain data and back."""
    if hint in _PLAIN_TYPES:
        return _Conversion(hint.__name__)
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [argument for argument in arguments if argument is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"no plain form for {hint}: only `X | None` unions are supported")
        return _optional(_conversion(inner[0]))
    if origin is list or (origin is tuple and arguments[1:] == (Ellipsis,)):
        return _sequence(origin, _conversion(arguments[0]))
    if origin is tuple:  # a tuple of plain values of any length, such as a YamlPath
        return _Conversion(str(hint), None, tuple)
    if hint is PartialDate:
        # As text, not as a record: "2022-05" is what the YAML holds and what people read.
        return _Conversion("PartialDate", str, PartialDate.parse)
    if isinstance(hint, type) and issubclass(hint, Enum):
        members = {member.value: member for member in hint}
        return _Conversion(f"{hint.__name__}{sorted(members)}", _enum_value, members.__getitem__)
    if isinstance(hint, type) and issubclass(hint, tuple) and hasattr(hint, "_fields"):
        named_tuple: Any = hint  # such as Place, whose fields are plain: the tuple itself is

        def to_named_tuple(value: Any) -> Any:
            return named_tuple(*value)

        return _Conversion(f"{hint.__name__}{hint._fields}", tuple, to_named_tuple)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        codec = RowCodec(hint)
        return _Conversion(codec.layout, codec.row, codec.record_of_row)
    raise TypeError(f"no plain form for {hint}")


def _enum_value(member: Enum) -> Any:
    return member.value


def _optional(inner: _Conversion) -> _Conversion:
    to_plain, from_plain = inner.to_plain, inner.from_plain

    def optional_to(value: Any) -> Any:
        return None if value is None else to_plain(value)  # type: ignore[misc]

    def optional_from(value: Any) -> Any:
        return None if value is None else from_plain(value)  # type: ignore[misc]

    return _Conversion(
        f"{inner.layout} | None",
        optional_to if to_plain is not None else None,
        optional_from if from_plain is not None else None,
    )


def _sequence(kind: type, inner: _Conversion) -> _Conversion:
    to_plain, from_plain = inner.to_plain, inner.from_plain
    layout = f"{kind.__name__}[{inner.layout}]"
    if from_plain is None:
        # `kind(value)` even for plain items: YAML gives a list where the model keeps a tuple,
        # and on the tuple read back from a row, tuple() returns the same object.
        return _Conversion(layout, None, kind)

    def sequence_to(values: Iterable[Any]) -> tuple[Any, ...]:
        return tuple(map(to_plain, values)) if to_plain is not None else tuple(values)

    def sequence_from(rows: Iterable[Any]) -> Any:
        return kind(map(from_plain, rows))

    return _Conversion(layout, sequence_to, sequence_from)


def _field_conversions(cls: type) -> list[tuple[dataclasses.Field[Any], _Conversion]]:
    hints = typing.get_type_hints(cls)
    return [(field, _conversion(hints[field.name])) for field in dataclasses.fields(cls)]


def _compile(name: str, parameters: str, body: str, namespace: dict[str, Any]) -> Any:
    """A function generated from the declaration, as `dataclasses` generates `__init__`. These
    run once per record (120,000 times for 10,000 claims), and a loop over the fields in each
    call made the load 15-20% slower; the generated code costs what hand-written code did."""
    source = f"def {name}({parameters}):\n{body}\n"
    exec(compile(source, f"<factcheck.corpus.records: {name}>", "exec"), namespace)
    return namespace[name]


class RowCodec(Generic[T]):
    """Records of one dataclass as rows of plain data (for `marshal`) and back."""

    def __init__(self, cls: type[T]) -> None:
        self._cls = cls
        conversions = _field_conversions(cls)
        self.layout = (
            f"{cls.__name__}("
            + ", ".join(f"{field.name}: {conversion.layout}" for field, conversion in conversions)
            + ")"
        )
        """The fields' names and types, nested records included: what the rows depend on."""
        namespace: dict[str, Any] = {"_cls": cls}
        variables: list[str] = []
        plain_values: list[str] = []
        record_values: list[str] = []
        for index, (field, conversion) in enumerate(conversions):
            variable, attribute = f"v{index}", f"record.{field.name}"
            variables.append(variable)
            if conversion.to_plain is not None:
                namespace[f"_to_{index}"] = conversion.to_plain
                attribute = f"_to_{index}({attribute})"
            if conversion.from_plain is not None:
                namespace[f"_from_{index}"] = conversion.from_plain
                variable = f"_from_{index}({variable})"
            plain_values.append(attribute)
            record_values.append(variable)
        self.row: Callable[[T], tuple[Any, ...]] = _compile(
            "row", "record", f"    return ({', '.join(plain_values)},)", namespace
        )
        """The record as a tuple of plain values, one per field in declaration order."""
        self.record_of_row: Callable[[Any], T] = _compile(
            "record_of_row",
            "row",
            f"    {', '.join(variables)}, = row\n    return _cls({', '.join(record_values)})",
            namespace,
        )
        """The record of a row; a row that does not fit raises what it raises (TypeError,
        ValueError, KeyError): `records` turns that into RowMismatch."""

    def rows(self, records: Iterable[T]) -> tuple[tuple[Any, ...], ...]:
        return tuple(map(self.row, records))

    def record(self, row: Any) -> T:
        return self.records((row,))[0]

    def records(self, rows: Iterable[Any]) -> list[T]:
        """The records of `rows`; RowMismatch when one does not fit this record's fields."""
        try:
            return list(map(self.record_of_row, rows))
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            raise RowMismatch(f"a {self._cls.__name__} row does not fit: {error}") from error


class YamlReader(Generic[T]):
    """Builds records of a dataclass from mappings of checked YAML, one field per key.

    Each field is read from the key of its own name, or from the key its `yaml_key` metadata
    names; a field whose metadata says None (a place, a text read from a file) is given by the
    caller as a keyword. A key left out of the file takes its default from the schema model, so
    the default is declared once, where the JSON Schema shows it.
    """

    def __init__(self, cls: type[T], schema: type[BaseModel]) -> None:
        namespace: dict[str, Any] = {"_cls": cls}
        arguments: list[str] = []
        given: list[str] = []
        self.keys: set[str] = set()
        """The schema's keys that are read into fields."""
        for index, (field, conversion) in enumerate(_field_conversions(cls)):
            key = field.metadata.get(YAML_KEY, field.name)
            if key is None:
                given.append(field.name)
                arguments.append(field.name)
                continue
            declared = schema.model_fields.get(key)
            if declared is None:
                raise TypeError(f"{cls.__name__}.{field.name}: {schema.__name__} has no '{key}'")
            self.keys.add(key)
            if declared.is_required():  # so present in checked data
                value = f"raw[{key!r}]"
            else:
                namespace[f"_default_{index}"] = declared.get_default(call_default_factory=True)
                value = f"get({key!r}, _default_{index})"
            if conversion.from_plain is not None:
                namespace[f"_from_{index}"] = conversion.from_plain
                value = f"_from_{index}({value})"
            arguments.append(value)
        parameters = ", ".join(["raw", "/", *(["*", *given] if given else [])])
        body = f"    get = raw.get\n    return _cls({', '.join(arguments)})"
        self.read: Callable[..., T] = _compile("read", parameters, body, namespace)
        """The record of `raw`, a mapping that passed its schema check; the fields the loader
        fills in are keywords."""


def shared_fields(source: type, target: type) -> Callable[[Any], dict[str, Any]]:
    """The fields of dataclass `target` that `source` has too, read from a `source` record in
    plain form (a date as its text, an enum as its value, a list where `target` keeps one).

    So a view of a record (the report's claim entry) takes a field added to both declarations
    with no code between them. Only fields whose `target` type is plain are shared: where the
    target keeps something else under the same name (a list of report entries for a claim's
    evidence), the view builds it."""
    target_hints = typing.get_type_hints(target)
    source_conversions = dict(
        (field.name, conversion) for field, conversion in _field_conversions(source)
    )
    namespace: dict[str, Any] = {}
    items: list[str] = []
    for field in dataclasses.fields(target):
        conversion = source_conversions.get(field.name)
        if conversion is None or not _is_plain(target_hints[field.name]):
            continue
        value = f"record.{field.name}"
        if conversion.to_plain is not None:
            namespace[f"_to_{field.name}"] = conversion.to_plain
            value = f"_to_{field.name}({value})"
        if typing.get_origin(target_hints[field.name]) is list:
            value = f"list({value})"
        items.append(f"{field.name!r}: {value}")
    body = f"    return {{{', '.join(items)}}}"
    function: Callable[[Any], dict[str, Any]] = _compile("shared_fields", "record", body, namespace)
    return function


def _is_plain(hint: Any) -> bool:
    if hint in _PLAIN_TYPES:
        return True
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType, list, tuple):
        return all(a is Ellipsis or _is_plain(a) for a in typing.get_args(hint))
    return False
