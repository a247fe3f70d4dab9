"""An installed factcheck never writes inside its package: the bundled corpus is copied into the
user data folder on first use, and every command with no PATH uses that copy.

The installed package is simulated: `locate._PACKAGE` points at a read-only folder laid out as
site-packages/factcheck/_bundled/ is by the wheel (pyproject's force-include).
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from textual.widgets import Static

from factcheck.app import create_app
from factcheck.app.screens.help import HelpScreen
from factcheck.cli import cli
from factcheck.workspace import locate
from tests.conftest import REPO
from tests.test_app_review import opened

Tree = dict[str, tuple[int, int]]


def tree(folder: Path) -> Tree:
    """Every file and folder under `folder`, with its size and modification time."""
    found: Tree = {}
    for path in sorted(folder.rglob("*")):
        status = path.stat()
        found[str(path.relative_to(folder))] = (status.st_size, status.st_mtime_ns)
    return found


def make_read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


@pytest.fixture
def installed_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A read-only site-packages/factcheck holding the bundled corpus; the current folder is
    not a corpus, so commands with no PATH fall back on the bundled one."""
    package = tmp_path / "site-packages" / "factcheck"
    bundled = package / "_bundled"
    bundled.mkdir(parents=True)
    shutil.copytree(REPO / "claims", bundled / "claims")
    shutil.copytree(REPO / "evidence", bundled / "evidence")
    shutil.copy(REPO / "factcheck.yaml", bundled / "factcheck.yaml")
    make_read_only(package)
    monkeypatch.setattr(locate, "_PACKAGE", package)
    elsewhere = tmp_path / "home"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    yield package
    # Writable again, so pytest can clean the temporary folder up.
    for path in [package, *package.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


def data_copy() -> Path:
    return Path(os.environ["FACTCHECK_DATA_DIR"]) / "bundled-corpus"


async def test_review_outside_a_corpus_saves_ratings_in_the_data_folder_not_the_package(
    installed_package: Path,
) -> None:
    before = tree(installed_package)
    root = locate.resolve_corpus(None)
    assert root == data_copy()
    app = create_app(root, "Alice")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await opened(pilot)
        first = screen.claim_list.selected
        assert first is not None
        await pilot.press("1")
        saved = root / "reviews" / "alice.yaml"
        reviews = yaml.safe_load(saved.read_text(encoding="utf-8"))["reviews"]
        assert [(r["claim"], r["verdict"]) for r in reviews] == [(first.id, "True")]

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        said = str(app.screen.query_one("#help-saved-to", Static).render())
        assert str(saved) in said
    assert tree(installed_package) == before


def test_first_command_copies_the_bundled_corpus_once_and_says_where(
    installed_package: Path,
) -> None:
    before = tree(installed_package)
    first = CliRunner().invoke(cli, ["check", "--no-quotes"])
    assert first.exit_code == 0, first.stderr
    assert "12 claims" in first.stdout
    assert f"copied it to {data_copy()}" in first.stderr
    assert "ratings are saved in its reviews/ folder" in first.stderr

    again = CliRunner().invoke(cli, ["check", "--no-quotes"])
    assert again.exit_code == 0
    assert "copied" not in again.stderr
    assert tree(installed_package) == before


def test_export_with_no_path_reports_the_ratings_made_on_the_copy(
    installed_package: Path,
) -> None:
    root = locate.resolve_corpus(None)
    assert root is not None
    (root / "reviews").mkdir()
    (root / "reviews" / "alice.yaml").write_text(
        "reviewer: Alice\nreviews:\n"
        "  - {claim: daesh-defeated, verdict: 'False', note: Attacks go on,\n"
        "     time: '2024-01-01T00:00:00+00:00', fingerprint: x}\n",
        encoding="utf-8",
    )
    exported = CliRunner().invoke(cli, ["export", "--format", "json", "--no-verify"])
    assert exported.exit_code == 0, exported.stderr
    assert "Attacks go on" in exported.stdout


def test_ratings_an_older_version_wrote_in_the_package_come_along(
    installed_package: Path,
) -> None:
    for path in [installed_package, *installed_package.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)
    old = installed_package / "_bundled" / "reviews"
    old.mkdir()
    (old / "alice.yaml").write_text("reviewer: Alice\nreviews: []\n", encoding="utf-8")
    (old / ".alice.lock").write_text("", encoding="utf-8")
    root = locate.resolve_corpus(None)
    assert root == data_copy()
    assert (root / "reviews" / "alice.yaml").read_text(encoding="utf-8").startswith("reviewer")
    assert not (root / "reviews" / ".alice.lock").exists()


def test_the_copy_is_writable_though_the_package_is_not(installed_package: Path) -> None:
    root = locate.resolve_corpus(None)
    assert root is not None
    for path in [root, *root.rglob("*")]:
        assert path.stat().st_mode & stat.S_IWUSR, path


def test_a_corpus_here_or_named_wins_over_the_bundled_copy(
    installed_package: Path, bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert locate.resolve_corpus(bundled_copy) == bundled_copy
    monkeypatch.chdir(bundled_copy)
    assert locate.resolve_corpus(None) == bundled_copy
    assert not data_copy().exists()


def test_an_editable_install_uses_the_repository_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert locate.resolve_corpus(None) == REPO
    assert not data_copy().exists()


def test_the_data_folder_is_the_platform_one_unless_overridden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert locate.user_data_dir() == Path(os.environ["FACTCHECK_DATA_DIR"])
    monkeypatch.delenv("FACTCHECK_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert locate.user_data_dir() == tmp_path / "xdg" / "factcheck"


def upgrade(package: Path, relative: str, old: str, new: str) -> None:
    """A newer factcheck installed: one packaged file changed."""
    path = package / "_bundled" / relative
    path.chmod(path.stat().st_mode | stat.S_IWUSR)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_upgrade_brings_the_files_left_alone_up_to_date_and_keeps_the_ratings(
    installed_package: Path,
) -> None:
    root = locate.resolve_corpus(None)
    assert root is not None
    (root / "reviews").mkdir()
    ratings = root / "reviews" / "alice.yaml"
    ratings.write_text("reviewer: Alice\nreviews: []\n", encoding="utf-8")
    upgrade(installed_package, "evidence/afp-2021-11.yaml", "AFP", "Agence France-Presse")

    first = CliRunner().invoke(cli, ["check", "--no-quotes"])
    assert first.exit_code == 0, first.stderr
    assert "ships a changed bundled corpus" in first.stderr
    assert "brought up to date: evidence/afp-2021-11.yaml" in first.stderr
    assert "Agence France-Presse" in (root / "evidence" / "afp-2021-11.yaml").read_text(
        encoding="utf-8"
    )
    assert ratings.read_text(encoding="utf-8") == "reviewer: Alice\nreviews: []\n"

    again = CliRunner().invoke(cli, ["check", "--no-quotes"])
    assert "changed bundled corpus" not in again.stderr


def test_an_upgrade_keeps_a_file_the_user_changed_and_says_where_the_new_one_is(
    installed_package: Path,
) -> None:
    root = locate.resolve_corpus(None)
    assert root is not None
    claims = root / "claims" / "isk-defeated.yaml"
    relative = claims.relative_to(root).as_posix()
    mine = claims.read_text(encoding="utf-8") + "# my own note\n"
    claims.write_text(mine, encoding="utf-8")
    upgrade(installed_package, relative, "Zabihullah Mujahid", "Zabiullah Mujahid")

    said = CliRunner().invoke(cli, ["check", "--no-quotes"])
    assert said.exit_code == 0, said.stderr
    assert "kept as you have them" in said.stderr and relative in said.stderr
    assert str(installed_package / "_bundled") in said.stderr
    assert claims.read_text(encoding="utf-8") == mine


def test_a_copy_made_before_manifests_keeps_its_differing_files_and_is_told_once(
    installed_package: Path,
) -> None:
    root = locate.resolve_corpus(None)
    assert root is not None
    (root / locate.MANIFEST_NAME).unlink()
    before = (root / "evidence" / "afp-2021-11.yaml").read_text(encoding="utf-8")
    upgrade(installed_package, "evidence/afp-2021-11.yaml", "AFP", "Agence France-Presse")

    first = CliRunner().invoke(cli, ["check", "--no-quotes"])
    assert "kept as you have them" in first.stderr
    assert (root / "evidence" / "afp-2021-11.yaml").read_text(encoding="utf-8") == before
    again = CliRunner().invoke(cli, ["check", "--no-quotes"])
    assert "changed bundled corpus" not in again.stderr
