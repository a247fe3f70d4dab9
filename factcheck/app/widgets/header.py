"""The top line: corpus title, reviewer, progress, active filter, read-only state."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from factcheck.app.text import one_line


class ReviewHeader(Horizontal):
    """Title on the left, reviewer and progress on the right; the title gives way first."""

    def compose(self) -> ComposeResult:
        yield Static(id="header-title")
        yield Static(id="header-progress")

    def show(
        self,
        *,
        title: str,
        reviewer: str,
        rated: int,
        total: int,
        stale: int,
        showing: str,
        read_only: bool,
    ) -> None:
        self.query_one("#header-title", Static).update(one_line(title, "bold"))
        right = Text(no_wrap=True, end="")
        if showing:
            right.append(f"{showing}  ", "italic")
        right.append_text(one_line(reviewer, "bold"))
        right.append(f"  {rated:,}/{total:,} rated")
        if stale:
            right.append(f" · {stale:,} stale", "yellow")
        if read_only:
            right.append("  READ-ONLY", "bold red")
        self.query_one("#header-progress", Static).update(right)
