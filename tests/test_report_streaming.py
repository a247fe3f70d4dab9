"""Reports are written as they are made, claim by claim: the same bytes as a report made whole,
in memory that does not grow with the corpus, and still all or nothing on disk.

The golden files in tests/data/reports/ are each format of the report of `report_corpus`; after
changing what a format writes on purpose, write them again with
    FACTCHECK_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_report_streaming.py
and read the difference in the commit.
"""

from __future__ import annotations

import json
import os
import re
import tracemalloc
from dataclasses import replace
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from jinja2 import UndefinedError
from pydantic import TypeAdapter

from factcheck.cli import cli
from factcheck.corpus.generate import generate_corpus
from factcheck.corpus.model import Corpus
from factcheck.report.model import ClaimEntries, Report
from factcheck.report.registry import FORMATS, export, render, stream
from factcheck.report.streaming import chunked, squeezed
from factcheck.reviews import fingerprint
from factcheck.workspace import Workspace
from tests.test_report_model import make_report, report_corpus, write_report_corpus

__all__ = ["report_corpus"]  # the fixture, imported for pytest

GOLDEN = Path(__file__).parent / "data" / "reports"


# 1. Byte for byte what the formats wrote when reports were made whole


@pytest.mark.parametrize("format_name", list(FORMATS))
def test_each_format_writes_its_golden_file(
    report_corpus: tuple[Path, Corpus], tmp_path: Path, format_name: str
) -> None:
    """Written as `export` writes it (streamed into the file), and as `render` returns it."""
    golden = GOLDEN / f"report{FORMATS[format_name].suffix}"
    written = export(make_report(*report_corpus), format_name, tmp_path / golden.name)
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(written.read_bytes())
    assert golden.exists(), f"no golden file for {format_name}: write it (see the docstring)"
    assert written.read_bytes() == golden.read_bytes()
    rendered = render(make_report(*report_corpus), format_name)
    assert rendered.encode("utf-8") == golden.read_bytes()


def test_json_is_the_whole_report_as_pydantic_writes_it(report_corpus: tuple[Path, Corpus]) -> None:
    """Claim by claim, spliced into the report without claims, the text is what pydantic
    writes for the whole model at once: with claims, with none, and with a title that reads
    like the claims key."""
    whole = TypeAdapter(Report)

    def at_once(report: Report) -> str:
        listed = replace(report, claims=list(report.claims))
        return whole.dump_json(listed, indent=2).decode("utf-8") + "\n"

    for options in ({}, {"tags": ["peace"]}, {"tags": ["no such tag"]}):
        report = make_report(*report_corpus, **options)
        assert render(report, "json") == at_once(report)
    tricky = replace(make_report(*report_corpus), title='x\n  "claims": []')
    assert render(tricky, "json") == at_once(tricky)
    assert json.loads(render(tricky, "json"))["title"] == 'x\n  "claims": []'


def test_json_lines_are_the_claims_of_the_json_export(report_corpus: tuple[Path, Corpus]) -> None:
    report = make_report(*report_corpus)
    lines = render(report, "jsonl").splitlines()
    assert len(lines) == len(report.claims) == 3
    assert [json.loads(line) for line in lines] == json.loads(render(report, "json"))["claims"]
    assert render(make_report(*report_corpus, tags=["no such tag"]), "jsonl") == ""


def test_the_command_line_writes_json_lines(tmp_path: Path) -> None:
    """By name, by the .jsonl and .ndjson extensions, and to stdout the bytes -o writes."""
    corpus = write_report_corpus(tmp_path / "corpus")
    runner = CliRunner()
    printed = runner.invoke(cli, ["export", "--no-verify", "--format", "jsonl", str(corpus)])
    assert printed.exit_code == 0, printed.output
    for name in ("claims.jsonl", "claims.ndjson"):
        target = tmp_path / name
        written = runner.invoke(cli, ["export", "--no-verify", "-o", str(target), str(corpus)])
        assert written.exit_code == 0, written.output
        assert target.read_bytes() == printed.stdout_bytes
    assert [json.loads(line)["id"] for line in printed.stdout.splitlines()] == [
        "defeated",
        "peace",
        "unrated",
    ]


def test_the_command_line_offers_every_format() -> None:
    result = CliRunner().invoke(cli, ["export", "--help"])
    offered = re.search(r"\[([a-z|]+)\]", " ".join(result.output.split()))
    assert offered is not None and offered.group(1).split("|") == list(FORMATS)


# 2. The pieces: chunks, and blank lines squeezed across chunk boundaries


def _squeezed_whole(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


@given(
    st.text(alphabet="\n \tab—", max_size=60),
    st.lists(st.integers(min_value=0, max_value=60), max_size=8),
)
def test_squeezing_chunk_by_chunk_is_squeezing_the_whole(text: str, cuts: list[int]) -> None:
    bounds = [0, *sorted(min(cut, len(text)) for cut in cuts), len(text)]
    chunks = [text[start:end] for start, end in pairwise(bounds)]
    assert "".join(squeezed(chunks)) == _squeezed_whole(text)


@given(st.lists(st.text(max_size=20), max_size=30), st.integers(min_value=1, max_value=50))
def test_chunks_keep_every_piece_in_order(pieces: list[str], size: int) -> None:
    chunks = list(chunked(pieces, size))
    assert "".join(chunks) == "".join(pieces)
    assert all(chunks) and all(len(chunk) >= size for chunk in chunks[:-1])


def test_a_report_makes_its_claims_as_they_are_read(report_corpus: tuple[Path, Corpus]) -> None:
    """Read twice, indexed, sliced: the same entries each time, made from the claims chosen."""
    claims = make_report(*report_corpus).claims
    assert isinstance(claims, ClaimEntries)
    assert len(claims) == 3 and claims.ids() == ["defeated", "peace", "unrated"]
    assert list(claims) == list(claims)
    assert claims[1] == list(claims)[1] and claims[-1].id == "unrated"
    assert [entry.id for entry in claims[:2]] == ["defeated", "peace"]


# 3. On disk: all or nothing, as before


def test_a_template_that_fails_halfway_leaves_the_old_report(
    report_corpus: tuple[Path, Corpus], tmp_path: Path
) -> None:
    """The report goes into a temporary file renamed over the target only once it is whole:
    a house template that fails at the second claim leaves the old report and no stray file."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "report.md"
    target.write_text("the old report\n", encoding="utf-8")
    house = tmp_path / "house.md.j2"
    house.write_text(
        "{% for claim in report.claims %}{{ claim.id }}\n"
        "{% if loop.index == 2 %}{{ claim.no_such_field }}{% endif %}{% endfor %}\n",
        encoding="utf-8",
    )
    report = make_report(*report_corpus)
    with pytest.raises(UndefinedError):
        export(report, "md", target, template=house)
    assert target.read_text(encoding="utf-8") == "the old report\n"
    assert [path.name for path in out.iterdir()] == ["report.md"]


def test_a_failure_before_the_first_chunk_is_raised_by_stream(
    report_corpus: tuple[Path, Corpus], tmp_path: Path
) -> None:
    """An unknown format or a template that does not compile is said before anything is
    written (stdout gets nothing)."""
    report = make_report(*report_corpus)
    broken = tmp_path / "broken.md.j2"
    broken.write_text("{% for claim in report.claims %}", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown format"):
        stream(report, "docx")
    with pytest.raises(Exception, match="end of template"):
        stream(report, "md", template=broken)


# 4. Memory that does not grow with the corpus


def _reviewed_corpus(root: Path, claims: int) -> Workspace:
    """A generated corpus with every other claim rated by one reviewer."""
    generate_corpus(root, claims=claims, quotes_per_claim=5, seed=1)
    corpus = Workspace.open(root, cache=False).corpus
    assert corpus is not None
    reviews = [
        {
            "claim": claim.id,
            "verdict": "False",
            "note": "The quoted sources say otherwise.",
            "time": "2026-11-20T09:00:00+00:00",
            "fingerprint": fingerprint(corpus, claim),
        }
        for claim in corpus.claims[::2]
    ]
    (root / "reviews").mkdir()
    (root / "reviews" / "ana.yaml").write_text(
        yaml.dump({"reviewer": "Ana", "reviews": reviews}, Dumper=yaml.CSafeDumper),
        encoding="utf-8",
    )
    workspace = Workspace.open(root, cache=False)
    workspace.review_files()  # read once, when first asked for: not part of the measure
    return workspace


def _peak_bytes(workspace: Workspace, format_name: str, target: Path) -> int:
    """The most memory that building and exporting the report took at once."""
    tracemalloc.start()
    try:
        export(workspace.report(verify=False), format_name, target)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_exporting_four_times_the_claims_takes_about_the_same_memory(tmp_path: Path) -> None:
    """From 200 to 800 claims, each format's peak grows by a few hundred bytes a claim (what
    the first pass keeps: which claims, their reviews and verdicts). Made whole, a report took
    3 KB (csv) to 20 KB (html) more a claim."""
    small = _reviewed_corpus(tmp_path / "small", 200)
    large = _reviewed_corpus(tmp_path / "large", 800)
    for format_name in FORMATS:
        target = tmp_path / f"report{FORMATS[format_name].suffix}"
        export(small.report(verify=False), format_name, target)  # templates compiled, caches
        growth = _peak_bytes(large, format_name, target) - _peak_bytes(small, format_name, target)
        assert growth / 600 < 1_000, (format_name, growth)
