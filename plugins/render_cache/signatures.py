"""What a page can show, as one digest: two builds render a page alike when these are equal.

The rule: a page's key is a digest of (the build's fingerprint, the template, the output file,
every variable of the render context that the template or anything it extends, includes or
imports names). A variable the templates only read attributes of (``articles_paginator.
num_pages``) counts by those attributes; one used in any other way counts as a whole.
Each value is described completely: an article by all its attributes and
properties (its text with ``{filename}`` links resolved, its address, its summary), and so
are the articles it points to (neighbours, Meer lezen picks, translations); an article two
steps away (a neighbour's neighbour) is described by its source file only. Anything the
description cannot tell raises Uncacheable, and the page is rendered.

Descriptions are memoised per object within a build, so an article listed on fifty pages is
described once.
"""

import datetime
import hashlib
import inspect

from jinja2 import Undefined, meta, nodes
from markupsafe import Markup
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

# Content attributes that are not what the page shows: the settings (in the fingerprint), a
# deprecated alias that logs a warning when read, and url_format, the fields that url and
# save_as are made of (both described themselves; it holds the clock time for undated pages).
SKIPPED = {"settings", "filename", "url_format"}


class Uncacheable(Exception):
    """A value whose effect on the page cannot be told: the page is rendered."""


def _digest(value):
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()


def template_names(env, name, parsed):
    """What template ``name`` and the templates it uses read from the render context.

    A dict: variable name -> the attributes read from it (``articles_paginator.num_pages``),
    or None when the variable itself is used (passed on, looped over, tested, filtered), so
    all of it counts. ``parsed`` memoises this per template for one build.
    """
    uses, seen, todo = {}, set(), [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if current not in parsed:
            tree = env.parse(env.loader.get_source(env, current)[0])
            names = meta.find_undeclared_variables(tree)
            parsed[current] = (_uses(tree, names), list(meta.find_referenced_templates(tree)))
        own, refs = parsed[current]
        for var, attrs in own.items():
            if attrs is None or (var in uses and uses[var] is None):
                uses[var] = None
            else:
                uses[var] = uses.get(var, frozenset()) | attrs
        for ref in refs:
            if ref is None:
                raise Uncacheable(f"{current} includes a template chosen at render time")
            todo.append(ref)
    return uses


def _uses(tree, names):
    """For each name, how templates use it: a set of ("attr", a), ("call", a) for ``x.a()``,
    ("bool",) for ``{% if x %}``; or None when it is used as a whole (looped over, passed on,
    filtered, printed)."""
    out = {n: frozenset() for n in names}
    stack = [(tree, None, None)]
    while stack:
        node, parent, grand = stack.pop()
        if isinstance(node, nodes.Name) and node.ctx == "load" and node.name in out:
            use = _use(node, parent, grand)
            known = out[node.name]
            out[node.name] = None if use is None or known is None else known | {use}
        stack.extend((child, node, parent) for child in node.iter_child_nodes())
    return out


def _use(node, parent, grand):
    """How one occurrence of a name is used (see _uses)."""
    if isinstance(parent, nodes.Getattr) and parent.node is node:
        called = isinstance(grand, nodes.Call) and grand.node is parent
        if called and not (grand.args or grand.kwargs or grand.dyn_args or grand.dyn_kwargs):
            return ("call", parent.attr)
        return None if called else ("attr", parent.attr)
    if isinstance(parent, nodes.If | nodes.CondExpr) and parent.test is node:
        return ("bool",)
    if isinstance(parent, nodes.Not):
        return ("bool",)
    if isinstance(parent, nodes.And | nodes.Or) and isinstance(grand, nodes.If | nodes.CondExpr):
        return ("bool",) if grand.test is parent else None
    return None


def _properties(cls):
    return sorted(
        n for n, v in inspect.getmembers(cls) if isinstance(v, property) and n not in SKIPPED
    )


class Signatures:
    """Digests of template variables for one build."""

    def __init__(self):
        self.memo = {}
        self.props = {}

    def own(self, c):
        """An article or page by every attribute and property, other articles by address.

        Returns the digest and the articles it points to (neighbours, picks, translations).
        """
        key = ("own", id(c))
        if key not in self.memo:
            cls = type(c)
            if cls not in self.props:
                self.props[cls] = _properties(cls)
            refs = []
            state = {
                k: self.value(v, refs)
                for k, v in sorted(vars(c).items())
                if not k.startswith("_") and k not in SKIPPED
            }
            try:
                props = {p: self.value(getattr(c, p), refs) for p in self.props[cls]}
            except Uncacheable:
                raise
            except Exception as err:  # a property that fails here: let the page render
                raise Uncacheable(f"{cls.__name__}: {err}") from err
            digest = _digest((cls.__qualname__, state, props))
            self.memo[key] = (c, (digest, tuple(refs)))
        return self.memo[key][1]

    def content(self, c, refs):
        """A page's own article in full, with the articles it points to in full too."""
        if refs is not None:  # inside another article: its address; the caller adds the rest
            refs.append(c)
            return ("ref", c.source_path)
        key = ("content", id(c))
        if key not in self.memo:
            digest, nested = self.own(c)
            self.memo[key] = (c, _digest((digest, tuple(self.own(n)[0] for n in nested))))
        return self.memo[key][1]

    def value(self, v, refs=None):
        """A description of one template variable; raise Uncacheable when there is none.

        ``refs`` collects the articles met inside an article (see ``own``).
        """
        if v is None or isinstance(v, str | int | float | bool):
            return v if not isinstance(v, Markup) else str(v)
        if isinstance(v, Undefined):
            return ("undefined",)
        if isinstance(v, Content):
            return self.content(v, refs)
        key = ("value", id(v))
        known = self.memo.get(key)
        if known is not None and (refs is None or known[2]):
            return known[1]
        leaf = True  # holds no article: the same description wherever it is met
        if isinstance(v, datetime.date | datetime.time):
            out = (type(v).__name__, v.isoformat(), str(getattr(v, "tzinfo", None)))
        elif isinstance(v, URLWrapper):
            out = (type(v).__name__, v.name, v.slug, v.url, v.save_as)
        elif isinstance(v, Page):
            leaf = False
            out = ("page", v.number, v.url, v.save_as, self.value(v.paginator, refs))
            out = _digest((out, self.value(list(v.object_list), refs)))
        elif isinstance(v, Paginator):
            leaf = False
            out = ("paginator", v.num_pages, v.count, v.per_page, v.name)
            out = _digest((out, self.value(list(v.object_list), refs)))
        elif isinstance(v, list | tuple):
            leaf = False
            out = _digest(tuple(self.value(x, refs) for x in v))
        elif isinstance(v, dict):
            leaf = False
            out = _digest(tuple(sorted((repr(k), self.value(x, refs)) for k, x in v.items())))
        elif isinstance(v, set | frozenset):
            leaf = False
            out = _digest(tuple(sorted(repr(self.value(x, refs)) for x in v)))
        elif hasattr(v, "__dict__") and not callable(v):
            # Plain data objects (a Meer lezen pick, the vocabulary): their public attributes.
            leaf = False
            state = {k: self.value(x, refs) for k, x in vars(v).items() if not k.startswith("_")}
            out = _digest((type(v).__module__, type(v).__qualname__, state))
        elif type(v).__repr__ is not object.__repr__ and " at 0x" not in repr(v):
            out = (type(v).__module__, type(v).__qualname__, repr(v))  # a time zone, a path
        else:
            raise Uncacheable(type(v).__name__)
        if leaf or refs is None:  # inside an article, containers are walked again for refs
            self.memo[key] = (v, out, leaf)  # keep v alive: its id is not reused in this build
        return out
