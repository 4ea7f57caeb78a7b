"""The live preview's search index: brought up to date after the pages are live, never waited for.

Pagefind cannot update an index, and indexing 1,000 articles takes seconds, so the preview swaps
its pages in with the previous index (``stale_index``) and one background run indexes the live
pages afterwards (``BackgroundIndexer``): at most one run at a time, stopped when the next save
comes in and started again after that build. The search page reads ``STATUS`` and says in
Dutch that the index is still being updated. ``./blog build`` and ``./blog publish`` always
index before the swap (``search_index.index_site``).
"""

import json
import logging
import os
import shutil
import threading
import time
from pathlib import Path

from .cleanup import abandoned, owned_folder
from .search_index import (
    BUNDLE,
    GLOB,
    Cancelled,
    SearchIndexError,
    indexed_input,
    is_current,
    link_index,
    remember,
    run_pagefind,
)

log = logging.getLogger(__name__)
# A small file the preview's search page reads (the setting SEARCH_STATUS_FILE names it).
STATUS = "zoekindex-status.json"
WORK_PREFIX = ".zoekindex-"


def write_status(site, updating):
    """Say in ``site``/STATUS whether the index is still being updated (atomic)."""
    path = Path(site) / STATUS
    tmp = path.with_name(f".{STATUS}.{os.getpid()}.{threading.get_ident()}")
    tmp.write_text(json.dumps({"bijwerken": updating}), encoding="utf-8")
    os.replace(tmp, path)


def stale_index(site, previous, record):
    """Give ``site`` the previous output's index: current if no article page changed, else stale.

    Returns True when the index is up to date; otherwise the status file says it is being
    updated and ``BackgroundIndexer`` makes the new one after the swap.
    """
    inputs = indexed_input(site)
    current = inputs is None or bool(previous and record and is_current(previous, record, inputs))
    if previous and (Path(previous) / BUNDLE).is_dir():
        link_index(previous, site)
    write_status(site, not current)
    return current


class BackgroundIndexer:
    """One thread that indexes the live output folder whenever the preview asks for it.

    ``lock`` is held by the preview around every build (so around the swap): the indexer takes
    it only to copy the live article pages (hard links) and to put the new index in place.
    """

    def __init__(self, output, record, lock):
        self.output, self.record, self.lock = Path(output), Path(record), lock
        self.wanted, self.stop_run = threading.Event(), threading.Event()
        self.idle = threading.Event()
        self.idle.set()
        self.thread = threading.Thread(target=self._loop, name="zoekindex", daemon=True)
        self.thread.start()

    def interrupt(self):
        """Stop a run in progress: a new build is starting, its pages will need a new run."""
        self.stop_run.set()

    def request(self):
        """Index the live output once the current run (if any) has stopped."""
        self.idle.clear()
        self.stop_run.set()
        self.wanted.set()

    def wait(self, timeout=None):
        """True once no run is asked for or in progress (for tests and the benchmark)."""
        return self.idle.wait(timeout)

    def _loop(self):
        while True:
            self.wanted.wait()
            self.wanted.clear()
            self.stop_run.clear()
            try:
                self._index_once()
            except Cancelled:
                continue
            except SearchIndexError as err:
                log.error("%s", err)
            except Exception:
                log.exception("De zoekindex van het voorbeeld kon niet worden bijgewerkt (fout).")
            if not self.wanted.is_set():
                self.idle.set()

    def _index_once(self):
        work_root = self.record.parent
        for folder in abandoned(work_root, WORK_PREFIX):
            shutil.rmtree(folder, ignore_errors=True)
        started = time.monotonic()
        with self.lock:
            inputs = indexed_input(self.output)
            if inputs is None or is_current(self.output, self.record, inputs):
                self._done()
                return
            work = owned_folder(work_root, WORK_PREFIX)
            for page in self.output.glob(GLOB):
                copy = work / page.relative_to(self.output)
                copy.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(page, copy)
                except OSError:  # another file system: copy
                    shutil.copyfile(page, copy)
        try:
            run_pagefind(work, cancel=self.stop_run)
            with self.lock:
                self._install(work / BUNDLE)
                remember(self.record, inputs, self.output / BUNDLE)
                if indexed_input(self.output) == inputs:  # no newer pages came in meanwhile
                    self._done()
                    seconds = f"{time.monotonic() - started:.1f}".replace(".", ",")
                    log.info("Zoekindex van het voorbeeld bijgewerkt (%s s).", seconds)
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _install(self, bundle):
        live = self.output / BUNDLE
        old = None
        if live.exists():
            old = owned_folder(self.output, f".{BUNDLE}-oud-")
            os.replace(live, old / BUNDLE)
        shutil.move(bundle, live)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def _done(self):
        if (self.output / STATUS).exists():
            write_status(self.output, False)
