"""The cache files factcheck keeps beside a user's corpora: where each lives, and how it is read
and written. Every cache is plain data under `marshal` and best effort: a cache that cannot be
read is rebuilt, one that cannot be written only costs time on the next run."""

from __future__ import annotations

import hashlib
import marshal
from pathlib import Path
from typing import Any

from factcheck.corpus.files import write_atomically


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
