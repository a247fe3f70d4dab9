"""The HTML report: escaped, self-contained, and drawn by a real browser without errors."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from factcheck.corpus.model import Corpus
from factcheck.report.registry import export, render
from tests.test_report_model import make_report, report_corpus

__all__ = ["report_corpus"]  # the fixture, imported for pytest


class _Collector(HTMLParser):
    """Tags with their attributes, and the text inside <blockquote> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.depth = 0
        self.quotes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "blockquote":
            self.depth += 1
            self.quotes.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.quotes[-1] += data


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def test_corpus_strings_cannot_inject_markup(report_corpus: tuple[Path, Corpus]) -> None:
    html = render(make_report(*report_corpus), "html")
    parsed = _parse(html)
    assert "script" not in {tag for tag, _ in parsed.tags}
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; and &lt;/blockquote&gt;" in html
    # The nasty quote is whole inside its blockquote: its "</blockquote>" did not close it.
    assert any("and </blockquote> | pipes" in quote for quote in parsed.quotes)
    hrefs = [attrs.get("href") or "" for tag, attrs in parsed.tags if tag == "a"]
    assert not [href for href in hrefs if href.lower().startswith("javascript")]
    assert "https://example.org/a?b=1&amp;c=2" in html
    assert "<b>" not in html and "&lt;b&gt;returned&lt;/b&gt;" in html


def test_page_is_self_contained(report_corpus: tuple[Path, Corpus]) -> None:
    parsed = _parse(render(make_report(*report_corpus), "html"))
    fetched = [
        (tag, attrs)
        for tag, attrs in parsed.tags
        if tag in {"img", "script", "iframe", "video", "audio", "source", "object", "embed"}
        or (tag == "link" and attrs.get("href") != "data:,")
    ]
    assert fetched == []
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in (
        parsed.tags
    )


def test_summary_chart_badges_and_print_styles(report_corpus: tuple[Path, Corpus]) -> None:
    html = render(make_report(*report_corpus), "html")
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<rect") == 9  # seven verdicts of the scale, disputed, pending
    assert 'fill="#b3261e"' in svg  # False, in the scale's colour
    assert re.search(r'<span class="badge" style="background:#b3261e;color:#ffffff">False', html)
    assert "@media print" in html and "@page" in html
    assert "from 1 (False) to 6 (True)" in html
    assert 'id="claim-peace"' in html and ">Disputed<" in html and "stale" in html


def test_house_template_extends_the_bundled_one(
    report_corpus: tuple[Path, Corpus], tmp_path: Path
) -> None:
    house = tmp_path / "house.html.j2"
    house.write_text(
        '{% extends "report.html.j2" %}{% block header %}<h1>House: {{ report.title }}</h1>'
        "{% endblock %}",
        encoding="utf-8",
    )
    html = render(make_report(*report_corpus), "html", template=house)
    assert "<h1>House: Test &lt;desk&gt; | report</h1>" in html
    assert 'id="claim-defeated"' in html


# --- In a real browser -------------------------------------------------------------------------


def _chromium(page: Path, screenshot: Path, profile: Path) -> str:
    """Draw `page` headless; return chromium's log (console messages are logged as CONSOLE)."""
    chromium = shutil.which("chromium")
    assert chromium is not None
    done = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            f"--screenshot={screenshot}",
            "--window-size=1200,2000",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert screenshot.exists(), done.stderr
    return done.stderr


def _console_lines(log: str) -> list[str]:
    return [line for line in log.splitlines() if ":CONSOLE" in line]


def _png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered rows of an 8-bit RGB or RGBA PNG (what chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, idat, header = 8, b"", b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        offset += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour_type in {2, 6}
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 0xFF
            elif kind == 4:
                guess = left + up - corner
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                nearest = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[x] = (line[x] + nearest) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, rows


def _distinct_colours(path: Path, step: int = 4) -> tuple[int, float]:
    """How many colours a sample of the screenshot has, and the share of non-white pixels."""
    width, _height, rows = _png_pixels(path)
    channels = len(rows[0]) // width
    colours: set[bytes] = set()
    inked = total = 0
    for row in rows[::step]:
        for x in range(0, width * channels, channels * step):
            pixel = row[x : x + 3]
            colours.add(pixel)
            total += 1
            inked += pixel != b"\xff\xff\xff"
    return len(colours), inked / total


needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None, reason="no chromium")


@pytest.mark.browser
@needs_chromium
def test_chromium_draws_the_report_without_console_errors(
    report_corpus: tuple[Path, Corpus], tmp_path: Path
) -> None:
    page = export(make_report(*report_corpus), "html", tmp_path / "report.html")
    screenshot = tmp_path / "report.png"
    log = _chromium(page, screenshot, tmp_path / "profile")
    assert _console_lines(log) == []
    colours, inked = _distinct_colours(screenshot)
    # Text, badges in several verdict colours and the chart: far from a blank page.
    assert colours > 50
    assert 0.02 < inked < 0.6


@pytest.mark.browser
@needs_chromium
def test_the_console_check_sees_errors(tmp_path: Path) -> None:
    """The check above would pass vacuously if chromium stopped logging console messages."""
    page = tmp_path / "broken.html"
    page.write_text("<p>x</p><script>console.error('boom')</script>", encoding="utf-8")
    log = _chromium(page, tmp_path / "broken.png", tmp_path / "profile")
    assert any("boom" in line for line in _console_lines(log))


@pytest.mark.parametrize("format_name", ["html", "md"])
def test_what_a_terminal_acts_on_is_shown_as_a_sign_in_the_report(
    bundled_copy: Path, format_name: str
) -> None:
    """A report is read with `cat` and `less` too: an ESC or a right-to-left override from the
    corpus is shown as a sign, as the app and the command line show it, never written raw."""
    from click.testing import CliRunner

    from factcheck.cli import cli

    claims = bundled_copy / "claims" / "security.yaml"
    claims.write_text(
        claims.read_text(encoding="utf-8")
        + '  - id: hostile\n    text: "red \\e[31m here \\u202e reversed"\n'
        "    kind: summary\n    claimant: Someone\n",
        encoding="utf-8",
    )
    out = bundled_copy / f"report.{format_name}"
    result = CliRunner().invoke(cli, ["export", str(bundled_copy), "-o", str(out), "--no-verify"])
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    assert "\x1b" not in written and "\u202e" not in written
    assert "red ␛" in written  # Markdown escapes the "[" after it too
