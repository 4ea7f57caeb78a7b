"""What each page of a preview build read: recorded while Pelican writes, for quick updates.

During a full build of the live preview, Pelican's writer is replaced by ``RecordingWriter`` and
each generator's Jinja environment by ``TrackingEnvironment``. Every call that writes files
(``write_file``: one template, one context, one or more pages; ``write_feed``) is kept with the
arguments it was made with, and every page with the attributes of posts its templates read:
Jinja looks every ``a.title`` and ``a['title']`` up through the environment, so
``(id(post), 'title')`` is noted for the page being rendered. ``sitetools/quick_update.py`` then
knows which pages to render again after an author changed a post's text: those that read an
attribute whose value changed.

Only the preview records (``Recording`` connects for one build and disconnects after):
``./blog build`` and ``./blog publish`` run Pelican's own writer and environment.
"""

import contextvars
import inspect
import os
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from pelican import signals
from pelican.contents import Content
from pelican.writers import Writer

_READS = contextvars.ContextVar("page_reads", default=None)


class TrackingEnvironment(Environment):
    """A Jinja environment that notes every attribute of a post a template reads."""

    def getattr(self, obj, attribute):
        reads = _READS.get()
        if reads is not None and isinstance(obj, Content):
            reads.add((id(obj), attribute))
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        reads = _READS.get()
        if reads is not None and isinstance(obj, Content) and isinstance(argument, str):
            reads.add((id(obj), argument))
        return super().getitem(obj, argument)


_FILE = inspect.signature(Writer.write_file)
_FEED = inspect.signature(Writer.write_feed)


def _bind(signature, args, kwargs):
    arguments = dict(signature.bind(None, *args, **kwargs).arguments)
    arguments.pop("self")
    arguments.update(arguments.pop("kwargs", {}))
    return arguments


@dataclass
class FileCall:
    """One ``write_file`` call, with the arguments it was made with."""

    args: tuple
    kwargs: dict

    def arguments(self):
        """The call's arguments by name, to make it again."""
        return _bind(_FILE, self.args, self.kwargs)


@dataclass
class PageRecord:
    """One written page: the call that wrote it and the ``(id(post), attribute)`` it read."""

    call: FileCall
    reads: set = field(default_factory=set)


@dataclass
class FeedCall:
    """One ``write_feed`` call, with the arguments it was made with."""

    args: tuple
    kwargs: dict

    def arguments(self):
        """The call's arguments by name, to make it again."""
        return _bind(_FEED, self.args, self.kwargs)

    def elements(self, settings):
        """The posts the feed holds (Pelican keeps the first FEED_MAX_ITEMS)."""
        return list(self.arguments()["elements"])[: settings.get("FEED_MAX_ITEMS")]

    def name(self):
        """The feed's output path ('feeds/alles.atom.xml')."""
        return Path(self.arguments()["path"]).as_posix()


class _Only:
    """A template that renders only some pages of a call (the others come out empty)."""

    def __init__(self, template, names):
        self.template, self.names = template, names

    def render(self, context):
        if context.get("output_file") in self.names:
            return self.template.render(context)
        return ""

    def __getattr__(self, name):
        return getattr(self.template, name)


def rendered_only(template, names):
    """``template``, rendering only the output files ``names`` (the pages to bring up to date)."""
    return _Only(template, set(names))


class RecordingWriter(Writer):
    """Pelican's writer, keeping per page (``pages``) the call that wrote it and the post
    attributes its templates read; and every feed call (``feeds``). A page's reads are taken
    when Pelican says it was written (``content_written``); the next page starts afresh."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.feeds, self.pages = [], {}
        self._current = None
        signals.content_written.connect(self._page_written)

    def write_file(self, *args, **kwargs):
        self._current = FileCall(args, kwargs)
        token = _READS.set(set())
        try:
            return super().write_file(*args, **kwargs)
        finally:
            _READS.reset(token)
            self._current = None

    def write_feed(self, *args, **kwargs):
        self.feeds.append(FeedCall(args, kwargs))
        return super().write_feed(*args, **kwargs)

    def _page_written(self, path, context=None):
        reads = _READS.get()
        if self._current is None or reads is None:
            return  # another writer's page, or a file outside our calls
        name = Path(os.path.relpath(path, self.output_path)).as_posix()
        self.pages[name] = PageRecord(self._current, set(reads))
        reads.clear()


def track(generator):
    """Let ``generator``'s templates report what they read (same environment, one more hook)."""
    env = getattr(generator, "env", None)
    if env is not None and type(env) is Environment:
        env.__class__ = TrackingEnvironment


class Recording:
    """Connected to one Pelican run: its generators, its settings and its recorded writer."""

    def __init__(self):
        self.generators, self.pelican, self.writer = [], None, None

    def __enter__(self):
        signals.get_writer.connect(self._writer_class)
        signals.generator_init.connect(track)
        signals.all_generators_finalized.connect(self._generators)
        signals.finalized.connect(self._finalized)
        return self

    def __exit__(self, *exc):
        signals.get_writer.disconnect(self._writer_class)
        signals.generator_init.disconnect(track)
        signals.all_generators_finalized.disconnect(self._generators)
        signals.finalized.disconnect(self._finalized)

    def _writer_class(self, pelican):
        recording = self

        class Recorded(RecordingWriter):
            def __init__(self, output_path, settings=None):
                super().__init__(output_path, settings=settings)
                recording.writer = self

        return Recorded

    def _generators(self, generators):
        self.generators = list(generators)

    def _finalized(self, pelican):
        self.pelican = pelican
