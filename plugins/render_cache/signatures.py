"""What a page shows, as digests: two builds render a page alike when these are equal.

Digests are memoised per object within a build, so an article listed on fifty pages is
described once.
"""

import hashlib

from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper


class Uncacheable(Exception):
    """A value whose effect on the page cannot be told: the page is rendered."""


def _digest(*parts):
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


class Signatures:
    """Digests of template variables for one build."""

    def __init__(self):
        self.memo = {}

    def _remember(self, key, obj, out):
        self.memo[key] = (obj, out)  # keep obj alive, so its id is not reused in this build
        return out

    def listing(self, a):
        """What a list, a Meer lezen block or a neighbour link shows of an article."""
        key = ("listing", id(a))
        if key in self.memo:
            return self.memo[key][1]
        out = _digest(
            a.url,
            a.title,
            getattr(a, "summary", ""),
            a.date.isoformat() if hasattr(a, "date") else "",
            str(getattr(a, "modified", "")),
            tuple(str(t) for t in getattr(a, "tags", []) or []),
            str(getattr(a, "category", "")),
            getattr(a, "reading_minutes", 0),
            getattr(a, "bron_site", ""),
        )
        return self._remember(key, a, out)

    def full(self, c):
        """What the page of the article (or page) itself shows."""
        items = tuple(
            (self.listing(i.article), i.kind, tuple(i.shared_tags))
            for i in getattr(c, "meer_lezen_items", []) or []
        )
        neighbours = tuple(
            self.listing(n) if n is not None else None
            for n in (getattr(c, "older_article", None), getattr(c, "newer_article", None))
        )
        tags = tuple((str(t), t.url) for t in getattr(c, "tags", []) or [])
        return _digest(self.listing(c), c._content, items, neighbours, tags)

    def value(self, v, main=False):
        """A digest of one template variable; raise Uncacheable when there is none."""
        key = ("value", id(v), main)
        if key in self.memo:
            return self.memo[key][1]
        if isinstance(v, Content):
            out = self.full(v) if main else self.listing(v)
        elif isinstance(v, Page):
            out = _digest("page", v.number, v.paginator.num_pages, self.value(v.object_list))
        elif isinstance(v, Paginator):
            out = ("paginator", v.num_pages, v.count)
        elif isinstance(v, URLWrapper):
            out = (type(v).__name__, v.name, v.url)
        elif isinstance(v, list | tuple):
            out = _digest(*(self.value(x) for x in v))
        elif v is None or isinstance(v, str | int | float | bool):
            out = v
        elif hasattr(v, "isoformat"):
            out = v.isoformat()
        else:
            raise Uncacheable(type(v).__name__)
        return self._remember(key, v, out)
