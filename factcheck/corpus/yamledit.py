"""Editing a corpus file's YAML in place, the way its author wrote it.

The corpus files are written by people and reviewed in pull requests, so a change made by the
tool must show in a diff as that change alone: comments, key order, quoting, indentation, blank
lines between entries and flow style (`- {ref: x, stance: contradicts}`) stay as they were.
ruamel.yaml's round-trip mode keeps all of that (`yamlfile` applies it entry by entry); the
helpers here add what it leaves to the caller: new values styled like the corpus's, a new key in
its schema place, and the blank line that ends an entry kept at the end of the entry.
"""

from __future__ import annotations

import itertools
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

SCHEMA_FOLDER = ".schemas"
"""Where `factcheck init` writes the JSON Schemas that the YAML files point their editor at."""

SCHEMA_COMMENT = "# yaml-language-server: $schema="


def schema_path(kind: str) -> str:
    """The JSON Schema of a kind of file (claims, evidence, settings), from the corpus root."""
    return f"{SCHEMA_FOLDER}/{kind}.schema.json"


def schema_comment(relative: str, kind: str) -> str:
    """The first line of a YAML file the tool creates: its editor's schema, relative to it."""
    folder = posixpath.dirname(relative) or "."
    return f"{SCHEMA_COMMENT}{posixpath.relpath(schema_path(kind), folder)}\n"


# Values styled as the corpus writes them


def text_value(text: str) -> Any:
    """Free text (a claim, a quote, a title, a note) in double quotes, so that a colon, a
    leading quote mark or a 'no' never changes what YAML reads; several lines as a block."""
    if "\n" in text.strip("\n"):
        return LiteralScalarString(text)
    return DoubleQuotedScalarString(text)


def date_value(date: str) -> Any:
    """A partial date in quotes, as the corpus writes them: unquoted, 2022 reads as a number."""
    return DoubleQuotedScalarString(date)


def flow_list(items: Iterable[str]) -> CommentedSeq:
    """A short list on one line: `tags: [security, is-k]`."""
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def flow_mapping(pairs: Iterable[tuple[str, Any]]) -> CommentedMap:
    """A mapping on one line: `- {ref: kunduz-blast, stance: contradicts}`."""
    mapping = CommentedMap(pairs)
    mapping.fa.set_flow_style()
    return mapping


def block_mapping(pairs: Iterable[tuple[str, Any]]) -> CommentedMap:
    return CommentedMap(pairs)


def styled_like(old: Any, new: Any) -> Any:
    """`new` in the quoting `old` was written with, when both are text: editing a value does not
    change the quotes around it."""
    if not isinstance(new, str) or not isinstance(old, str) or type(old) is str:
        return new
    if isinstance(new, DoubleQuotedScalarString | LiteralScalarString) and "\n" in new:
        return new  # several lines stay a block
    try:
        return type(old)(str(new))
    except TypeError:
        return new


# Structure: where things go, and the blank line that ends an entry


def set_key(mapping: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set `key` to `value`: in place when it is there (keeping its quoting), else at its place
    in `order` (the schema's key order), the entry's closing blank line kept at the end."""
    if key in mapping:
        mapping[key] = styled_like(mapping[key], value)
        return
    later = {name for name in order[order.index(key) + 1 :]} if key in order else set()
    position = next((i for i, name in enumerate(mapping) if name in later), len(mapping))
    if position == len(mapping) and len(mapping):
        trailing = take_trailing(mapping)
        mapping.insert(position, key, value)
        put_trailing(mapping, trailing)
    else:
        mapping.insert(position, key, value)


def delete_key(mapping: CommentedMap, key: str) -> None:
    """Remove `key`; when it was the last, its closing blank line moves to the new last key."""
    if key not in mapping:
        return
    keys = list(mapping)
    trailing = take_trailing(mapping) if keys[-1] == key else ""
    del mapping[key]
    if trailing and len(mapping):
        put_trailing(mapping, trailing)


def append_item(
    seq: CommentedSeq, item: Any, source_text: str, *, separated_by_default: bool = False
) -> None:
    """Append `item`; a blank line goes before it when the list's entries are set apart by
    blank lines (claims usually are; with fewer than two entries, `separated_by_default` says),
    and the list's own closing comment stays at its end."""
    separated = _entries_separated(seq, source_text)
    if separated is None:
        separated = separated_by_default and len(seq) > 0
    if seq.fa.flow_style() and not len(seq):
        seq.fa.set_block_style()  # `quotes: []` grows into a list of entries, one per line
    trailing = take_trailing(seq)
    seq.append(item)
    if trailing:
        put_trailing(seq, trailing)
    if separated:
        seq.yaml_set_comment_before_after_key(len(seq) - 1, before="\n")


def delete_item(seq: CommentedSeq, index: int) -> None:
    """Remove the item at `index`; the last item's closing comment stays with the list."""
    trailing = take_trailing(seq) if index == len(seq) - 1 else ""
    del seq[index]  # ruamel moves the later items' comments up with them
    if trailing and len(seq):
        put_trailing(seq, trailing)


def _entries_separated(seq: CommentedSeq, source_text: str) -> bool | None:
    """Whether a blank line sets each entry apart from the one before it in the source (a
    comment may sit between them too); None when there are fewer than two entries to tell."""
    if len(seq) < 2 or not source_text:
        return None
    lines = source_text.splitlines()
    try:
        starts = [seq.lc.item(index)[0] for index in range(len(seq))]
    except (KeyError, TypeError, AttributeError):
        return None  # entries added in this edit have no position
    return all(
        any(not line.strip() for line in lines[previous + 1 : start])
        for previous, start in itertools.pairwise(starts)
    )


def take_trailing(node: Any) -> str:
    """Remove and return the whole lines of comment (blank lines included) that close `node`,
    after its last value: ruamel keeps the blank line between two entries, and a comment under
    an entry, on the deepest last value of the entry. A comment at the end of the last value's
    own line stays there: it is about that value."""
    if not isinstance(node, CommentedBase) or not len(node):  # type: ignore[arg-type]
        return ""
    taken = ""
    if isinstance(node, CommentedMap):
        last_key = list(node)[-1]
        taken = _take_lines(node.ca.items.get(last_key), 2) or take_trailing(node[last_key])
    elif isinstance(node, CommentedSeq):
        taken = _take_lines(node.ca.items.get(len(node) - 1), 0) or take_trailing(node[-1])
    if node.ca.end:
        taken += "".join(token.value for token in node.ca.end)
        node.ca.end = []
    return taken


def _take_lines(slot: list[Any] | None, position: int) -> str:
    """The whole lines of the comment token at `slot[position]`, leaving a comment that ends
    the value's own line (`key: value  # this`) in place."""
    if slot is None or len(slot) <= position or slot[position] is None:
        return ""
    value: str = slot[position].value
    own_line, newline, following = value.partition("\n")
    if not newline or not following:
        return ""
    if own_line.strip():
        slot[position].value = own_line + newline
    else:
        slot[position] = None
    return following


def put_trailing(node: Any, lines: str) -> None:
    """Put whole lines of comment (from `take_trailing`) after the last value of `node`."""
    if not lines or not len(node):
        return
    if isinstance(node, CommentedMap):
        last_key = list(node)[-1]
        if _is_block(node[last_key]):
            put_trailing(node[last_key], lines)
            return
        slot = node.ca.items.setdefault(last_key, [None, None, None, None])
        slot[2] = _with_lines(slot[2], lines)
    elif isinstance(node, CommentedSeq):
        if _is_block(node[-1]):
            put_trailing(node[-1], lines)
            return
        slot = node.ca.items.setdefault(len(node) - 1, [None, None])
        slot[0] = _with_lines(slot[0], lines)


def _with_lines(token: CommentToken | None, lines: str) -> CommentToken:
    own_line = token.value.partition("\n")[0] if token is not None else ""
    return CommentToken(f"{own_line}\n{lines}", CommentMark(0), None)


def _is_block(node: Any) -> bool:
    """A mapping or list written over several lines: its own last value closes it."""
    return isinstance(node, CommentedMap | CommentedSeq) and bool(node) and not node.fa.flow_style()


def find_entry(seq: Any, entry_id: str, key: str = "id") -> tuple[int, CommentedMap] | None:
    """The entry of a list of mappings whose `key` is `entry_id`, with its index."""
    if not isinstance(seq, list):
        return None
    for index, entry in enumerate(seq):
        if isinstance(entry, Mapping) and entry.get(key) == entry_id:
            return index, entry  # type: ignore[return-value]
    return None
