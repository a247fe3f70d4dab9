"""The colour theme a person chose (`review --theme NAME`, or Textual's command palette), kept
for the next `review` in the user's cache folder: one small file for all corpora, never in a
corpus (it is a matter of eyes and terminals, not of the fact-check). Losing it costs only the
choice, so nothing here raises."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.corpus.files import write_atomically

FILE_NAME = "theme.json"
"""The file under the cache folder."""

DEFAULT_THEME = "textual-dark"


def recall(cache_dir: Path | None) -> str | None:
    """The name of the theme chosen last, or None when none was kept (or no cache folder)."""
    if cache_dir is None:
        return None
    try:
        kept = json.loads((cache_dir / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    theme = kept.get("theme") if isinstance(kept, dict) else None
    return theme if isinstance(theme, str) else None


def remember(cache_dir: Path | None, theme: str) -> None:
    """Keep `theme` as the one the next `review` opens with."""
    if cache_dir is None:
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_atomically(cache_dir / FILE_NAME, json.dumps({"theme": theme}), durable=False)
    except OSError:
        pass  # a read-only or full cache folder: the next review opens with the default
