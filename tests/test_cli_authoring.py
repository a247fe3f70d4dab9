"""`factcheck init`, `add-source`, `add-claim` and `add-quote`, run as a fact-checker runs them:
a new corpus, a saved news page and a URL captured, a claim and its evidence added, and `check`
accepting the result. URLs are served from 127.0.0.1; nothing here uses the internet."""

from __future__ import annotations

import http.server
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner, Result

from factcheck.cli import cli
from factcheck.corpus import capture
from factcheck.corpus.scale import DEFAULT_SCALE
from factcheck.corpus.schema import SettingsFile, schema_text
from factcheck.corpus.writer import LOCK_FILE

NEWS_PAGE = Path(__file__).parent / "data" / "capture" / "news-page.html"
SOURCE_ID = "valley-courier-2023-06"

ARTICLE = [
    "Ministry's drought figures do not add up",
    "The agriculture ministry said on Monday that reservoir levels had “fully recovered” after "
    "the spring rains, and that no farm in the province would face water restrictions this "
    "summer.",
    "But the ministry's own weekly bulletin, published the same morning, shows the three largest "
    "reservoirs at 41 percent of capacity, down from 68 percent a year earlier.",
    "“We have never seen the eastern basin this low in June,” said Tomas Verhoeven, a "
    "hydrologist at the provincial university who has tracked the reservoirs for two decades.",
    "Farmers in the eastern districts told the Courier that irrigation quotas had already been "
    "cut by a third, and that several wells had run dry in May.",
    "A spokeswoman for the ministry did not respond to questions about the difference between "
    "the minister's statement and the bulletin.",
]
CHROME = [
    "cookies",  # the banner
    "Accept all",
    "Politics",  # the navigation
    "Subscribe",
    "Related stories",
    "Wells run dry across the east",  # a related link
    "Typical ministry spin",  # a reader's comment
    "GreenThumb",
    "All rights reserved",  # the footer
    "Privacy policy",
]


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(arg) for arg in args])


@pytest.fixture
def new_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "desk"
    result = run("init", root)
    assert result.exit_code == 0, result.stderr
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the corpus but the writer's lock, which only says a write was tried."""
    files = [p for p in root.rglob("*") if p.is_file() and p.name != LOCK_FILE]
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def test_init_capture_claim_and_quote_give_a_corpus_that_check_accepts(new_corpus: Path) -> None:
    captured = run("add-source", NEWS_PAGE, new_corpus)
    assert captured.exit_code == 0, captured.stderr
    assert captured.stdout == f"{SOURCE_ID}\n"
    text = (new_corpus / "evidence" / f"{SOURCE_ID}.txt").read_text(encoding="utf-8")
    assert text.split("\n\n") == [*ARTICLE[:-1], ARTICLE[-1] + "\n"]
    assert [chrome for chrome in CHROME if chrome in text] == []
    raw = new_corpus / "evidence" / f"{SOURCE_ID}.html"
    assert raw.read_bytes() == NEWS_PAGE.read_bytes()
    source = yaml.safe_load((new_corpus / "evidence" / f"{SOURCE_ID}.yaml").read_text())["source"]
    assert source["outlet"] == "The Valley Courier"
    assert source["title"] == "Ministry's drought figures do not add up"
    assert (source["published"], source["author"]) == ("2023-06-14", "Maria Okafor")
    assert source["url"] == "https://valley-courier.example/news/2023/06/drought-figures"
    assert (source["text"], source["original"]) == (f"{SOURCE_ID}.txt", f"{SOURCE_ID}.html")
    assert source["captured"].endswith("Z")

    claim = run(
        "add-claim",
        new_corpus,
        *("--id", "no-restrictions", "--claimant", "Agriculture ministry"),
        *("--text", "No farm in the province will face water restrictions this summer."),
        *("--source", SOURCE_ID, "--date", "2023-06", "--tag", "drought", "--tag", "water"),
    )
    assert claim.exit_code == 0, claim.stderr
    assert claim.stdout == "no-restrictions\n"
    quote = run(
        "add-quote",
        SOURCE_ID,
        "irrigation quotas had already been cut by a third",
        new_corpus,
        *("--claim", "no-restrictions", "--stance", "contradicts", "--note", "Cuts already made."),
    )
    assert quote.exit_code == 0, quote.stderr
    assert quote.stdout == "irrigation-quotas-already-cut\n"

    checked = run("check", new_corpus)
    assert checked.exit_code == 0, checked.stdout
    assert checked.stdout.strip().splitlines()[-1] == (
        "1 claim, 1 quote, 1 source: 0 errors, 0 warnings"
    )
    claims = (new_corpus / "claims" / "claims.yaml").read_text()
    assert claims.startswith("# yaml-language-server: $schema=../.schemas/claims.schema.json\n")
    assert (
        '{ref: irrigation-quotas-already-cut, stance: contradicts, note: "Cuts already made."}'
    ) in claims


def test_a_quote_not_in_the_source_is_refused_with_its_near_miss(new_corpus: Path) -> None:
    run("add-source", NEWS_PAGE, new_corpus)
    run("add-claim", new_corpus, "--id", "c", "--text", "t", "--claimant", "x")
    before = snapshot(new_corpus)

    refused = run(
        "add-quote",
        SOURCE_ID,
        "the three largest reservoirs at 14 percent of capacity",
        new_corpus,
        *("--claim", "c", "--stance", "contradicts"),
    )

    assert refused.exit_code == 1
    assert refused.stdout == ""
    assert "not in source 'valley-courier-2023-06'" in refused.stderr
    assert 'Source: "the three largest reservoirs at 41 percent of capacity"' in refused.stderr
    assert "Traceback" not in refused.output
    assert snapshot(new_corpus) == before


def test_a_passage_quoted_twice_is_linked_not_copied(new_corpus: Path) -> None:
    run("add-source", NEWS_PAGE, new_corpus)
    for claim_id in ("first", "second"):
        run("add-claim", new_corpus, "--id", claim_id, "--text", "t", "--claimant", "x")
    words = "several wells had run dry in May"
    first = run(
        "add-quote", SOURCE_ID, words, new_corpus, "--claim", "first", "--stance", "context"
    )
    second = run(
        "add-quote", SOURCE_ID, words, new_corpus, "--claim", "second", "--stance", "supports"
    )

    assert first.stdout == second.stdout == "several-wells-run-dry\n"
    assert "has this passage already, as quote 'several-wells-run-dry'" in second.stderr
    evidence = (new_corpus / "evidence" / f"{SOURCE_ID}.yaml").read_text()
    assert evidence.count("quote:") == 1
    assert run("check", new_corpus).exit_code == 0


def test_init_writes_settings_gitignore_and_the_schemas_the_files_name(new_corpus: Path) -> None:
    settings = (new_corpus / "factcheck.yaml").read_text()
    assert settings.startswith("# yaml-language-server: $schema=.schemas/settings.schema.json\n")
    assert yaml.safe_load(settings) is None  # every setting is a comment
    for key in SettingsFile.model_fields:
        assert f"\n# {key}:" in settings, f"factcheck.yaml does not explain '{key}'"
    # Uncommented, the examples are valid settings, and the scale written out is the default.
    keys = tuple(SettingsFile.model_fields)
    examples = [
        line[2:]
        for line in settings.splitlines()
        if line.startswith("# ") and (line[2:].split(":")[0] in keys or line.startswith("#   "))
    ]
    parsed = SettingsFile.model_validate(yaml.safe_load("\n".join(examples)))
    assert parsed.title == "desk"
    assert [entry.label for entry in parsed.scale or []] == [v.label for v in DEFAULT_SCALE]
    assert "/reviews/.*.lock" in (new_corpus / ".gitignore").read_text().splitlines()
    for kind in ("claims", "evidence", "settings"):
        written = (new_corpus / ".schemas" / f"{kind}.schema.json").read_text()
        assert written == schema_text(kind)


def test_the_files_the_tool_writes_validate_against_the_schemas_they_name(
    new_corpus: Path,
) -> None:
    run("add-source", NEWS_PAGE, new_corpus)
    run("add-claim", new_corpus, "--id", "c", "--text", "t", "--claimant", "x", "--date", "2023")
    run(
        "add-quote", SOURCE_ID, "did not respond", new_corpus, "--claim", "c", "--stance", "context"
    )
    for written in [*new_corpus.glob("claims/*.yaml"), *new_corpus.glob("evidence/*.yaml")]:
        text = written.read_text()
        first_line = text.splitlines()[0]
        assert first_line.startswith("# yaml-language-server: $schema=")
        schema_file = written.parent / first_line.split("$schema=", 1)[1]
        jsonschema.validate(_as_written(text), json.loads(schema_file.read_text()))


def _as_written(text: str) -> object:
    """The YAML as an editor's tooling reads it: dates stay text, as in the corpus."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(text, Loader=Loader)


def test_init_refuses_a_corpus_or_a_folder_with_files(new_corpus: Path, tmp_path: Path) -> None:
    before = snapshot(new_corpus)
    again = run("init", new_corpus)
    assert again.exit_code == 1
    assert "is a factcheck corpus already; nothing was changed" in again.stderr
    assert snapshot(new_corpus) == before

    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine\n")
    refused = run("init", busy)
    assert refused.exit_code == 1
    assert "is not empty" in refused.stderr
    assert sorted(p.name for p in busy.iterdir()) == ["notes.txt"]


def test_plain_text_is_kept_as_it_is_and_needs_a_title_and_outlet(
    new_corpus: Path, tmp_path: Path
) -> None:
    statement = tmp_path / "statement.txt"
    statement.write_text("Press release\n\nReservoirs are  full.\n", encoding="utf-8")

    unnamed = run("add-source", statement, new_corpus)
    assert unnamed.exit_code == 2
    assert "does not say its outlet and title; give --outlet and --title" in unnamed.stderr

    named = run(
        "add-source", statement, new_corpus, "--outlet", "Ministry", "--title", "Press release"
    )
    assert named.exit_code == 0, named.stderr
    assert named.stdout == "ministry\n"
    kept = new_corpus / "evidence" / "ministry.txt"
    assert kept.read_bytes() == statement.read_bytes()
    assert not list(new_corpus.glob("evidence/ministry.html"))
    assert "no date found" in named.stderr


def tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds `lines`, with a title and an author."""
    shown = " ".join(f"({line}) Tj T*" for line in lines)
    content = f"BT /F1 12 Tf 72 720 Td 14 TL {shown} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Title (Drought statement) /Author (Ministry press office) >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 6 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return out


def test_a_pdf_is_captured_through_its_text_layer(new_corpus: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "statement.pdf"
    pdf.write_bytes(tiny_pdf(["Reservoirs are at 41 percent.", "No restrictions are planned."]))

    result = run("add-source", pdf, new_corpus, "--outlet", "Ministry", "--published", "2023-06")

    assert result.exit_code == 0, result.stderr
    assert result.stdout == "ministry-2023-06\n"
    evidence = new_corpus / "evidence"
    text = (evidence / "ministry-2023-06.txt").read_text()
    assert "Reservoirs are at 41 percent." in text and "No restrictions are planned." in text
    assert (evidence / "ministry-2023-06.pdf").read_bytes() == pdf.read_bytes()
    source = yaml.safe_load((evidence / "ministry-2023-06.yaml").read_text())["source"]
    assert (source["title"], source["author"]) == ("Drought statement", "Ministry press office")
    run("add-claim", new_corpus, "--id", "c", "--text", "t", "--claimant", "x")
    quoted = run(
        "add-quote",
        "ministry-2023-06",
        "No restrictions are planned.",
        new_corpus,
        *("--claim", "c", "--stance", "supports"),
    )
    assert quoted.exit_code == 0, quoted.stderr


def test_writing_commands_need_a_corpus_and_never_fall_back_to_the_bundled_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("add-claim", "--id", "c", "--text", "t", "--claimant", "x")
    assert result.exit_code == 2
    assert "is not a corpus" in result.stderr and "factcheck init" in result.stderr


# URLs, served from 127.0.0.1


class _Pages(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/news/drought":
            self._answer(200, "text/html; charset=utf-8", NEWS_PAGE.read_bytes())
        elif self.path == "/photo.png":
            self._answer(200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
        elif self.path == "/huge":
            self._answer(200, "text/html", b"<html>" + b"x" * 5000)
        elif self.path == "/huge-unannounced":  # no Content-Length: read up to the cap only
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html>" + b"x" * 5000)
        else:
            self._answer(404, "text/html", b"<html>not here</html>")

    def _answer(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Pages)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_url_is_captured_like_a_saved_page(new_corpus: Path, server: str) -> None:
    result = run("add-source", f"{server}/news/drought", new_corpus, "--id", "courier-drought")

    assert result.exit_code == 0, result.stderr
    assert result.stdout == "courier-drought\n"
    text = (new_corpus / "evidence" / "courier-drought.txt").read_text()
    assert ARTICLE[2] in text and "Related stories" not in text
    source = yaml.safe_load((new_corpus / "evidence" / "courier-drought.yaml").read_text())
    assert source["source"]["url"] == f"{server}/news/drought"
    assert (new_corpus / "evidence" / "courier-drought.html").read_bytes() == NEWS_PAGE.read_bytes()
    assert run("check", new_corpus).exit_code == 0

    again = run("add-source", f"{server}/news/drought", new_corpus)
    assert again.exit_code == 0
    assert f"{server}/news/drought is captured already, as courier-drought" in again.stderr
    assert again.stdout == f"{SOURCE_ID}\n"  # a second capture, beside the first


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/missing", "the server answered 404 Not Found"),
        ("/photo.png", "is image/png, not an HTML page, a PDF or plain text"),
        ("/huge", "is too big (0.0 MB): a source may be 0.0 MB at most; not captured"),
        ("/huge-unannounced", "is too big: a source may be 0.0 MB at most"),
    ],
)
def test_each_url_failure_is_said_in_words_and_nothing_is_written(
    new_corpus: Path, server: str, path: str, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(capture, "MAX_BYTES", 4096)
    before = snapshot(new_corpus)

    result = run("add-source", f"{server}{path}", new_corpus)

    assert result.exit_code == 1
    assert said in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(new_corpus) == before


def test_a_refused_connection_is_said_in_words(new_corpus: Path) -> None:
    result = run("add-source", f"http://127.0.0.1:{_free_port()}/news", new_corpus)
    assert result.exit_code == 1
    assert "127.0.0.1 refused the connection" in result.stderr


def test_an_unknown_host_is_said_in_words(
    new_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name lookup fails as it does for a misspelt host (no lookup leaves this machine)."""

    def no_such_host(*args: object, **kwargs: object) -> list[object]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    result = run("add-source", "https://www.rferl.example/a", new_corpus)
    assert result.exit_code == 1
    assert "cannot find the server www.rferl.example (DNS)" in result.stderr


def test_a_server_that_never_answers_times_out(
    new_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(capture, "TIMEOUT_SECONDS", 0.3)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)  # accepts the connection, never answers
        port = silent.getsockname()[1]
        result = run("add-source", f"http://127.0.0.1:{port}/slow", new_corpus)
    assert result.exit_code == 1
    assert "no answer from 127.0.0.1" in result.stderr


def test_a_disk_that_refuses_the_write_is_said_in_words(
    new_corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.corpus import writer

    def disk_full(path: Path, content: bytes | str, *, durable: bool = True) -> None:
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(writer, "write_atomically", disk_full)
    before = snapshot(new_corpus)
    result = run("add-claim", new_corpus, "--id", "c", "--text", "t", "--claimant", "x")
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.output
    assert snapshot(new_corpus) == before
