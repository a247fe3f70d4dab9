"""One paragraph of a source text on screen, knowing which characters of the text it shows: a
place on screen (where a mouse drag began, the line below the cursor) maps to a character of the
source text, and back."""

from __future__ import annotations

from bisect import bisect_right

from rich._wrap import divide_line  # how Textual 8.2.8 (pinned) wraps a Static's line
from rich.text import Text
from textual.widgets import Static

from factcheck.app.text import visible


class SourceParagraph(Static):
    """Shows text[shown_start:shown_end] of its paragraph text[start:end] (all of it unless the
    paragraph is too long to show at once), after `body_at` characters of a note such as
    '(2,000 characters before) …'."""

    def __init__(self, start: int, end: int) -> None:
        super().__init__(classes="paragraph")
        self.start = start
        self.end = end
        self.shown_start = start
        self.shown_end = end
        self.body_at = 0
        self._drawn: str | None = None
        """The characters drawn now, whatever their style."""
        self._widths: list[int] | None = None
        """Characters on screen of each character shown, when `visible` widened any (a control
        character shown as a sign); None when every character is itself."""

    def show(self, content: Text, body: str, shown_start: int, body_at: int) -> None:
        """Draw `content`, in which `body` (text[shown_start:...]) starts at `body_at`."""
        # The same words in other styles (a quote or a selection moved) take the same lines:
        # no layout, which in a source of thousands of paragraphs costs a second or more.
        self.update(content, layout=content.plain != self._drawn)
        self._drawn = content.plain
        self.shown_start = shown_start
        self.shown_end = shown_start + len(body)
        self.body_at = body_at
        shown = visible(body)
        self._widths = None if len(shown) == len(body) else [len(visible(c)) for c in body]

    # Characters of the source text and of the screen

    def to_display(self, offset: int) -> int:
        """Where the source text's character `offset` is in this paragraph's drawn line."""
        inside = max(0, min(offset, self.shown_end) - self.shown_start)
        if self._widths is not None:
            inside = sum(self._widths[:inside])
        return self.body_at + inside

    def to_source(self, index: int) -> int:
        """The source text's character at `index` of the drawn line (the nearest shown one
        when `index` falls on a note)."""
        inside = max(0, index - self.body_at)
        if self._widths is not None:
            seen = count = 0
            for count, width in enumerate(self._widths):  # noqa: B007  # count is kept
                if seen + width > inside:
                    break
                seen += width
            else:
                count = len(self._widths)
            inside = count
        return min(self.shown_start + inside, self.shown_end)

    # Lines as wrapped on screen

    def _line_starts(self) -> list[int]:
        drawn = str(self.render())
        width = self.content_region.width or self.size.width or 80
        return [0, *divide_line(drawn, width)]

    def line_count(self) -> int:
        return len(self._line_starts())

    def line_and_column(self, offset: int) -> tuple[int, int]:
        """The line on screen (0 first) and column where character `offset` is drawn."""
        starts = self._line_starts()
        index = self.to_display(offset)
        line = bisect_right(starts, index) - 1
        return line, index - starts[line]

    def offset_at(self, line: int, column: int) -> int:
        """The source character drawn at `column` of screen line `line` (clamped to the
        paragraph)."""
        starts = self._line_starts()
        line = max(0, min(line, len(starts) - 1))
        line_end = starts[line + 1] - 1 if line + 1 < len(starts) else len(str(self.render()))
        return self.to_source(min(starts[line] + column, max(starts[line], line_end)))
