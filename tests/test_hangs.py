"""What made `check`, `stats` and `export` hang (issue 16): a FIFO where a file should be, a YAML
file whose aliases repeat a long string thousands of times, and thousands of findings in one
file. Each command runs in a subprocess with a timeout, so a regression fails here instead of
hanging the suite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from factcheck.corpus import yamlio
from factcheck.corpus.diagnostics import LeftOut, ProblemCollector, capped
from factcheck.corpus.files import NotRegularFileError, read_regular_file
from factcheck.corpus.model import Place
from factcheck.corpus.problems import Problem, Severity
from tests.conftest import CorpusWriter

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")

DEADLINE = 60
"""Seconds a command may take here; each took forever (a FIFO) or many minutes before."""


def factcheck(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [sys.executable, "-m", "factcheck", *map(str, arguments)],
            capture_output=True,
            text=True,
            timeout=DEADLINE,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"factcheck {' '.join(map(str, arguments))} ran past {DEADLINE} s")


# A FIFO where a file should be


@needs_fifo
def test_reading_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_regular_file(fifo, 1000)
        except BaseException as error:  # handed to the test's thread
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():
        # Let the blocked reader go (a writer opening the FIFO ends its wait), then fail.
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("reading a FIFO blocked")
    assert len(outcome) == 1 and isinstance(outcome[0], NotRegularFileError)
    assert "is a FIFO (named pipe), not a regular file" in str(outcome[0].strerror)


FIFO_PLACES = {
    "source text": (
        "evidence/wire-2021.txt",
        "evidence/wire-2021.yaml:6:9: error: source text 'wire-2021.txt' is a FIFO (named "
        "pipe), not a regular file",
    ),
    "settings": ("factcheck.yaml", "factcheck.yaml:1:1: error: is a FIFO (named pipe)"),
    "claims file": ("claims/piped.yaml", "claims/piped.yaml:1:1: error: is a FIFO (named pipe)"),
}


@needs_fifo
@pytest.mark.parametrize("place", FIFO_PLACES, ids=list(FIFO_PLACES))
@pytest.mark.parametrize("command", ["check", "stats", "export"])
def test_a_fifo_in_the_corpus_is_an_error_naming_it(
    write_corpus: CorpusWriter, place: str, command: str
) -> None:
    relative, finding = FIFO_PLACES[place]
    root = write_corpus({relative: None})
    os.mkfifo(root / relative)
    run = factcheck(command, root)
    if command == "check":
        assert run.returncode == 1, run.stdout + run.stderr
        assert finding in run.stdout
        assert "factcheck reads only regular files" in run.stdout
    else:  # made from what could be read, saying there are errors
        assert run.returncode == 0, run.stderr
        assert "the corpus has 1 error(s)" in run.stderr or command == "stats"


@needs_fifo
@pytest.mark.parametrize("command", ["check", "stats", "export"])
def test_a_fifo_as_a_review_file_is_left_out_with_the_reason(
    write_corpus: CorpusWriter, command: str
) -> None:
    root = write_corpus()
    (root / "reviews").mkdir()
    os.mkfifo(root / "reviews" / "ann.yaml")
    run = factcheck(command, root)
    assert run.returncode == 0, run.stdout + run.stderr
    if command != "check":  # check does not read reviews
        assert "reviews/ann.yaml" in run.stderr
        assert "is a FIFO (named pipe), not a regular file" in run.stderr


# Aliases that multiply a long string


def aliased_ids(count: int, size: int) -> str:
    """A claims file whose every claim id is an alias of one `size`-character string: each is
    a finding (not a valid id) that points at it."""
    lines = ["claims:"]
    for number in range(count):
        value = f'&big "{"x" * size}"' if number == 0 else "*big"
        lines += [f"  - id: {value}", "    text: t", "    claimant: X"]
    return "\n".join(lines) + "\n"


def test_a_string_aliased_thousands_of_times_is_refused_at_the_file(
    write_corpus: CorpusWriter,
) -> None:
    root = write_corpus({"claims/big.yaml": aliased_ids(3_000, 1_000_000)})
    run = factcheck("check", "--no-cache", root)
    assert run.returncode == 1
    assert run.stdout.startswith(
        "claims/big.yaml:1:1: error: with its aliases (*name) expanded, this file holds more "
        "than 20 MB of text, the limit for a YAML file; write the repeated values out, or "
        "raise limits: yaml_file_mb in factcheck.yaml\n"
    ), run.stdout[:500]


def test_nested_aliases_are_measured_without_expanding_them() -> None:
    # Nine levels of ten aliases each: a billion strings, which a walk that expanded the
    # aliases would never finish.
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]")
    with pytest.raises(yamlio.YamlSyntaxError) as refused:
        yamlio.parse("\n".join(lines))
    assert refused.value.code == "too-large"
    assert (refused.value.line, refused.value.column) == (1, 1)


def test_aliases_within_the_limit_load_as_written() -> None:
    text = 'base: &who {claimant: "A Spokesman", role: "spokesman"}\nagain: *who\n'
    data = yamlio.parse(text)
    assert data["again"] == {"claimant": "A Spokesman", "role": "spokesman"}
    with pytest.raises(yamlio.YamlSyntaxError, match="more than 100 bytes"):
        yamlio.parse(f'a: &x "{"y" * 60}"\nb: *x\n', limit=100)


def test_data_that_contains_itself_is_refused() -> None:
    with pytest.raises(yamlio.YamlSyntaxError) as refused:
        yamlio.parse("loop: &loop [*loop]\n")
    assert refused.value.code == "too-large"


# Thousands of findings in one file


def unknown_keys(count: int) -> str:
    lines = ["claims:"]
    for number in range(count):
        lines += [f"  - id: e{number}", "    text: t", "    claimant: X", f"    unknwn: {number}"]
    return "\n".join(lines) + "\n"


def test_five_thousand_findings_in_one_file_are_located_and_capped(
    write_corpus: CorpusWriter,
) -> None:
    root = write_corpus({"claims/bad.yaml": unknown_keys(5_000)})
    run = factcheck("check", "--no-cache", root)
    assert run.returncode == 1
    lines = run.stdout.splitlines()
    findings = [line for line in lines if line.startswith("claims/bad.yaml:")]
    assert len(findings) == 20
    # Each at its own key: claim n's `unknwn:` is on line 5 + 4n.
    assert findings[0].startswith("claims/bad.yaml:5:5: error: unknown key 'unknwn'")
    assert findings[19].startswith("claims/bad.yaml:81:5: error: unknown key 'unknwn'")
    assert lines[20:] == [
        "… and 4,980 more in claims/bad.yaml (4,980 errors)",
        "Not every finding is printed: --all prints them all.",
        "1 claim, 2 quotes, 1 source: 5,000 errors, 0 warnings",
    ]

    every = factcheck("check", "--all", root)
    assert every.returncode == 1
    last = [line for line in every.stdout.splitlines() if line.startswith("claims/bad.yaml:")]
    assert len(last) == 5_000
    assert last[-1].startswith(f"claims/bad.yaml:{5 + 4 * 4_999}:5: error: unknown key")

    as_json = json.loads(factcheck("check", "--format", "json", root).stdout)
    assert len(as_json["problems"]) == as_json["summary"]["errors"] == 5_000


def test_a_file_is_composed_once_for_all_its_findings(
    write_corpus: CorpusWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_corpus({"claims/bad.yaml": unknown_keys(100)})
    composed: list[str] = []
    compose = yamlio.compose

    def counting(text: str) -> object:
        composed.append(text)
        return compose(text)

    monkeypatch.setattr(yamlio, "compose", counting)
    collector = ProblemCollector(root)
    for number in range(100):
        place = Place("claims/bad.yaml", ("claims", number, "unknwn"))
        collector.at(place, Severity.ERROR, "unknown-key", "unknown", at_key=True)
    problems = collector.problems()
    assert len(composed) == 1
    assert [(p.line, p.column) for p in problems[:2]] == [(5, 5), (9, 5)]


def finding(file: str, line: int, severity: Severity = Severity.ERROR) -> Problem:
    return Problem(file, line, 1, severity, "wrong", "test")


def printed(listing: list[Problem | LeftOut]) -> list[tuple[str, int]]:
    return [(item.file, item.line or 0) for item in listing if isinstance(item, Problem)]


def left_out(listing: list[Problem | LeftOut]) -> list[str]:
    return [str(item) for item in listing if isinstance(item, LeftOut)]


def test_the_listing_caps_per_file_and_per_run_and_puts_errors_first() -> None:
    problems = [finding("a.yaml", n, Severity.WARNING) for n in range(1, 26)]
    problems.append(finding("a.yaml", 99))
    problems += [finding(f"f{n:02}.yaml", 1) for n in range(10)]
    assert capped(problems[:3]) == problems[:3]

    # Per file: the error at the end of a.yaml is printed ahead of its warnings, in the order
    # of the file.
    per_file = capped(problems, per_file=5, per_run=100)
    assert printed(per_file)[:5] == [*(("a.yaml", n) for n in range(1, 5)), ("a.yaml", 99)]
    assert len(printed(per_file)) == 15
    assert left_out(per_file) == ["… and 21 more in a.yaml (21 warnings)"]

    # Per run: errors first across files; files with nothing printed are counted at the end.
    per_run = capped(problems, per_file=5, per_run=8)
    assert printed(per_run) == [("a.yaml", 99), *((f"f{n:02}.yaml", 1) for n in range(7))]
    assert left_out(per_run) == [
        "… and 25 more in a.yaml (25 warnings)",
        "… and 3 more in 3 other files (3 errors)",
    ]


@needs_fifo
def test_adding_a_claim_to_a_fifo_is_refused(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    os.mkfifo(root / "claims" / "piped.yaml")
    run = factcheck(
        "add-claim", "--id", "new", "--text", "t", "--claimant", "X", "--file",
        "claims/piped.yaml", root,
    )  # fmt: skip
    assert run.returncode == 1
    assert run.stderr == (
        "factcheck: claims/piped.yaml is a FIFO (named pipe), not a regular file; factcheck "
        "reads only regular files\n"
    )
