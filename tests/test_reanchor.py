"""Re-anchoring quotes in a changed source text from their W3C selectors (factcheck.quotes)."""

from __future__ import annotations

import pytest

from factcheck.quotes.model import CONTEXT_CHARS, Span
from factcheck.quotes.reanchor import (
    QuoteSelectors,
    ReanchorMethod,
    reanchor,
    reanchor_all,
    selectors_for,
)

OLD = (
    "The minister spoke to reporters on Tuesday morning. "
    "Unemployment fell to 4.1 percent in March, the lowest level in a decade, she said. "
    "Critics said the figures hid part-time work. "
    "The minister added that wages rose faster than prices for the first time since 2019."
)
QUOTE = "Unemployment fell to 4.1 percent in March, the lowest level in a decade"


def _selectors(quote: str = QUOTE, text: str = OLD) -> QuoteSelectors:
    start = text.index(quote)
    return selectors_for(text, start, start + len(quote))


def _found(text: str, result_span: Span | None) -> str:
    assert result_span is not None
    return text[result_span.start : result_span.end]


def test_selectors_carry_the_context_either_side() -> None:
    selectors = _selectors()
    assert selectors.exact == QUOTE
    assert len(selectors.prefix) == CONTEXT_CHARS
    assert OLD.endswith(selectors.suffix) is False
    assert selectors.prefix == OLD[selectors.start - CONTEXT_CHARS : selectors.start]
    assert selectors.suffix == OLD[selectors.end : selectors.end + CONTEXT_CHARS]
    first = _selectors("The minister spoke")
    assert first.prefix == ""  # the quote starts the text


def test_w3c_selectors_round_trip() -> None:
    selectors = _selectors()
    w3c = selectors.to_w3c()
    assert [item["type"] for item in w3c] == ["TextQuoteSelector", "TextPositionSelector"]
    position = {"type": "TextPositionSelector", "start": selectors.start, "end": selectors.end}
    assert w3c[1] == position
    assert QuoteSelectors.from_w3c(w3c) == selectors
    with pytest.raises(ValueError, match="TextQuoteSelector"):
        QuoteSelectors.from_w3c([w3c[1]])


def test_an_unchanged_text_finds_every_quote_where_it_was() -> None:
    selectors = _selectors()
    result = reanchor(selectors, OLD)
    assert result.method is ReanchorMethod.EXACT
    assert result.span == Span(selectors.start, selectors.end)


def test_a_quote_moved_by_an_inserted_paragraph_is_found_exactly_at_its_new_place() -> None:
    new = "Editor's note: this story was updated on Wednesday.\n\n" + OLD
    result = reanchor(_selectors(), new)
    assert result.method is ReanchorMethod.EXACT
    assert _found(new, result.span) == QUOTE
    assert result.span is not None and result.span.start > _selectors().start


def test_of_repeated_exact_words_the_one_in_the_old_context_is_chosen() -> None:
    quote = "The minister"
    old = OLD
    second = old.index(quote, 1)  # "The minister added ..."
    selectors = selectors_for(old, second, second + len(quote))
    # A new first paragraph repeats the words far from the old place and in another context.
    new = "The minister declined to comment further. " + old
    result = reanchor(selectors, new)
    assert result.method is ReanchorMethod.EXACT
    assert result.span is not None
    assert new[result.span.end : result.span.end + 6] == " added"


def test_typographic_changes_in_place_are_found_by_position() -> None:
    old = 'He said "no deal" was better than a bad deal - and left.'
    quote = '"no deal" was better than a bad deal - and'
    selectors = _selectors(quote, old)
    # Re-captured with curly quotes and an en dash: the same length, the same place.
    new = "He said \u201cno deal\u201d was better than a bad deal \u2013 and left."
    assert len(new) == len(old)
    result = reanchor(selectors, new)
    assert result.method is ReanchorMethod.POSITION
    assert result.span == Span(selectors.start, selectors.end)


def test_a_word_changed_in_the_quote_is_found_by_fuzzy_matching() -> None:
    new = OLD.replace("lowest level in a decade", "lowest level in ten years").replace(
        "Tuesday", "Wednesday"
    )
    result = reanchor(_selectors(), new)
    assert result.method is ReanchorMethod.FUZZY
    assert 0 < result.score < 100
    assert _found(new, result.span).startswith("Unemployment fell to 4.1 percent")


def test_a_quote_reworded_beyond_the_thresholds_is_found_when_its_context_is_unchanged() -> None:
    reworded = "Joblessness dropped to 4.1 per cent in March, the lowest level in a decade"
    new = OLD.replace(QUOTE, reworded)
    selectors = _selectors()
    result = reanchor(selectors, new)
    assert result.method is ReanchorMethod.FUZZY
    found = _found(new, result.span)
    assert "4.1 per cent in March" in found
    # The same rewording with its context rewritten too is an orphan: nothing vouches for it.
    elsewhere = (
        "Figures out this week were mixed. " + reworded + ", analysts noted on Friday. "
        "Critics said the figures hid part-time work."
    )
    assert reanchor(selectors, elsewhere).orphan


def test_a_quote_removed_from_the_source_is_an_orphan_and_listed() -> None:
    kept = "Critics said the figures hid part-time work."
    new = OLD.replace(QUOTE + ", she said. ", "")
    found, orphans = reanchor_all({"q-jobs": _selectors(), "q-critics": _selectors(kept)}, new)
    assert orphans == ["q-jobs"]
    assert list(found) == ["q-critics"]
    assert found["q-critics"].method is ReanchorMethod.EXACT
    assert _found(new, found["q-critics"].span) == kept


def test_an_empty_exact_is_an_orphan() -> None:
    assert reanchor(QuoteSelectors("  ", "", "", 0, 2), OLD).orphan
