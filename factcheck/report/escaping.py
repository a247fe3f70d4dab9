"""Making corpus strings safe in each output: Markdown, links, CSS colours, spreadsheets.

Every string in a report comes from files people write by hand, so none of it may change the
structure of the output it lands in: a `|` must not split a table cell, a `<script>` must not
run, a URL must not be `javascript:`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

from factcheck.corpus.schema import is_web_address

# Characters that start Markdown syntax anywhere in a line (CommonMark and GitHub's tables).
# str.translate, not re.sub: a large report escapes a million strings.
_MD_INLINE = str.maketrans({char: "\\" + char for char in "\\`*_[]<>|~"})
# Most strings have none of those characters; finding that out is much faster than translate.
_MD_INLINE_ANY = re.compile(r"[\\`*_\[\]<>|~]")
# Syntax that only counts at the start of a line: headings, quotes, lists, rules, code fences.
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")
# "&amp;" would show as "&": escape an ampersand only where it would start an entity.
_MD_ENTITY = re.compile(r"&(?=#?\w+;)")
_NEWLINES = re.compile(r"\s*\n\s*")
_BLANK_LINES = re.compile(r"\n\s*\n")


def md_inline(text: object) -> str:
    """One line of Markdown: syntax escaped, line breaks folded into spaces (safe in a table)."""
    flat = str(text)
    if "\n" in flat:
        flat = _NEWLINES.sub(" ", flat)
    return _escape_line(flat.strip())


def md_block(text: object) -> str:
    """Paragraphs of Markdown: syntax escaped, paragraphs kept, single line breaks kept as hard
    breaks (two trailing spaces), so a note reads as its author wrote it."""
    text = str(text).strip()
    if len(text.splitlines()) <= 1:  # most notes and quotes: one line, no splitting to do
        return _escape_line(text) if text else ""
    paragraphs = _BLANK_LINES.split(text)
    return "\n\n".join(
        "  \n".join(_escape_line(line.strip()) for line in paragraph.splitlines())
        for paragraph in paragraphs
        if paragraph.strip()
    )


def md_quote(text: object) -> str:
    """A Markdown blockquote of `text`, every line marked so the quote cannot end early."""
    block = md_block(text)
    if "\n" not in block:
        return "> " + block
    return "\n>\n".join("> " + paragraph for paragraph in block.split("\n\n"))


def _escape_line(line: str) -> str:
    escaped = line.translate(_MD_INLINE) if _MD_INLINE_ANY.search(line) else line
    if "&" in escaped:
        escaped = _MD_ENTITY.sub(r"\\&", escaped)
    # The line-start pattern is only tried where it can match: one regex call per line was a
    # third of the Markdown escaping of a large report.
    first = escaped.lstrip()[:1]
    if first and (first in "#>+=-" or first.isdecimal()):
        return _MD_LINE_START.sub(_escape_line_start, escaped)
    return escaped


def _escape_line_start(match: re.Match[str]) -> str:
    indent, marker = match.group(1), match.group(2)
    if marker.isdigit():
        return f"{indent}{marker}\\"  # "1." -> "1\." : the escape goes before the dot
    return f"{indent}\\{marker}"


def md_url(url: str | None) -> str | None:
    """A URL safe inside Markdown's `(...)`: only http(s), with spaces and brackets encoded."""
    safe = safe_url(url)
    return None if safe is None else quote(safe, safe=":/?#@!$&'*+,;=%-._~")


@lru_cache(maxsize=8192)  # many quotes share a source
def safe_url(url: object) -> str | None:
    """The URL when it is a web address, else None: no javascript:, data: or file: links. The
    corpus's check refuses them already (the same rule); a report never relies on that."""
    if not isinstance(url, str) or not is_web_address(url.strip()):
        return None
    return url.strip()


_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_FALLBACK_COLOUR = "#6b6f76"


def css_colour(colour: object) -> str:
    """A colour safe in a style attribute: #rrggbb, else a neutral grey."""
    return colour if isinstance(colour, str) and _HEX_COLOUR.match(colour) else _FALLBACK_COLOUR


def text_colour_on(background: object) -> str:
    """Black or white, whichever reads better on `background` (WCAG relative luminance)."""
    colour = css_colour(background)
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    # Contrast with white is (1.05)/(L+0.05), with black (L+0.05)/0.05; they cross at L ~ 0.179.
    return "#000000" if luminance > 0.179 else "#ffffff"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d[\d.,]*%?$")


def spreadsheet_cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula (OWASP's CSV injection advice): text
    that starts like a formula gets a leading apostrophe, which spreadsheets hide."""
    text = "" if value is None else str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def github_slug(text: str, seen: dict[str, int]) -> str:
    """The anchor GitHub gives a heading, so a table can link to its section; `seen` counts
    slugs already used in the document, as GitHub suffixes repeats with -1, -2."""
    slug = re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
    count = seen.get(slug, 0)
    seen[slug] = count + 1
    return slug if count == 0 else f"{slug}-{count}"
