"""No string from a file reaches a terminal as something the terminal acts on.

A corpus, its settings and its review files are written by people, and a pull request can carry
`ESC ] 52 ; c ; ... BEL` (writes the clipboard of whoever runs `factcheck check`), `ESC ] 0 ;`
(the window title), `ESC [ 2 J` (clears the screen), their one-character C1 forms (U+009B CSI,
U+009D OSC) or a right-to-left override that makes a quote read backwards. Every command is run
here on a corpus with all of them in its ids, file names, reviewer names, notes, quotes and
titles; its text output must show them as signs (factcheck/corpus/terminal_text.py `visible`).
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.cli import cli
from factcheck.corpus.terminal_text import json_for_terminal, visible
from factcheck.reviews.model import reviewer_file_name
from tests.conftest import SOURCE_TEXT, CorpusWriter

CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"
"""OSC 52: sets the clipboard to `rm -rf ~`, ended by BEL."""
TITLE = "\x1b]0;owned\x1b\\"
"""OSC 0: sets the window title, ended by ESC backslash (which Rich keeps)."""
CLEAR = "\x1b[2J"
ONE_BYTE_CSI = "\x9b2J"
ONE_BYTE_OSC = "\x9d0;title\x9c"
RIGHT_TO_LEFT = "\u202e"
ZERO_WIDTH_SPACE = "\u200b"

RAW_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200d\u2060\ufeff]"
)
"""What must never reach a terminal raw: every control character but newline and tab, and the
bidirectional and zero-width formatting characters."""

HOSTILE_REVIEWER = f"ann{CLIPBOARD}{RIGHT_TO_LEFT}"


def raw_controls(text: str) -> list[str]:
    return [f"U+{ord(c):04X}" for c in RAW_CONTROL.findall(text)]


def yaml_text(value: str) -> str:
    """`value` as a YAML double-quoted scalar, control characters written as escapes."""
    return json.dumps(value)  # JSON strings are YAML double-quoted scalars


@pytest.fixture
def hostile_corpus(write_corpus: CorpusWriter) -> Path:
    """A corpus whose every kind of string holds something a terminal would act on."""
    claims = f"""\
claims:
  - id: defeated
    text: {yaml_text("the group had " + RIGHT_TO_LEFT + "been defeated" + ONE_BYTE_CSI)}
    kind: summary
    claimant: {yaml_text("A Spokesman" + TITLE)}
    source: wire-2021
    tags: [security]
    evidence:
      - {{ref: toll, stance: contradicts, note: {yaml_text("note " + ONE_BYTE_OSC)}}}
      - {{ref: unsafe, stance: contradicts}}
  - id: {yaml_text("bad" + CLEAR + "id")}
    text: "an id no one can type"
    claimant: Someone
  - id: with-unknown-key
    text: "a claim with a key the schema does not know"
    claimant: Someone
    {yaml_text("colour" + CLIPBOARD)}: red
"""
    evidence = f"""\
source:
  id: wire-2021
  outlet: {yaml_text("Wire" + ONE_BYTE_CSI)}
  title: {yaml_text("A report" + TITLE)}
  published: 2021-11
  text: wire-2021.txt
quotes:
  - id: toll
    quote: {yaml_text("Nineteen people were killed in the attack on the hospitals" + CLEAR)}
    note: {yaml_text("a near miss " + CLIPBOARD)}
  - id: unsafe
    quote: {yaml_text("Residents said they did not " + ZERO_WIDTH_SPACE + "feel safe in the city.")}
"""
    missing_text = f"""\
source:
  id: gone
  outlet: Gone
  title: Gone
  text: {yaml_text("gone" + CLEAR + ".txt")}
"""
    root = write_corpus(
        {
            "factcheck.yaml": f"title: {yaml_text('Checks' + TITLE + CLIPBOARD)}\n",
            "evidence/wire-2021.yaml": evidence,
            "evidence/wire-2021.txt": SOURCE_TEXT,
            "evidence/gone.yaml": missing_text,
            "claims/main.yaml": None,
            f"claims/main{CLIPBOARD}.yaml": claims,
        }
    )
    reviews = root / "reviews"
    reviews.mkdir()
    for reviewer, verdict, note in (
        (HOSTILE_REVIEWER, "False", f"see {CLEAR} here {ONE_BYTE_OSC}"),
        ("bob", "True", "fine"),
    ):
        body = {
            "reviewer": reviewer,
            "reviews": [
                {
                    "claim": "defeated",
                    "verdict": verdict,
                    "note": note,
                    "time": "2024-05-01T10:00:00+00:00",
                    "fingerprint": "",
                }
            ],
        }
        (reviews / reviewer_file_name(reviewer)).write_text(
            yaml.dump(body, allow_unicode=False), encoding="utf-8"
        )
    # A review file that cannot be used: its finding quotes the key.
    (reviews / "broken.yaml").write_text(
        f"reviewer: cy\n{yaml_text('x' + CLIPBOARD + ONE_BYTE_OSC)}: 1\n", encoding="utf-8"
    )
    return root


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def assert_shown_not_acted_on(text: str) -> None:
    assert raw_controls(text) == [], text


# `check`


def test_check_text_shows_every_control_character(hostile_corpus: Path) -> None:
    code, out, err = run("check", "--verbose", hostile_corpus)
    assert code == 1
    assert_shown_not_acted_on(out)
    assert_shown_not_acted_on(err)
    # The findings are still there, with their hostile parts shown as signs.
    assert "unknown key 'colour␛]52;c;cm0gLXJmIH4=␇'" in out
    assert "claims/main␛]52;c;cm0gLXJmIH4=␇.yaml" in out
    assert "source text 'gone␛[2J.txt' does not exist" in out


def test_check_warns_of_bidi_and_zero_width_characters(hostile_corpus: Path) -> None:
    """They act on no terminal, but make a quote or a claim read differently from the words
    verified: a warning at the value, naming the character, shown as a sign."""
    _, out, _ = run("check", hostile_corpus)
    claims = "claims/main␛]52;c;cm0gLXJmIH4=␇.yaml"
    assert (
        f"{claims}:3:11: warning: claim 'defeated' holds 1 invisible formatting character(s) "
        "(U+202E right-to-left override), the first at character 15" in out
    )
    assert (
        "evidence/wire-2021.yaml:12:12: warning: quote 'unsafe' holds 1 invisible formatting "
        "character(s) (U+200B zero width space), the first at character 29" in out
    )


@pytest.mark.parametrize(
    "character",
    [*"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u200c\u200d\u2060\ufeff"],
)
@pytest.mark.parametrize(
    ("file", "find", "line", "column", "what"),
    [
        ("evidence/wire-2021.yaml", "Nineteen people", 9, 12, "quote 'toll'"),
        ("claims/main.yaml", "the group", 3, 11, "claim 'defeated'"),
        ("claims/main.yaml", "A Spokesman", 5, 15, "the claimant of 'defeated'"),
    ],
)
def test_each_hidden_character_is_flagged_where_it_is(
    write_corpus: CorpusWriter,
    character: str,
    file: str,
    find: str,
    line: int,
    column: int,
    what: str,
) -> None:
    from tests.conftest import CLAIMS_YAML, EVIDENCE_YAML

    text = {"evidence/wire-2021.yaml": EVIDENCE_YAML, "claims/main.yaml": CLAIMS_YAML}[file]
    root = write_corpus({file: text.replace(find, find[:3] + character + find[3:])})
    # Without quote verification: a bidi control is not folded away, so the quote or the
    # claim is also not found in its source, an error of its own.
    code, out, _ = run("check", "--no-quotes", root)
    assert code == 0  # a warning alone
    name = f"U+{ord(character):04X}"
    assert f"{file}:{line}:{column}: warning: {what} holds 1 invisible" in out, out
    assert f"({name} " in out and "the first at character 4:" in out
    assert_shown_not_acted_on(out)


def test_check_json_stays_json_and_holds_the_same_text(hostile_corpus: Path) -> None:
    code, out, _ = run("check", "--format", "json", "--verbose", hostile_corpus)
    assert code == 1
    assert_shown_not_acted_on(out)
    document = json.loads(out)
    files = {problem["file"] for problem in document["problems"]}
    assert f"claims/main{CLIPBOARD}.yaml" in files  # the data itself is unchanged


# `stats`


def test_stats_shows_a_reviewer_name_as_signs(hostile_corpus: Path) -> None:
    code, out, err = run("stats", hostile_corpus)
    assert code == 0, err
    assert_shown_not_acted_on(out)
    assert_shown_not_acted_on(err)
    assert "ann␛]52;c;cm0gLXJmIH4=␇<U+202E>" in out
    assert "unknown key 'x␛]52;c;cm0gLXJmIH4=␇<U+009D>0;title<U+009C>'" in err


def test_stats_json_stays_json(hostile_corpus: Path) -> None:
    code, out, _ = run("stats", "--format", "json", hostile_corpus)
    assert code == 0
    assert_shown_not_acted_on(out)
    names = [row["reviewer"] for row in json.loads(out)["reviewers"]]
    assert HOSTILE_REVIEWER in names


def test_stats_columns_line_up_after_the_signs(hostile_corpus: Path) -> None:
    """The table is padded to the names as shown: a C1 control is one character but shows as
    eight, and a table padded to the raw name would push its row out of line."""
    _, out, _ = run("stats", hostile_corpus)
    lines = out.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith("reviewer "))
    header, first, second = lines[start : start + 3]
    rated_column = header.index("rated") + len("rated") - 1
    assert first[rated_column] == second[rated_column] == "1", out


# `schema`: no file goes into it, but it is text for a terminal like the rest.


@pytest.mark.parametrize("kind", ["claims", "evidence", "settings", "report"])
def test_schema_has_no_control_character(kind: str) -> None:
    code, out, _ = run("schema", kind)
    assert code == 0
    assert_shown_not_acted_on(out)
    json.loads(out)


# `export`: to a terminal, shown as signs; to a file or a pipe, the bytes the corpus holds.


def export_in_terminal(root: Path, *args: str) -> tuple[int, str, str]:
    """`factcheck export` with its stdout on a pseudo-terminal, as a person runs it: the exit
    code, the screen, and stderr (kept apart, so that the screen holds the report alone)."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck", "export", str(root), "--no-verify", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.PIPE,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    os.close(follower)
    seen = bytearray()
    try:
        while True:
            ready, _, _ = select.select([leader], [], [], 60)
            if not ready:
                raise AssertionError(f"export wrote nothing for 60 s: {bytes(seen)!r}")
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the process closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        assert process.stderr is not None
        errors = process.stderr.read().decode("utf-8")
        code = process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)
    # The terminal turns each \n into \r\n on its way out.
    return code, seen.decode("utf-8").replace("\r\n", "\n"), errors


@pytest.mark.parametrize("format_name", ["md", "csv", "html"])
def test_export_to_a_terminal_shows_signs(hostile_corpus: Path, format_name: str) -> None:
    code, screen, errors = export_in_terminal(hostile_corpus, "--format", format_name)
    assert code == 0, errors
    assert_shown_not_acted_on(screen)
    assert_shown_not_acted_on(errors)
    # The reviewer's name and the claim, as signs (and escaped as the format escapes them: the
    # HTML report itself holds the signs, as text, since a browser acts on an override too).
    signs = "had <U+202E>been defeated<U+009B>2J"
    if format_name == "html":
        signs = signs.replace("<", "&lt;").replace(">", "&gt;")
    assert "ann␛" in screen and signs in screen


@pytest.mark.parametrize("format_name", ["json", "claimreview"])
def test_export_json_to_a_terminal_stays_json(hostile_corpus: Path, format_name: str) -> None:
    """bob's verdict is published, so the claim's words are in the ClaimReview too."""
    code, screen, errors = export_in_terminal(
        hostile_corpus, "--format", format_name, "--reviewer", "bob"
    )
    assert code == 0, errors
    assert_shown_not_acted_on(screen)
    assert f"had {RIGHT_TO_LEFT}been defeated{ONE_BYTE_CSI}" in json.dumps(
        json.loads(screen), ensure_ascii=False
    )


def test_export_to_a_pipe_keeps_the_bytes(hostile_corpus: Path) -> None:
    """A pipe or a redirect is data for a program (`> report.csv`, `| csvlook`): it gets exactly
    what `-o report.csv` writes, the corpus's own characters."""
    piped = subprocess.run(
        [sys.executable, "-m", "factcheck", "export", str(hostile_corpus), "--format", "csv"],
        capture_output=True,
        check=True,
    )
    written = hostile_corpus / "report.csv"
    run("export", hostile_corpus, "--format", "csv", "-o", written)
    assert piped.stdout == written.read_bytes()
    assert HOSTILE_REVIEWER.encode() in piped.stdout


# The one function


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\x1b]52;c;aGk=\x07b", "a␛]52;c;aGk=␇b"),
        ("\x1b]0;title\x1b\\", "␛]0;title␛\\"),
        ("\x9b2J \x9d0;t\x9c", "<U+009B>2J <U+009D>0;t<U+009C>"),
        ("\x7f\x00\r", "␡␀␍"),
        ("abc\u202edef", "abc<U+202E>def"),
        ("\u2066\u2069\u202a", "<U+2066><U+2069><U+202A>"),
        (
            "zero\u200bwidth\ufeff\u2060\u200d\u200c",
            "zero<U+200B>width<U+FEFF><U+2060><U+200D><U+200C>",
        ),
        ("mark\u200f", "mark<U+200F>"),
        ("lines\nand\ttabs stay", "lines\nand\ttabs stay"),
        ("quotes “and” dashes — stay, ünïcödé too", "quotes “and” dashes — stay, ünïcödé too"),
    ],
)
def test_visible_shows_each_character_as_a_sign(raw: str, shown: str) -> None:
    assert visible(raw) == shown
    assert visible(shown) == shown


def test_visible_shows_every_character_unicode_calls_a_control() -> None:
    """Checked against Unicode's own list (general category Cc, fixed by its stability policy),
    not against the pattern `visible` and RAW_CONTROL share: each control but newline and tab,
    alone and among the others, comes out as something else."""
    controls = [
        chr(code)
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cc" and chr(code) not in "\n\t"
    ]
    assert len(controls) == 63
    for shown in (*map(visible, controls), visible("".join(controls))):
        assert [c for c in shown if unicodedata.category(c) == "Cc"] == []


_CONTROLS_AND_FORMATS = st.characters(categories=["Cc", "Cf", "Zl", "Zp"])
"""Characters `st.text()` gives only now and then: controls, format characters (bidi, zero
width), line and paragraph separators."""


_TEXTS = st.one_of(
    st.text(), st.text(st.one_of(_CONTROLS_AND_FORMATS, st.sampled_from("a\n\t\u2400<>")))
)
DETERMINISTIC = settings(derandomize=True, database=None)
"""The same examples on every run, so that CI fails or passes alike each time."""


@DETERMINISTIC
@given(_TEXTS)
def test_visible_never_lets_a_control_character_through(text: str) -> None:
    shown = visible(text)
    assert raw_controls(shown) == []
    assert visible(shown) == shown
    assert shown.count("\n") == text.count("\n")  # lines stay lines


@DETERMINISTIC
@given(_TEXTS)
def test_json_for_terminal_keeps_any_text_as_it_was(text: str) -> None:
    written = json_for_terminal(json.dumps({"text": text}, ensure_ascii=False))
    assert raw_controls(written) == []
    assert json.loads(written) == {"text": text}


def test_json_for_terminal_is_the_same_data() -> None:
    value = {"name": f"x{CLIPBOARD}{ONE_BYTE_CSI}{RIGHT_TO_LEFT}\x7f"}
    text = json_for_terminal(json.dumps(value, ensure_ascii=False))
    assert raw_controls(text) == []
    assert json.loads(text) == value


# The app's notices: every one goes through visible, as the app's views do


def notices_on_screen(app: object) -> list[str]:
    """The notifications as the toasts render them (Toast is private: found by type name)."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]  # type: ignore[attr-defined]


async def test_app_notice_of_an_unreadable_review_file_shows_its_controls(
    write_corpus: CorpusWriter,
) -> None:
    """The own review file has a key holding OSC 52 and a title ended by ESC backslash: the
    read-only notice quotes the finding, and shows those as signs."""
    from factcheck.app import create_app
    from tests.test_app_review import opened

    root = write_corpus()
    (root / "reviews").mkdir()
    (root / "reviews" / "ann.yaml").write_text(
        f"reviewer: ann\n{yaml_text('x' + CLIPBOARD + TITLE + ONE_BYTE_CSI)}: 1\nreviews: []\n",
        encoding="utf-8",
    )
    app = create_app(root, "ann")
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await opened(pilot)
        await pilot.pause()
        shown = notices_on_screen(app)
        messages = [n.message + n.title for n in app._notifications]  # type: ignore[attr-defined]
    assert any("read-only" in notice and "x␛]52;c;" in notice for notice in shown), shown
    for text in [*shown, *messages]:
        assert_shown_not_acted_on(text)


async def test_app_notice_of_another_reviewer_shows_their_name_as_signs(
    write_corpus: CorpusWriter,
) -> None:
    """Another reviewer's file arrives (a git pull) with a hostile name: 'Reviews by ...
    reloaded' names them as signs."""
    from factcheck.app import create_app
    from tests.test_app_review import opened

    root = write_corpus()
    app = create_app(root, "ann", poll_seconds=0.05)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await opened(pilot)
        (root / "reviews").mkdir(exist_ok=True)
        body = {"reviewer": HOSTILE_REVIEWER, "reviews": []}
        (root / "reviews" / "bo.yaml").write_text(yaml.dump(body), encoding="utf-8")
        messages: list[str] = []
        for _ in range(150):
            await pilot.pause(0.02)
            messages = [n.message for n in app._notifications]  # type: ignore[attr-defined]
            if any("reloaded" in m for m in messages):
                break
        shown = notices_on_screen(app)
    assert any("ann␛]52;c;cm0gLXJmIH4=␇<U+202E>" in m for m in messages), messages
    for text in [*shown, *messages]:
        assert_shown_not_acted_on(text)
