"""The one writer of the corpus files: every change that the command line or the app makes to
claims/, evidence/ and the captured texts goes through `CorpusWriter`.

A change is made in four steps, each of which can refuse it with nothing written:
1. The files it touches are read from disk as they are now, and the corpus loaded, so the change
   applies to what is on disk, not to what some caller read a while ago.
2. The YAML is edited in place: only the entries changed are written anew, through ruamel.yaml's
   round trip (`yamlfile`, `yamledit`), keeping comments, key order, quoting, blank lines and
   flow style; every other line stays as it was, so only the change shows in a diff.
3. The corpus is loaded again with the changed files in place of those on disk (`load_corpus`'s
   overlay), and the quotes the change adds are verified against their source: a change that
   brings an error that was not there before is refused, with the errors it would bring.
4. Under the corpus's write lock, each file is compared with what was read in step 1. Another
   writer (a second terminal, an editor) may have saved it since: then the change is made again
   from step 1 on what is there now, and after `ATTEMPTS` tries refused. Otherwise every file is
   written atomically (`write_atomically`), new files first, claims last, so a reader never sees
   a reference to something not written yet.

Each method returns a `Change`: what was written, the files before and after, so that the app
can show it and undo it (`undo`, itself a checked change).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.corpus import ids, yamledit, yamlio
from factcheck.corpus.anchors import CLAIM_PREFIX
from factcheck.corpus.diagnostics import did_you_mean
from factcheck.corpus.files import FileRefusedError, read_regular_file, write_atomically
from factcheck.corpus.limits import DEFAULT_LIMITS
from factcheck.corpus.loader import LoadResult, load_corpus
from factcheck.corpus.model import Claim, Corpus, Source
from factcheck.corpus.problems import Problem, Severity
from factcheck.corpus.quoting import passage_for
from factcheck.corpus.schema import schema_text
from factcheck.corpus.verification import verification_problems, verify_now
from factcheck.corpus.yamlfile import YamlFile

ATTEMPTS = 3
"""How often a change is made again because its file changed on disk while it was being made."""

LOCK_FILE = ".factcheck-write.lock"
"""Held while files are compared and written: two factcheck processes never interleave there.
A dot name at the corpus root, kept out of git by the `.gitignore` that `factcheck init` writes."""

LOCK_DEADLINE_SECONDS = 5.0
"""A write holds the lock for milliseconds; one that waits this long is stuck elsewhere."""

ORDER = {
    "claim": (
        "id",
        "text",
        "kind",
        "claimant",
        "role",
        "date",
        "venue",
        "source",
        "tags",
        "assigned",
    ),
    "source": ("id", "outlet", "title", "url", "published", "author", "text", "original"),
    "quote": ("id", "quote", "note"),
}
"""Where a key goes in a new entry: the order of the schema (`corpus/schema.py`)."""
ORDER["claim"] += ("evidence",)
ORDER["source"] += ("captured",)

_QUOTED = {"claim": "text", "source": "title", "quote": "quote"}
"""The key of each kind of entry whose words are someone's: always in double quotes, as the
corpus writes them."""
_DATE_KEYS = frozenset({"date", "published", "captured"})
_LONG_NOTE = 60
"""A link whose note is longer than this is written over several lines, not `{ref: ...}`."""

_POSITION = re.compile(r"\S+:\d+:\d+")


class WriteRefused(Exception):
    """Nothing was written: the message says why, `problems` what the change would break."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join([self.args[0], *(f"  {problem}" for problem in self.problems)])


class ChangedOnDisk(WriteRefused):
    """A file kept changing on disk while the change was being made, or changed since the change
    to be undone: nothing was written, so nobody's work was overwritten."""


class _Stale(Exception):
    """The corpus as loaded and a file as read disagree (it changed in between): load again."""


@dataclass(frozen=True, slots=True)
class FileChange:
    file: str
    """Relative to the corpus root."""
    before: bytes | None
    """None: the file did not exist."""
    after: bytes | None
    """None: the file was removed (an undone capture)."""


@dataclass(frozen=True, slots=True)
class Change:
    summary: str
    """What was done, for a status line: "added quote 'kunduz-blast' to evidence/x.yaml"."""
    files: tuple[FileChange, ...] = ()
    """Empty when nothing needed writing (the quote was there already, say)."""
    item_id: str | None = None
    """The id of what was added or found: the quote, source or claim."""
    notes: tuple[str, ...] = ()
    """Warnings the change brings (a claim's words only nearly in its source, a claim with no
    evidence yet): written all the same, as `check` passes with warnings."""

    @property
    def written(self) -> bool:
        return bool(self.files)


class _Draft:
    """One attempt at a change: the files read for it, as they were, and what they become."""

    def __init__(self, root: Path, loaded: LoadResult) -> None:
        if loaded.corpus is None:
            raise WriteRefused(f"{root} cannot be loaded: " + "; ".join(map(str, loaded.problems)))
        self.root = root
        self.corpus: Corpus = loaded.corpus
        self.read: dict[str, bytes | None] = {}
        self.documents: dict[str, YamlFile] = {}
        self.contents: dict[str, bytes | None] = {}
        self.verify: set[str] = set()
        """Quote ids (and `claim:<id>`) the change adds or rewords: verified before writing."""
        self.made: str | None = None
        """The id of the quote or source the change adds, or of the quote it found."""

    def disk(self, relative: str) -> bytes | None:
        if relative not in self.read:
            try:
                self.read[relative] = _read_corpus_file(self.root / relative)
            except FileNotFoundError:
                self.read[relative] = None
            except FileRefusedError as error:  # a FIFO blocked the write forever
                raise WriteRefused(f"{relative} {error.strerror}") from None
        return self.read[relative]

    def yaml(self, relative: str, *, new_kind: str | None = None) -> YamlFile:
        """The file to edit; a file that does not exist yet starts with its schema line when
        `new_kind` names it, and is refused otherwise."""
        if relative not in self.documents:
            raw = self.disk(relative)
            if raw is None and new_kind is None:
                raise _Stale(f"{relative} is gone from disk")
            if raw is None and new_kind is not None:
                self._schema_beside(new_kind)
            try:
                text = yamledit.schema_comment(relative, new_kind or "") if raw is None else raw
                decoded = text.decode("utf-8") if isinstance(text, bytes) else text
                self.documents[relative] = YamlFile(decoded)
            except Exception as error:  # ruamel's errors share no base class worth naming
                raise WriteRefused(f"{relative} cannot be edited: {error}") from None
        return self.documents[relative]

    def _schema_beside(self, kind: str) -> None:
        """The JSON Schema a new file's first line points at, written when missing."""
        relative = yamledit.schema_path(kind)
        if self.disk(relative) is None:
            self.contents[relative] = schema_text(kind).encode("utf-8")

    def new_yaml(self, relative: str, kind: str) -> YamlFile:
        """A YAML file to create: refused when one is there, since nothing is overwritten."""
        if self.disk(relative) is not None:
            raise WriteRefused(f"{relative} exists already; nothing is overwritten")
        return self.yaml(relative, new_kind=kind)

    def create(self, relative: str, content: bytes | str) -> None:
        """A new file: refused when one is there, since nothing is ever overwritten."""
        if self.disk(relative) is not None:
            raise WriteRefused(f"{relative} exists already; nothing is overwritten")
        self.contents[relative] = content.encode() if isinstance(content, str) else content

    def replace(self, relative: str, content: bytes | None) -> None:
        self.disk(relative)
        self.contents[relative] = content

    def changed(self) -> dict[str, bytes | None]:
        result = dict(self.contents)
        for relative, document in self.documents.items():
            after = document.text().encode("utf-8")
            if after != self.read[relative]:
                result[relative] = after
        return result

    # Looking things up in the corpus as loaded for this attempt

    def claim(self, claim_id: str) -> tuple[Claim, YamlFile, Any]:
        claim = self.corpus.claims_by_id.get(claim_id)
        if claim is None:
            known = self.corpus.claims_by_id
            raise WriteRefused(f"no claim has the id '{claim_id}'{did_you_mean(claim_id, known)}")
        document = self.yaml(claim.place.file)
        entry = document.entry("claims", claim_id)
        if entry is None:
            raise _Stale(f"claim '{claim_id}' is no longer in {claim.place.file}")
        return claim, document, entry

    def source(self, source_id: str) -> tuple[Source, YamlFile]:
        source = self.corpus.sources.get(source_id)
        if source is None:
            known = self.corpus.sources
            raise WriteRefused(
                f"no source has the id '{source_id}'{did_you_mean(source_id, known)}"
            )
        document = self.yaml(source.place.file)
        entry = document.top_level("source")
        if not isinstance(entry, Mapping) or entry.get("id") != source_id:
            raise _Stale(f"source '{source_id}' is no longer in {source.place.file}")
        return source, document


class CorpusWriter:
    """Makes changes to the corpus at `root`, one checked, atomic change at a time."""

    def __init__(
        self, root: Path, *, cache_dir: Path | None, loaded: LoadResult | None = None
    ) -> None:
        self.root = root
        self.cache_dir = cache_dir
        """Parsed files are read from here; a change checked against an overlay keeps nothing."""
        self._loaded = loaded
        """The corpus as a caller loaded it a moment ago, for the first change only: its files
        are read afresh and compared before writing all the same, so an old load costs a retry,
        never a lost change."""

    # Claims

    def add_claim(self, file: str, fields: Mapping[str, Any]) -> Change:
        """A new claim at the end of `file` (relative to the root, under claims/; created when
        missing). `fields` are the claim's keys as in the YAML (id, text, kind, claimant...)."""
        claim_id = str(fields.get("id", ""))
        relative = _claims_file(file)

        def build(draft: _Draft) -> str:
            if claim_id in draft.corpus.claims_by_id:
                first = draft.corpus.claims_by_id[claim_id].place.file
                raise WriteRefused(f"claim id '{claim_id}' is used already, in {first}")
            document = draft.yaml(relative, new_kind="claims")
            entry = yamledit.block_mapping(_styled(fields, "claim"))
            try:
                document.append("claims", entry, separated_by_default=True)
            except ValueError:
                raise WriteRefused(f"{relative} has no 'claims:' list to add to") from None
            if fields.get("kind") == "quote":
                draft.verify.add(CLAIM_PREFIX + claim_id)
            return f"added claim '{claim_id}' to {relative}"

        return self._commit(build, item_id=claim_id)

    def update_claim(self, claim_id: str, fields: Mapping[str, Any]) -> Change:
        """Set the claim's keys in `fields`; a key given None is removed."""

        def build(draft: _Draft) -> str:
            claim, _, entry = draft.claim(claim_id)
            new_id = fields.get("id", claim_id)
            if new_id != claim_id and new_id in draft.corpus.claims_by_id:
                raise WriteRefused(f"claim id '{new_id}' is used already")
            for key, value in fields.items():
                if value is None:
                    yamledit.delete_key(entry, key)
                else:
                    yamledit.set_key(entry, key, _style("claim", key, value), ORDER["claim"])
            if entry.get("kind") == "quote" and entry.get("source"):
                draft.verify.add(CLAIM_PREFIX + str(new_id))
            return f"changed {', '.join(fields)} of claim '{claim_id}' in {claim.place.file}"

        return self._commit(build, item_id=str(fields.get("id", claim_id)))

    def assign(self, assignments: Mapping[str, Sequence[str]]) -> Change:
        """Set who reviews each claim (claim id -> reviewers' names; none: unassigned), as
        one change however many claims and files: `factcheck assign` over a whole corpus is
        one write and one undo, not one per claim."""

        def build(draft: _Draft) -> str:
            files: set[str] = set()
            for claim_id, reviewers in assignments.items():
                claim, _, entry = draft.claim(claim_id)
                names = list(dict.fromkeys(name.strip() for name in reviewers if name.strip()))
                if names:
                    yamledit.set_key(
                        entry, "assigned", _style("claim", "assigned", names), ORDER["claim"]
                    )
                else:
                    yamledit.delete_key(entry, "assigned")
                files.add(claim.place.file)
            count = len(assignments)
            return f"assigned {count} claim{'s' if count != 1 else ''} in {len(files)} file(s)"

        return self._commit(build)

    # Evidence

    def add_quote(
        self, source_id: str, text: str, note: str | None = None, *, quote_id: str | None = None
    ) -> Change:
        """Quote `text` from the source, or find the quote of the same passage already there
        (then nothing is written). A passage not in the source is refused with its near miss."""
        return self._commit(lambda draft: _add_quote(draft, source_id, text, note, quote_id))

    def add_evidence(
        self, claim_id: str, source_id: str, text: str, stance: str, note: str | None = None
    ) -> Change:
        """Quote `text` from the source (or reuse the quote of that passage) and link it to the
        claim with `stance`, as one change: both files are written, or neither."""

        def build(draft: _Draft) -> str:
            draft.claim(claim_id)  # refuse an unknown claim before quoting anything
            quoted = _add_quote(draft, source_id, text, None, None)
            assert draft.made is not None
            linked = _link(draft, claim_id, draft.made, stance, note)
            return f"{quoted}; {linked}"

        return self._commit(build)

    def link(self, claim_id: str, quote_id: str, stance: str, note: str | None = None) -> Change:
        """Make the quote evidence of the claim with `stance` (and `note`, when given); a link
        that is there already gets the stance and note instead of a second link."""
        return self._commit(lambda draft: _link(draft, claim_id, quote_id, stance, note), quote_id)

    def set_stance(self, claim_id: str, quote_id: str, stance: str) -> Change:
        def build(draft: _Draft) -> str:
            claim, _, link = _find_link(draft, claim_id, quote_id)
            link["stance"] = yamledit.styled_like(link["stance"], stance)
            return f"'{quote_id}' {stance} claim '{claim_id}' ({claim.place.file})"

        return self._commit(build, quote_id)

    def unlink(self, claim_id: str, quote_id: str) -> Change:
        def build(draft: _Draft) -> str:
            claim, entry, _ = _find_link(draft, claim_id, quote_id)
            links = entry["evidence"]
            index = next(i for i, link in enumerate(links) if link.get("ref") == quote_id)
            if len(links) == 1:
                yamledit.delete_key(entry, "evidence")
            else:
                yamledit.delete_item(links, index)
            return f"'{quote_id}' is no longer evidence of claim '{claim_id}' ({claim.place.file})"

        return self._commit(build, quote_id)

    # Sources

    def add_source(
        self,
        text: str,
        *,
        outlet: str,
        title: str,
        source_id: str | None = None,
        url: str | None = None,
        published: str | None = None,
        author: str | None = None,
        captured: str | None = None,
        original: tuple[str, bytes] | None = None,
    ) -> Change:
        """A new source: `evidence/<id>.txt` (the text, never edited after), the original as
        captured (`original`: its suffix, such as '.html', and its bytes) beside it, and
        `evidence/<id>.yaml`. The id is made from outlet and date unless given."""

        def build(draft: _Draft) -> str:
            def taken(candidate: str) -> bool:
                names = [f"{candidate}.yaml", f"{candidate}.txt"]
                names += [f"{candidate}{original[0]}"] if original else []
                on_disk = any((self.root / "evidence" / name).exists() for name in names)
                return candidate in draft.corpus.sources or on_disk

            chosen = source_id or ids.source_id(outlet, published, taken)
            if source_id is not None and taken(source_id):
                raise WriteRefused(f"source id '{source_id}' is used already; choose another")
            draft.create(f"evidence/{chosen}.txt", text)
            fields: dict[str, Any] = {"id": chosen, "outlet": outlet, "title": title}
            fields |= {"url": url, "published": published, "author": author}
            fields["text"] = f"{chosen}.txt"
            if original is not None:
                draft.create(f"evidence/{chosen}{original[0]}", original[1])
                fields["original"] = f"{chosen}{original[0]}"
            fields["captured"] = captured
            relative = f"evidence/{chosen}.yaml"
            document = draft.new_yaml(relative, "evidence")
            document.data = yamledit.block_mapping(
                [
                    ("source", yamledit.block_mapping(_styled(fields, "source"))),
                    ("quotes", yamledit.flow_list([])),
                ]
            )
            draft.made = chosen
            return f"added source '{chosen}' ({relative})"

        return self._commit(build)

    # Undo

    def undo(self, change: Change) -> Change:
        """Put the files of `change` back as they were, if they are still as it left them."""

        def build(draft: _Draft) -> str:
            for file_change in change.files:
                if draft.disk(file_change.file) != file_change.after:
                    raise ChangedOnDisk(
                        f"{file_change.file} changed since '{change.summary}'; not undone"
                    )
                draft.replace(file_change.file, file_change.before)
            return f"undo of '{change.summary}'"

        return self._commit(build, change.item_id)

    # Making a change

    def _commit(self, build: Callable[[_Draft], str], item_id: str | None = None) -> Change:
        why = "a file changed on disk while it was being read"
        for _ in range(ATTEMPTS):
            before = self._loaded or load_corpus(self.root, cache_dir=self.cache_dir)
            self._loaded = None
            draft = _Draft(self.root, before)
            try:
                summary = build(draft)
            except _Stale as stale:
                why = str(stale)
                continue
            changed = draft.changed()
            if not changed:
                return Change(summary, (), item_id or draft.made)
            notes = self._check(before, draft, changed, summary)
            with self._locked():
                moved = [name for name in draft.read if _read(self.root / name) != draft.read[name]]
                if moved:
                    why = f"{', '.join(moved)} changed on disk while the change was being made"
                    continue
                files = tuple(
                    FileChange(name, draft.read[name], changed[name]) for name in _order(changed)
                )
                _write_all(self.root, files)
            return Change(summary, files, item_id or draft.made, notes)
        raise ChangedOnDisk(
            f"nothing was written: {why}, {ATTEMPTS} times. Try again once the other writer "
            "is done."
        )

    def _check(
        self, before: LoadResult, draft: _Draft, changed: dict[str, bytes | None], summary: str
    ) -> tuple[str, ...]:
        """Refuse the change if it brings an error; the warnings it brings are returned."""
        overlay: dict[str, str | None] = {}
        for name, content in changed.items():
            if name.endswith((".yaml", ".yml", ".txt")):
                try:
                    overlay[name] = None if content is None else content.decode("utf-8")
                except UnicodeDecodeError:
                    raise WriteRefused(f"{name} is not UTF-8 text; not written") from None
        after = load_corpus(self.root, cache_dir=self.cache_dir, overlay=overlay)
        problems_before = before.problems + _verified(before.corpus, draft.verify)
        problems_after = after.problems + _verified(after.corpus, draft.verify)
        errors = _findings(problems_after, Severity.ERROR)
        errors -= _findings(problems_before, Severity.ERROR)
        if errors:
            shown = tuple(sorted(f"{file}: {message}" for file, _, message in errors))
            raise WriteRefused(f"not written: {summary} would bring errors", shown)
        warnings = _findings(problems_after, Severity.WARNING)
        warnings -= _findings(problems_before, Severity.WARNING)
        return tuple(sorted(f"{file}: {message}" for file, _, message in warnings))

    @contextmanager
    def _locked(self) -> Iterator[None]:
        import filelock

        lock = filelock.FileLock(self.root / LOCK_FILE)
        try:
            with lock.acquire(timeout=LOCK_DEADLINE_SECONDS):
                yield
        except filelock.Timeout:
            raise WriteRefused(
                f"another factcheck process holds {LOCK_FILE}; nothing was written"
            ) from None


def _add_quote(
    draft: _Draft, source_id: str, text: str, note: str | None, quote_id: str | None
) -> str:
    source, document = draft.source(source_id)
    if source.text is None:
        raise WriteRefused(f"source '{source_id}' has no text to quote from; run factcheck check")
    passage = passage_for(draft.corpus, source, text)
    if not passage.acceptable:
        raise WriteRefused(f"not written: {passage.refusal(source)}")
    if passage.existing is not None:
        draft.made = passage.existing
        return f"'{source_id}' has this passage already, as quote '{passage.existing}'"
    if quote_id is not None and quote_id in draft.corpus.quotes:
        raise WriteRefused(f"quote id '{quote_id}' is used already")
    chosen = quote_id or ids.quote_id(passage.text, draft.corpus.quotes)
    entry = yamledit.block_mapping(
        _styled({"id": chosen, "quote": passage.text, "note": note}, "quote")
    )
    try:
        document.append("quotes", entry)
    except ValueError:
        raise WriteRefused(f"{source.place.file}: 'quotes:' is not a list to add to") from None
    draft.verify.add(chosen)
    draft.made = chosen
    return f"added quote '{chosen}' to {source.place.file}"


def _link(draft: _Draft, claim_id: str, quote_id: str, stance: str, note: str | None) -> str:
    claim, _, entry = draft.claim(claim_id)
    if quote_id not in draft.corpus.quotes and quote_id not in draft.verify:
        known = draft.corpus.quotes
        raise WriteRefused(f"no quote has the id '{quote_id}'{did_you_mean(quote_id, known)}")
    links = entry.get("evidence")
    for link in links if isinstance(links, list) else ():
        if isinstance(link, Mapping) and link.get("ref") == quote_id:
            link["stance"] = yamledit.styled_like(link["stance"], stance)
            if note is not None:
                yamledit.set_key(link, "note", yamledit.text_value(note), ("ref", "stance", "note"))
            return f"'{quote_id}' {stance} claim '{claim_id}' ({claim.place.file})"
    pairs: list[tuple[str, Any]] = [("ref", quote_id), ("stance", stance)]
    if note:
        pairs.append(("note", yamledit.text_value(note)))
    long_note = note is not None and (len(note) > _LONG_NOTE or "\n" in note)
    # Written as the claim's other links are: `- {ref: ...}` unless they are all in blocks.
    siblings = [link for link in links or () if isinstance(link, yamledit.CommentedMap)]
    in_blocks = bool(siblings) and not any(link.fa.flow_style() for link in siblings)
    made = (yamledit.block_mapping if long_note or in_blocks else yamledit.flow_mapping)(pairs)
    if isinstance(links, list):
        yamledit.append_item(links, made, "")
    else:
        yamledit.set_key(entry, "evidence", yamledit.CommentedSeq([made]), ORDER["claim"])
    return f"'{quote_id}' {stance} claim '{claim_id}' ({claim.place.file})"


def _find_link(draft: _Draft, claim_id: str, quote_id: str) -> tuple[Claim, Any, Any]:
    claim, _, entry = draft.claim(claim_id)
    for link in entry.get("evidence") or ():
        if isinstance(link, Mapping) and link.get("ref") == quote_id:
            return claim, entry, link
    raise WriteRefused(f"'{quote_id}' is not evidence of claim '{claim_id}'")


def _styled(fields: Mapping[str, Any], kind: str) -> list[tuple[str, Any]]:
    """The fields given (None and empty left out) in schema order, each styled."""
    order = ORDER[kind]
    known = [key for key in order if key in fields]
    extra = [key for key in fields if key not in order]  # refused by the check, with a message
    return [
        (key, _style(kind, key, fields[key]))
        for key in known + extra
        if fields[key] is not None and fields[key] != [] and fields[key] != ""
    ]


def _style(kind: str, key: str, value: Any) -> Any:
    if key in _DATE_KEYS and value is not None:
        return yamledit.date_value(str(value))
    if key in ("tags", "assigned") and isinstance(value, list | tuple):
        return yamledit.flow_list(value)
    if isinstance(value, str) and (key == _QUOTED[kind] or not _plain_is_safe(value)):
        return yamledit.text_value(value)
    return value


def _plain_is_safe(value: str) -> bool:
    """Whether `value` written bare reads back as itself: 'no', '2022', 'a: b', '# x' do not."""
    if "\n" in value or value != value.strip():
        return False
    try:
        return yamlio.parse(f"key: {value}") == {"key": value}
    except yamlio.YamlSyntaxError:
        return False


def _claims_file(file: str) -> str:
    relative = Path(file).as_posix().removeprefix("./")
    if not relative.startswith("claims/"):
        relative = f"claims/{relative}"
    if not relative.endswith((".yaml", ".yml")):
        relative += ".yaml"
    if ".." in Path(relative).parts:
        raise WriteRefused(f"{file}: a claims file must be inside claims/")
    return relative


def _findings(problems: list[Problem], severity: Severity) -> set[tuple[str, str, str]]:
    """Findings as (file, code, message without positions): the same finding after a change
    that moved its line is not a new one."""
    return {
        (problem.file, problem.code, _POSITION.sub("", problem.message))
        for problem in problems
        if problem.severity is severity
    }


def _verified(corpus: Corpus | None, items: set[str]) -> list[Problem]:
    """What verifying these quotes (and `claim:<id>` claims) finds, where they exist."""
    if corpus is None or not items:
        return []
    present = {item for item in items if _exists(corpus, item)}
    return verification_problems(corpus, verify_now(corpus, present))


def _exists(corpus: Corpus, item: str) -> bool:
    if item.startswith(CLAIM_PREFIX):
        claim = corpus.claims_by_id.get(item.removeprefix(CLAIM_PREFIX))
        source_id = claim.source_id if claim is not None else None
    else:
        quote = corpus.quotes.get(item)
        source_id = quote.source_id if quote is not None else None
    source = corpus.sources.get(source_id) if source_id is not None else None
    return source is not None and source.text is not None


def _order(changed: dict[str, bytes | None]) -> list[str]:
    """New texts and originals first, then evidence, then claims: a reader between two writes
    never meets a reference to something not written yet."""

    def rank(name: str) -> tuple[int, str]:
        if not name.endswith((".yaml", ".yml")):
            return 0, name
        return (1 if name.startswith("evidence/") else 2), name

    return sorted(changed, key=rank)


def _read(path: Path) -> bytes | None:
    try:
        return _read_corpus_file(path)
    except FileNotFoundError:
        return None


def _read_corpus_file(path: Path) -> bytes:
    """A file of the corpus as the loader reads it: only a regular file, and not past the
    largest limit of any kind of corpus file."""
    return read_regular_file(path, _LARGEST_FILE)[1]


_LARGEST_FILE = max(DEFAULT_LIMITS.source_text_bytes, DEFAULT_LIMITS.yaml_file_bytes)


def _write_all(root: Path, files: tuple[FileChange, ...]) -> None:
    """Write each file; if one fails, put back those written before it and raise."""
    done: list[FileChange] = []
    try:
        for change in files:
            _put(root / change.file, change.after)
            done.append(change)
    except OSError:
        for change in reversed(done):
            with contextlib.suppress(OSError):
                _put(root / change.file, change.before)
        raise


def _put(path: Path, content: bytes | None) -> None:
    if content is None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, content)
