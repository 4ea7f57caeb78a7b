"""Debian's Chromium through Playwright, and a built site served on localhost: for the browser
tests and for ./blog screenshots (test tools: Playwright comes with requirements-test.txt)."""

import contextlib
import threading

from .serve import make_server

CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium keeps trying to reach Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextlib.contextmanager
def served(folder):
    """Serve ``folder`` on a free localhost port; yields the base URL."""
    server = make_server(folder, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def browser():
    """A headless Chromium (Debian's; test tools may not download browsers here)."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 (a test tool)

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
