"""The rules of the parts (CONTRIBUTING.md, "What may import what").

`lint-imports` (in .ci/run) checks the imports written in the code against the contracts in
pyproject.toml. These tests check what it cannot: what importing a module really loads (the core
never Textual or Rich, so `check` and `export` start fast and the core runs without a terminal),
that the contracts name every part, and that every module of the package lies in a part.
"""

from __future__ import annotations

import importlib.util
import json
import pkgutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

from factcheck.report.registry import FORMATS

ROOT = Path(__file__).resolve().parent.parent

CORE_PARTS = ("workspace", "report", "reviews", "corpus", "quotes", "processes")
"""The parts that never import Textual or Rich, top layer first."""
UI_PARTS = ("cli", "app")
"""Over the core: the command line, then the app (which never imports the command line)."""
ENTRY_POINTS = ("__main__",)
"""`python -m factcheck`: not a part, it only calls the command line."""
UI_LIBRARIES = ("textual", "rich")


def modules_of(part: str) -> list[str]:
    """Every module of `factcheck.<part>`, found on disk, the part itself first."""
    name = f"factcheck.{part}"
    spec = importlib.util.find_spec(name)
    assert spec is not None, f"{name} does not exist: update the parts here and in pyproject.toml"
    if spec.submodule_search_locations is None:
        return [name]

    def cannot_walk(package: str) -> None:
        raise AssertionError(f"cannot list the modules of {package}")

    found = [
        info.name
        for info in pkgutil.walk_packages(
            spec.submodule_search_locations, prefix=f"{name}.", onerror=cannot_walk
        )
    ]
    assert found, f"{name} is a package with no modules"
    return [name, *found]


# Each module is imported in turn in one fresh interpreter, which reports the first whose import
# brought a UI library in (one interpreter per module would cost a second per ten modules).
PROBE = """
import importlib, json, sys
for module in json.loads(sys.argv[1]):
    importlib.import_module(module)
    loaded = sorted(m for m in sys.modules if m.split(".")[0] in {libraries!r})
    if loaded:
        print(module, "loaded", ", ".join(loaded[:5]))
        break
"""


def first_module_loading_ui(modules: list[str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(libraries=set(UI_LIBRARIES)), json.dumps(modules)],
        capture_output=True,
        text=True,
        check=False,
    )
    # A module that cannot be imported fails here, never skips.
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.mark.parametrize("part", CORE_PARTS)
def test_no_core_module_loads_textual_or_rich(part: str) -> None:
    assert first_module_loading_ui(modules_of(part)) == ""


def test_the_command_line_starts_without_textual_or_rich() -> None:
    # It imports the app inside `review` only, so `check` and `export` start fast.
    assert first_module_loading_ui(["factcheck.cli"]) == ""


def test_every_module_of_the_package_lies_in_a_part() -> None:
    package = ROOT / "factcheck"
    top_level = {info.name for info in pkgutil.iter_modules([str(package)])}
    assert top_level - {*CORE_PARTS, *UI_PARTS, *ENTRY_POINTS} == set(), (
        "a module outside the parts: move it into one, or add a part here and in pyproject.toml"
    )
    assert {*CORE_PARTS, *UI_PARTS} - top_level == set()


def importlinter_contracts() -> list[dict[str, object]]:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts: list[dict[str, object]] = settings["tool"]["importlinter"]["contracts"]
    return contracts


def test_the_import_contracts_name_every_part_in_its_layer() -> None:
    contracts = importlinter_contracts()
    (layers,) = [c["layers"] for c in contracts if c["type"] == "layers"]
    assert layers == [f"factcheck.{part}" for part in (*UI_PARTS, *CORE_PARTS)]
    (forbidden,) = [c for c in contracts if c["type"] == "forbidden"]
    assert sorted(forbidden["source_modules"]) == sorted(f"factcheck.{p}" for p in CORE_PARTS)
    assert sorted(forbidden["forbidden_modules"]) == sorted(UI_LIBRARIES)


def test_lint_imports_sees_every_renderer_the_registry_loads() -> None:
    """A renderer imported by name through importlib would escape the contracts."""
    graph = grimp.build_graph("factcheck", cache_dir=None)
    for fmt in FORMATS.values():
        module = fmt.load().__module__
        assert module.startswith("factcheck.report."), (fmt.name, module)
        assert graph.direct_import_exists(importer="factcheck.report.registry", imported=module), (
            f"lint-imports cannot see that the registry imports {module} ({fmt.name})"
        )
