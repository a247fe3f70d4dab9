"""Anchoring quotes in their source texts: plain text in, spans and statuses out.

This package knows only text: no corpus, no Textual, no Rich.
"""

from factcheck.quotes.anchoring import anchor_quote
from factcheck.quotes.describe import describe, mark_differences
from factcheck.quotes.model import CONTEXT_CHARS, Anchor, Difference, MatchStatus, Severity, Span
from factcheck.quotes.source import SourceText

__all__ = [
    "CONTEXT_CHARS",
    "Anchor",
    "Difference",
    "MatchStatus",
    "Severity",
    "SourceText",
    "Span",
    "anchor_quote",
    "describe",
    "mark_differences",
]
