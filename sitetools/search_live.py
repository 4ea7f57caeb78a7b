"""Index the articles for site search while Pelican is still writing the site (the second core).

Pelican renders on one core; Pagefind ran after it on the finished folder and added 35-50 % to a
cold build. Here Pagefind runs beside Pelican in its service mode (``pagefind --service``): every
article page is handed to it the moment Pelican writes it (the ``content_written`` signal, also
sent for pages the render cache reuses), and the index is built as soon as the last article page
is out, while Pelican goes on with the list pages, themes and feeds; we write the files it sends.

Correctness does not depend on that timing. When Pelican is done, the article pages in the folder
are compared with what was handed over (path and bytes); only an exact match is kept. Anything
else (a page written twice or after the index, a page changed afterwards) makes the finished
folder be indexed the plain way (``index_site``), so the swapped-in site always carries the index
of exactly its own articles. A failing indexer fails the build with the Dutch message.
"""

import base64
import hashlib
import json
import logging
import os
import shutil
import tempfile
from contextlib import contextmanager
from itertools import chain
from pathlib import Path

from cbor2 import CBORError

from .search_index import BUNDLE, GLOB, UNUSED, SearchIndexError, _dutch, index_site
from .search_reuse import bundle_matches, copy_bundle, last_pages, save
from .search_service import Service
from .search_stable import stabilise

log = logging.getLogger(__name__)
MARK = b"data-pagefind-body"  # the theme sets it on published article pages only
FOLDER, SUFFIX = GLOB.split("/*")  # articles are <FOLDER>/<name><SUFFIX>


@contextmanager
def indexing_while_writing(site, previous=None, record=None):
    """Index ``site``'s articles while the block writes it; the index is put in at the end.

    With ``previous`` (the output folder being replaced) and ``record`` (a file in the cache
    folder), the previous index is reused when no indexed page changed. Raises SearchIndexError
    when the indexer fails; when the block fails, the indexer is stopped.
    """
    live = LiveIndex(site, previous, record)
    live.connect()
    try:
        yield live
    except BaseException:
        live.disconnect()
        live.close(at_once=True)
        raise
    live.disconnect()
    live.finish()


def write_bundle(reply, bundle):
    """Write the index files of a GetFiles reply into ``bundle`` (without the unused UIs)."""
    for file in reply.get("files", []):
        path = (bundle / file["path"]).resolve()
        if not path.is_relative_to(bundle.resolve()):
            raise SearchIndexError(_dutch(f"file outside the index folder: {file['path']}"))
        if path.name in UNUSED:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(file["content"]))


def page_count(bundle):
    """How many pages the index in ``bundle`` holds, by its entry file."""
    try:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        return sum(language["page_count"] for language in entry["languages"].values())
    except (OSError, ValueError, LookupError, TypeError) as err:
        raise SearchIndexError(_dutch(f"no readable index entry: {err}")) from err


def indexed_pages(site):
    """Digest of every page the index must hold: ``{relative path: sha256}``."""
    pages = {}
    for path in sorted(Path(site).glob(GLOB)):
        data = path.read_bytes()
        if MARK in data:
            pages[path.relative_to(site).as_posix()] = hashlib.sha256(data).hexdigest()
    return pages


class LiveIndex:
    """The search index of ``site``, built from its article pages as Pelican writes them.

    With a record of the previous build, pages are held back while they arrive exactly as last
    time; if all do, the previous index is reused, else Pagefind gets them from the first change.
    """

    def __init__(self, site, previous=None, record=None):
        self.site = Path(site)
        self.root = self.site.resolve()
        self.previous = Path(previous) / BUNDLE if previous else None
        self.record = record
        self.known = last_pages(record) if self.previous else None  # the previous build's pages
        self.pages = {}  # relative path -> sha256 of every page the index must hold, in order
        self.held = []  # pages not yet handed over: so far they are exactly as last time
        self.seen = set()  # article pages written so far, indexed or not
        self.generator = None  # Pelican's articles, once read
        self.expected = None  # every article page Pelican will write (only needed when indexing)
        self.service = None  # started at the first page handed over
        self.added = []  # message ids of the pages handed over
        self.write_id = None
        self.reused = False
        self.spoiled = None  # why the live index cannot be trusted
        self.failure = None  # the indexer failed to start
        self.scratch = Path(tempfile.mkdtemp(prefix=f".{self.site.name}.search-", dir=site.parent))

    def connect(self):
        """Listen to Pelican's signals (until ``disconnect``)."""
        from pelican import signals  # noqa: PLC0415

        signals.article_generator_finalized.connect(self.articles_known)
        signals.content_written.connect(self.written)

    def disconnect(self):
        """Stop listening."""
        from pelican import signals  # noqa: PLC0415

        signals.article_generator_finalized.disconnect(self.articles_known)
        signals.content_written.disconnect(self.written)

    def articles_known(self, generator):
        """Keep Pelican's articles (final now) to tell when the last article page is written."""
        self.generator = generator

    def written(self, path, context=None):
        """Hand an article page to Pagefind as soon as it is written."""
        try:
            relative = Path(path).resolve().relative_to(self.root)
        except ValueError:
            return
        if not self._is_article(relative):
            return
        name = relative.as_posix()
        if name in self.seen or self.frozen:
            self.spoiled = f"{name} was written twice or after the index"
            return
        self.seen.add(name)
        data = Path(path).read_bytes()
        if MARK in data:
            self.pages[name] = digest = hashlib.sha256(data).hexdigest()
            if self.held is not None and self._as_last_time(name, digest):
                self.held.append(name)
            else:
                self._hand_over_held()
                self._add(name, data)
        self._write_when_complete()

    def finish(self):
        """Put the index into the site once Pelican is done; SearchIndexError if it failed."""
        try:
            if not self.frozen and not self.spoiled:
                self._write()
            if self.failure:
                raise self.failure
            if not self.spoiled:
                for message_id in self.added:
                    self.service.reply(message_id)
                if self.write_id is not None:
                    write_bundle(self.service.reply(self.write_id), self.scratch / BUNDLE)
                    if page_count(self.scratch / BUNDLE) != len(self.pages):
                        self.spoiled = "the indexer did not take every page"
            if not self.spoiled and indexed_pages(self.site) != self.pages:
                self.spoiled = "the article pages changed after they were indexed"
            if self.spoiled:
                log.debug("search index: %s; indexing the finished site instead", self.spoiled)
                index_site(self.site)
            elif self.pages:
                os.replace(self.scratch / BUNDLE, self.site / BUNDLE)
                if not self.reused:
                    tidy(self.site / BUNDLE)
                    if self.record:
                        save(self.record, self.site / BUNDLE, self.pages)
        except BaseException:
            self.close(at_once=True)
            raise
        self.close()

    @property
    def frozen(self):
        """Whether the set of indexed pages is final (the index is being written or reused)."""
        return self.write_id is not None or self.reused

    def close(self, at_once=False):
        """Stop the indexer (``at_once``: without waiting for it) and remove the scratch folder."""
        if self.service:
            self.service.close(at_once=at_once or bool(self.spoiled))
        shutil.rmtree(self.scratch, ignore_errors=True)

    def _is_article(self, relative):
        return relative.parent.as_posix() == FOLDER and relative.name.endswith(SUFFIX)

    def _as_last_time(self, name, digest):
        number = len(self.pages) - 1
        return self.known is not None and self.known[number : number + 1] == [[name, digest]]

    def _hand_over_held(self):
        held, self.held = self.held or [], None
        for name in held:
            data = (self.site / name).read_bytes()
            self.pages[name] = hashlib.sha256(data).hexdigest()
            self._add(name, data)

    def _add(self, name, data):
        if self.failure:
            return
        if self.service is None:
            try:  # inside Pelican's signal: the failure is raised by finish()
                self.service = Service()
                reply = self.service.reply(self.service.send({"type": "NewIndex"}))
            except SearchIndexError as err:
                self.failure = err
                return
            self.index_id = reply["index_id"]
        page = {"type": "AddFile", "index_id": self.index_id, "url": f"/{name}"}
        self.added.append(self.service.send({**page, "file_contents": data.decode("utf-8")}))

    def _write_when_complete(self):
        if self.held is not None or self.frozen or self.generator is None:
            return  # while pages are held, the decision waits for the end of the build
        if self.expected is None:
            every = chain(
                self.generator.articles,
                self.generator.translations,
                self.generator.hidden_articles,
                self.generator.hidden_translations,
            )
            self.expected = {a.save_as for a in every if self._is_article(Path(a.save_as))}
        if self.seen >= self.expected:
            self._write()

    def _write(self):
        if not self.pages:
            return
        if (
            self.held is not None
            and self.known == [list(item) for item in self.pages.items()]
            and bundle_matches(self.record, self.previous)
        ):
            copy_bundle(self.previous, self.scratch / BUNDLE)
            self.reused = True
            return
        self._hand_over_held()
        if self.failure:
            return
        # GetFiles, not WriteFiles: Pagefind 1.5's service answers WriteFiles before its file
        # writes are done and may leave files empty even after it exits; we write what it sends.
        self.write_id = self.service.send({"type": "GetFiles", "index_id": self.index_id})


def tidy(bundle):
    """Drop Pagefind's ready-made interfaces and put the index files in a stable order."""
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    try:
        stabilise(bundle)
    except (OSError, ValueError, LookupError, TypeError, CBORError) as err:
        raise SearchIndexError(_dutch(f"{err.__class__.__name__}: {err}")) from err
