"""Where a reviewer was: the claim selected when the app closed, selected again on the next
open of the same corpus by the same reviewer.

Kept in the user's cache folder, one small file per corpus folder and reviewer, never in the
corpus: it is no one else's business and not worth a commit. Losing it costs only the place to
resume from, so nothing here raises.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from factcheck.corpus.files import write_atomically

FOLDER = "last-claim"
"""The folder under the cache folder."""


def _where(cache_dir: Path, root: Path, reviewer: str) -> tuple[Path, dict[str, str]]:
    identity = {"corpus": str(root.resolve()), "reviewer": reviewer}
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode("utf-8")).hexdigest()
    return cache_dir / FOLDER / f"{digest[:32]}.json", identity


def recall(cache_dir: Path | None, root: Path, reviewer: str) -> str | None:
    """The id of the claim `reviewer` had selected in the corpus at `root` when the app last
    closed; None when there is none to recall (or no cache folder)."""
    if cache_dir is None:
        return None
    path, identity = _where(cache_dir, root, reviewer)
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or any(kept.get(k) != v for k, v in identity.items()):
        return None
    claim = kept.get("claim")
    return claim if isinstance(claim, str) else None


def remember(cache_dir: Path | None, root: Path, reviewer: str, claim_id: str) -> None:
    """Keep `claim_id` as where `reviewer` is in the corpus at `root`."""
    if cache_dir is None:
        return
    path, identity = _where(cache_dir, root, reviewer)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps({**identity, "claim": claim_id}), durable=False)
    except OSError:
        pass  # a read-only or full cache folder: the next open starts at the first claim
