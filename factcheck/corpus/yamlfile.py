"""A corpus file edited entry by entry: only the claims or quotes a change touches are
re-written; every other byte of the file stays as it was.

Round-tripping a whole file through ruamel.yaml keeps comments, quoting and flow style, but not
everything: a long plain value wrapped over two lines (as `yaml.dump` writes them) comes back on
one, so a file written by a script would change everywhere at its first edit. It is also slow:
3.7 s to load and 1.9 s to dump a claims file of 500 claims (263 KB). So the file is composed
with libyaml (0.2 s for that file) only to find where each entry of its top-level lists starts
and ends; the entry to change is cut out with the line of its list's key above it, round-tripped
through ruamel alone, and put back; a new entry is dumped alone and put after the last. A file
that does not have that shape (new, empty, a list written `[]` or missing) is round-tripped
whole (`YamlDocument`).
"""

from __future__ import annotations

import io
import itertools
from dataclasses import dataclass, field
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.util import load_yaml_guess_indent

from factcheck.corpus import yamlio
from factcheck.corpus.yamledit import append_item, find_entry

_WIDTH = 1_000_000
"""No folding: a quote stays on one line, as people write them and as diffs read best."""

_DEFAULT_INDENT = (2, 4, 2)
"""(mapping, sequence, offset) of the corpus's own files: `claims:` then `  - id: ...`."""

_COMPOSER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml, to find where entries are: composing builds nodes with marks, no values."""


class YamlDocument:
    """A whole YAML file loaded for editing; `text()` gives it back with the edits made."""

    def __init__(self, text: str) -> None:
        self._yaml = round_trip(text)
        self.original = text
        self.data: Any = self._yaml.load(text)
        # A file of comments alone (a new file's schema line) has no data to keep them on.
        self._leading = text if self.data is None else ""

    def text(self) -> str:
        if self.data is None:
            return self.original
        return self._leading + _dump(self._yaml, self.data)


@dataclass(slots=True)
class _Entry:
    start: int
    """The line of the entry's dash."""
    end: int
    """The line after its last value."""
    key: str
    document: Any
    """`{key: [entry]}` as ruamel loaded it from the entry's lines."""
    before: str
    """What ruamel dumps of it unchanged: an entry whose dump still reads so was not edited."""
    yaml: YAML


@dataclass(slots=True)
class _List:
    key: str
    items: list[tuple[int, int]]
    """(start, end) lines of each entry."""
    ids: list[Any]
    indent: tuple[int, int]
    """(sequence, offset): the column of an entry's first key and of its dash. An entry written
    anew must sit where the others do, or the list would no longer be one list."""
    appended: list[Any] = field(default_factory=list)


class YamlFile:
    """A corpus file to edit: `entry` to change a claim or a quote, `append` to add one,
    `text()` for the file with the changes made and every other line as it was."""

    def __init__(self, text: str) -> None:
        self.original = text
        self._lines = text.splitlines(keepends=True)
        self._lists = _top_level_lists(text, self._lines)
        self._entries: dict[tuple[str, str], _Entry] = {}
        self.whole: YamlDocument | None = None if self._lists is not None else YamlDocument(text)
        """The whole file, when it is not a mapping of block lists of entries."""

    @property
    def data(self) -> Any:
        """The whole file's data (a file read whole only)."""
        return self._whole().data

    @data.setter
    def data(self, value: Any) -> None:
        self._whole().data = value

    def top_level(self, key: str) -> Any:
        """A top-level value read from the file (such as `source:`), not for editing."""
        if self.whole is not None:
            return (self.whole.data or {}).get(key)
        try:
            parsed = yamlio.parse(self.original)
        except yamlio.YamlSyntaxError:
            return None
        return parsed.get(key) if isinstance(parsed, dict) else None

    def entry(self, key: str, entry_id: str) -> CommentedMap | None:
        """The entry of list `key` whose id is `entry_id`, to edit in place; None if absent."""
        if self.whole is not None:
            found = find_entry((self.whole.data or {}).get(key), entry_id)
            return found[1] if found else None
        if (key, entry_id) in self._entries:
            return self._entries[(key, entry_id)].document[key][0]  # type: ignore[no-any-return]
        listed = (self._lists or {}).get(key)
        if listed is None or listed.ids.count(entry_id) != 1:
            return None
        start, end = listed.items[listed.ids.index(entry_id)]
        text = f"{key}:\n" + "".join(self._lines[start:end])
        ruamel = round_trip(text, listed.indent)
        document = ruamel.load(text)
        self._entries[(key, entry_id)] = _Entry(
            start, end, key, document, _dump(ruamel, document), ruamel
        )
        return document[key][0]  # type: ignore[no-any-return]

    def append(self, key: str, item: Any, *, separated_by_default: bool = False) -> None:
        """Add `item` at the end of list `key` (created when missing)."""
        listed = (self._lists or {}).get(key)
        if listed is None:
            whole = self._whole()
            if whole.data is None:
                whole.data = CommentedMap()
            if not isinstance(whole.data, dict):
                raise ValueError("the file is not a mapping")
            if whole.data.get(key) is None:
                whole.data[key] = CommentedSeq()
            if not isinstance(whole.data[key], list):
                raise ValueError(f"'{key}' is not a list")
            append_item(
                whole.data[key], item, whole.original, separated_by_default=separated_by_default
            )
            return
        listed.appended.append((item, separated_by_default))

    def text(self) -> str:
        if self.whole is not None:
            return self.whole.text()
        # Each change replaces the lines [start, end) with its text; new entries go in the empty
        # range at the end of their list's last entry, after that entry's own change if any.
        changes: list[tuple[int, int, str]] = []
        for entry in self._entries.values():
            after = _dump(entry.yaml, entry.document)
            if after != entry.before:
                changes.append((entry.start, entry.end, after.split("\n", 1)[1]))
        for listed in (self._lists or {}).values():
            if listed.appended:
                end = listed.items[-1][1]
                changes.append((end, end, self._appended_text(listed)))
        out: list[str] = []
        line = 0
        for start, end, text in sorted(changes):
            out.extend(self._lines[line:start])
            if out and not out[-1].endswith("\n"):
                out.append("\n")  # the file's last line had no line end
            out.append(text)
            line = end
        out.extend(self._lines[line:])
        return "".join(out)

    def _appended_text(self, listed: _List) -> str:
        """The new entries dumped as the last entry of the list is written, each after a blank
        line when the entries of the list are set apart by one."""
        start, end = listed.items[-1]
        sample = f"{listed.key}:\n" + "".join(self._lines[start:end])
        ruamel = round_trip(sample, listed.indent)
        separated = _separated(self._lines, listed.items)
        text = ""
        for item, by_default in listed.appended:
            blank = separated if separated is not None else by_default
            dumped = _dump(ruamel, {listed.key: [item]}).split("\n", 1)[1]
            text += ("\n" if blank else "") + dumped
        return text

    def _whole(self) -> YamlDocument:
        if self.whole is None:
            if self._entries:
                raise RuntimeError("a file edited entry by entry cannot be edited whole too")
            self.whole = YamlDocument(self.original)
            self._lists = None
        return self.whole


def round_trip(text: str, list_indent: tuple[int, int] | None = None) -> YAML:
    """A ruamel round-trip YAML set to the indentation `text` is written with; `list_indent`
    (sequence, offset) overrides the guess for lists."""
    mapping, sequence, offset = _guess_indent(text)
    if list_indent is not None:
        sequence, offset = list_indent
    ruamel = YAML(typ="rt")
    ruamel.preserve_quotes = True
    ruamel.width = _WIDTH
    ruamel.indent(mapping=mapping, sequence=sequence, offset=offset)
    return ruamel


def _dump(ruamel: YAML, data: Any) -> str:
    out = io.StringIO()
    ruamel.dump(data, out)
    return out.getvalue()


def _guess_indent(text: str) -> tuple[int, int, int]:
    if not text.strip():
        return _DEFAULT_INDENT
    try:
        _, indent, block_sequence_indent = load_yaml_guess_indent(text)
    except Exception:  # a broken file: its own edit will say so
        return _DEFAULT_INDENT
    if indent is None:
        return _DEFAULT_INDENT
    if block_sequence_indent is None:  # only mappings: `indent` is theirs
        return indent, indent + 2, indent
    return 2, indent, block_sequence_indent


def _top_level_lists(text: str, lines: list[str]) -> dict[str, _List] | None:
    """Each top-level block list of the file, with the lines of its entries; None when the file
    is not a mapping, or a list is written in flow style or is empty (then it is edited whole)."""
    try:
        root = yaml.compose(text, Loader=_COMPOSER)
    except yaml.YAMLError:
        return None
    if not isinstance(root, yaml.MappingNode):
        return None
    lists: dict[str, _List] = {}
    for key_node, value in root.value:
        if not isinstance(value, yaml.SequenceNode):
            continue
        if value.flow_style or not value.value:
            return None
        items = []
        for item in value.value:
            dash = _dash_line(lines, item)
            if dash is None:
                return None
            items.append((dash, _content_end(lines, item)))
        ids = [_id_of(item) for item in value.value]
        first = value.value[0]
        dash_column = len(lines[items[0][0]]) - len(lines[items[0][0]].lstrip(" "))
        indent = (first.start_mark.column, dash_column)
        lists[str(key_node.value)] = _List(str(key_node.value), items, ids, indent)
    return lists


def _dash_line(lines: list[str], item: yaml.Node) -> int | None:
    """The line of the '-' that starts `item`: its own first line, or the line above it when
    the dash stands alone."""
    line, column = item.start_mark.line, item.start_mark.column
    if lines[line][:column].rstrip().endswith("-"):
        return line
    above = line - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    return above if above >= 0 and lines[above].strip() == "-" else None


def _content_end(lines: list[str], node: yaml.Node) -> int:
    """The line after the last value of `node`: a block collection's own end mark lies after
    the blank lines and comments that follow it, which belong to no entry."""
    last = node
    while isinstance(last, yaml.MappingNode | yaml.SequenceNode) and not last.flow_style:
        if not last.value:
            break
        last = last.value[-1][1] if isinstance(last, yaml.MappingNode) else last.value[-1]
    mark = last.end_mark
    end = mark.line if mark.column == 0 else mark.line + 1
    while end > node.start_mark.line + 1 and not lines[end - 1].strip():
        end -= 1  # a block scalar's end mark lies after the blank lines below it
    return end


def _id_of(item: yaml.Node) -> Any:
    if isinstance(item, yaml.MappingNode):
        for key_node, value in item.value:
            if key_node.value == "id" and isinstance(value, yaml.ScalarNode):
                return value.value
    return None


def _separated(lines: list[str], items: list[tuple[int, int]]) -> bool | None:
    """Whether a blank line sets each entry apart from the one before; None with one entry."""
    if len(items) < 2:
        return None
    return all(
        any(not line.strip() for line in lines[previous_end:start])
        for (_, previous_end), (start, _) in itertools.pairwise(items)
    )
