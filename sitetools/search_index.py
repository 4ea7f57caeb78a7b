"""The site search index: Pagefind indexes the published articles of a finished build.

It runs on the staging folder, as the last step before the swap, so a site goes live only with
its own index; a failing indexer fails the build. Which text is indexed is decided by the theme
(``data-pagefind-body`` on published article pages only); the glob below is a second guard that
keeps drafts (``concepten/``) and every other page out.
"""

import hashlib
import json
import logging
import os
import subprocess
from importlib.metadata import version
from pathlib import Path

from cbor2 import CBORError

from .search_stable import stabilise

log = logging.getLogger(__name__)
BUNDLE = "pagefind"  # the index folder inside the site: /pagefind/pagefind.js and its chunks
GLOB = "artikelen/*.html"
# Pagefind's ready-made interfaces: our search page uses the plain API (pagefind.js) instead.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
TIMEOUT_S = 600
# Where a cached build records what its index was made from (in the build cache's folder).
RECORD = "search-index.json"


class SearchIndexError(Exception):
    """Pagefind failed; the message is Dutch and says what to do."""


def pagefind_command(site):
    """The indexer's command line for ``site`` (the binary ships in the pagefind-bin package)."""
    from pagefind_bin import get_executable  # noqa: PLC0415 (only the build needs it)

    return [
        str(get_executable()),
        "--site",
        str(site),
        "--output-subdir",
        BUNDLE,
        "--glob",
        GLOB,
        "--silent",
    ]


def indexed_input(site):
    """A digest of exactly what the indexer reads (the article pages, with the indexer's version and
    this code), or None when no article page asks to be indexed.

    Without such a page Pagefind would index hidden articles' whole pages, or fail on an empty site.
    """
    digest = hashlib.sha256(version("pagefind-bin").encode())
    for module in ("search_index.py", "search_stable.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    wanted = False
    for page in sorted(site.glob(GLOB)):
        data = page.read_bytes()
        wanted = wanted or b"data-pagefind-body" in data
        digest.update(page.name.encode() + b"\0" + data)
    return digest.hexdigest() if wanted else None


def folder_digest(folder):
    """A digest of every file under ``folder``: names and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def is_current(previous, record, inputs):
    """True if ``previous``/pagefind is the very index ``record`` says was made from ``inputs``.

    The recorded digest of the index folder itself proves the previous output still holds it.
    """
    try:
        old = json.loads(Path(record).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    index = Path(previous) / BUNDLE
    if old.get("input") != inputs or not index.is_dir():
        return False
    return old.get("index") == folder_digest(index)


def remember(record, inputs, bundle):
    """Record that the index in ``bundle`` was made from ``inputs`` (for the next build)."""
    Path(record).parent.mkdir(parents=True, exist_ok=True)
    entry = {"input": inputs, "index": folder_digest(bundle)}
    Path(record).write_text(json.dumps(entry), encoding="utf-8")


def link_index(previous, site):
    """Hard-link the index of ``previous`` into ``site`` (no copy: the files never change)."""
    index = Path(previous) / BUNDLE
    for path in sorted(index.rglob("*")):
        copy = site / BUNDLE / path.relative_to(index)
        if path.is_dir():
            copy.mkdir(parents=True, exist_ok=True)
        else:
            copy.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, copy)


def reuse(site, previous, record, inputs):
    """Hard-link the previous build's index into ``site`` if it was made from the same input."""
    if not is_current(previous, record, inputs):
        return False
    link_index(previous, site)
    return True


def index_site(site, previous=None, record=None):
    """Write the search index into ``site``/pagefind; raise SearchIndexError when it fails.

    With ``previous`` (the last output) and ``record`` (a file in the build cache), an index made
    from the same article pages is reused instead of indexing again: an edit to a draft, the CSS
    or a list page then costs no indexing. Publishing passes neither and always indexes.
    """
    Indexing(site, previous, record).finish()


class Indexing:
    """The index of ``site``, started now (the article pages are written) and finished later:
    the build starts it while Pelican still writes the other pages (``search_early.py``)."""

    def __init__(self, site, previous=None, record=None):
        self.site, self.previous, self.record = Path(site), previous, record
        self.inputs = indexed_input(self.site)
        self.indexer = None
        self.reuse = bool(
            self.inputs and previous and record and is_current(previous, record, self.inputs)
        )
        if self.inputs is not None and not self.reuse:
            self.indexer = start_pagefind(self.site)

    def finish(self):
        """Wait for the index (or link the previous one); raise SearchIndexError when it fails."""
        if self.reuse:
            link_index(self.previous, self.site)
        elif self.indexer is not None:
            try:
                finish_pagefind(self.site, self.indexer)
            finally:
                self.indexer = None
            if self.record:
                remember(self.record, self.inputs, self.site / BUNDLE)

    def stop(self):
        """Stop the indexer if it still runs (a failed or interrupted build)."""
        if self.indexer is not None:
            _end(self.indexer)
            self.indexer = None


class Cancelled(Exception):  # noqa: N818 (not an error: a newer run was asked for)
    """The indexer was stopped because its pages are already out of date."""


def run_pagefind(site, cancel=None):
    """Index ``site`` with Pagefind, drop its unused UI files, make its output stable.

    ``cancel`` (a threading.Event) stops the indexer at once and raises Cancelled.
    """
    finish_pagefind(site, start_pagefind(site), cancel)


def start_pagefind(site):
    """The indexer, started on ``site`` (its output is read by ``finish_pagefind``)."""
    try:
        return subprocess.Popen(
            pagefind_command(site),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    except OSError as err:
        raise SearchIndexError(_dutch(str(err))) from err


def finish_pagefind(site, indexer, cancel=None):
    """Wait for ``indexer``, check it, drop its unused UI files and make its output stable."""
    site = Path(site)
    try:
        out, err = _wait(indexer, cancel)
    except subprocess.TimeoutExpired as timeout:
        log.debug("search indexer timed out: %s", timeout)
        seconds = f"{TIMEOUT_S:g}".replace(".", ",")
        raise SearchIndexError(
            f"de zoekfunctie kon niet worden bijgewerkt: de indexer (Pagefind) was na {seconds} "
            "seconden nog niet klaar en is gestopt; bouw de site opnieuw met `./blog build`, en "
            "gebeurt het weer, meld het dan aan de beheerder van de blog"
        ) from timeout
    finally:
        _end(indexer)
    if indexer.returncode != 0:
        raise SearchIndexError(_dutch((err or out).strip()))
    if not (site / BUNDLE / "pagefind.js").is_file():
        raise SearchIndexError(_dutch("no pagefind.js was written"))
    for name in UNUSED:
        (site / BUNDLE / name).unlink(missing_ok=True)
    try:
        stabilise(site / BUNDLE)
    except (OSError, ValueError, LookupError, TypeError, CBORError) as err:
        raise SearchIndexError(_dutch(f"{err.__class__.__name__}: {err}")) from err


def _end(indexer):
    """Kill ``indexer`` if it still runs, and reap it."""
    if indexer.poll() is None:
        indexer.kill()
        indexer.communicate()


def _wait(indexer, cancel):
    """The indexer's output once it ends; Cancelled as soon as ``cancel`` is set."""
    if cancel is None:
        return indexer.communicate(timeout=TIMEOUT_S)
    for _ in range(int(TIMEOUT_S / 0.05)):
        if cancel.is_set():
            raise Cancelled
        try:
            return indexer.communicate(timeout=0.05)
        except subprocess.TimeoutExpired:
            continue
    raise subprocess.TimeoutExpired(indexer.args, TIMEOUT_S)


def _dutch(detail):
    """The author's message; the indexer's own (English, technical) words only in the debug log."""
    log.debug("search indexer failed: %s", detail)
    return (
        "de zoekfunctie kon niet worden bijgewerkt; bouw de site opnieuw met `./blog build`, en "
        "gebeurt het weer, installeer dan de pakketten opnieuw met `rm -rf .venv && ./blog build`"
    )
