"""The real posts in content/: built with the build's own rules, the site they make holds together.

The one test that reads content/. It passes exactly when the build accepts the content (the same
checks as ./blog check, which stop the build) and then checks only what holds for any content
the build accepts: no counts and no names of today's articles, so adding, editing, renaming or
deleting a post never fails it unless ./blog check refuses the post. Behaviour itself is tested
on the fixture site (tests/fixture_site).
"""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

from conftest import ROOT

from plugins.content_guard.posts import parse_post
from plugins.content_guard.vocabulary import load_vocabulary
from sitetools.build import BuildError, build

CONTENT = ROOT / "content"
SITEURL = "http://localhost:8000"  # pelicanconf.py: absolute addresses in feeds, sitemap, meta
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class _Addresses(HTMLParser):
    """Every address a page points at (href, src, srcset), and its <h1> count."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.h1 = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.h1 += tag == "h1"
        self.found += [attrs[name] for name in ("href", "src") if attrs.get(name)]
        self.found += [e.split()[0] for e in (attrs.get("srcset") or "").split(",") if e.strip()]


def _file_of(site, address, page="/"):
    """The file of the site an internal address names, or None for an address elsewhere."""
    if address.startswith(SITEURL + "/"):
        address = address.removeprefix(SITEURL)
    parts = urlparse(urljoin(page, address))
    if parts.scheme or parts.netloc:
        return None
    target = site / parts.path.lstrip("/")
    return target / "index.html" if parts.path.endswith("/") or target.is_dir() else target


def test_the_real_content_builds_and_holds_together(tmp_path):
    try:
        site = build(
            "pelicanconf.py",
            tmp_path / "output",
            CACHE_PATH=str(tmp_path / "cache"),
            CACHE_CONTENT=False,
            LOAD_CONTENT_CACHE=False,
        )
    except BuildError as refused:  # what ./blog check reports: the content itself needs a fix
        raise AssertionError(f"./blog check weigert content/:\n{refused}") from None
    posts = [
        parse_post(p.read_text(encoding="utf-8"), str(p.relative_to(ROOT)))
        for p in sorted((CONTENT / "artikelen").rglob("*.md"))
    ]
    vocabulary = load_vocabulary(CONTENT / "themas.toml")
    # Every published or hidden post has its page, each with one <h1>; no draft is an article.
    for post in posts:
        page = site / "artikelen" / f"{post.get('slug')}.html"
        assert page.is_file() == (post.status in ("published", "hidden")), post.display
    # Every theme of a published post has its page and its feed.
    for post in posts:
        if post.status == "published":
            for name in (t.strip() for t in post.get("tags").split(",")):
                slug = vocabulary.themes[name].slug
                assert (site / "thema" / slug / "index.html").is_file(), (post.display, name)
                assert (site / "feeds" / "thema" / f"{slug}.atom.xml").is_file(), name
    # Every internal address on every page resolves to a file of the site.
    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = _Addresses()
        parser.feed(page.read_text(encoding="utf-8"))
        if page.parent.name == "artikelen":
            assert parser.h1 == 1, page.name
        where = "/" + page.relative_to(site).as_posix()
        for address in parser.found:
            target = _file_of(site, address, where)
            if target is not None and not target.is_file():
                broken.append(f"{where} -> {address}")
    assert broken == []
    # Feeds and the sitemap are well-formed XML, and every address in them resolves.
    for feed in sorted((site / "feeds").rglob("*.xml")):
        for entry in ET.parse(feed).getroot().iter(f"{ATOM}entry"):
            link = entry.find(f"{ATOM}link").get("href")
            assert _file_of(site, link).is_file(), (feed.name, link)
    for loc in ET.parse(site / "sitemap.xml").getroot().iter(f"{SITEMAP}loc"):
        assert _file_of(site, loc.text).is_file(), loc.text
