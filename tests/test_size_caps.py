"""Sizes factcheck refuses, and what the app shows of text too long to show (issue 16): a device
or an 8 GB file as a source text, files and entries over the limits of factcheck.yaml, and a
claim or a quote of megabytes in the app."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from factcheck.app import create_app
from factcheck.app.long_text import CLAIM_SHOWN, PARAGRAPH_SHOWN, QUOTE_ROW_SHOWN
from factcheck.app.screens.review import ReviewScreen
from factcheck.app.screens.source import SourceScreen
from factcheck.app.widgets.claim_detail import ClaimDetail
from factcheck.app.widgets.evidence_list import EvidenceList
from factcheck.corpus.files import FileTooLargeError, megabytes, read_regular_file
from factcheck.corpus.limits import DEFAULT_LIMITS
from factcheck.corpus.loader import load_corpus
from factcheck.corpus.problems import Problem
from tests.conftest import CorpusWriter
from tests.test_app_review import REVIEWER, opened


def findings(root: Path) -> list[str]:
    return [str(problem) for problem in load_corpus(root, cache_dir=None).problems]


def check_in_subprocess(root: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [sys.executable, "-m", "factcheck", "check", "--no-cache", str(root)],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("check ran past 60 s")


# Files


def test_an_8_gb_sparse_source_text_is_refused_by_its_size(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    with open(root / "evidence" / "wire-2021.txt", "wb") as handle:
        handle.truncate(8 * 2**30)  # sparse: no disk used, 8 GB to read
    run = check_in_subprocess(root)
    assert run.returncode == 1, run.stderr
    assert run.stdout.startswith(
        "evidence/wire-2021.yaml:6:9: error: source text 'wire-2021.txt' is 8,589.9 MB, over "
        "the limit of 50 MB for a source text; raise limits: source_text_mb in factcheck.yaml "
        "if it is right\n"
    ), run.stdout + run.stderr
    assert "Traceback" not in run.stderr


def test_a_character_device_as_a_source_text_is_refused(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"evidence/wire-2021.txt": None})
    try:  # /dev/zero's numbers: a device that never ends
        os.mknod(root / "evidence" / "wire-2021.txt", stat.S_IFCHR | 0o644, os.makedev(1, 5))
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device node here")
    run = check_in_subprocess(root)
    assert run.returncode == 1
    assert (
        "evidence/wire-2021.yaml:6:9: error: source text 'wire-2021.txt' is a character device, "
        "not a regular file; factcheck reads only regular files\n"
    ) in run.stdout


def test_the_limits_are_set_in_factcheck_yaml(write_corpus: CorpusWriter) -> None:
    # The source text is 165 bytes and the claims file 227: under the defaults, over these.
    root = write_corpus({"factcheck.yaml": "limits:\n  source_text_mb: 0.0001\n"})
    assert findings(root) == [
        "evidence/wire-2021.yaml:6:9: error: source text 'wire-2021.txt' is 165 bytes, over the "
        "limit of 100 bytes for a source text; raise limits: source_text_mb in factcheck.yaml "
        "if it is right"
    ]
    (root / "factcheck.yaml").write_text("limits:\n  yaml_file_mb: 0.0002\n")
    assert findings(root)[0] == (
        "claims/main.yaml:1:1: error: is 227 bytes, over the limit of 200 bytes for a YAML "
        "file; raise limits: yaml_file_mb in factcheck.yaml"
    )
    (root / "factcheck.yaml").write_text("limits:\n  yaml_file_mb: 0\n")
    assert findings(root)[0].startswith("factcheck.yaml:2:17: error: 'yaml_file_mb'")


def test_a_file_over_the_limit_is_refused_even_when_cached(
    write_corpus: CorpusWriter, tmp_path: Path
) -> None:
    root = write_corpus()
    cache = tmp_path / "cache"
    assert load_corpus(root, cache_dir=cache).problems == []
    (root / "factcheck.yaml").write_text("limits:\n  yaml_file_mb: 0.0002\n")
    problems = load_corpus(root, cache_dir=cache).problems
    too_large = [p.file for p in problems if p.code == "too-large"]
    assert too_large == ["claims/main.yaml", "evidence/wire-2021.yaml"]


def test_read_regular_file_reads_no_further_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "text.txt"
    path.write_bytes(b"x" * 1000)
    status, data = read_regular_file(path, 1000)
    assert data == b"x" * 1000 and status.st_size == 1000
    with pytest.raises(FileTooLargeError) as refused:
        read_regular_file(path, 999)
    assert refused.value.strerror == "is 1,000 bytes, over the limit of 999 bytes"
    assert megabytes(50_000_000) == "50 MB" and megabytes(8 * 2**30) == "8,589.9 MB"


# Entries


def test_a_claim_or_a_quote_over_its_limit_is_an_error_where_it_is(
    write_corpus: CorpusWriter,
) -> None:
    longest_claim = "c" * DEFAULT_LIMITS.claim_characters
    longest_quote = "q" * DEFAULT_LIMITS.quote_characters
    root = write_corpus(
        {
            "claims/long.yaml": f"claims:\n  - id: long\n    claimant: X\n"
            f"    text: {longest_claim}\n  - id: longer\n    claimant: X\n"
            f"    text: {longest_claim}c\n",
            "evidence/long.yaml": "source: {id: long, outlet: O, title: T, text: long.txt}\n"
            f"quotes:\n  - id: longest\n    quote: {longest_quote}\n"
            f"  - id: too-long\n    quote: {longest_quote}q\n",
            "evidence/long.txt": longest_quote + "q",
        }
    )
    sized = [p for p in load_corpus(root, cache_dir=None).problems if p.code == "too-long"]
    assert [str(p) for p in sized] == [
        "claims/long.yaml:7:11: error: the claim is 10,001 characters long, over the limit of "
        "10,000 for a claim (a sentence or a paragraph); keep the words that were said, or "
        "raise limits: claim_characters in factcheck.yaml",
        "evidence/long.yaml:6:12: error: the quote is 20,001 characters long, over the limit of "
        "20,000 for a quote; quote the passage that bears on the claim, or raise limits: "
        "quote_characters in factcheck.yaml",
    ]
    # Still loaded: the app shows them, cut short, beside the error.
    corpus = load_corpus(root, cache_dir=None).corpus
    assert corpus is not None
    assert "longer" in corpus.claims_by_id and "too-long" in corpus.quotes


def test_the_bundled_corpus_is_within_every_limit() -> None:
    problems: list[Problem] = load_corpus(Path(__file__).parent.parent, cache_dir=None).problems
    assert [p for p in problems if p.code in {"too-large", "too-long"}] == []


# The app: what it shows of a claim or a quote of megabytes


def numbered_words(length: int) -> str:
    """'w0 w1 w2 …', `length` characters: no passage of it occurs twice."""
    return " ".join(f"w{n}" for n in range(length // 3 + 1))[:length]


def huge_corpus(write_corpus: CorpusWriter, claim: int, quote: int, before: int) -> Path:
    """A claim of `claim` characters, linked to a quote of `quote` characters that starts
    `before` characters into a one-paragraph source text (and goes on to its end)."""
    text = numbered_words(quote + before)
    return write_corpus(
        {
            "claims/huge.yaml": f'claims:\n  - id: huge\n    text: "{numbered_words(claim)}"\n'
            "    claimant: X\n    evidence:\n      - {ref: long, stance: supports}\n",
            "evidence/huge.yaml": "source: {id: huge, outlet: O, title: T, text: huge.txt}\n"
            f'quotes:\n  - id: long\n    quote: "{text[before:]}"\n',
            "evidence/huge.txt": text,
        }
    )


def drawn(widget: Static) -> str:
    return str(widget.render())


async def select_claim(pilot: Pilot, claim_id: str) -> ReviewScreen:
    screen = await opened(pilot)
    claims = screen.claim_list
    while claims.selected is None or claims.selected.id != claim_id:
        await pilot.press("j")
    await pilot.pause()
    return screen


async def test_the_app_shows_the_start_of_a_megabyte_claim_and_quote(
    write_corpus: CorpusWriter,
) -> None:
    root = huge_corpus(write_corpus, claim=1_000_000, quote=1_000_000, before=200_000)
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await select_claim(pilot, "huge")
        detail = drawn(screen.query_one(ClaimDetail))
        assert detail.split("\n", 1)[1].startswith("“w0 w1 w2")  # under the id heading
        assert f"… ({1_000_000 - CLAIM_SHOWN:,} more characters: press m to show all)" in detail
        assert len(detail) < CLAIM_SHOWN + 300
        # A key press away and back draws the cut claim again, not the whole.
        await pilot.press("j", "k")
        await pilot.pause()
        assert drawn(screen.query_one(ClaimDetail)) == detail

        evidence = screen.query_one(EvidenceList)
        row = str(evidence.get_option_at_index(1).prompt)
        assert row.startswith("“") and len(row) < QUOTE_ROW_SHOWN + 200
        assert "more characters: enter shows the whole quote in its source" in row

        await pilot.press("tab", "enter")
        await pilot.pause()
        source = app.screen
        assert isinstance(source, SourceScreen)
        shown = [drawn(p) for p in source.query(".paragraph").results(Static)]
        assert len(shown) == 1 and len(shown[0]) < PARAGRAPH_SHOWN + 200
        # The paragraph is shown from a little before the quote, which starts 200,000 in.
        assert shown[0].startswith(f"({200_000 - PARAGRAPH_SHOWN // 5:,} characters before) …")
        assert shown[0].endswith("more characters: press m to show all)")


async def test_m_shows_all_of_a_long_claim_and_a_long_paragraph(
    write_corpus: CorpusWriter,
) -> None:
    root = huge_corpus(write_corpus, claim=5_000, quote=3_000, before=9_000)
    app = create_app(root, REVIEWER)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await select_claim(pilot, "huge")
        detail = screen.query_one(ClaimDetail)
        assert "(3,000 more characters: press m to show all)" in drawn(detail)
        await pilot.press("m")
        await pilot.pause()
        whole = drawn(detail)
        assert "more characters" not in whole
        claim = whole.split("\n", 1)[1]  # under the id heading
        assert len(claim.split("”")[0]) == 1 + 5_000  # the opening mark and every character
        await pilot.press("j", "k")  # another claim, and back: cut again
        await pilot.pause()
        assert "(3,000 more characters: press m to show all)" in drawn(detail)

        await pilot.press("tab", "enter")
        await pilot.pause()
        source = app.screen
        assert isinstance(source, SourceScreen)
        [paragraph] = source.query(".paragraph").results(Static)
        assert "characters before) …" in drawn(paragraph)
        await pilot.press("m")
        await pilot.pause()
        assert drawn(paragraph) == numbered_words(12_000)
