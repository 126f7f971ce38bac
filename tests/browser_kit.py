"""Tools for the browser tests: a local web server, and what a page did or asked for."""

from __future__ import annotations

import contextlib
import functools
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import ConsoleMessage, Dialog, Page
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Request as PlaywrightRequest

from pmgov.cli import main

from conftest import EXAMPLE


def build(project: Path, out: Path) -> Path:
    assert main(["site", "build", str(project), "--site-dir", str(out)]) == 0
    assert (out / "governance" / "index.html").is_file()
    return out


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser closing a connection early is not a test failure


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 at a free port; yield the base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# Recording what a page does ------------------------------------------------------------------


@dataclass
class Watch:
    """Everything a page asked for or complained about."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        """Requests to anywhere but the local server (data: and blob: URLs stay inside)."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob")
            and urlsplit(url).hostname != "127.0.0.1"
        ]


def watch(page: Page) -> Watch:
    seen = Watch()

    def on_request(request: PlaywrightRequest) -> None:
        seen.requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            seen.console_errors.append(f"{message.text} ({message.location.get('url')})")

    def on_page_error(error: PlaywrightError) -> None:
        seen.page_errors.append(str(error))

    def on_dialog(dialog: Dialog) -> None:
        seen.dialogs.append(f"{dialog.type}: {dialog.message} on {page.url}")
        dialog.dismiss()

    page.on("request", on_request)
    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    page.on("dialog", on_dialog)
    return seen


def visit(page: Page, url: str, *, search_ready: bool = False) -> None:
    """Open `url` (it must answer 200); with `search_ready`, until search has its index."""
    if search_ready:
        with page.expect_response(lambda r: r.url.endswith("/search/search_index.json")) as index:
            response = page.goto(url)
        assert index.value.ok
    else:
        response = page.goto(url)
    assert response is not None and response.status == 200, url


def heading(page: Page) -> str:
    """The page's h1 without the permalink anchor MkDocs adds to it."""
    text: str = page.locator("article h1").first.evaluate(
        "h => [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
        ".map(n => n.textContent).join('').trim()"
    )
    return text


def load_yaml(file: str) -> Any:
    return yaml.safe_load((EXAMPLE / file).read_text(encoding="utf-8"))


RGB = tuple[float, float, float]


def _rgba(css: str) -> tuple[RGB, float]:
    """A computed colour, `rgb(r, g, b)` or `rgba(r, g, b, a)`: the channels and the alpha."""
    match = re.fullmatch(r"rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)", css)
    assert match, f"not a computed colour: {css}"
    red, green, blue, alpha = match.groups()
    return (float(red), float(green), float(blue)), float(alpha or 1)


def _luminance(rgb: RGB) -> float:
    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of text in `foreground` (blended by its alpha) on `background`."""
    back, _ = _rgba(background)
    fore, alpha = _rgba(foreground)
    red, green, blue = (alpha * f + (1 - alpha) * b for f, b in zip(fore, back, strict=True))
    light, dark = sorted((_luminance((red, green, blue)), _luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# The text colour of each element and the first opaque background behind it.
