"""`factcheck conflicts`, and how `check` and the reports show figures that disagree."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from factcheck.cli import cli
from tests.conftest import CorpusWriter


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_conflicts_lists_both_passages_of_the_bundled_disagreement(bundled_copy: Path) -> None:
    code, out, _ = run("conflicts", str(bundled_copy))
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "people killed · military hospital, Kabul, November 2021"
    assert lines[1] == (
        "  evidence/afp-2021-11.txt:6:1: AFP (afp-2021-11) says 'Nineteen' (exactly 19)"
    )
    assert lines[2].startswith("    “Nineteen people were killed in the attack")
    assert lines[3] == "    quoted as: afp-hospital-toll"
    assert lines[4] == (
        "  evidence/rferl-2022-05.txt:44:75: RFE/RL (rferl-2022-05) says 'at least 20' (20 or more)"
    )
    assert lines[6] == "    quoted as: rferl-hospital-toll"
    assert lines[-1] == "1 disagreement between sources."


def test_conflicts_json_gives_passages_spans_and_figures_as_numbers(bundled_copy: Path) -> None:
    code, out, _ = run("conflicts", str(bundled_copy), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["sources"] == 2
    [conflict] = document["conflicts"]
    assert conflict["counted"] == "killed"
    afp, rferl = conflict["figures"]
    text = (bundled_copy / "evidence" / "afp-2021-11.txt").read_text(encoding="utf-8")
    assert text[afp["passage"]["start"] : afp["passage"]["end"]] == afp["passage"]["text"]
    assert text[afp["figure"]["start"] : afp["figure"]["end"]] == "Nineteen"
    assert (afp["figure"]["value"], afp["figure"]["bound"], afp["quotes"]) == (
        19,
        "exact",
        ["afp-hospital-toll"],
    )
    assert (rferl["figure"]["low"], rferl["figure"]["high"], rferl["figure"]["bound"]) == (
        20,
        None,
        "at least",
    )


HOSTILE_TEXT = (
    "KABUL: \x1b]0;pwned\x07At least 25 people were killed in an attack on a hospital on "
    "Tuesday. [bold]x[/bold]\n"
)
OTHER_SOURCE = (
    "source:\n  id: other\n  outlet: Other\n  title: T\n  published: 2021-11\n"
    "  text: other.txt\nquotes: []\n"
)


def test_conflicts_text_is_escaped_for_the_terminal(write_corpus: CorpusWriter) -> None:
    root = write_corpus({"evidence/other.yaml": OTHER_SOURCE, "evidence/other.txt": HOSTILE_TEXT})
    code, out, _ = run("conflicts", str(root))
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "people killed · hospital, Kabul, November 2021" in out
    assert "says 'At least 25' (25 or more)" in out
    assert "    not quoted" in out
    code, out, _ = run("conflicts", str(root), "--format", "json")
    assert "\x1b" not in out and "\\u001b" in out


def test_no_disagreement_is_said_so(write_corpus: CorpusWriter) -> None:
    code, out, _ = run("conflicts", str(write_corpus()))
    assert (code, out) == (0, "No figures disagree between the 1 sources.\n")
    code, out, _ = run("conflicts", str(write_corpus()), "--format", "json")
    assert json.loads(out)["conflicts"] == []


def test_check_hints_at_its_notes_and_shows_them_with_v(bundled_copy: Path) -> None:
    code, out, _ = run("check", str(bundled_copy))
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[-2] == (
        "2 notes of figures that disagree between sources: -v shows them, `factcheck "
        "conflicts` shows both passages."
    )
    assert lines[-1].endswith("0 errors, 0 warnings")
    code, out, _ = run("check", str(bundled_copy), "-v")
    assert (
        "evidence/afp-2021-11.yaml:16:12: info: quote 'afp-hospital-toll': figures of people "
        "killed disagree (military hospital, Kabul, November 2021)"
    ) in out
    code, out, _ = run("check", str(bundled_copy), "--format", "json")
    codes = [problem["code"] for problem in json.loads(out)["problems"]]
    assert codes.count("figures-disagree") == 2


def test_every_report_format_shows_the_disagreement_on_the_quotes(bundled_copy: Path) -> None:
    code, out, _ = run("export", str(bundled_copy), "--format", "json")
    assert code == 0, out
    report = json.loads(out)
    shown = {
        (claim["id"], item["quote_id"]): item["conflicts"]
        for claim in report["claims"]
        for item in claim["evidence"]
        if item["conflicts"]
    }
    assert set(shown) == {
        ("taliban-restore-peace", "afp-hospital-toll"),
        ("taliban-restore-peace", "rferl-hospital-toll"),
        ("isk-cell-destroyed", "rferl-hospital-toll"),
    }
    [afp] = shown["taliban-restore-peace", "afp-hospital-toll"]
    assert (afp["this"]["figure"], afp["other"]["figure"]) == ("Nineteen", "at least 20")
    assert (afp["other"]["low"], afp["other"]["high"], afp["other"]["source"]["id"]) == (
        20,
        None,
        "rferl-2022-05",
    )
    code, out, _ = run("export", str(bundled_copy), "--format", "md")
    assert (
        "**Figures disagree** (people killed; military hospital, Kabul, November 2021): this "
        "source says “Nineteen”; RFE/RL (rferl-2022-05) says “at least 20”"
    ) in out
    code, out, _ = run("export", str(bundled_copy), "--format", "html")
    assert out.count('<p class="conflict"><strong>Figures disagree</strong>') == 3
    code, out, _ = run("export", str(bundled_copy), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"), newline="")))
    by_claim = {row["claim_id"]: row["figures_disagree"] for row in rows}
    hospital = (
        "people killed, military hospital, Kabul, November 2021: “Nineteen” (afp-2021-11) "
        "against “at least 20” (rferl-2022-05)"
    )
    # Its two quotes cite both sides of the one disagreement: said once.
    assert by_claim["taliban-restore-peace"] == hospital
    assert by_claim["isk-cell-destroyed"] == hospital
    assert by_claim["daesh-defeated"] == ""


def test_a_hostile_passage_is_escaped_in_the_html_report(write_corpus: CorpusWriter) -> None:
    text = (
        "KABUL: At least 25 people were killed in an attack on a hospital on Tuesday, "
        "<script>alert(1)</script>.\n"
    )
    root = write_corpus({"evidence/other.yaml": OTHER_SOURCE, "evidence/other.txt": text})
    code, out, _ = run("export", str(root), "--format", "html")
    assert code == 0
    assert "<script>alert" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
