"""How large a file or an entry of the corpus may be: beyond these, factcheck reports an error
instead of reading on. A wrong path to a disk image, a FIFO, a YAML file whose aliases repeat a
long string thousands of times or a claim pasted with a whole report in it must give a message
naming the file, not a frozen terminal or a MemoryError.

Set in `factcheck.yaml` under `limits:` (schema.py `LimitsEntry`); the defaults are far above
anything a newsroom writes. factcheck.yaml itself and the review files are read under the default
YAML limit, since they are read before the settings are known, or without them.
"""

from __future__ import annotations

from dataclasses import dataclass

MEGABYTE = 1_000_000


@dataclass(frozen=True, slots=True)
class Limits:
    source_text_bytes: int = 50 * MEGABYTE
    """The largest source text read. A long report's captured text is a few MB; 50 MB of plain
    text is some 8 million words."""
    yaml_file_bytes: int = 20 * MEGABYTE
    """The largest claims or evidence file read, and the most text its data may hold with its
    aliases (`*name`) expanded: a 10,000-claim corpus is 13 MB in 2,020 files, its largest file
    0.3 MB. Parsing 20 MB takes some 8 s."""
    claim_characters: int = 10_000
    """The longest claim: about 1,500 words, several pages of a claim where a claim is a
    sentence or a paragraph."""
    quote_characters: int = 20_000
    """The longest quote: about 3,000 words, where a quote is a sentence or a passage."""


DEFAULT_LIMITS = Limits()


def claim_size_problem(text: str, limits: Limits) -> str | None:
    """Why a claim's text is too long to be a claim, or None."""
    if len(text) <= limits.claim_characters:
        return None
    return (
        f"the claim is {len(text):,} characters long, over the limit of "
        f"{limits.claim_characters:,} for a claim (a sentence or a paragraph); keep the words "
        "that were said, or raise limits: claim_characters in factcheck.yaml"
    )


def quote_size_problem(quote: str, limits: Limits) -> str | None:
    """Why a quote is too long to be one, or None. (One longer than its source text is
    reported by the quote check: not found.)"""
    if len(quote) <= limits.quote_characters:
        return None
    return (
        f"the quote is {len(quote):,} characters long, over the limit of "
        f"{limits.quote_characters:,} for a quote; quote the passage that bears on the claim, "
        "or raise limits: quote_characters in factcheck.yaml"
    )
