"""Loading a corpus folder into the model, finding every problem on the way.

`load_corpus` never raises for anything wrong in the files: it returns the corpus it could build
(so the app can open a corpus with errors) and every problem found, located.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from factcheck.corpus import yamlio
from factcheck.corpus.diagnostics import ProblemCollector, did_you_mean, report_validation_error
from factcheck.corpus.files import (
    FileRefusedError,
    FileTooLargeError,
    check_regular_file,
    read_regular_file,
)
from factcheck.corpus.hidden_characters import flag_hidden_characters
from factcheck.corpus.limits import DEFAULT_LIMITS, claim_size_problem, quote_size_problem
from factcheck.corpus.model import (
    Claim,
    Corpus,
    EvidenceLink,
    Place,
    Quote,
    Settings,
    Source,
)
from factcheck.corpus.problems import Problem, Severity
from factcheck.corpus.records import YamlReader
from factcheck.corpus.schema import (
    ClaimEntry,
    ClaimKind,
    ClaimsFile,
    EvidenceFile,
    QuoteEntry,
    SettingsFile,
    SourceEntry,
    without_bad_web_addresses,
)
from factcheck.corpus.schema import EvidenceLink as EvidenceLinkEntry
from factcheck.corpus.settings import SETTINGS_FILE, limits_from, settings_from
from factcheck.corpus.snapshot import FileStat, read_snapshot, stat_files, write_snapshot

_YAML_SETTING = "limits: yaml_file_mb"
_SOURCE_TEXT_SETTING = "limits: source_text_mb"
_DECLARED_ID = re.compile(r"""^[ \t-]*id:[ \t]*["']?([A-Za-z0-9][A-Za-z0-9._-]*)""", re.MULTILINE)
# Records are read from checked YAML by field name (corpus/records.py): a new field declared in
# the model and the schema is loaded with no change here.
_SOURCE = YamlReader(Source, SourceEntry)
_QUOTE = YamlReader(Quote, QuoteEntry)
_CLAIM = YamlReader(Claim, ClaimEntry)
_LINK = YamlReader(EvidenceLink, EvidenceLinkEntry)


Overlay = Mapping[str, str | None]
"""Files read in place of the disk's (path relative to the root -> text; None: removed)."""


@dataclass(slots=True)
class LoadResult:
    corpus: Corpus | None
    problems: list[Problem]


def is_corpus(path: Path) -> bool:
    return (path / "claims").is_dir() and (path / "evidence").is_dir()


def load_corpus(
    root: Path, *, cache_dir: Path | None, overlay: Overlay | None = None
) -> LoadResult:
    """Load the corpus at `root`, keeping parsed files and a snapshot in `cache_dir`; None
    parses every file afresh. Commands open a corpus through `factcheck.workspace.Workspace`.

    `overlay` (path relative to `root` -> text) is read in place of what is on disk, or beside
    it for a new file, None for a file removed: the corpus writer's change, checked before it is
    written. Such a load reads the caches and keeps nothing, so what was never written cannot be
    taken for the disk's content later."""
    if not is_corpus(root):
        problem = Problem(
            str(root),
            None,
            None,
            Severity.ERROR,
            "not a corpus: a corpus is a folder with claims/ and evidence/ in it",
            "not-a-corpus",
        )
        return LoadResult(None, [problem])
    unlisted: list[Problem] = []
    evidence_files = _yaml_files(root, "evidence", overlay, unlisted)
    claim_files = _yaml_files(root, "claims", overlay, unlisted)
    with yamlio.garbage_collector_paused(kept=not overlay):
        if overlay:
            loader = _CorpusLoader(root, yamlio.ParseCache(root, cache_dir), overlay)
            return loader.load(evidence_files, claim_files, unlisted)
        if cache_dir is None or unlisted:
            # No snapshot: it knows the files it was made from, not the folders that hid some.
            return _CorpusLoader(root, yamlio.ParseCache(root, cache_dir)).load(
                evidence_files, claim_files, unlisted
            )
        # Stat before reading: a file changed during the load then misses the snapshot next time.
        yaml_stats = stat_files(root, [SETTINGS_FILE, *evidence_files, *claim_files])
        if (snapshot := read_snapshot(root, cache_dir, yaml_stats)) is not None:
            return LoadResult(*snapshot)
        loader = _CorpusLoader(root, yamlio.ParseCache(root, cache_dir))
        result = loader.load(evidence_files, claim_files, unlisted)
        if result.corpus is not None:
            write_snapshot(
                result.corpus, result.problems, cache_dir, yaml_stats, tuple(loader.text_stats)
            )
        return result


def _yaml_files(
    root: Path, folder: str, overlay: Overlay | None = None, unlisted: list[Problem] | None = None
) -> list[str]:
    """The YAML files under `folder`, relative to `root`; a folder that cannot be listed is
    added to `unlisted` (Path.rglob skipped it without a word: an unreadable claims/ was a
    corpus of no claims and no errors)."""

    def cannot_list(error: OSError) -> None:
        if unlisted is not None:
            where = Path(error.filename or root / folder).relative_to(root).as_posix()
            message = f"cannot be read: {error.strerror}; the files in it are left out"
            unlisted.append(Problem(f"{where}/", None, None, Severity.ERROR, message, "unreadable"))

    # Anything named .yaml that is not a folder: a FIFO or a broken link is reported by the
    # reader, where `is_file()` left it out without a word. Links to folders are not followed.
    relatives = {
        Path(folder_path, name).relative_to(root).as_posix()
        for folder_path, _folders, names in os.walk(root / folder, onerror=cannot_list)
        for name in names
        if os.path.splitext(name)[1] in {".yaml", ".yml"}
    }
    for name, text in (overlay or {}).items():
        if name.startswith(f"{folder}/") and name.endswith((".yaml", ".yml")):
            if text is None:
                relatives.discard(name)
            else:
                relatives.add(name)
    return sorted(relatives)


class _CorpusLoader:
    def __init__(
        self, root: Path, cache: yamlio.ParseCache, overlay: Overlay | None = None
    ) -> None:
        self.root = root
        self.overlay = overlay or {}
        self.resolved_root = os.path.realpath(root)
        self.resolved_root_prefix = os.path.join(self.resolved_root, "")
        self.cache = cache
        self.collector = ProblemCollector(root)
        self.sources: dict[str, Source] = {}
        self.quotes: dict[str, Quote] = {}
        self.claims: list[Claim] = []
        self.claim_places: dict[str, Place] = {}
        # Ids written in entries too broken to load: references to them are not reported again.
        self.broken_ids: set[str] = set()
        self.text_stats: list[FileStat] = []
        """Each source text as it was when read, for the snapshot to tell whether it changed."""
        self.limits = DEFAULT_LIMITS
        """factcheck.yaml's, once it is read: the settings file itself is read under the
        defaults."""

    def load(
        self, evidence_files: list[str], claim_files: list[str], unlisted: list[Problem]
    ) -> LoadResult:
        """Load the files listed; `unlisted` are the folders that could not be listed."""
        for problem in unlisted:
            self.collector.add(problem)
        settings = self._load_settings()  # first: it says how large a file may be
        yamlio.parse_into(
            self.cache,
            self.root,
            [*evidence_files, *claim_files],
            limit=self.limits.yaml_file_bytes,
        )
        for relative in evidence_files:
            self._load_evidence(relative)
        for relative in claim_files:
            self._load_claims(relative)
        self._check_references()
        flag_hidden_characters(self.collector, self.quotes.values(), self.claims)
        seen = set(evidence_files) | set(claim_files) | {SETTINGS_FILE}
        if not self.overlay:
            self.cache.keep_only(seen)
            self.cache.save()
        corpus = Corpus(self.root, settings, self.sources, self.quotes, self.claims)
        return LoadResult(corpus, self.collector.problems())

    # Reading files

    def _read(self, relative: str) -> yamlio.CachedFile | None:
        """The parsed file, or None after reporting why it can't be parsed."""
        if (overlaid := self.overlay.get(relative)) is not None:
            return self._parse(relative, overlaid)
        path = self.root / relative
        limit = self._yaml_limit(relative)
        try:
            # Checked before the cache answers: a file swapped for a FIFO, or grown past the
            # limit, is refused even while an entry of the same size and time is cached.
            stat = check_regular_file(path, limit)
            if (hit := self.cache.get(relative, stat)) is not None:
                return hit
            stat, raw = read_regular_file(path, limit)
        except FileTooLargeError as error:
            self._file_problem(relative, self._too_large(error, relative), "too-large")
            return None
        except OSError as error:
            self._file_problem(relative, _cannot_read(error), "unreadable")
            return None
        text = self._decode(relative, raw)
        parsed = None if text is None else self._parse(relative, text)
        if parsed is None:
            return None
        self.cache.put(relative, stat, parsed.data)
        return self.cache.get(relative, stat)

    def _parse(self, relative: str, text: str) -> yamlio.CachedFile | None:
        """The data of `text`, not cached, or None after reporting where it is broken."""
        try:
            return yamlio.CachedFile(0, 0, yamlio.parse(text, limit=self._yaml_limit(relative)))
        except yamlio.YamlSyntaxError as error:
            message = error.message
            if error.code == "too-large" and relative != SETTINGS_FILE:
                message += f", or raise {_YAML_SETTING} in {SETTINGS_FILE}"
            self.collector.add(
                Problem(relative, error.line, error.column, Severity.ERROR, message, error.code)
            )
            return None

    def _yaml_limit(self, relative: str) -> int:
        if relative == SETTINGS_FILE:  # read before its own limits are known
            return DEFAULT_LIMITS.yaml_file_bytes
        return self.limits.yaml_file_bytes

    def _too_large(self, error: FileTooLargeError, relative: str) -> str:
        if relative == SETTINGS_FILE:
            return f"{error.strerror} for {SETTINGS_FILE}"
        return f"{error.strerror} for a YAML file; raise {_YAML_SETTING} in {SETTINGS_FILE}"

    def _decode(self, relative: str, raw: bytes) -> str | None:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line, column = _byte_position(raw, error.start)
            message = (
                f"not UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded; "
                "save the file as UTF-8"
            )
            self.collector.add(Problem(relative, line, column, Severity.ERROR, message, "encoding"))
            return None

    def _file_problem(self, relative: str, message: str, code: str) -> None:
        self.collector.add(Problem(relative, 1, 1, Severity.ERROR, message, code))

    def _check(self, relative: str, read: yamlio.CachedFile, model: type[BaseModel]) -> bool:
        """Whether the file's data fits the schema, reporting where it does not.

        The model objects are thrown away: the corpus is built from the checked plain data, so
        an unchanged file that passed before (most of a large corpus) skips the check, a third
        of the load time at 10,000 claims."""
        if read.checked:
            return True
        try:
            model.model_validate(read.data)
        except ValidationError as error:
            report_validation_error(self.collector, relative, (), model, error)
            return False
        if relative not in self.overlay:  # the cache holds the file on disk, not this text
            self.cache.mark_checked(relative)
        return True

    # The three kinds of file

    def _load_settings(self) -> Settings:
        if not os.path.lexists(self.root / SETTINGS_FILE):
            return Settings()
        read = self._read(SETTINGS_FILE)
        if read is None:
            return Settings()
        data = read.data if read.data is not None else {}
        try:
            parsed = SettingsFile.model_validate(data)
        except ValidationError as error:
            report_validation_error(self.collector, SETTINGS_FILE, (), SettingsFile, error)
            salvaged = without_bad_web_addresses(SettingsFile, data)
            if salvaged is None:
                return Settings()
            parsed = SettingsFile.model_validate(salvaged)
        self.limits = limits_from(parsed)
        self.collector.limit = self.limits.yaml_file_bytes
        return settings_from(parsed, self.collector)

    def _load_evidence(self, relative: str) -> None:
        read = self._read(relative)
        if read is None:
            self._note_ids_of_unreadable(relative)
            return
        data = read.data
        if not isinstance(data, dict):
            self._file_problem(
                relative, "an evidence file must be a mapping with 'source:' and 'quotes:'", "shape"
            )
            return
        if self._check(relative, read, EvidenceFile):
            raw_source, quotes = data["source"], list(enumerate(data.get("quotes") or []))
        else:
            raw_source, quotes = self._salvage_evidence(data)
        if raw_source is None:
            self.broken_ids.update(_ids_in(data.get("quotes")))
            return
        source = self._source(relative, raw_source)
        if source is None:
            return
        for index, raw in quotes:
            place = Place(relative, ("quotes", index))
            quote_id = raw["id"]
            if quote_id in self.quotes:
                self._duplicate("quote", quote_id, place, self.quotes[quote_id].place)
                continue
            self.quotes[quote_id] = _QUOTE.read(raw, source_id=source.id, place=place)
            source.quote_ids.append(quote_id)
            if too_long := quote_size_problem(raw["quote"], self.limits):
                self.collector.at(
                    Place(relative, ("quotes", index, "quote")),
                    Severity.ERROR,
                    "too-long",
                    too_long,
                )

    def _note_ids_of_unreadable(self, relative: str) -> None:
        """The ids a broken file seems to declare, so that every claim citing its quotes is not
        reported again: the file's own error is the one to fix."""
        try:
            _, raw = read_regular_file(self.root / relative, self._yaml_limit(relative))
        except OSError:
            return
        self.broken_ids.update(_DECLARED_ID.findall(raw.decode("utf-8", errors="replace")))

    def _salvage_evidence(
        self, data: dict[str, Any]
    ) -> tuple[dict[str, Any] | None, list[tuple[int, dict[str, Any]]]]:
        """The source and the quotes of a file that failed its check, where they pass alone."""
        raw_source = data.get("source")
        raw_quotes = data.get("quotes")
        quotes: list[tuple[int, dict[str, Any]]] = []
        for index, item in enumerate(raw_quotes if isinstance(raw_quotes, list) else []):
            if _fits(QuoteEntry, item):
                quotes.append((index, item))
            elif isinstance(item, dict) and isinstance(item.get("id"), str):
                self.broken_ids.add(item["id"])
        return without_bad_web_addresses(SourceEntry, raw_source), quotes

    def _source(self, relative: str, raw: dict[str, Any]) -> Source | None:
        place = Place(relative, ("source",))
        source_id = raw["id"]
        if source_id in self.sources:
            self._duplicate("source", source_id, place, self.sources[source_id].place)
            return None
        if Path(relative).stem != source_id:
            self.collector.at(
                Place(relative, ("source", "id")),
                Severity.WARNING,
                "source-file-name",
                f"source id '{source_id}' differs from its file name; name the file "
                f"evidence/{source_id}.yaml so people can find it",
            )
        text_file, text = self._source_text(relative, raw["text"])
        source = _SOURCE.read(raw, text_file=text_file, text=text, place=place, quote_ids=[])
        self.sources[source_id] = source
        return source

    def _source_text(self, relative: str, written: str) -> tuple[str | None, str | None]:
        place = Place(relative, ("source", "text"))

        def fail(message: str, code: str) -> tuple[None, None]:
            self.collector.at(place, Severity.ERROR, code, message)
            return None, None

        if os.path.isabs(written) or written.startswith("~"):
            return fail(
                f"source text '{written}' must be a path relative to this file", "text-path"
            )
        # os.path, not pathlib: this runs once per source, 2,000 times in a large corpus.
        written_path = os.path.normpath(os.path.join(os.path.dirname(relative), written))
        self.text_stats.extend(stat_files(self.root, [written_path]))
        resolved = os.path.realpath(os.path.join(self.resolved_root, written_path))
        if not resolved.startswith(self.resolved_root_prefix):
            return fail(
                f"source text '{written}' is outside the corpus; copy it into evidence/",
                "text-path",
            )
        text_file = resolved[len(self.resolved_root_prefix) :].replace(os.sep, "/")
        limit = self.limits.source_text_bytes
        try:
            if text_file in self.overlay:
                raw = _overlaid_bytes(self.overlay[text_file], limit)
            else:
                _, raw = read_regular_file(resolved, limit)
        except FileNotFoundError:
            return fail(
                f"source text '{written}' does not exist (looked for {text_file})", "text-missing"
            )
        except FileTooLargeError as error:
            return fail(
                f"source text '{written}' {error.strerror} for a source text; raise "
                f"{_SOURCE_TEXT_SETTING} in {SETTINGS_FILE} if it is right",
                "too-large",
            )
        except OSError as error:
            return fail(f"source text '{written}' {_cannot_read(error)}", "text-unreadable")
        text = self._decode(text_file, raw)
        if text is None:
            return None, None
        if not text.strip():
            return fail(
                f"source text '{written}' is empty; capture the article's text into it",
                "text-empty",
            )
        return text_file, text

    def _load_claims(self, relative: str) -> None:
        read = self._read(relative)
        if read is None:
            return
        data = read.data
        if not isinstance(data, dict):
            self._file_problem(relative, "a claims file must be a mapping with 'claims:'", "shape")
            return
        raw_claims = data.get("claims")
        items = list(enumerate(raw_claims if isinstance(raw_claims, list) else []))
        if not self._check(relative, read, ClaimsFile):
            items = [(index, item) for index, item in items if _fits(ClaimEntry, item)]
        for index, raw in items:
            self._claim(relative, index, raw)

    def _claim(self, relative: str, index: int, raw: dict[str, Any]) -> None:
        place = Place(relative, ("claims", index))
        claim_id = raw["id"]
        if claim_id in self.claim_places:
            self._duplicate("claim", claim_id, place, self.claim_places[claim_id])
            return
        self.claim_places[claim_id] = place
        links = tuple(
            _LINK.read(link, place=Place(relative, ("claims", index, "evidence", number)))
            for number, link in enumerate(raw.get("evidence") or ())
        )
        self.claims.append(_CLAIM.read(raw, evidence=links, place=place))
        if too_long := claim_size_problem(raw["text"], self.limits):
            # Still loaded, so the app shows it (cut short) with this error beside it.
            self.collector.at(
                Place(relative, ("claims", index, "text")), Severity.ERROR, "too-long", too_long
            )

    # Across files

    def _duplicate(self, what: str, item_id: str, place: Place, first: Place) -> None:
        self.collector.at(
            Place(place.file, (*place.path, "id")),
            Severity.ERROR,
            "duplicate-id",
            f"duplicate {what} id '{item_id}': first defined at {{related}}; ids must be unique "
            "in the corpus",
            related=Place(first.file, (*first.path, "id")),
        )

    def _check_references(self) -> None:
        for claim in self.claims:
            if not claim.evidence:
                self.collector.at(
                    claim.place,
                    Severity.WARNING,
                    "no-evidence",
                    f"claim '{claim.id}' has no evidence yet; add quotes under 'evidence:'",
                )
            for link in claim.evidence:
                if link.quote_id not in self.quotes and link.quote_id not in self.broken_ids:
                    self._unknown(
                        Place(link.place.file, (*link.place.path, "ref")),
                        "quote",
                        link.quote_id,
                        self.quotes,
                    )
            if claim.source_id is None:
                if claim.kind is ClaimKind.QUOTE:
                    self.collector.at(
                        claim.place,
                        Severity.ERROR,
                        "quote-without-source",
                        f"claim '{claim.id}' is a quote but names no 'source' to verify it against",
                    )
            elif claim.source_id not in self.sources and claim.source_id not in self.broken_ids:
                self._unknown(
                    Place(claim.place.file, (*claim.place.path, "source")),
                    "source",
                    claim.source_id,
                    self.sources,
                )

    def _unknown(self, place: Place, what: str, item_id: str, known: dict[str, Any]) -> None:
        message = f"no {what} has the id '{item_id}'{did_you_mean(item_id, known)}"
        self.collector.at(place, Severity.ERROR, "unknown-ref", message)


def _overlaid_bytes(text: str | None, limit: int) -> bytes:
    if text is None:  # removed by the change being checked
        raise FileNotFoundError(text)
    raw = text.encode("utf-8")
    if len(raw) > limit:
        raise FileTooLargeError(len(raw), limit)
    return raw


def _cannot_read(error: OSError) -> str:
    """'is a FIFO (named pipe), not a regular file; …' or 'cannot be read: Permission denied'."""
    if isinstance(error, FileRefusedError):
        return error.strerror or "cannot be read"
    return f"cannot be read: {error.strerror}"


def _fits(model: type[BaseModel], data: Any) -> bool:
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True


def _ids_in(items: Any) -> Iterator[str]:
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            yield item["id"]


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1
