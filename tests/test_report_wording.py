"""How the reports word the scale and the statuses (issue 11): key 1 rates True in the app while
ClaimReview publishes True as 6, so no number is shown without what it is; and a status is
spelt one way in each place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.corpus.model import Corpus
from factcheck.report.registry import render
from tests.test_report_model import make_report, report_corpus  # noqa: F401

SCALE_ROWS = {
    # label: (key in the app, published rating)
    "True": (1, 6),
    "Mostly true": (2, 5),
    "Half true": (3, 4),
    "Misleading": (4, 3),
    "Mostly false": (5, 2),
    "False": (6, 1),
}


def _section(text: str, start: str, end: str | None = None) -> str:
    begin = text.index(start)
    return text[begin : text.index(end, begin) if end else None]


def test_markdown_scale_table_says_which_key_rates_what(
    report_corpus: tuple[Path, Corpus],  # noqa: F811
) -> None:
    scale = _section(render(make_report(*report_corpus), "md"), "## Rating scale", "## Claims")
    rows = [line for line in scale.splitlines() if line.startswith("| ")]
    header, body = rows[0], rows[1:]
    assert "Key in the review app" in header and "Published rating" in header
    for label, (key, rating) in SCALE_ROWS.items():
        row = next(r for r in body if r.startswith(f"| {label} |"))
        assert f"key {key}" in row and f"{rating} of 6" in row
    unproven = next(r for r in body if r.startswith("| Unproven |"))
    assert "key 7" in unproven
    # No cell of the table is a bare number: each says whether it is a key or a rating.
    cells = [cell.strip() for row in body for cell in row.strip("|").split("|")]
    assert not [cell for cell in cells if re.fullmatch(r"\d+", cell)]
    assert "key 1 rates True" in scale and "key 6 rates False" in scale
    assert "from 1 (False) to 6 (True)" in scale


def test_html_scale_table_says_which_key_rates_what(
    report_corpus: tuple[Path, Corpus],  # noqa: F811
) -> None:
    scale = _section(render(make_report(*report_corpus), "html"), '<section id="scale">')
    assert "<th>Key in the review app</th>" in scale
    for label, (key, rating) in SCALE_ROWS.items():
        row = next(r for r in scale.split("<tr>") if f">{label}</span>" in r)
        assert f">key {key}<" in row and f">{rating} of 6<" in row
    assert not re.search(r"<td[^>]*>\d+</td>", scale)  # no bare number in a cell
    assert "key 1 rates True" in scale and "key 6 rates False" in scale


@pytest.mark.parametrize("format_name", ["md", "html"])
def test_a_status_is_spelt_one_way_in_md_and_html(
    report_corpus: tuple[Path, Corpus],  # noqa: F811
    format_name: str,
) -> None:
    """The claims say 'Disputed' and 'Pending'; the summary's counts and chart said 'disputed'
    and 'pending' beside them."""
    text = render(make_report(*report_corpus), format_name)
    assert "Disputed" in text and "Pending" in text
    read = re.sub(r'class="[^"]*"|\.disputed \{', "", text)  # CSS names are not read
    assert re.findall(r"\b(?:disputed|pending)\b", read) == []
