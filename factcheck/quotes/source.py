"""A source text prepared once for anchoring many quotes in it."""

from __future__ import annotations

from factcheck.quotes.folding import FoldedText, fold_with_offsets


class SourceText:
    """A source's text, with its folded copy and offset map built on first need and kept.

    Most quotes are exact and never need the folded copy, so it is not built up front.
    """

    __slots__ = ("_folded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: FoldedText | None = None

    @property
    def folded(self) -> FoldedText:
        if self._folded is None:
            self._folded = fold_with_offsets(self.text)
        return self._folded

    def __repr__(self) -> str:
        return f"SourceText({len(self.text)} chars)"
