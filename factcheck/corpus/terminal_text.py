"""Text from files, made safe to show in a terminal; and the characters that hide in it.

Every string in a corpus, its reviews and its settings was written by someone, and a terminal
acts on some characters instead of showing them: ESC starts an escape sequence (`ESC ] 52 ; c ;
... BEL` writes the user's clipboard, `ESC ] 0 ;` the window title, `ESC [ 2 J` clears the
screen), and the C1 controls U+009B and U+009D are CSI and OSC in one character. Bidirectional
overrides and zero-width characters act on nothing, but change what a person reads: after
U+202E the text shows backwards, so a quote can read differently from the words verified.

`visible` is the one function that every command and the app pass such text through before it
reaches a terminal. It shows each such character as a sign rather than dropping it, so the person
still sees that something is there.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Embeddings, overrides and isolates: they reorder the text around them."""
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
"""Zero-width space, non-joiner, joiner, word joiner and byte order mark: nothing to see."""
BIDI_MARKS = "\u200e\u200f\u061c"
"""Left-to-right, right-to-left and Arabic letter marks: they move neutral characters such as
punctuation. Shown by `visible`, but not flagged in the corpus: right-to-left prose uses them."""

HIDDEN_CHARACTERS = BIDI_CONTROLS + ZERO_WIDTH
"""What `factcheck check` warns about in quotes and claims."""
HIDDEN_CHARACTER = re.compile(f"[{HIDDEN_CHARACTERS}]")

_SHOWN_AS_SIGN = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + ZERO_WIDTH + BIDI_MARKS + "]"
)
"""Every control character but newline and tab, C1 included, and every invisible formatting
character above."""


def _sign(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control pictures: ESC shows as ␛
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def visible(value: str) -> str:
    """`value` with every control character but newline and tab, and every bidirectional or
    zero-width formatting character, replaced by a visible sign: ␛ for ESC, <U+009B> for the
    one-character CSI, <U+202E> for a right-to-left override. Applying it twice changes nothing.
    """
    return _SHOWN_AS_SIGN.sub(_sign, value)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def json_for_terminal(json_text: str) -> str:
    """JSON text with every character that `visible` would change written as a \\uXXXX escape:
    the same data for a program that parses it, nothing for a terminal to act on.

    json.dumps already escapes the C0 controls, ESC among them, but not DEL, the C1 controls or
    the formatting characters. Outside its strings JSON text is ASCII punctuation, so every such
    character is inside a string, where the escape is valid."""
    return _SHOWN_AS_SIGN.sub(_json_escape, json_text)


def hidden_characters(value: str) -> list[tuple[int, str]]:
    """Each bidirectional control or zero-width character in `value`: its index and its code,
    written U+XXXX."""
    return [
        (match.start(), f"U+{ord(match.group()):04X}") for match in HIDDEN_CHARACTER.finditer(value)
    ]
