"""The cache files factcheck keeps beside a user's corpora: where each lives, and how it is read
and written. Every cache is plain data under `marshal` and best effort: a cache that cannot be
read is rebuilt, one that cannot be written only costs time on the next run."""

from __future__ import annotations

import functools
import hashlib
import marshal
import sys
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from factcheck import __version__
from factcheck.corpus import dates, model, schema
from factcheck.corpus.files import write_atomically
from factcheck.quotes import thresholds


def cache_key(kind: str, *layout: Any, code: Iterable[types.ModuleType] = ()) -> tuple[Any, ...]:
    """What a cache of `kind` is stored with, and must be read back with to be used: factcheck's
    version, Python's (marshal's format is Python's), a fingerprint of the corpus schema and of
    the quote thresholds (either can change in a working copy with no new version, and a file
    checked, a snapshot built or a quote anchored under the old ones would be served as new),
    the cache's own `layout`, and a fingerprint of the modules whose rules made what it holds
    (`code`: the figure rules, the claim matcher, the sentence splitter). Any difference, and
    the cache misses."""
    made_by = ()
    if modules := tuple(code):
        fingerprint = hashlib.sha256(b"".join(_source_of(module) for module in modules))
        made_by = (fingerprint.hexdigest()[:16],)
    return (f"factcheck-{kind}", *layout, *made_by, _made_with())


@functools.cache
def _made_with() -> str:
    """Once per process, in a fraction of a millisecond. The schema is fingerprinted by the text
    of the modules that declare what a file must hold (the models, the enums and the date rules
    they use), not by its JSON Schema: generating that took 5-9 ms per process, against 250 ms
    for loading 10,000 claims from the snapshot. An edit to a comment there misses the caches
    once; that is the price of never serving a stale one."""
    fingerprint = hashlib.sha256()
    for module in (schema, model, dates):
        fingerprint.update(_source_of(module))
    limits = sorted((name, value) for name, value in vars(thresholds).items() if name.isupper())
    fingerprint.update(repr(limits).encode())
    python = f"python{sys.version_info[0]}.{sys.version_info[1]}"
    return f"{__version__} {python} {fingerprint.hexdigest()[:16]}"


def _source_of(module: types.ModuleType) -> bytes:
    """The module's source; without one (a frozen build), its name: the version then decides."""
    try:
        return Path(module.__file__ or "").read_bytes()
    except OSError:
        return module.__name__.encode()


def cache_file(cache_dir: Path, kind: str, root: Path) -> Path:
    """The file of cache `kind` for the corpus at `root`: corpora do not evict each other."""
    digest = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:20]
    return cache_dir / f"{kind}-{digest}.marshal"


def read_cache(path: Path) -> Any | None:
    """The stored document, or None when there is none or it cannot be read back."""
    try:
        # loads of the bytes, not load of the file: that reads in small pieces, 7x slower.
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def write_cache(path: Path, document: Any) -> None:
    """Replace the file whole (never half a cache), and never fail the command. Not fsynced: a
    cache lost to a power cut is rebuilt, and fsyncing 20 MB would cost the run."""
    try:
        content = marshal.dumps(document)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, content, durable=False)
    except (OSError, ValueError):
        pass
