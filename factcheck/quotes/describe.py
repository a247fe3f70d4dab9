"""One-paragraph, plain-text messages about an anchor, for diagnostics and the app."""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.quotes.model import Anchor, Difference, MatchStatus

_MAX_SHOWN_CHARS = 240


def mark_differences(quote: str, differences: Sequence[Difference]) -> str:
    """The quote with each difference marked: `[-as quoted-]{+as in the source+}`.

    Plain text (no colour, no markup) so it reads the same in a terminal, a log and a CI job.
    """
    quote = quote.strip()
    marked: list[str] = []
    consumed = 0
    for difference in sorted(differences, key=lambda item: item.quote_span.start):
        start, end = difference.quote_span.start, difference.quote_span.end
        if start < consumed or end > len(quote):
            continue
        marked.append(quote[consumed:start])
        if difference.in_quote:
            marked.append(f"[-{difference.in_quote}-]")
        if difference.in_source:
            marked.append(f"{{+{difference.in_source}+}}")
            if not difference.in_quote and end < len(quote) and not quote[end].isspace():
                # An insertion sits before the next word: keep the words apart.
                marked.append(" ")
        consumed = end
    marked.append(quote[consumed:])
    return "".join(marked)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _MAX_SHOWN_CHARS:
        return text
    half = _MAX_SHOWN_CHARS // 2 - 2
    return f"{text[:half]} … {text[-half:]}"


def _figures(anchor: Anchor) -> str:
    changes = ", ".join(
        f"{in_quote or '(none)'} in the quote, {in_source or '(none)'} in the source"
        for in_quote, in_source in anchor.changed_numbers
    )
    return f"A figure differs ({changes}): a changed number is not a typo."


def describe(anchor: Anchor, quote: str, source_text: str | None = None) -> str:
    """A human message for `anchor`: what was found, and for a fuzzy or missing quote, how the
    quote differs from the source, with both versions and the differing words marked.

    Give `source_text` to quote the source's side of a near miss; without it the message says
    where the near miss is.
    """
    status = anchor.status
    if status is MatchStatus.EXACT:
        return "Quote found exactly in its source."
    if status is MatchStatus.NORMALISED:
        return f"Quote found in its source after folding {', '.join(anchor.folded) or 'nothing'}."
    if status is MatchStatus.ELIDED:
        return f"Elided quote: its {len(anchor.spans)} parts are found in order in its source."
    sentences: list[str] = []
    if status is MatchStatus.FUZZY:
        in_source = " … ".join(
            source_text[span.start : span.end] if source_text is not None else ""
            for span in anchor.spans
        )
        sentences.append(
            f"Quote differs from its source (fuzzy match, score {anchor.score:.0f} of 100)."
        )
        sentences.append(f'Quoted: "{_shorten(quote)}".')
        if source_text is not None:
            sentences.append(f'Source: "{_shorten(in_source)}".')
    elif anchor.near_miss is None:
        sentences.append("Quote not found in its source, and nothing in the source comes close.")
    else:
        near = anchor.near_miss
        sentences.append(
            f"Quote not found in its source; the closest passage (characters "
            f"{near.start}-{near.end}, score {anchor.score:.0f} of 100) differs too much."
        )
        sentences.append(f'Quoted: "{_shorten(quote)}".')
        if source_text is not None:
            sentences.append(f'Closest: "{_shorten(source_text[near.start : near.end])}".')
    if anchor.differences:
        marked = _shorten(mark_differences(quote, anchor.differences))
        sentences.append(f"Differences, [-quoted-]{{+source+}}: {marked}")
    if anchor.changed_numbers:
        sentences.append(_figures(anchor))
    return " ".join(sentences)
