"""Corpus text cut to what a screen can show, saying how much more there is and how to see it.

Rich lays out every character of a Text to wrap it, on every redraw: a 1 MB claim beside a 10 MB
quote made each key press take 30 s and more. `check` refuses claims and quotes that large
(corpus/limits.py), but the app must still open such a corpus quickly, to show what is wrong.
"""

from __future__ import annotations

from rich.text import Text

CLAIM_SHOWN = 2_000
"""Characters of a claim in the claim pane (a full pane at 100 columns is about 1,500); the
rest on a key press."""
QUOTE_ROW_SHOWN = 600
"""Characters of a quote in a row of the evidence list: a few lines; the whole quote is in the
source view."""
PARAGRAPH_SHOWN = 5_000
"""Characters of one paragraph of a source text, around the quote where it holds one."""


def window(length: int, limit: int, *, around: int = 0) -> tuple[int, int]:
    """The (start, end) of at most `limit` of `length` characters to show: from the start, or
    from a little before `around` (where a quote starts) when that lies further on."""
    if length <= limit:
        return 0, length
    start = max(0, min(around - limit // 5, length - limit))
    return start, start + limit


def more(characters: int, how: str) -> Text:
    """'… (998,000 more characters: press m to show all)', in the style of a note."""
    return Text(f"… ({characters:,} more characters: {how})", "dim italic")


def earlier(characters: int) -> Text:
    return Text(f"({characters:,} characters before) …", "dim italic")
