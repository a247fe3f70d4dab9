"""Taking a passage of a source as a quote: is it there, in which words, and is it quoted
already? The corpus writer asks this before it adds a quote."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.corpus.model import Corpus, Source
from factcheck.corpus.verification import verify_now
from factcheck.quotes import Anchor, MatchStatus, SourceText, anchor_quote, describe


@dataclass(frozen=True, slots=True)
class Passage:
    anchor: Anchor
    """Where and how the words were found in the source."""
    text: str
    """The words to keep as the quote: the source's own characters when the words given differ
    from them only in typography (quote marks, dashes, spaces, case), so the quote is exact."""
    existing: str | None
    """A quote of the same source already anchored on the same characters: that one is linked
    instead of a second copy of the passage."""

    @property
    def acceptable(self) -> bool:
        """Found as the source has it: exactly, after folding typography, or in parts around an
        elision. A fuzzy match or a changed figure is a different quote, and refused."""
        return (
            self.anchor.status in (MatchStatus.EXACT, MatchStatus.NORMALISED, MatchStatus.ELIDED)
            and not self.anchor.changed_numbers
        )

    def refusal(self, source: Source) -> str:
        """Why the words cannot be quoted from `source`, with the near miss when there is one."""
        detail = describe(self.anchor, self.text, source.text)
        return f"not in source '{source.id}' ({source.text_file}): {detail}"


def passage_for(corpus: Corpus, source: Source, words: str) -> Passage:
    """How `words` stand in `source`'s text, through the one quote matcher (`anchor_quote`)."""
    text = source.text or ""
    anchor = anchor_quote(words, SourceText(text))
    kept = words.strip()
    if anchor.status is MatchStatus.NORMALISED and len(anchor.spans) == 1:
        kept = text[anchor.spans[0].start : anchor.spans[0].end]
    existing = None
    if anchor.spans:
        for quote_id, other in verify_now(corpus, source.quote_ids).items():
            if other.spans == anchor.spans:
                existing = quote_id
                break
    return Passage(anchor, kept, existing)
