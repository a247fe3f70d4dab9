"""The baseline for the review app's start-up: a plain Textual app showing N rows in an OptionList.

    python benchmarks/plain_option_list.py N
    python benchmarks/plain_option_list.py N --load CORPUS

`bench_app.py` runs it as a whole process in a pseudo-terminal, beside `factcheck review`. It
stands for the least a Textual app that lists N things does: no corpus is read, each row is made
up here, about as long as a claim list row. A line above the list names the highlighted row, so a
key press visibly answers (the review app's answer to `j` is its claim detail).

With --load, it first loads CORPUS as factcheck does (`load_corpus`, from the snapshot when the
caches are warm) and then shows N rows: the least any app that reads the corpus before its first
screen does, whatever its screen. `bench_app.py start --floor` times it with N=10.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.widgets import OptionList, Static

WORDS = "Officials said the province was secure after years of fighting near the border"


def row(index: int) -> str:
    return f"claim-{index:05d}  {WORDS} ({index})"


class PlainOptionList(App[None]):
    # Not taller than the screen, so the line above the list stays in view.
    CSS = "OptionList { height: 1fr; }"

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def compose(self) -> ComposeResult:
        yield Static("highlighted: none", id="highlighted")
        yield OptionList(*(row(index) for index in range(self.count)))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.query_one("#highlighted", Static).update(f"highlighted: row {event.option_index}")


if __name__ == "__main__":
    if sys.argv[2:3] == ["--load"]:
        from pathlib import Path

        from factcheck.corpus.loader import load_corpus
        from factcheck.corpus.yamlio import default_cache_dir

        loaded = load_corpus(Path(sys.argv[3]), cache_dir=default_cache_dir())
        assert loaded.corpus is not None and loaded.corpus.claims, "nothing loaded"
    PlainOptionList(int(sys.argv[1])).run()
