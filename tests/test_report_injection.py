"""A string from a file never changes the structure of the report it lands in, nor becomes a link
that runs: the Markdown review table holds whatever a review file's `time` says, and ClaimReview
publishes only web addresses, which `check` insists on where they are written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.report.escaping import safe_url
from tests.conftest import EVIDENCE_YAML, CorpusWriter


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


def write_review(root: Path, reviewer: str, verdict: str, time: str) -> None:
    body = {
        "reviewer": reviewer,
        "reviews": [
            {"claim": "defeated", "verdict": verdict, "note": "n", "time": time, "fingerprint": ""}
        ],
    }
    (root / "reviews").mkdir(exist_ok=True)
    (root / "reviews" / f"{reviewer}.yaml").write_text(yaml.safe_dump(body), encoding="utf-8")


def test_a_review_time_cannot_split_the_markdown_table(write_corpus: CorpusWriter) -> None:
    root = write_corpus()
    write_review(root, "ann", "False", "|a|b|c|d|e")
    write_review(root, "bob", "True", "2024-05-01T10:00:00+00:00")  # disputed: the table shows
    code, out, err = run("export", root, "--format", "md", "--no-verify")
    assert code == 0, err
    table = out[out.index("| Reviewer | Verdict | Rationale | Reviewed |") :].split("\n\n")[0]
    rows = table.splitlines()
    assert len(rows) == 4  # the heading, its rule, ann and bob
    for row in rows:
        # Cells are split at a | that is not escaped, as GitHub and CommonMark tables do.
        assert len(row.replace("\\|", "").strip("|").split("|")) == 4, row
    assert "\\|a\\|b\\|c\\|d\\|" in rows[2]


# Links: only web addresses, checked where they are written


def urls_in(document: object) -> Iterator[str]:
    """Every value of a `url` key, at any depth."""
    if isinstance(document, dict):
        for key, value in document.items():
            if key == "url":
                yield value
            yield from urls_in(value)
    elif isinstance(document, list):
        for item in document:
            yield from urls_in(item)


SCALE = """\
scale:
  - {label: Right, key: 1, colour: "#00aa00", meaning: right, position: 2}
  - {label: Wrong, key: 2, colour: "#aa0000", meaning: wrong, position: 1}
"""


@pytest.mark.parametrize(
    ("settings", "line", "column", "field"),
    [
        ('publication_url: "javascript:alert(document.cookie)//"\n', 1, 18, "publication_url"),
        ("publication_url: data:text/html,hi\n", 1, 18, "publication_url"),
        ('organisation: {name: Desk, url: "javascript:alert(1)"}\n', 1, 33, "url"),
        ("organisation:\n  name: Desk\n  url: file:///etc/passwd\n", 3, 8, "url"),
        ("publication_url: //example.org/checks/\n", 1, 18, "publication_url"),
    ],
)
def test_check_refuses_a_settings_link_that_is_not_a_web_address(
    write_corpus: CorpusWriter, settings: str, line: int, column: int, field: str
) -> None:
    root = write_corpus({"factcheck.yaml": settings + SCALE})
    code, out, _ = run("check", root)
    assert code == 1
    assert f"factcheck.yaml:{line}:{column}: error: '{field}': must be a web address" in out
    # The rest of the settings still count: the house scale is not lost over a link.
    write_review(root, "ann", "Wrong", "2024-05-01T10:00:00+00:00")
    code, published, err = run("export", root, "--format", "claimreview", "--no-verify")
    assert code == 0, err
    links = list(urls_in(json.loads(published)))
    assert all(link.startswith("https://") for link in links), links
    assert not any(scheme in published for scheme in ("javascript:", "data:", "file:", '"//'))
    assert '"alternateName": "Wrong"' in published


def test_check_refuses_a_source_link_that_is_not_a_web_address(
    write_corpus: CorpusWriter,
) -> None:
    evidence = EVIDENCE_YAML.replace("  published:", '  url: "javascript:alert(1)"\n  published:')
    root = write_corpus({"evidence/wire-2021.yaml": evidence})
    code, out, _ = run("check", root)
    assert code == 1
    assert "evidence/wire-2021.yaml:5:8: error: 'url': must be a web address" in out
    # The source and its quotes are kept, without the link: the claim's evidence still checks.
    assert out.strip().splitlines()[-1].startswith("1 claim, 2 quotes, 1 source: 1 error,")


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/checks/",
        "http://example.org/checks/{id}.html",
        "HTTPS://Example.org",
        "https://example.org/a?b=1&c=[2]",
    ],
)
def test_web_addresses_are_accepted(write_corpus: CorpusWriter, url: str) -> None:
    settings = (
        f"publication_url: {json.dumps(url)}\norganisation: {{name: D, url: {json.dumps(url)}}}\n"
    )
    evidence = EVIDENCE_YAML.replace("  published:", f"  url: {json.dumps(url)}\n  published:")
    root = write_corpus({"factcheck.yaml": settings, "evidence/wire-2021.yaml": evidence})
    code, out, _ = run("check", root)
    assert code == 0, out


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>x</script>", None),
        ("file:///etc/passwd", None),
        ("//example.org/x", None),
        ("https://", None),
        (" https://example.org/a?b=1 ", "https://example.org/a?b=1"),
        ("HTTP://example.org", "HTTP://example.org"),
    ],
)
def test_reports_publish_only_web_addresses(url: str, safe: str | None) -> None:
    """The renderers' own guard, for a report built from anything but a checked corpus."""
    assert safe_url(url) == safe
