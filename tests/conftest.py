"""Shared fixtures: every test works on its own corpus copy and its own parse cache."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The parse cache must never leak between tests or into the user's home.
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def bundled_copy(tmp_path: Path) -> Path:
    """A copy of the repository's corpus that a test may change."""
    root = tmp_path / "corpus"
    root.mkdir()
    shutil.copytree(REPO / "claims", root / "claims")
    shutil.copytree(REPO / "evidence", root / "evidence")
    shutil.copy(REPO / "factcheck.yaml", root / "factcheck.yaml")
    return root


SOURCE_TEXT = (
    "KABUL: The spokesman said the group had been defeated.\n"
    "Nineteen people were killed in the attack on the hospital.\n"
    "Residents said they did not feel safe in the city.\n"
)

EVIDENCE_YAML = """\
source:
  id: wire-2021
  outlet: Wire
  title: "A report"
  published: 2021-11
  text: wire-2021.txt
quotes:
  - id: toll
    quote: "Nineteen people were killed in the attack on the hospital."
  - id: unsafe
    quote: "Residents said they did not feel safe in the city."
"""

CLAIMS_YAML = """\
claims:
  - id: defeated
    text: "the group had been defeated"
    kind: quote
    claimant: A Spokesman
    source: wire-2021
    evidence:
      - {ref: toll, stance: contradicts}
      - {ref: unsafe, stance: contradicts}
"""

CorpusWriter = Callable[..., Path]


@pytest.fixture
def write_corpus(tmp_path: Path) -> CorpusWriter:
    """Write a small valid corpus into tmp_path; keyword arguments replace or add files
    (relative path -> text; None removes the file)."""

    def write(files: dict[str, str | None] | None = None) -> Path:
        root = tmp_path / "corpus"
        contents: dict[str, str | None] = {
            "evidence/wire-2021.yaml": EVIDENCE_YAML,
            "evidence/wire-2021.txt": SOURCE_TEXT,
            "claims/main.yaml": CLAIMS_YAML,
        }
        contents.update(files or {})
        for relative, text in contents.items():
            path = root / relative
            if text is None:
                path.unlink(missing_ok=True)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
        (root / "claims").mkdir(parents=True, exist_ok=True)
        (root / "evidence").mkdir(parents=True, exist_ok=True)
        return root

    return write
