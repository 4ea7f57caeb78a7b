"""The live preview's quick update: one post's text changed, so render only what that changes.

A full build of the preview (``sitetools/preview.py``) records what each page read
(``page_record``) and leaves its posts, templates and contexts in memory (``LiveSite``). When an
author then saves one post and its metadata header is unchanged (or, for an article with its
Slug written out and no former addresses, only its Title or Summary changed), ``LiveSite.update``:

1. checks that one file as the full check would (``CheckState.recheck``: its own checks, and the
   site-wide ones with the other posts as they were);
2. reads it with Pelican's own readers (so every plugin's reading step runs) and carries over
   only what the text decides (``TEXT_ATTRIBUTES``: the HTML and the reading time; and the title
   and summary, ``SHOWN_ATTRIBUTES``); anything else that differs (other metadata, photos,
   static files) needs a full build;
3. computes Meer lezen again for all articles when what the selection reads of this one changed,
   and plans the post's share card again when its title changed (``NewCard``);
4. renders again exactly the pages that read an attribute whose value changed (the post's own
   page; list pages when its reading time or title changed; pages whose Meer lezen changed), and
   the feeds that carry it, into a private folder;
5. checks their links against the site, and only then puts the pages that differ into the output
   folder, each with one rename.

Anything it cannot decide safely raises ``FullBuildNeeded``, and the preview builds in full.
``tests/test_quick_update.py`` proves after sequences of edits that the output equals a clean
build's, and that the quick path was the one taken.
"""

import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.contents import Content
from pelican.generators import ArticlesGenerator, PagesGenerator

from plugins.content_guard import page_sources
from plugins.content_guard.problems import report_lines, summary_line
from plugins.meer_lezen.meer_lezen import attach, selection_input
from plugins.redirects.addresses import FIELD as ALIAS
from plugins.schedule import clock
from plugins.schedule.schedule import timezone

from .build import BuildError, strict_pelican
from .cleanup import owned_folder
from .linkcheck import check_links
from .page_record import RecordingWriter, rendered_only

log = logging.getLogger(__name__)

# What a post's text decides on its content object; a change of any other attribute the reader
# sets (title, date, themes, status, photo, …) changes lists, addresses or cards: a full build.
TEXT_ATTRIBUTES = frozenset({"_content", "reading_minutes"})
# An article's title and summary only change what pages show of it (and its share card), never
# an address or a list's order: a quick update too, when its Slug is written out (else the title
# makes the address) and it has no former addresses (their redirect pages copy the title).
SHOWN_FIELDS = frozenset({"title", "summary"})
SHOWN_ATTRIBUTES = frozenset({"title", "_summary", "metadata"})
MEMOIZED = ("get_content", "get_summary")  # Pelican caches these per object: forget on change


class FullBuildNeeded(Exception):
    """This change needs a full build; the text says why (English, for the debug log)."""


@dataclass
class Rendered:
    """What one quick update did: the output files it replaced."""

    written: list


class LiveSite:
    """The last full build of the preview, in memory: posts, templates, contexts, what each
    page read; updated in place by every quick update."""

    def __init__(self, recording, output, check, images_state, cards_state=None):
        self.generators = recording.generators
        self.settings = recording.pelican.settings
        self.writer = recording.writer
        self.output = Path(output)
        self.check = check
        self.images = images_state
        self.cards = cards_state  # share_cards' plans of this build (None: plugin off)
        self.sources = dict(page_sources.SOURCES)
        self.articles = next(g for g in self.generators if isinstance(g, ArticlesGenerator))
        self.by_source = {}
        for generator in self.generators:
            if isinstance(generator, ArticlesGenerator | PagesGenerator):
                for content in _contents(generator):
                    self.by_source[os.path.realpath(content.source_path)] = (generator, content)

    def update(self, path):
        """Bring the output up to date after ``path`` (a post) changed; a ``Rendered``.

        Raises BuildError (Dutch report; nothing changed, in memory or on disk) when the post
        has errors, and FullBuildNeeded when the change is more than its text.
        """
        path = Path(path)
        found = self.by_source.get(os.path.realpath(path))
        if found is None:
            raise FullBuildNeeded(f"{path} is not a post the last build read")
        generator, live = found
        posts = self._check(path)
        fresh = self._read(generator, live, path)
        changed = self._changed_attributes(live, fresh)
        attrs = self._reads_of(live)
        before = _values(live, attrs)
        picks_before = {id(a): getattr(a, "meer_lezen_items", None) for a in self._all()}
        old = {key: live.__dict__[key] for key in changed}
        chooses = self._in_meer_lezen(live)
        selected = selection_input(live, self.settings) if chooses else None
        card = None
        try:
            _apply(live, {key: fresh.__dict__[key] for key in changed})
            # Meer lezen weighs every article's opening words against all others': if this
            # article's are the same (an edit further down), every block stays the same.
            if chooses and selection_input(live, self.settings) != selected:
                attach(self.articles)
            if "title" in changed:
                card = self._plan_card(live)
            after = _values(live, attrs)
            dirty = {(id(live), a) for a in attrs if not _same(before[a], after[a])}
            for article in self._all():
                if not _same(picks_before[id(article)], getattr(article, "meer_lezen_items", None)):
                    dirty.add((id(article), "meer_lezen_items"))
            done = self._render(dirty, live if changed else None, card)
        except BaseException:
            _apply(live, old)
            for article in self._all():
                if picks_before[id(article)] is not None:
                    article.meer_lezen_items = picks_before[id(article)]
            if card:
                card.undo()
            raise
        self.check.posts = posts
        return done

    # -- steps --------------------------------------------------------------------------------

    def _check(self, path):
        """The content guard's checks of ``path``; the posts as they will be after it."""
        post, problems, posts = self.check.recheck(path)
        errors = [p for p in problems if not p.draft]
        if errors:
            raise BuildError("\n".join([*report_lines(problems), summary_line(len(errors), 0)]))
        if problems:  # a draft with notes is left out of the build: the site's lists change
            raise FullBuildNeeded(f"{path}: a draft with notes")
        previous = next((p for p in self.check.posts if getattr(p, "path", None) == path), None)
        shown = SHOWN_FIELDS if _shown_only(post) else frozenset()
        if previous is None or _header(previous, shown) != _header(post, shown):
            raise FullBuildNeeded(f"{path}: its metadata changed")
        now = clock.now(timezone(self.settings))
        if post.scheduled or any(p.scheduled and p.scheduled <= now for p in posts):
            raise FullBuildNeeded("a scheduled post is due, or this one is scheduled")
        return posts

    def _read(self, generator, live, path):
        """A new content object of ``path``, read as the generator reads it (plugins included)."""
        from plugins import images  # noqa: PLC0415

        display = _display(self.settings, path)
        kind = "article" if isinstance(generator, ArticlesGenerator) else "page"
        current, images.images.STATE = images.images.STATE, self.images
        photos = self.images.used_in.pop(display, set())
        try:
            with strict_pelican():
                fresh = generator.readers.read_file(
                    base_path=generator.path,
                    path=os.path.relpath(path, generator.path),
                    content_class=type(live),
                    context=generator.context,
                    preread_signal=getattr(signals, f"{kind}_generator_preread"),
                    preread_sender=generator,
                    context_signal=getattr(signals, f"{kind}_generator_context"),
                    context_sender=generator,
                )
        finally:
            now = self.images.used_in.get(display, set())
            self.images.used_in[display] = photos
            images.images.STATE = current
        if now != photos:
            raise FullBuildNeeded(f"{path}: its photos changed")
        if fresh.get_static_links() != live.get_static_links():
            raise FullBuildNeeded(f"{path}: its links to static files changed")
        return fresh

    def _changed_attributes(self, live, fresh):
        """The attributes the new text changed; FullBuildNeeded if one is not the text's."""
        changed = {
            key
            for key, value in fresh.__dict__.items()
            if key not in live.__dict__ or not _same(live.__dict__[key], value)
        }
        other = changed - TEXT_ATTRIBUTES - SHOWN_ATTRIBUTES
        if "metadata" in changed:
            old, new = live.metadata, fresh.metadata
            other |= {f"metadata {k}" for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
            other -= {f"metadata {k}" for k in SHOWN_FIELDS}
        if other:
            raise FullBuildNeeded(f"{live.source_path}: {', '.join(sorted(other))} changed")
        return changed

    def _plan_card(self, content):
        """The post's new share card (its title changed), planned as the build plans it."""
        from plugins.share_cards import share_cards  # noqa: PLC0415

        if self.cards is None or not content.save_as:
            return None
        previous = self.cards.cards.get(content.save_as)
        current, share_cards.STATE = share_cards.STATE, self.cards
        try:
            planned = share_cards._article_card(content)  # noqa: SLF001 (the plugin's own plan)
        finally:
            share_cards.STATE = current
        content.share_image = planned
        return NewCard(self, content, previous, planned)

    def _render(self, dirty, changed_post, card=None):
        """Render the pages that read a dirty attribute, and the feeds of ``changed_post``;
        with a new share ``card``, the post's own page too, and the card's file."""
        wanted = {}
        for name, page in self.writer.pages.items():
            if page.reads & dirty or (card and name == card.content.save_as):
                wanted.setdefault(id(page.call), (page.call, set()))[1].add(name)
        feeds = [
            feed
            for feed in self.writer.feeds
            if changed_post is not None
            and any(item is changed_post for item in feed.elements(self.settings))
        ]
        if not wanted and not feeds:
            return Rendered([])
        work = owned_folder(self.output.parent, f".{self.output.name}.snel-")
        try:
            writer = RecordingWriter(str(work), settings=self.settings)
            with strict_pelican():
                for call, names in wanted.values():
                    arguments = call.arguments()
                    arguments["template"] = rendered_only(arguments["template"], names)
                    writer.write_file(**arguments)
                for feed in feeds:
                    writer.write_feed(*feed.args, **feed.kwargs)
            names = set().union(*(n for _, n in wanted.values())) | {f.name() for f in feeds}
            written = self._publish(work, names, writer, card)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        return Rendered(written)

    def _publish(self, work, names, writer, card=None):
        """Check the links of the new pages, then rename those that differ into the output."""
        differ = []
        for name in sorted(names):
            new, old = work / name, self.output / name
            if not old.is_file() or new.read_bytes() != old.read_bytes():
                differ.append(name)
        pages = {n: (work / n).read_bytes() for n in differ if n.endswith(".html")}
        if card:
            differ.append(card.draw())  # the link check looks for the pages' og:image
        saved = dict(page_sources.SOURCES)
        page_sources.SOURCES.clear()
        page_sources.SOURCES.update(self.sources)
        try:
            check_links(self.output, self.settings, pages)
        finally:
            page_sources.SOURCES.clear()
            page_sources.SOURCES.update(saved)
        for name in differ:
            if not card or name != card.file:
                os.replace(work / name, self.output / name)
        if card:
            card.drop_previous()
        for name, page in writer.pages.items():  # what the new pages read, for the next save
            if name in names:
                self.writer.pages[name].reads = page.reads
        return differ

    # -- helpers ------------------------------------------------------------------------------

    def _reads_of(self, content):
        key = id(content)
        return {
            attr for page in self.writer.pages.values() for obj, attr in page.reads if obj == key
        }

    def _all(self):
        g = self.articles
        return [*g.articles, *g.drafts, *g.hidden_articles]

    def _in_meer_lezen(self, content):
        return "plugins.meer_lezen" in self.settings.get("PLUGINS", []) and any(
            content is a for a in self.articles.articles
        )


class NewCard:
    """A post's share card after its title changed: drawn into the cache and the output, and
    the previous one dropped once the pages are in place (or undone if they are not)."""

    def __init__(self, site, content, previous, planned):
        self.site, self.content, self.previous, self.planned = site, content, previous, planned
        self.file = planned["path"]
        self.added = False

    def draw(self):
        """Make the card's file (or take it from the cache) and put it into the output."""
        from plugins.images.derive import publish_file  # noqa: PLC0415
        from plugins.share_cards.share_cards import cache_dir, make  # noqa: PLC0415

        target = self.site.output / self.file
        if not target.exists():
            cache = cache_dir(self.site.settings)
            cache.mkdir(parents=True, exist_ok=True)
            job = self.site.cards.jobs[Path(self.file).name]
            publish_file(make(job, cache), target)
            self.added = True
        return self.file

    def drop_previous(self):
        """Remove the previous card's file and plan, unless another page still shows it."""
        if not self.previous or self.previous["path"] == self.file:
            return
        path = self.previous["path"]
        if all(card["path"] != path for card in self.site.cards.cards.values()):
            self.site.cards.jobs.pop(Path(path).name, None)
            (self.site.output / path).unlink(missing_ok=True)

    def undo(self):
        """Back to the previous card: plan, page data and (if drawn here) the file."""
        cards = self.site.cards
        if self.previous is not None:
            cards.cards[self.content.save_as] = self.previous
        self.content.share_image = self.previous
        if all(card["path"] != self.file for card in cards.cards.values()):
            cards.jobs.pop(Path(self.file).name, None)
        if self.added:
            (self.site.output / self.file).unlink(missing_ok=True)


def _contents(generator):
    if isinstance(generator, ArticlesGenerator):
        return [*generator.articles, *generator.translations, *generator.drafts,
                *generator.drafts_translations, *generator.hidden_articles,
                *generator.hidden_translations]  # fmt: skip
    return [*generator.pages, *generator.translations, *generator.hidden_pages,
            *generator.hidden_translations, *generator.draft_pages,
            *generator.draft_translations]  # fmt: skip


def _shown_only(post):
    """True if a change of the post's title or summary changes nothing but what pages show."""
    return not post.is_page and "slug" in post.fields and ALIAS not in post.fields


def _header(post, skip=frozenset()):
    """A post's metadata as read (values and keys as written, not line numbers), but ``skip``."""
    fields = {k: (v, written) for k, (v, _, written) in post.fields.items() if k not in skip}
    return fields, [(k, v) for _, k, v in post.loose_fields], len(post.repeated), bool(post.stopped)


def _display(settings, path):
    root = Path(settings["PATH"])
    return str(Path(root.name) / Path(path).resolve().relative_to(root.resolve()))


def _same(a, b):
    if a is b:
        return True
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 (a value that cannot be compared counts as changed)
        return False


def _values(content, attrs):
    out = {}
    for attr in attrs:
        try:
            out[attr] = getattr(content, attr)
        except Exception:  # noqa: BLE001 (Jinja read it as undefined: so do we)
            out[attr] = _Missing
    return out


class _Missing:
    """An attribute a template read that the object did not have."""


def _apply(content, values):
    """Set ``values`` on ``content`` and forget what Pelican memoized from the old ones."""
    content.__dict__.update(values)
    for name in MEMOIZED:
        cache = getattr(Content.__dict__.get(name), "cache", None)
        if cache is not None:
            for key in [k for k in cache if k and k[0] is content]:
                del cache[key]
