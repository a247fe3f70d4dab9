"""`factcheck export -o` and the app's export never overwrite what they must not (issue 16): a
file of the corpus (claims, evidence, source texts, reviews, settings), a device node, a FIFO or a
symbolic link. A report is written to a regular file or a new path only; the refusal is one core
rule (`report.registry.output_refusal`) that the command line and the app share."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factcheck.cli import ExitCode, cli
from tests.conftest import CorpusWriter


def export(*arguments: str | Path) -> Result:
    return CliRunner().invoke(cli, ["export", "--no-verify", *map(str, arguments)])


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` and its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@pytest.fixture
def corpus(write_corpus: CorpusWriter) -> Path:
    """A corpus with a source text kept outside evidence/ and a review file."""
    root = write_corpus(
        {
            "evidence/elsewhere.yaml": """\
                source:
                  id: elsewhere
                  outlet: Paper
                  title: "Kept apart"
                  text: ../texts/elsewhere.txt
                quotes: []
            """,
            "texts/elsewhere.txt": "A source text outside evidence/.\n",
            "factcheck.yaml": "title: Test corpus\n",
            "reviews/ann.yaml": "reviewer: Ann\nreviews: []\n",
        }
    )
    return root


@pytest.mark.parametrize(
    ("relative", "said"),
    [
        ("claims/main.yaml", "a file of the corpus (claims/)"),
        ("claims/new-topic.yaml", "a file of the corpus (claims/)"),
        ("evidence/wire-2021.txt", "a file of the corpus (evidence/)"),
        ("evidence/wire-2021.yaml", "a file of the corpus (evidence/)"),
        ("reviews/ann.yaml", "a file of the corpus (reviews/)"),
        ("factcheck.yaml", "the corpus settings"),
        ("texts/elsewhere.txt", "the text of source elsewhere"),
    ],
)
def test_export_refuses_to_write_over_a_file_of_the_corpus(
    corpus: Path, relative: str, said: str
) -> None:
    before = snapshot(corpus)
    result = export("--format", "md", "-o", corpus / relative, corpus)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "not exported" in result.stderr
    assert said in result.stderr
    assert snapshot(corpus) == before


def test_export_refuses_a_corpus_file_reached_through_a_relative_path(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`-o ../corpus/claims/main.yaml` from inside claims/ is still the claims file."""
    before = snapshot(corpus)
    monkeypatch.chdir(corpus / "claims")
    result = export("--format", "md", "-o", "../claims/main.yaml", corpus)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert snapshot(corpus) == before


def test_export_still_writes_a_new_report_in_the_corpus_folder(corpus: Path) -> None:
    result = export("-o", corpus / "report.md", corpus)
    assert result.exit_code == ExitCode.OK, result.output
    assert (corpus / "report.md").read_text(encoding="utf-8").startswith("# ")
    again = export("-o", corpus, corpus)  # a folder: factcheck-report.md inside, then replaced
    assert again.exit_code == ExitCode.OK, again.output
    assert export("-o", corpus, corpus).exit_code == ExitCode.OK
    assert (corpus / "factcheck-report.md").is_file()


def test_export_never_replaces_a_symbolic_link(corpus: Path, tmp_path: Path) -> None:
    pointed_at = tmp_path / "published.md"
    pointed_at.write_text("the published report\n")
    link = tmp_path / "latest.md"
    link.symlink_to(pointed_at)
    result = export("-o", link, corpus)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "symbolic link" in result.stderr
    assert str(pointed_at) in result.stderr  # says which file to name instead
    assert link.is_symlink()
    assert pointed_at.read_text() == "the published report\n"


def test_export_never_replaces_a_link_to_a_corpus_file(corpus: Path, tmp_path: Path) -> None:
    link = tmp_path / "report.md"
    link.symlink_to(corpus / "claims" / "main.yaml")
    before = snapshot(corpus)
    result = export("-o", link, corpus)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert link.is_symlink()
    assert snapshot(corpus) == before


def test_export_never_replaces_a_fifo(corpus: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "report.md"
    os.mkfifo(fifo)
    result = export("-o", fifo, corpus)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "not a regular file" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_never_replaces_a_device_node(corpus: Path, tmp_path: Path) -> None:
    """A null device made in tmp_path (mknod needs root; CI runs as root): never /dev itself,
    which a failing test would have replaced with a file."""
    device = tmp_path / "null.md"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    result = export("-o", device, corpus)
    assert result.exit_code == ExitCode.USAGE, result.output
    assert "character device" in result.stderr
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_the_core_export_refuses_too(corpus: Path, tmp_path: Path) -> None:
    """What the app's export calls, with the corpus it exports: a link made after the dialog
    checked the path is still refused when the report is written."""
    from factcheck.report.registry import OutputRefusedError, export
    from factcheck.workspace import Workspace

    workspace = Workspace.open(corpus)
    report = workspace.report(verify=False)
    before = snapshot(corpus)
    with pytest.raises(OutputRefusedError, match="the text of source elsewhere"):
        export(
            report,
            "md",
            corpus / "texts" / "elsewhere.txt",
            corpus_root=corpus,
            texts_elsewhere=workspace.texts_elsewhere(),
        )
    link = tmp_path / "out.md"
    link.symlink_to(tmp_path / "nowhere.md")  # dangling: still a link, still refused
    with pytest.raises(OutputRefusedError, match="symbolic link"):
        export(report, "md", link, corpus_root=corpus)
    assert link.is_symlink()
    assert snapshot(corpus) == before


async def test_the_app_refuses_a_link_typed_in_the_export_dialog(
    bundled_copy: Path, tmp_path: Path
) -> None:
    """The dialog says why at once, as it does for a corpus file, instead of asking whether to
    overwrite the link."""
    from textual.widgets import Input

    from factcheck.app import create_app
    from factcheck.app.screens.export import ExportDialog
    from tests.test_app_review import REVIEWER, opened
    from tests.test_app_safety import screen_text

    pointed_at = tmp_path / "published.md"
    pointed_at.write_text("the published report\n")
    link = tmp_path / "latest.md"
    link.symlink_to(pointed_at)
    app = create_app(bundled_copy, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        await opened(pilot)
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        await pilot.press("tab")
        dialog.query_one(Input).value = str(link)
        await pilot.press("enter")
        assert app.screen is dialog
        # Lines joined: where the message wraps depends on the length of the temporary path.
        assert "is a symbolic link" in " ".join(screen_text(dialog).split())
        await pilot.press("escape")
        await app.workers.wait_for_complete()
    assert link.is_symlink()
    assert pointed_at.read_text() == "the published report\n"
