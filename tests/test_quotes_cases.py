"""The labelled set: every case's status, spans and details, asserted against the seed texts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck.quotes import Anchor, MatchStatus, Severity, SourceText, Span, anchor_quote

DATA = Path(__file__).parent / "data"
EVIDENCE = Path(__file__).parent.parent / "evidence"
CASES: list[dict[str, Any]] = yaml.safe_load((DATA / "quote_cases.yaml").read_text("utf-8"))[
    "cases"
]
SOURCES = {path.stem: SourceText(path.read_text("utf-8")) for path in EVIDENCE.glob("*.txt")}


def expected_spans(case: dict[str, Any], text: str) -> tuple[Span, ...]:
    spans = []
    search_from = 0
    for span_text in case.get("spans", []):
        start = -1
        for _ in range(case.get("occurrence", 1)):
            start = text.find(span_text, start + 1 if start >= 0 else search_from)
        assert start >= 0, f"{case['id']}: expected span text is not in the source: {span_text!r}"
        spans.append(Span(start, start + len(span_text)))
        search_from = start + len(span_text)
    return tuple(spans)


def test_the_labelled_set_is_big_and_varied() -> None:
    kinds = {case["kind"] for case in CASES}
    assert len(CASES) >= 60
    assert {"exact", "typographic", "spacing", "paragraph-break", "elided", "changed-word"} <= kinds
    assert {"dropped-word", "paraphrase", "other-source", "source-typo", "changed-number"} <= kinds
    assert len({case["id"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case: dict[str, Any]) -> None:
    source = SOURCES[case["source"]]
    anchor = anchor_quote(case["quote"], source)
    assert anchor.status == MatchStatus(case["status"]), anchor
    assert anchor.spans == expected_spans(case, source.text), [
        source.text[span.start : span.end] for span in anchor.spans
    ]
    if "folded" in case:
        assert list(anchor.folded) == case["folded"]
    if "differences" in case:
        assert [[d.in_quote, d.in_source] for d in anchor.differences] == case["differences"]
    if "changed_numbers" in case:
        assert [list(pair) for pair in anchor.changed_numbers] == case["changed_numbers"]
    assert_consistent(anchor, source)


def assert_consistent(anchor: Anchor, source: SourceText) -> None:
    """What holds for every anchor, whatever its status."""
    text = source.text
    if anchor.status is MatchStatus.NOT_FOUND:
        assert anchor.spans == ()
        assert anchor.severity is Severity.ERROR
        return
    assert anchor.spans
    for previous, span in zip(anchor.spans, anchor.spans[1:], strict=False):
        assert previous.end <= span.start
    first, last = anchor.spans[0], anchor.spans[-1]
    prefix, suffix = anchor.context(text)
    assert text[max(0, first.start - len(prefix)) : first.start] == prefix
    assert text[last.end : last.end + len(suffix)] == suffix
    if anchor.status in (MatchStatus.EXACT, MatchStatus.NORMALISED, MatchStatus.ELIDED):
        assert anchor.score == 100.0
        assert anchor.severity is Severity.INFO
    else:
        assert anchor.severity is (Severity.ERROR if anchor.changed_numbers else Severity.WARNING)
    for difference in anchor.differences:
        assert text[difference.source_span.start : difference.source_span.end] == (
            difference.in_source
        )
