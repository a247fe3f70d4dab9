"""`factcheck serve`: the review app in a web browser, driven by a real headless Chromium.

Chromium is driven over its DevTools protocol (a websocket, with aiohttp's client, which
textual-serve brings): it opens the page, we watch the frames the page's own websocket receives
from the app (what xterm.js draws on its canvas), take a screenshot, and press a key in the page
as a person would. Chromium may resolve no name but 127.0.0.1, so the page's web font link goes
nowhere and no traffic leaves the machine.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from factcheck.cli import cli

needs_chromium = pytest.mark.skipif(shutil.which("chromium") is None, reason="no chromium")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_http(url: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                return answer.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextlib.contextmanager
def _running(command: list[str], **kwargs: object) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # so the apps the server starts stop with it
        **kwargs,  # type: ignore[call-overload]
    )
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, 15)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


class DevTools:
    """One page of a Chromium, over the DevTools protocol."""

    def __init__(self, websocket: object) -> None:
        self._websocket = websocket
        self._next_id = 0
        self._answers: dict[int, asyncio.Future[dict]] = {}
        self.app_output = bytearray()
        """Every frame the page's websocket received: the app's drawing, as xterm.js gets it."""
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        async for message in self._websocket:  # type: ignore[attr-defined]
            event = message.json()
            if "id" in event:
                self._answers.pop(event["id"]).set_result(event)
            elif event.get("method") == "Network.webSocketFrameReceived":
                frame = event["params"]["response"]
                data = frame["payloadData"]
                # opcode 2 is a binary frame, which DevTools gives in base64
                self.app_output += base64.b64decode(data) if frame["opcode"] == 2 else data.encode()

    async def call(self, method: str, **params: object) -> dict:
        self._next_id += 1
        answer = asyncio.get_running_loop().create_future()
        self._answers[self._next_id] = answer
        await self._websocket.send_json(  # type: ignore[attr-defined]
            {"id": self._next_id, "method": method, "params": params}
        )
        result = await asyncio.wait_for(answer, 30)
        assert "error" not in result, result
        return result.get("result", {})

    async def wait_for_output(self, needle: bytes, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.app_output:
            assert time.monotonic() < deadline, f"{needle!r} never reached the page"
            await asyncio.sleep(0.2)

    async def press(self, key: str) -> None:
        """A key typed into the page: down, the character, up, as a keyboard does."""
        await self.call("Input.dispatchKeyEvent", type="keyDown", key=key, text=key)
        await self.call("Input.dispatchKeyEvent", type="keyUp", key=key)


def _chromium(debug_port: int, profile: Path) -> list[str]:
    chromium = shutil.which("chromium")
    assert chromium is not None
    return [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        # No name resolves but 127.0.0.1: the page's Google Fonts link fails, nothing leaves.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        "--remote-debugging-address=127.0.0.1",
        f"--remote-debugging-port={debug_port}",
        f"--user-data-dir={profile}",
        "--window-size=1400,900",
        "about:blank",
    ]


def _verdicts(root: Path, reviewer_file: str) -> dict[str, object]:
    path = root / "reviews" / reviewer_file
    if not path.exists():
        return {}
    review = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {r["claim"]: r["verdict"] for r in review.get("reviews", [])}


@pytest.mark.browser
@needs_chromium
def test_a_browser_shows_the_review_screen_and_a_key_rates_a_claim(
    bundled_copy: Path, tmp_path: Path
) -> None:
    import aiohttp

    app_port, debug_port = _free_port(), _free_port()
    serve = [sys.executable, "-m", "factcheck", "serve", str(bundled_copy)]
    serve += ["--port", str(app_port), "--reviewer", "Browser Editor"]
    page_url = f"http://127.0.0.1:{app_port}/"
    screenshot = tmp_path / "served.png"

    async def drive() -> None:
        listing = _wait_for_http(f"http://127.0.0.1:{debug_port}/json/list")
        [target] = [t for t in yaml.safe_load(listing) if t["type"] == "page"]
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as websocket,
        ):
            page = DevTools(websocket)
            await page.call("Network.enable")
            await page.call("Page.enable")
            await page.call("Page.navigate", url=page_url)
            # The review screen: the footer's rating key and the first claim's text.
            await page.wait_for_output(b"Rate", timeout=60)
            await page.wait_for_output(b"complete security", timeout=30)
            await asyncio.sleep(1)  # let xterm.js paint the last frame before the picture
            shot = await page.call("Page.captureScreenshot", format="png")
            screenshot.write_bytes(base64.b64decode(shot["data"]))
            if keep := os.environ.get("FACTCHECK_SERVE_SCREENSHOT"):
                shutil.copy(screenshot, keep)  # to look at: the picture the browser drew

            # Where a click on the terminal puts the keyboard (a click would also reach the app).
            await page.call(
                "Runtime.evaluate", expression="document.querySelector('textarea').focus()"
            )
            await page.press("1")
            deadline = time.monotonic() + 30
            while not _verdicts(bundled_copy, "browser-editor.yaml"):
                assert time.monotonic() < deadline, "the key press rated nothing"
                await asyncio.sleep(0.2)

    with _running(serve):
        _wait_for_http(page_url)
        with _running(_chromium(debug_port, tmp_path / "profile")):
            asyncio.run(drive())

    verdicts = _verdicts(bundled_copy, "browser-editor.yaml")
    assert len(verdicts) == 1
    [verdict] = verdicts.values()
    assert verdict is not None
    # A real picture of the screen, not a blank page: well over a few kilobytes of PNG.
    assert screenshot.stat().st_size > 20_000


def test_serve_listens_only_on_loopback_unless_told_and_then_warns(
    bundled_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str, str, int]] = []
    urls: list[str] = []

    class FakeServer:
        """Stands in for textual-serve's server, which would block serving forever."""

        def __init__(self, command: str, host: str, port: int, title: str, public_url: str) -> None:
            started.append((command, host, port))
            urls.append(public_url)

        def serve(self) -> None:
            pass

    monkeypatch.setattr("textual_serve.server.Server", FakeServer)
    runner = CliRunner()
    quiet = runner.invoke(cli, ["serve", str(bundled_copy), "--reviewer", "ed"])
    assert quiet.exit_code == 0, quiet.output
    assert "warning" not in quiet.output
    loud = runner.invoke(
        cli, ["serve", str(bundled_copy), "--reviewer", "ed", "--host", "0.0.0.0", "--port", "9"]
    )
    assert loud.exit_code == 0, loud.output
    assert "anyone who can reach 0.0.0.0:9 can read the corpus and rate claims" in loud.output
    [(command, host, port), (_, wide_host, wide_port)] = started
    assert (host, port) == ("127.0.0.1", 8000)
    assert (wide_host, wide_port) == ("0.0.0.0", 9)
    assert f"factcheck review {bundled_copy} --reviewer ed" in command
    # The page's websocket address: this machine's name on 0.0.0.0, which a browser elsewhere
    # can reach (textual-serve would give it 0.0.0.0, its own machine).
    assert urls[0] == "http://127.0.0.1:8000"
    assert urls[1] == f"http://{socket.getfqdn()}:9"
    ipv6 = runner.invoke(cli, ["serve", str(bundled_copy), "--reviewer", "ed", "--host", "::1"])
    assert ipv6.exit_code == 0, ipv6.output
    assert urls[2] == "http://[::1]:8000"
