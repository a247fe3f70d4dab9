"""A passage of a source text being selected to quote: whole words from where the selection
began (its anchor) to where it is now (its cursor), moved word by word or sentence by sentence
as in vim's visual mode, or set by a mouse drag.

Plain text logic, no Textual. It looks only at the text around the anchor and the cursor, never
at the whole of it, so a selection in a 10 MB source is as quick as in a short one. What it
gives is a slice of the source text: the quote is exact by construction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANK = frozenset(" \t\r\n\f\v\u00a0\u2028\u2029")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st gen col lt sgt capt prof no vs etc jan feb mar apr jun jul aug sep sept "
    "oct nov dec e.g i.e u.s u.k u.n".split()
)
"""Words ending in '.' that seldom end a sentence."""
_TRAILING = ",;:–—-("
"""Punctuation that a quote does not end on: the words before it are the passage."""


def is_blank(character: str) -> bool:
    return character in _BLANK or character.isspace()


def word_at(text: str, offset: int) -> tuple[int, int] | None:
    """The word (a run of non-blank characters) at `offset`, or the next one after it; None
    when only blanks follow."""
    length = len(text)
    while offset < length and is_blank(text[offset]):
        offset += 1
    if offset >= length:
        return None
    start = offset
    while start > 0 and not is_blank(text[start - 1]):
        start -= 1
    end = offset
    while end < length and not is_blank(text[end]):
        end += 1
    return start, end


def word_before(text: str, offset: int) -> tuple[int, int] | None:
    """The word that ends at or before `offset`, or the one `offset` is in."""
    end = min(offset, len(text))
    while end > 0 and is_blank(text[end - 1]):
        end -= 1
    if end == 0:
        return None
    return word_at(text, end - 1)


def next_word(text: str, offset: int) -> tuple[int, int] | None:
    here = word_at(text, offset)
    return word_at(text, here[1]) if here is not None else None


def previous_word(text: str, offset: int) -> tuple[int, int] | None:
    here = word_at(text, offset)
    return word_before(text, here[0]) if here is not None else word_before(text, offset)


def ends_sentence(text: str, word: tuple[int, int]) -> bool:
    """Whether the sentence ends with this word: it ends in . ! ? (and closing quotes), or the
    paragraph ends after it."""
    start, end = word
    after = text[end : end + 200]
    gap = len(after) - len(after.lstrip())
    if "\n" in after[:gap] or end + gap >= len(text):
        return True
    token = text[start:end]
    if not _SENTENCE_END.search(token):
        return False
    bare = token.rstrip("\"'”’»)]").rstrip(".").lstrip("\"'“‘«([").casefold()
    is_initial = len(bare) == 1 and bare.isalpha()
    return bare not in _ABBREVIATIONS and not is_initial


def sentence_end(text: str, offset: int) -> tuple[int, int] | None:
    """The last word of the sentence the word at `offset` is in."""
    word = word_at(text, offset)
    while word is not None and not ends_sentence(text, word):
        following = word_at(text, word[1])
        if following is None:
            break
        word = following
    return word


def sentence_start(text: str, offset: int) -> tuple[int, int] | None:
    """The first word of the sentence the word at `offset` is in."""
    word = word_at(text, offset)
    if word is None:
        return word_before(text, offset)
    while (earlier := word_before(text, word[0])) is not None and not ends_sentence(text, earlier):
        word = earlier
    return word


@dataclass(slots=True)
class PassageSelection:
    """Whole words from the anchor's to the cursor's, in either order."""

    text: str
    anchor: tuple[int, int]
    """The word where the selection began."""
    cursor: tuple[int, int]
    """The word the motions move."""

    @classmethod
    def at(cls, text: str, offset: int) -> PassageSelection | None:
        word = word_at(text, offset) or word_before(text, offset)
        return None if word is None else cls(text, word, word)

    @classmethod
    def between(cls, text: str, start: int, end: int) -> PassageSelection | None:
        """The whole words that the characters start..end touch (a mouse drag that began or
        ended inside a word takes all of it)."""
        first = word_at(text, start)
        last = word_before(text, end)
        if first is None or last is None or first[0] > last[0]:
            return None
        return cls(text, first, last)

    @property
    def span(self) -> tuple[int, int]:
        """The characters to quote: the words, without a trailing comma, colon or dash."""
        start = min(self.anchor[0], self.cursor[0])
        end = max(self.anchor[1], self.cursor[1])
        while end > start + 1 and self.text[end - 1] in _TRAILING:
            end -= 1
        return start, end

    @property
    def words(self) -> str:
        start, end = self.span
        return self.text[start:end]

    def move_to(self, word: tuple[int, int] | None) -> bool:
        """Put the cursor on `word`; False when there is none (the text ends)."""
        if word is None or word == self.cursor:
            return False
        self.cursor = word
        return True

    def word(self, steps: int) -> bool:
        """w (1) and b (-1)."""
        step = next_word if steps > 0 else previous_word
        return self.move_to(step(self.text, self.cursor[0]))

    def sentence(self, direction: int) -> bool:
        """`)` to the end of the sentence (of the next one when at an end), `(` to its start
        (of the one before when at a start)."""
        text, cursor = self.text, self.cursor
        if direction > 0:
            if ends_sentence(text, cursor):
                following = word_at(text, cursor[1])
                return following is not None and self.move_to(sentence_end(text, following[0]))
            return self.move_to(sentence_end(text, cursor[0]))
        start = sentence_start(text, cursor[0])
        if start == cursor:
            before = word_before(text, cursor[0])
            return before is not None and self.move_to(sentence_start(text, before[0]))
        return self.move_to(start)

    def swap(self) -> None:
        """o: the other end moves next."""
        self.anchor, self.cursor = self.cursor, self.anchor
