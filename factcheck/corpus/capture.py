"""Capturing an article as a source: fetching a URL, and taking the text out of a page, a PDF or
a plain text file (`factcheck add-source`).

The text is what quotes are verified against, so it must be the article and nothing else: a news
page's main text is extracted with trafilatura, a extractor made for news pages, which leaves out
navigation, cookie banners, related links and comments, and reads the title, byline, date and
site name. The original (the page or the PDF as captured) is kept beside the text, so the text
can be extracted again. Every failure is a `CaptureError` that says what went wrong in words.
"""

from __future__ import annotations

import io
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from factcheck import __version__

MAX_BYTES = 20 * 1024 * 1024
"""The largest page or document fetched or read: news pages are well under 5 MB, and a larger
answer is a video, an archive or a mistake, not an article."""

TIMEOUT_SECONDS = 20.0
"""For connecting and for each read: a slow server is waited for, a dead one is not."""

USER_AGENT = f"factcheck/{__version__} (source capture for fact-checking)"

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_KINDS = {".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".txt": "text"}


class CaptureError(Exception):
    """The capture failed; the message says why and, where it can, what to do."""


@dataclass(frozen=True, slots=True)
class Capture:
    text: str
    """The article's text, as the source text file will hold it."""
    original: bytes | None
    """The page or PDF as captured, kept beside the text; None for plain text (it is its own)."""
    suffix: str
    """The original's file suffix: .html or .pdf."""
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    """An ISO date, as precise as the page says: 2023, 2023-06 or 2023-06-14."""
    url: str | None = None
    captured: str = ""
    """When: an ISO date and time in UTC."""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def is_url(target: str) -> bool:
    return urllib.parse.urlsplit(target).scheme.lower() in {"http", "https"}


def capture_url(url: str) -> Capture:
    """Fetch `url` and capture what it answers: a page, a PDF or plain text."""
    body, content_type, final_url = fetch(url, timeout=TIMEOUT_SECONDS, limit=MAX_BYTES)
    if content_type in _HTML_TYPES:
        kind = "html"
    elif content_type == "application/pdf":
        kind = "pdf"
    elif content_type == "text/plain":
        kind = "text"
    else:
        raise CaptureError(
            f"{url} is {content_type or 'of no stated type'}, not an HTML page, a PDF or plain "
            "text; save the article's page and add that file"
        )
    return _capture(body, kind, url=final_url, name=url)


def capture_file(path: Path, *, url: str | None = None) -> Capture:
    """Capture a saved page, a PDF or a plain text file; `url` is where it was published."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CaptureError(_too_big(str(path), size, MAX_BYTES))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CaptureError(f"{path} does not exist") from None
    except IsADirectoryError:
        raise CaptureError(f"{path} is a folder; name the file of the article") from None
    except OSError as error:
        raise CaptureError(f"{path} cannot be read: {error.strerror}") from None
    return _capture(raw, _kind(path, raw), url=url, name=str(path))


def fetch(url: str, *, timeout: float, limit: int) -> tuple[bytes, str, str]:
    """(body, media type, final URL after redirects) of a GET of `url`."""
    host = urllib.parse.urlsplit(url).hostname or url
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            stated = response.headers.get("Content-Type")
            content_type = response.headers.get_content_type() if stated else ""
            declared = response.headers.get("Content-Length")
            if declared is not None and declared.isdigit() and int(declared) > limit:
                raise CaptureError(_too_big(url, int(declared), limit))
            body = response.read(limit + 1)
            if len(body) > limit:
                raise CaptureError(_too_big(url, None, limit))
            return body, content_type, response.geturl()
    except urllib.error.HTTPError as error:
        raise CaptureError(f"{url}: the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise CaptureError(f"{url}: {_reason(error.reason, host)}") from None
    except TimeoutError:
        raise CaptureError(f"{url}: no answer from {host} within {timeout:g} s") from None
    except OSError as error:  # refused, reset, TLS: urllib does not always wrap them
        raise CaptureError(f"{url}: {_reason(error, host)}") from None
    except ValueError as error:  # urllib's word for a URL it cannot use
        raise CaptureError(f"{url} is not a URL factcheck can fetch: {error}") from None


def _reason(reason: object, host: str) -> str:
    if isinstance(reason, socket.gaierror):
        return f"cannot find the server {host} (DNS); check the address and the connection"
    if isinstance(reason, ConnectionRefusedError):
        return f"{host} refused the connection; is the address right?"
    if isinstance(reason, TimeoutError):
        return f"no answer from {host} in time"
    if isinstance(reason, ssl.SSLError | ssl.CertificateError):
        return f"the secure connection to {host} failed ({reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return f"cannot reach {host}: {reason.strerror}"
    return f"cannot reach {host}: {reason}"


def _too_big(name: str, size: int | None, limit: int) -> str:
    said = f" ({_megabytes(size)})" if size is not None else ""
    return f"{name} is too big{said}: a source may be {_megabytes(limit)} at most; not captured"


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"


def _kind(path: Path, raw: bytes) -> str:
    if (known := _KINDS.get(path.suffix.lower())) is not None:
        return known
    head = raw[:2048].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "text"


def _capture(raw: bytes, kind: str, *, url: str | None, name: str) -> Capture:
    if kind == "html":
        return _from_html(raw, url, name)
    if kind == "pdf":
        return _from_pdf(raw, url, name)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaptureError(f"{name} is not UTF-8 text; save it as UTF-8") from None
    if not text.strip():
        raise CaptureError(f"{name} is empty")
    return Capture(text, None, ".txt", url=url, captured=now())


def _from_html(raw: bytes, url: str | None, name: str) -> Capture:
    import trafilatura

    found = trafilatura.bare_extraction(raw, url=url, include_comments=False, with_metadata=True)
    if found is None or not (found.text or "").strip():
        raise CaptureError(
            f"{name}: no article text found in the page (a page of links, or one that needs a "
            "browser to show its text); save the article as text and add that file"
        )
    paragraphs = [line.strip() for line in found.text.splitlines() if line.strip()]
    return Capture(
        "\n\n".join(paragraphs) + "\n",
        raw,
        ".html",
        title=found.title or None,
        outlet=found.sitename or _site(url or found.url),
        author=found.author or None,
        published=found.date or None,
        url=url or found.url or None,
        captured=now(),
    )


def _from_pdf(raw: bytes, url: str | None, name: str) -> Capture:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise CaptureError(f"{name} is an encrypted PDF; save an unlocked copy and add that")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        metadata = reader.metadata
    except (PyPdfError, ValueError, KeyError) as error:
        raise CaptureError(f"{name} cannot be read as a PDF: {error}") from None
    text = "\n\n".join(page for page in pages if page)
    if not text.strip():
        raise CaptureError(
            f"{name} has no text layer (a scanned PDF?); run it through OCR and add the text"
        )
    title = (metadata.title or "").strip() if metadata else ""
    author = (metadata.author or "").strip() if metadata else ""
    return Capture(
        text + "\n",
        raw,
        ".pdf",
        title=title or None,
        outlet=_site(url),
        author=author or None,
        url=url,
        captured=now(),
    )


def _site(url: str | None) -> str | None:
    """A site's name from its address when the page gives none: 'www.rferl.org' -> 'rferl.org'."""
    host = urllib.parse.urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None
