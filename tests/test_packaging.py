"""The wheel: what `pip install` / `pipx install` puts on a machine must hold the bundled corpus
(so `factcheck review` works from any folder), the report templates and the app's stylesheet,
none of which are Python modules a build would pick up by itself."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

needs_build = pytest.mark.skipif(
    importlib.util.find_spec("build") is None or importlib.util.find_spec("hatchling") is None,
    reason="`build` and `hatchling` are not installed (pip install -e '.[test]')",
)


@needs_build
def test_the_wheel_holds_the_bundled_corpus_templates_and_stylesheet(tmp_path: Path) -> None:
    # --no-isolation: the backend installed in this environment, no download, about a second.
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", str(tmp_path), "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    [wheel] = tmp_path.glob("factcheck-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())

    for folder in ("claims", "evidence"):
        files = (p for p in (ROOT / folder).rglob("*") if p.is_file())
        in_repo = {p.relative_to(ROOT).as_posix() for p in files}
        assert in_repo, f"the repository has no {folder}/ to bundle"
        for name in in_repo:
            assert f"factcheck/_bundled/{name}" in names
    assert "factcheck/_bundled/factcheck.yaml" in names
    for template in (ROOT / "factcheck/report/templates").glob("*.j2"):
        assert f"factcheck/report/templates/{template.name}" in names
    assert "factcheck/app/app.tcss" in names
    # The command users run, installed as a script.
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    scripts = zipfile.ZipFile(wheel).read(entry_points).decode("utf-8")
    assert "factcheck = factcheck.cli:main" in scripts
