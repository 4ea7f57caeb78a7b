"""Serve a built site on localhost, with the site's own 404 page for missing paths."""

import functools
import logging
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

log = logging.getLogger(__name__)


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files; a missing path gets 404.html with status 404, as on a real host."""

    def send_error(self, code, message=None, explain=None):
        """Serve the site's 404 page instead of Python's default error page."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        """Quiet: one debug line per request."""
        log.debug(format, *args)


def make_server(folder, port, host="127.0.0.1"):
    """A server for ``folder``; call serve_forever() on it."""
    handler = functools.partial(SiteHandler, directory=str(folder))
    return ThreadingHTTPServer((host, port), handler)


def serve_folder(folder, port):
    """Serve until Ctrl-C."""
    server = make_server(folder, port)
    log.info("De site staat op http://localhost:%s/ (Ctrl-C stopt).", port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
