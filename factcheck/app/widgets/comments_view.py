"""The thread of comments on the selected claim, under the claim: who, when, what."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from factcheck.app.text import one_line, plain
from factcheck.app.widgets.claim_detail import when
from factcheck.reviews.comments import Comment, CommentFile


class CommentsView(Static):
    """Hidden while the claim has no comments. Everything from the files is shown as text."""

    def show(self, thread: list[Comment], unreadable: list[CommentFile]) -> None:
        self.display = bool(thread or unreadable)
        if not self.display:
            self.update("")
            return
        out = Text()
        out.append(f"Comments ({len(thread)})", "bold underline")
        out.append("  C adds one", "dim")
        for comment in thread:
            out.append("\n")
            out.append_text(one_line(comment.author, "bold"))
            out.append(f"  {when(comment.time)}", "dim")
            out.append("\n  ")
            out.append_text(plain(comment.text.replace("\n", "\n  ")))
        for comment_file in unreadable:
            out.append("\n")
            out.append_text(
                plain(f"{comment_file.relative} cannot be read: {comment_file.unreadable}", "red")
            )
        self.update(out)
