"""Start the search index as soon as Pelican has written the last article page.

Pelican writes the article pages first, then the lists, themes, rubrics and other pages; the
indexer reads only the article pages (``search_index.GLOB``), so it can run on another core
while Pelican writes the rest and the post-build steps run. Before the swap the build checks
that the article pages are still exactly the ones the indexer read (``matches``); if not, it
indexes again, so the index is always the one a build indexing at the end would make.
"""

import logging
from itertools import chain
from pathlib import Path

from pelican import signals

from .search_index import Indexing, SearchIndexError, indexed_input

log = logging.getLogger(__name__)


class EarlyIndex:
    """Watches one Pelican run writing into ``site``; starts ``Indexing`` when it may."""

    def __init__(self, site, previous=None, record=None):
        self.site, self.previous, self.record = Path(site), previous, record
        self.waiting_for = None  # article pages not written yet (relative paths)
        self.indexing = None

    def __enter__(self):
        signals.article_generator_finalized.connect(self.expect)
        signals.content_written.connect(self.written)
        return self

    def __exit__(self, *exc):
        signals.article_generator_finalized.disconnect(self.expect)
        signals.content_written.disconnect(self.written)

    def expect(self, generator):
        """The article pages Pelican will write first (``generate_articles``)."""
        self.waiting_for = {
            article.save_as
            for article in chain(
                generator.translations,
                generator.articles,
                generator.hidden_translations,
                generator.hidden_articles,
            )
            if article.save_as
        }

    def written(self, path, context=None):
        """A page is written; after the last article page, start the indexer."""
        if self.waiting_for is None or self.indexing is not None:
            return
        path = Path(path)
        if path.is_relative_to(self.site):
            self.waiting_for.discard(path.relative_to(self.site).as_posix())
        if not self.waiting_for:
            try:
                self.indexing = Indexing(self.site, self.previous, self.record)
            except SearchIndexError as err:  # raised again, in Dutch, when indexing at the end
                log.debug("search index not started early: %s", err)

    def matches(self):
        """True if the indexer read exactly the article pages the finished site has."""
        return self.indexing is not None and self.indexing.inputs == indexed_input(self.site)

    def stop(self):
        """Stop the indexer if it still runs."""
        if self.indexing is not None:
            self.indexing.stop()
