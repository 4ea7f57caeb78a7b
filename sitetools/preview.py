"""Live preview: rebuild on changes, reload the browser; a broken post keeps the last good site."""

import functools
import logging
import time

from .build import BuildCrash, BuildError, build
from .settings import ROOT

log = logging.getLogger(__name__)
WATCHED = ("content", "theme", "plugins", "pelicanconf.py")


def served_at(port):
    """Settings for a build that a preview server shows on ``port``: its addresses use that port."""
    url = f"http://localhost:{port}"
    return {"SITEURL": url, "FEED_DOMAIN": url, "PREVIEW_URL": url}


def rebuild(port=8000):
    """Build into output/; end with one line: the preview is up to date, or why it is not."""
    started = time.monotonic()
    try:
        build("pelicanconf.py", **served_at(port))
    except BuildError as err:
        log.error("%s", err, extra={"plain": True})
        log.error("Voorbeeld niet bijgewerkt; de laatste goede versie blijft staan.")
    except BuildCrash as err:
        log.error("Voorbeeld niet bijgewerkt: %s", err, exc_info=err.__cause__)
    else:
        seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
        log.info("Voorbeeld bijgewerkt (%s s, %s).", seconds, time.strftime("%H:%M:%S"))


def quiet_server():
    """livereload's Server, without its own log handlers (they printed every line twice)."""
    from livereload import Server  # noqa: PLC0415 (only the preview needs it)

    class QuietServer(Server):
        def _setup_logging(self):
            # Our one line per rebuild says it all; livereload's "Running task" is noise.
            logging.getLogger("livereload").setLevel(logging.WARNING)
            # tornado sets up its own printing when it finds no handler at all.
            logging.getLogger("tornado").addHandler(logging.NullHandler())

    return QuietServer()


def preview(port=8000):
    """Build once, then watch the sources and serve output/ with live reload on localhost."""
    rebuild(port)
    server = quiet_server()
    for path in WATCHED:
        server.watch(str(ROOT / path), functools.partial(rebuild, port), delay=0.3)
    log.info("Voorbeeld op http://localhost:%s/ (Ctrl-C stopt).", port)
    server.serve(root=str(ROOT / "output"), host="127.0.0.1", port=port, open_url_delay=None)
