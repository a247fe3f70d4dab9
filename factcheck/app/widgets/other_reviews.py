"""The other reviewers' verdicts and notes on the selected claim, hidden until asked for."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from factcheck.app.text import one_line, plain
from factcheck.app.widgets.claim_detail import verdict_badge, when
from factcheck.corpus.scale import Scale
from factcheck.reviews import ReviewFile
from factcheck.reviews.session import OtherReview

STALE = Style(color="black", bgcolor="yellow", bold=True)


class OtherReviewsView(Static):
    """Hidden, it says only how many others reviewed the claim: not who, nor what they said,
    so a reviewer is not anchored before rating. Everything from the files is shown as text."""

    def show(
        self,
        scale: Scale,
        reviews: list[OtherReview],
        unreadable: list[ReviewFile],
        revealed: bool,
    ) -> None:
        if not revealed:
            self.display = bool(reviews)
            count = len(reviews)
            plural = "review" if count == 1 else "reviews"
            self.update(Text(f"{count} other {plural} hidden · o shows them", "dim italic"))
            return
        self.display = True
        self.update(self._revealed(scale, reviews, unreadable))

    @staticmethod
    def _revealed(scale: Scale, reviews: list[OtherReview], unreadable: list[ReviewFile]) -> Text:
        out = Text()
        out.append("Other reviewers", "bold underline")
        out.append("  o hides them", "dim")
        if not reviews:
            out.append("\nNo one else has reviewed this claim.", "italic")
        for other in reviews:
            out.append("\n")
            if other.editor:
                out.append("FINAL ", "bold magenta")
            if other.label is None:
                out.append("no verdict", "italic")
            elif other.verdict is None:
                out.append_text(plain(f" {other.label} ", "reverse"))  # not on this scale
            else:
                out.append_text(verdict_badge(other.verdict.label, scale))
            out.append(" ")
            out.append_text(one_line(other.reviewer, "bold"))
            if other.editor:
                out.append(" (editor)", "magenta")
            out.append(f"  {when(other.time)}", "dim")
            if other.stale:
                out.append(" ")
                out.append(" STALE ", STALE)
            if other.note:
                out.append("\n  ")
                out.append_text(plain(other.note.replace("\n", "\n  "), "italic"))
        for review_file in unreadable:
            out.append("\n")
            out.append_text(
                plain(
                    f"{review_file.relative} cannot be read now"
                    f"{' (shown as last read)' if review_file.reviews else ''}: "
                    f"{review_file.unreadable}",
                    "red",
                )
            )
        return out
