"""The core never imports Textual or Rich: `check` and `export` start fast, and the core can be
used without a terminal."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE_MODULES = [
    "factcheck.corpus.loader",
    "factcheck.corpus.snapshot",
    "factcheck.corpus.generate",
    "factcheck.reviews",
    "factcheck.reviews.agreement",
    "factcheck.workspace.checking",
    "factcheck.quotes.batch",
    "factcheck.corpus.anchors",
    "factcheck.corpus.cache_files",
    "factcheck.quotes",
    "factcheck.report",
    "factcheck.report.loading",
    "factcheck.cli",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    probe = (
        f"import importlib, sys; importlib.import_module({module!r}); "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'rich'}); "
        "print(','.join(bad))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
