"""Corpus words on screen: always as text, never as markup or terminal control codes.

A quote may contain `[bold]`, `[/]` or an escape character; it must show those characters, not
act on them. So corpus strings are only ever put into `rich.text.Text` objects built here.
"""

from __future__ import annotations

import re

from rich.text import Text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: \x1b shows as ␛
    if code == 0x7F:
        return "\u2421"
    return f"\\x{code:02x}"


def visible(value: str) -> str:
    """`value` with every control character but newline and tab replaced by a visible sign."""
    return _CONTROL.sub(_picture, value)


def plain(value: str, style: str = "") -> Text:
    return Text(visible(value), style=style)


def one_line(value: str, style: str = "") -> Text:
    """`value` on one line: line breaks shown as spaces, for list rows and headers."""
    return Text(visible(" ".join(value.split())), style=style, no_wrap=True, overflow="ellipsis")
