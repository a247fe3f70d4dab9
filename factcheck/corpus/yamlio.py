"""Reading YAML fast, and finding line and column only where a problem needs them.

At 10,000 claims the parse dominates everything (21 MB of YAML: PyYAML's pure-Python loader takes
about 370 s, its C loader 8 s, composing nodes with line marks 16 s): the C loader builds plain
data, a per-file cache keyed by (size, mtime) skips unchanged files, and line marks are composed
only for the few files that have a problem.
"""

from __future__ import annotations

import functools
import gc
import os
import re
from bisect import bisect_right
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from factcheck.corpus.cache_files import cache_file, cache_key, read_cache, write_cache
from factcheck.corpus.files import megabytes, read_regular_file
from factcheck.corpus.limits import DEFAULT_LIMITS
from factcheck.corpus.model import YamlPath
from factcheck.processes import available_cores, map_in_processes

# Without libyaml, PyYAML falls back to a loader 40x slower; keep working, just slower.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Dates stay text: the corpus allows partial dates (2022-05), and PyYAML would raise a bare
    ValueError, with no position, for an impossible one such as 2022-02-30.

    A key twice in one mapping is an error at the second: YAML keeps the last value, so a second
    `claims:` block dropped the first without a word, and libyaml does not check. The check is a
    length comparison per mapping (a dict shorter than its pairs); only then are the pairs
    walked to find the key."""

    def flatten_mapping(self, node: yaml.MappingNode) -> None:
        own = node.value
        super().flatten_mapping(node)
        if node.value is not own:
            # Merged pairs (`<<: *base`) now come first, and the mapping's own may override them,
            # as merge keys mean; PyYAML removed the `<<` pairs from `own` in place.
            node.own_pairs = own  # type: ignore[attr-defined]

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        if len(mapping) < len(node.value):
            self._refuse_duplicate_key(node)
        return mapping

    def _refuse_duplicate_key(self, node: yaml.Node) -> None:
        first_of: dict[Any, yaml.Node] = {}
        for key_node, _value_node in getattr(node, "own_pairs", node.value):
            key = self.construct_object(key_node)  # already built: the constructor keeps it
            first = first_of.setdefault(key, key_node)
            if first is not key_node:
                written = key_node.value if isinstance(key_node, yaml.ScalarNode) else key
                raise yaml.constructor.ConstructorError(
                    context=f"the first is on line {first.start_mark.line + 1}",
                    problem=f"duplicate key {written!r}",
                    problem_mark=key_node.start_mark,
                )


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}

_BaseDumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc,valid-type]
    """Writes a multi-line text as a block, so it reads well in a diff."""


def _represent_text(dumper: Any, value: str) -> Any:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def dump(document: object) -> str:
    """`document` as every YAML file factcheck writes: keys in the order given, any script as
    itself, lines of about 100 characters, a multi-line text as a block; with libyaml's emitter
    when it is installed (the pure-Python one otherwise, slower)."""
    text: str = yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return text


_CACHE_FORMAT = cache_key("parsed", 3)
"""A new factcheck or a changed schema may check files differently: its cache starts afresh."""


@dataclass(frozen=True, slots=True)
class YamlSyntaxError(Exception):
    line: int
    column: int
    message: str
    code: str = "yaml"
    """The finding's code: "yaml" for broken YAML, "too-large" for data over the limit."""


_HINTS = {
    "mapping values are not allowed": "put the value in quotes if it contains ': '",
    "could not find expected ':'": "each key needs a ':' after it; check the indentation",
    "found character '\\t' that cannot start any token": "indent with spaces, not tabs",
    "did not find expected key": "check the indentation of this line against the one above",
    "found undefined alias": "an '*' starts an alias in YAML; put the value in quotes",
    "found unexpected end of stream": "a quoted string is not closed",
    "duplicate key": "a key may appear once in a mapping: merge the two, or remove one",
}


def parse(text: str, *, limit: int = DEFAULT_LIMITS.yaml_file_bytes) -> Any:
    """Parse YAML text into plain data, raising YamlSyntaxError with a position and a hint, and
    with code "too-large" when the data, its aliases expanded, holds more than `limit`
    characters."""
    try:
        data = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "broken YAML"
        hint = next((h for key, h in _HINTS.items() if problem.startswith(key)), None)
        message = f"broken YAML: {problem}"
        if error.context:
            message += f" ({error.context})"
        if hint:
            message += f"; {hint}"
        line, column = editor_position(text, mark.index) if mark else (1, 1)
        raise YamlSyntaxError(line, column, message) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(1, 1, f"broken YAML: {error}") from None
    # An alias (*name) repeats its anchor's value without copying it: 3,000 aliases of a 1 MB
    # string is 3 GB of text to every check that reads it, from a 1 MB file. Without a '*'
    # there is no alias, and the data is no larger than the text (most files: no cost).
    if "*" in text and _expanded_size(data, limit) > limit:
        message = (
            f"with its aliases (*name) expanded, this file holds more than {megabytes(limit)} "
            "of text, the limit for a YAML file; write the repeated values out"
        )
        raise YamlSyntaxError(1, 1, message, "too-large")
    return data


def _expanded_size(data: Any, limit: int) -> int:
    """The characters of every string in `data` (keys too), counting a value as often as
    aliases repeat it; at least `limit + 1` when over `limit`, or when the data contains itself.

    Linear in the distinct nodes however far aliases multiply them: a shared list or mapping is
    measured once and its size added wherever it recurs (aliases give the very same object)."""
    sizes: dict[int, int] = {}

    def known(node: Any) -> int | None:
        if isinstance(node, str):
            return len(node)
        if not isinstance(node, dict | list):
            return 1
        return sizes.get(id(node))

    def opened(node: Any) -> list[Any]:
        sizes[id(node)] = limit + 1  # reached again while measured: it contains itself
        items = [*node.keys(), *node.values()] if isinstance(node, dict) else node
        return [node, iter(items), 1]

    if (size := known(data)) is not None:
        return size
    # A stack, not recursion: the data may nest 999 deep (libyaml's limit is 1,000), past
    # Python's recursion limit once the caller's frames are counted.
    stack = [opened(data)]
    while True:
        frame = stack[-1]
        child = next(frame[1], _MEASURED) if frame[2] <= limit else _MEASURED
        if child is _MEASURED:
            sizes[id(frame[0])] = frame[2]
            stack.pop()
            if not stack:
                return int(frame[2])
            stack[-1][2] += frame[2]
        elif (size := known(child)) is not None:
            frame[2] += size
        else:
            stack.append(opened(child))


_MEASURED = object()
"""Stands for the end of a list or mapping's items in `_expanded_size`."""


def compose(text: str) -> yaml.Node | None:
    """The node tree of `text`, with line marks; None when it has none or does not parse.

    Composing costs as much as parsing: compose a file once for all its findings (5,000
    findings in one file composed it 5,000 times: 36 s for 1,000 of them)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    if node is not None and _OTHER_LINE_BREAK.search(text):
        _count_lines_as_editors(node, text)
    return node


def locate(text: str, path: YamlPath, *, key: bool = False) -> tuple[int, int]:
    """The 1-based line and column of the node at `path` in `text` (see `locate_in`)."""
    return locate_in(compose(text), path, key=key)


def locate_in(node: yaml.Node | None, path: YamlPath, *, key: bool = False) -> tuple[int, int]:
    """The 1-based line and column of the node at `path` under `node` (a file's composed tree),
    or of its deepest existing ancestor.

    With `key=True` and a path ending in a mapping key, the position of the key itself, which is
    where an unknown key should be pointed at.
    """
    if node is None:
        return 1, 1
    for step in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == str(step):
                    child = key_node if key and step == path[-1] else value_node
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(step, int)
            and 0 <= step < len(node.value)
        ):
            child = node.value[step]
        if child is None:
            break
        node = child
    return node.start_mark.line + 1, node.start_mark.column + 1


@contextmanager
def garbage_collector_paused(*, kept: bool = False) -> Iterator[None]:
    """Loading builds millions of objects that all stay alive; the cyclic collector would walk
    the growing heap again and again for nothing (measured: 9.0 s with it, 4.8 s without, on
    10,000 claims; 1.1 s and 0.6 s for 10,000 reviews). Parsed YAML has no cycles to collect.

    `kept`: what was built lives as long as the process (a loaded corpus) and is frozen out of
    the collector's sight (`gc.freeze`). Else the first collection after this walks every
    object built, all still in the youngest generation, then the next generation's does again:
    35-60 ms after a 10,000-claim corpus is read from its snapshot. Frozen objects are still
    freed when nothing refers to them; only a cycle among them would never be collected."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if kept:
            gc.freeze()
        if was_enabled:
            gc.enable()


def default_cache_dir() -> Path:
    if configured := os.environ.get("FACTCHECK_CACHE_DIR"):
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck"


@dataclass(slots=True)
class CachedFile:
    size: int
    mtime_ns: int
    data: Any
    checked: bool = False
    """The data passed the schema check when it was cached, so it need not be checked again."""


class ParseCache:
    """Parsed data of a corpus's YAML files, keyed by file and valid while (size, mtime) hold."""

    def __init__(self, root: Path, cache_dir: Path | None, *, kind: str = "corpus") -> None:
        self._entries: dict[str, CachedFile] = {}
        self._dirty = False
        self._path: Path | None = None
        if cache_dir is None:
            return
        self._path = cache_file(cache_dir, kind, root)
        match read_cache(self._path):
            case (stored_format, dict() as stored) if stored_format == _CACHE_FORMAT:
                self._entries = {name: CachedFile(*entry) for name, entry in stored.items()}
            case _:
                pass  # a missing, old or damaged cache only costs a re-parse

    def get(self, relative: str, stat: os.stat_result) -> CachedFile | None:
        entry = self._entries.get(relative)
        if entry is not None and entry.size == stat.st_size and entry.mtime_ns == stat.st_mtime_ns:
            return entry
        return None

    def put(self, relative: str, stat: os.stat_result, data: Any) -> None:
        self.put_parsed(relative, stat.st_size, stat.st_mtime_ns, data)

    def put_parsed(self, relative: str, size: int, mtime_ns: int, data: Any) -> None:
        self._entries[relative] = CachedFile(size, mtime_ns, data)
        self._dirty = True

    def missing(self, root: Path, relatives: list[str]) -> list[str]:
        """The files that are not cached as they are now on disk."""
        result = []
        for relative in relatives:
            try:
                stat = os.stat(os.path.join(root, relative))
            except OSError:
                continue
            if self.get(relative, stat) is None:
                result.append(relative)
        return result

    def mark_checked(self, relative: str) -> None:
        entry = self._entries.get(relative)
        if entry is not None and not entry.checked:
            entry.checked = True
            self._dirty = True

    def keep_only(self, relatives: set[str]) -> None:
        stale = self._entries.keys() - relatives
        for relative in stale:
            del self._entries[relative]
        self._dirty = self._dirty or bool(stale)

    def save(self) -> None:
        if not self._dirty or self._path is None:
            return
        # marshal, not pickle: parsed YAML is plain data, and marshal writes 21 MB of it in
        # 0.03 s where pickle takes 0.25 s.
        entries = {
            name: (e.size, e.mtime_ns, e.data, e.checked) for name, e in self._entries.items()
        }
        write_cache(self._path, (_CACHE_FORMAT, entries))


ParsedFile = tuple[str, int, int, Any]
"""(relative path, size, mtime in ns, data) of a file that parsed."""


def parse_files(root: str, limit: int, relatives: list[str]) -> list[ParsedFile]:
    """Parse the files that parse, none larger than `limit` bytes; the others are left for the
    loader to read and report.

    A module-level function of plain arguments, so a worker process can run it."""
    parsed = []
    with garbage_collector_paused():
        for relative in relatives:
            try:
                stat, raw = read_regular_file(os.path.join(root, relative), limit)
                data = parse(raw.decode("utf-8"), limit=limit)
            except (OSError, UnicodeDecodeError, YamlSyntaxError):
                continue
            parsed.append((relative, stat.st_size, stat.st_mtime_ns, data))
    return parsed


PARALLEL_MIN_FILES = 200
"""Below this many files to parse, one process is faster: a second one takes about 0.2 s to
start and import PyYAML."""


def parse_into(
    cache: ParseCache,
    root: Path,
    relatives: list[str],
    *,
    limit: int = DEFAULT_LIMITS.yaml_file_bytes,
) -> None:
    """Parse the files the cache lacks, half of them in a second process when there are many:
    PyYAML builds its objects in Python even with libyaml, so a cold 10,000-claim corpus is
    4.5 s of parsing on one core. Safe from any thread (the app loads in one); if the second
    process cannot start, its half is parsed here, and the log says so."""
    todo = cache.missing(root, relatives)
    if len(todo) < PARALLEL_MIN_FILES or available_cores() < 2:
        return
    # Halves of equal bytes, not of equal counts: one claims file can weigh 100 evidence files.
    by_size = sorted(todo, key=lambda relative: -os.path.getsize(os.path.join(root, relative)))
    halves: tuple[list[str], list[str]] = ([], [])
    weights = [0, 0]
    for relative in by_size:
        lighter = 0 if weights[0] <= weights[1] else 1
        halves[lighter].append(relative)
        weights[lighter] += os.path.getsize(os.path.join(root, relative))
    parse_under_root = functools.partial(parse_files, str(root), limit)
    for parsed in map_in_processes(
        parse_under_root, halves, processes=1, here=1, preload=[__name__]
    ):
        for relative, size, mtime_ns, data in parsed:
            cache.put_parsed(relative, size, mtime_ns, data)


# Lines as editors count them

_OTHER_LINE_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
"""Line breaks to YAML 1.1, and so to libyaml's marks, that editors, git and grep do not break
lines at: a quote pasted from a web page with a U+2028 in it put every finding after it on the
wrong line, at a column past the end of the line."""


def editor_position(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column, counted at line feeds as editors count them, of the
    character at `index` of a libyaml mark in `text`. The end of the text is the end of its
    last line: libyaml puts it on a line of its own (an unclosed bracket at the end of a
    one-line file was on line 2)."""
    return _LineStarts(text).position(index)


class _LineStarts:
    def __init__(self, text: str) -> None:
        # libyaml skips a byte order mark at the start, and its indexes with it.
        self.text = text[1:] if text.startswith("\ufeff") else text
        self.starts = [0, *(match.end() for match in re.finditer("\n", self.text))]

    def position(self, index: int) -> tuple[int, int]:
        index = min(index, len(self.text))
        line = bisect_right(self.starts, index) - 1
        return line + 1, index - self.starts[line] + 1


def _count_lines_as_editors(root: yaml.Node, text: str) -> None:
    """Give every node of `root` the line and column an editor shows for it."""
    lines = _LineStarts(text)
    pending, seen = [root], set()
    while pending:  # not recursive: a file may nest a thousand deep
        node = pending.pop()
        if id(node) in seen:  # an alias: the node it repeats is done already
            continue
        seen.add(id(node))
        mark = node.start_mark
        line, column = lines.position(mark.index)
        node.start_mark = yaml.Mark(mark.name, mark.index, line - 1, column - 1, None, None)
        if isinstance(node, yaml.MappingNode):
            pending.extend(child for pair in node.value for child in pair)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)
