"""Live preview: rebuild on changes, reload the browser; a broken post keeps the last good site.

A save of one post's text is a quick update (``quick_update``: only the pages it changes are
rendered again, from the last full build kept in memory); anything else is a full build, which
the quick updates then start from. The browser reloads as soon as the pages are live; the search
index follows in the background (``search_later``), and the preview's search page says so while
it is being updated. Saves are seen through the operating system's file events (watchfiles),
not by polling.
"""

import logging
import os
import threading
import time
from fnmatch import fnmatch
from pathlib import Path

from .build import LATER, BuildCrash, BuildError, build
from .page_record import Recording
from .quick_update import FullBuildNeeded, LiveSite
from .search_index import RECORD
from .search_later import STATUS, BackgroundIndexer, write_status
from .settings import ROOT, load

log = logging.getLogger(__name__)
WATCHED = ("content", "theme", "plugins", "pelicanconf.py")
IGNORED_DIRS = {"__pycache__", ".git"}


def ignored_names(settings):
    """File-name patterns no build reads: editors' and systems' debris (swap files, backups,
    .DS_Store), hidden files, and what IGNORE_FILES and CONTENT_GUARD_IGNORE name."""
    from plugins.content_guard.content_guard import setting  # noqa: PLC0415

    return (".*", *setting(settings, "CONTENT_GUARD_IGNORE"), *settings.get("IGNORE_FILES", ()))


def stamps(root=ROOT, watched=WATCHED, ignore=()):
    """{path: (modification time, size)} of every file the preview watches, except names that
    match ``ignore`` (an editor's swap file changes while the author types: no reason to build)."""
    found = {}
    for name in watched:
        top = os.path.join(root, name)
        if os.path.isfile(top):
            info = os.stat(top)
            found[top] = (info.st_mtime_ns, info.st_size)
        elif os.path.isdir(top):
            _scan(top, found, ignore)
    return found


def _scan(folder, found, ignore):
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name in IGNORED_DIRS or any(fnmatch(entry.name, p) for p in ignore):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    _scan(entry.path, found, ignore)
                else:
                    info = entry.stat()
                    found[entry.path] = (info.st_mtime_ns, info.st_size)
            except OSError:  # deleted meanwhile: the next look sees it gone
                continue


def changed_files(before, after):
    """Paths added, removed or changed between two ``stamps``."""
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


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
        self.site = None  # the last full build, in memory (quick_update.LiveSite)
        self.seen = {}  # stamps() of the sources the output was last made from
        self.last = None  # "snel", "volledig" or "fout": how the last update went (for tests)
        self.written = []  # what the last quick update replaced in output/
        self.ignore = ignored_names(settings)

    def rebuild(self):
        """Update output/; end with one line: the preview is up to date, or why it is not."""
        started = time.monotonic()
        now = stamps(ignore=self.ignore)
        changed = changed_files(self.seen, now)
        if self.seen and not changed and self.last != "fout":
            return  # only files no build reads changed (an editor's swap file): nothing to do
        self.indexer.interrupt()  # its pages are about to be replaced: free the CPU
        try:
            with self.lock:
                if not self._quick(changed):
                    self._full()
        except BuildError as err:
            self.last = "fout"
            log.error("%s", err, extra={"plain": True})
            log.error("Voorbeeld niet bijgewerkt; de laatste goede versie blijft staan.")
        except BuildCrash as err:
            self.last = "fout"
            log.error("Voorbeeld niet bijgewerkt: %s", err, exc_info=err.__cause__)
        else:
            self.seen = now
            seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
            log.info("Voorbeeld bijgewerkt (%s s, %s).", seconds, time.strftime("%H:%M:%S"))
        finally:
            self.indexer.request()

    def _quick(self, changed):
        """Update after one changed post (True), or False when a full build is needed."""
        if self.site is None or len(changed) != 1:
            return False
        (path,) = changed
        if path not in self.seen or not os.path.isfile(path):
            return False
        try:
            done = self.site.update(Path(path))
        except FullBuildNeeded as why:
            log.debug("Volledige bouw: %s", why)
            return False
        except (BuildError, BuildCrash):
            raise
        except Exception:  # a bug in the quick update must not cost the author the preview
            log.error(
                "Snel bijwerken mislukte door een fout in de bouwsoftware (niet in jouw tekst); "
                "de hele site wordt opnieuw gebouwd. Meld de melding hieronder aan de beheerder.",
                exc_info=True,
            )
            self.site = None
            return False
        if any(name.endswith(".html") for name in done.written):
            write_status(self.output, True)  # the background indexer says when it is done
        self.last, self.written = "snel", done.written
        log.debug("Snel bijgewerkt: %s", ", ".join(done.written) or "niets veranderd")
        return True

    def _full(self):
        """A full build, recorded: the next quick updates start from it."""
        from plugins.content_guard import content_guard  # noqa: PLC0415
        from plugins.images import images  # noqa: PLC0415
        from plugins.share_cards import share_cards  # noqa: PLC0415

        # If this build fails, the output stays the last good one, and so does self.site: the
        # next save is compared with the sources of that build.
        with Recording() as recording:
            build(self.config, search=LATER, SEARCH_STATUS_FILE=STATUS, **served_at(self.port))
        check = content_guard.LAST.get("state")
        if (
            recording.writer
            and recording.pelican
            and check
            and check.settings is recording.pelican.settings
        ):
            cards = (
                share_cards.STATE if "plugins.share_cards" in check.settings["PLUGINS"] else None
            )
            self.site = LiveSite(recording, self.output, check, images.STATE, cards)
        self.last, self.written = "volledig", []


def instant_watcher(paths):
    """livereload's watcher, woken by the operating system's file events instead of polling.

    livereload looks at every file's modification time every 0.8 s; watchfiles (Pelican's own
    dependency, also what ``pelican --autoreload`` uses) reports a save within ~50 ms. livereload
    still decides what changed and runs the rebuild; the events only wake it.
    """
    import watchfiles  # noqa: PLC0415 (only the preview needs it)
    from livereload.watcher import Watcher  # noqa: PLC0415
    from tornado.ioloop import IOLoop  # noqa: PLC0415

    class InstantWatcher(Watcher):
        def __init__(self):
            super().__init__()
            self.changed = set()  # paths the events named since the last look (loop thread)

        def start(self, callback):
            loop, stop = IOLoop.current(), threading.Event()

            def listen():
                for changes in watchfiles.watch(*paths, step=30, stop_event=stop):
                    loop.add_callback(self._note, {path for _, path in changes}, callback)

            threading.Thread(target=listen, name="bestanden", daemon=True).start()
            # One look now, as polling would do at once: it notes every file's time and takes
            # livereload's own restart note, so the author's first save is seen as a save.
            loop.add_callback(callback)
            return True  # no polling

        def examine(self):
            """Run the tasks of the paths the events named (livereload would scan every file)."""
            if self._changes:  # livereload's own note (the server started): reload browsers
                return self._changes.pop()
            changed, self.changed = self.changed, set()
            if not changed:
                return None, None
            self.filepath = min(changed)
            tasks = [t for p, t in self._tasks.items() if _touches(p, changed)]
            run = []  # each task once, also when several watched folders share it
            for task in tasks or self._tasks.values():
                if task["func"] and task["func"] not in run:
                    run.append(task["func"])
            for func in run:
                func()
            return self.filepath, None

        def _note(self, paths, callback):
            self.changed.update(paths)
            callback()

    return InstantWatcher()


def _touches(watched, changed):
    inside = watched.rstrip(os.sep) + os.sep
    return any(path == watched or path.startswith(inside) for path in changed)


def quiet_server(paths):
    """livereload's Server, without its own log handlers (they printed every line twice)."""
    from livereload import Server  # noqa: PLC0415 (only the preview needs it)
    from livereload.handlers import LiveReloadHandler  # noqa: PLC0415

    # livereload ignores a second reload within 3 s; a quick update takes far less, and each
    # save should show.
    LiveReloadHandler.DEFAULT_RELOAD_TIME = 0

    class QuietServer(Server):
        def _setup_logging(self):
            # Our one line per rebuild says it all; livereload's "Running task" is noise.
            logging.getLogger("livereload").setLevel(logging.WARNING)
            # tornado sets up its own printing when it finds no handler at all.
            logging.getLogger("tornado").addHandler(logging.NullHandler())

    return QuietServer(watcher=instant_watcher(paths))


def preview(port=8000):
    """Build once, then watch the sources and serve output/ with live reload on localhost."""
    session = Preview(port=port)
    session.rebuild()
    watched = [str(ROOT / path) for path in WATCHED if (ROOT / path).exists()]
    server = quiet_server(watched)
    for path in watched:
        server.watch(path, session.rebuild)
    log.info("Voorbeeld op http://localhost:%s/ (Ctrl-C stopt).", port)
    server.serve(root=str(session.output), host="127.0.0.1", port=port, open_url_delay=None)
