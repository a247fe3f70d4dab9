"""Corpus words on screen: always as text, never as markup or terminal control codes.

A quote may contain `[bold]`, `[/]` or an escape character; it must show those characters, not
act on them. So corpus strings are only ever put into `rich.text.Text` objects built here, made
visible by the one function the command line uses too (corpus/terminal_text.py).
"""

from __future__ import annotations

from rich.text import Text

from factcheck.corpus.terminal_text import visible

__all__ = ["one_line", "plain", "visible"]


def plain(value: str, style: str = "") -> Text:
    return Text(visible(value), style=style)


def one_line(value: str, style: str = "") -> Text:
    """`value` on one line: line breaks shown as spaces, for list rows and headers."""
    return Text(visible(" ".join(value.split())), style=style, no_wrap=True, overflow="ellipsis")
