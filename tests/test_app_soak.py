"""A short soak of the review app: 300 key presses across every screen on a generated corpus of
300 claims, by the driver of the full soak (benchmarks/soak_app.py, 10,000 keys on demand).

It asserts no error (no exception in the app, no error notice, such as a worker's failure, and
nothing in the app's failure log), that every screen had keys pressed on it (the suggested
evidence, the editor's desk, the comment editor and the set-aside dialog among them), and that
the review file parses and holds exactly the verdicts, notes, cites and set-asides, and the
comments file exactly the comments, that the keys pressed must have written. No timing, no
memory: those are the full soak's figures.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from factcheck.corpus.generate import generate_corpus

SOAK = Path(__file__).parent.parent / "benchmarks" / "soak_app.py"
SEED = 5
"""A seed whose 300 keys reach every screen and make every kind of change."""


def load_soak() -> ModuleType:
    spec = importlib.util.spec_from_file_location("soak_app", SOAK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is being built.
    sys.modules.setdefault("soak_app", module)
    spec.loader.exec_module(module)
    return module


async def test_300_keys_across_every_screen_leave_no_error_and_the_ratings_on_disk(
    tmp_path: Path,
) -> None:
    soak_app = load_soak()
    root = tmp_path / "corpus"
    generate_corpus(root, claims=300, seed=3)
    log_file = tmp_path / "app.log"

    soak = await soak_app.soak_app(root, keys=300, seed=SEED, sample_every=100, log_file=log_file)

    assert soak.errors == []
    assert soak.keys == 300
    assert not log_file.exists()
    # Every screen had keys pressed on it, so the soak went where a fact-checker goes.
    assert set(soak.screens) >= {
        "ReviewScreen",
        "NoteEditor",
        "SourceScreen",
        "HelpScreen",
        "ExportDialog",
        "SuggestionsScreen",
        "DeskScreen",
        "CommentEditor",
        "ReasonDialog",
    }
    # Each kind of change was made, and undone, on the way.
    made = soak.expected.made
    assert made["rate"] >= 5 and made["note"] >= 1 and made["undo"] >= 1
    assert made["cite"] >= 1 and made["set_aside"] >= 1 and made["comment"] >= 1
    # The files parse and hold exactly what the keys made.
    on_disk = soak_app.review_file(root)
    assert on_disk == soak.expected.on_disk()
    assert sum(entry.verdict is not None for entry in on_disk.values()) >= 5
    assert any(entry.note for entry in on_disk.values())
    comments = soak_app.comments_file(root)
    assert comments == soak.expected.comments and comments
    # Checked against the model at every sample too (an error otherwise), as the app went.
    assert [sample.keys for sample in soak.samples] == [0, 100, 200, 300]
