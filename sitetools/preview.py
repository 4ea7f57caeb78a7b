"""Live preview: rebuild on changes, reload the browser; a broken post keeps the last good site."""

import logging

from .build import BuildError, build
from .settings import ROOT

log = logging.getLogger(__name__)
WATCHED = ("content", "theme", "plugins", "pelicanconf.py")


def rebuild():
    """Build into output/; on failure explain in the terminal and keep the previous output."""
    try:
        build("pelicanconf.py")
    except BuildError as err:
        log.error("Preview not updated (the last good version stays): %s", err)
    else:
        log.warning("Preview updated.")


def preview(port=8000):
    """Build once, then watch the sources and serve output/ with live reload on localhost."""
    from livereload import Server  # noqa: PLC0415 (only the preview needs it)

    rebuild()
    server = Server()
    for path in WATCHED:
        server.watch(str(ROOT / path), rebuild, delay=0.3)
    server.serve(root=str(ROOT / "output"), host="127.0.0.1", port=port, open_url_delay=None)
