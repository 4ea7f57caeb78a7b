"""Live preview: rebuild on changes, reload the browser; a broken post keeps the last good site.

The browser reloads as soon as the pages are live; the search index follows in the background
(``search_later``), and the preview's search page says so while it is being updated.
"""

import logging
import threading
import time

from .build import LATER, BuildCrash, BuildError, build
from .search_index import RECORD
from .search_later import STATUS, BackgroundIndexer
from .settings import ROOT, load

log = logging.getLogger(__name__)
WATCHED = ("content", "theme", "plugins", "pelicanconf.py")


def served_at(port):
    """Settings for a build that a preview server shows on ``port``: its addresses use that port."""
    url = f"http://localhost:{port}"
    return {"SITEURL": url, "FEED_DOMAIN": url, "PREVIEW_URL": url}


class Preview:
    """Builds of the preview, one at a time, each followed by a background indexing run."""

    def __init__(self, config="pelicanconf.py", port=8000):
        settings = load(config)
        self.config, self.port = config, port
        self.output = ROOT / settings["OUTPUT_PATH"]
        self.lock = threading.Lock()  # held around each build, so around its swap
        self.indexer = BackgroundIndexer(
            self.output, ROOT / settings["CACHE_PATH"] / RECORD, self.lock
        )

    def rebuild(self):
        """Build into output/; end with one line: the preview is up to date, or why it is not."""
        started = time.monotonic()
        self.indexer.interrupt()  # its pages are about to be replaced: free the CPU
        try:
            with self.lock:
                build(self.config, search=LATER, SEARCH_STATUS_FILE=STATUS, **served_at(self.port))
        except BuildError as err:
            log.error("%s", err, extra={"plain": True})
            log.error("Voorbeeld niet bijgewerkt; de laatste goede versie blijft staan.")
        except BuildCrash as err:
            log.error("Voorbeeld niet bijgewerkt: %s", err, exc_info=err.__cause__)
        else:
            seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
            log.info("Voorbeeld bijgewerkt (%s s, %s).", seconds, time.strftime("%H:%M:%S"))
        finally:
            self.indexer.request()


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
    session = Preview(port=port)
    session.rebuild()
    server = quiet_server()
    for path in WATCHED:
        server.watch(str(ROOT / path), session.rebuild)
    log.info("Voorbeeld op http://localhost:%s/ (Ctrl-C stopt).", port)
    server.serve(root=str(session.output), host="127.0.0.1", port=port, open_url_delay=None)
