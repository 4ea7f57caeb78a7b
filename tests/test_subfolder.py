"""A site published in a sub-folder: deployed under /blog/ of nginx, every link of every page works.

The crawl follows every link, image, stylesheet, favicon, canonical and og:url address, JSON-LD
URL, feed link and feed entry text, sitemap entry and robots.txt line, starting from the home
page, the sitemap, the feeds and the 404 page.
"""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from conftest import fixture_posts, free_port, make_project, nginx

pytestmark = pytest.mark.browser
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
POST = """Title: Links naar de eigen site
Date: 2026-03-11
Category: Arbeidsmarkt
Tags: Arbeidsmarkt, AI
Slug: links-naar-de-eigen-site
Summary: Een artikel dat naar andere artikelen, een thema en een afbeelding linkt.

Lees ook [het artikel over personeelstekort](/artikelen/personeelstekort.html), de
[uitzend-cao](/artikelen/cao-uitzendkrachten-2026.html#inhoud) en alle [thema’s](/themas/).
Via Pelicans eigen vorm: [personeelstekort]({filename}/artikelen/personeelstekort.md).

![Een staafgrafiek van vacatures per sector](/images/grafiek.svg)

![Een lege vergaderzaal met uitzicht op de stad](/images/zaal.jpg "Een foto, in vier breedtes")
"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'


class _Links(HTMLParser):
    """Every address a page points at: attributes, social meta tags, JSON-LD."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self.in_ld, self.ld = [], False, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name):
                self.found.append(attrs[name])
        for entry in (attrs.get("srcset") or "").split(","):  # responsive images: 'url 672w'
            if entry.strip():
                self.found.append(entry.split()[0])
        if tag == "meta" and (attrs.get("property") or attrs.get("name", "")).endswith(
            (":url", ":image")
        ):
            self.found.append(attrs["content"])
        self.in_ld = tag == "script" and attrs.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self.in_ld:
            self.ld.append(data)

    def handle_endtag(self, tag):
        self.in_ld = False


def _json_urls(value):
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("url", "mainEntityOfPage", "image") and isinstance(item, str):
                yield item
            else:
                yield from _json_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_urls(item)


def html_links(html):
    parser = _Links()
    parser.feed(html)
    return parser.found + [u for block in parser.ld for u in _json_urls(json.loads(block))]


def xml_links(text, url):
    """(base, link) pairs of a feed or sitemap, feed entry texts included."""
    root = ET.fromstring(text)
    pairs = [(url, loc.text) for loc in root.iter(f"{SITEMAP}loc")]
    pairs += [(url, link.get("href")) for link in root.iter(f"{ATOM}link")]
    for entry in root.iter(f"{ATOM}entry"):
        base = entry.find(f"{ATOM}link").get("href")
        for content in entry.iter(f"{ATOM}content"):
            pairs += [(base, link) for link in html_links(content.text or "")]
    return pairs


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get_content_type(), err.read()


def crawl(base, starts):
    """{url: status} of every address on our host reachable from ``starts``; broken links."""
    host = urlsplit(base).netloc
    seen, queue, broken = {}, [base + s for s in starts], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        status, kind, body = fetch(url)
        seen[url] = status
        text = body.decode("utf-8") if kind.startswith("text/") or kind.endswith("xml") else ""
        if kind == "text/html":
            pairs = [(url, link) for link in html_links(text)]
        elif url.endswith(".xml"):
            pairs = xml_links(text, url)
        elif url.endswith("robots.txt"):
            pairs = [
                (url, line.split(":", 1)[1].strip())
                for line in text.splitlines()
                if line.startswith("Sitemap:")
            ]
        else:
            pairs = []
        for page, link in pairs:
            target = urldefrag(urljoin(page, link)).url
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https") or parts.hostname not in (
                "127.0.0.1",
                "localhost",
            ):
                continue  # other sites, mailto:
            if parts.netloc != host or not parts.path.startswith("/blog/"):
                broken.append(f"{page} -> {link}")
            elif target not in seen:
                queue.append(target)
    return seen, broken


@pytest.fixture(scope="module")
def blog(tmp_path_factory):
    """The fixture site plus a post with site links, deployed to /blog/ of an nginx on 127.0.0.1."""
    tmp = tmp_path_factory.mktemp("subfolder")
    project = make_project(tmp)
    (project / "content" / "artikelen" / "links-naar-de-eigen-site.md").write_text(POST, "utf-8")
    (project / "content" / "images").mkdir(exist_ok=True)
    (project / "content" / "images" / "grafiek.svg").write_text(SVG, encoding="utf-8")
    from PIL import Image  # noqa: PLC0415

    Image.new("RGB", (1600, 1000), (40, 90, 140)).save(project / "content" / "images" / "zaal.jpg")
    port = free_port()
    env = {**os.environ, "SITE_ROOT": "/blog", "SITEURL": f"http://127.0.0.1:{port}"}
    srv = tmp / "srv"
    srv.mkdir()
    deployed = subprocess.run(
        [sys.executable, "-m", "invoke", "deploy", "--target", str(srv / "blog")],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert deployed.returncode == 0, deployed.stderr
    with nginx(srv, tmp / "run", port, prefix="/blog") as base:
        yield base, srv / "blog"


def test_every_link_works_under_the_sub_folder(blog):
    blog, folder = blog
    starts = [
        "/blog/",
        "/blog/sitemap.xml",
        "/blog/robots.txt",
        "/blog/feeds/alles.atom.xml",
        "/blog/404.html",
        "/blog/bestaat-niet/",
    ]
    seen, broken = crawl(blog, starts)
    assert broken == []
    not_ok = {url: status for url, status in seen.items() if status != 200}
    assert not_ok == {blog + "/blog/bestaat-niet/": 404}
    files = {url.removeprefix(blog + "/blog/") for url in seen}
    files = {f + "index.html" if f.endswith("/") or not f else f for f in files}
    published = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    articles = {f"artikelen/{post.get('slug')}.html" for post in fixture_posts()}
    assert articles | {"artikelen/links-naar-de-eigen-site.html"} <= published
    # Every published file is reached by the crawl, but the deploy marker and the host's files
    # (headers, and redirects from plugins/redirects), which nothing links, and the search index, which the
    # search page's script loads from the address in its form.
    index = {f for f in published if f.startswith("pagefind/")}
    assert "pagefind/pagefind.js" in index
    for_the_host = {".werkinbeweging-deploy", "_headers", "_redirects", "nginx-redirects.map"}
    assert published - files - index == for_the_host
    search_page = urllib.request.urlopen(blog + "/blog/zoeken/", timeout=10).read().decode()
    assert 'data-bundle="/blog/pagefind/"' in search_page
    for name in ("pagefind.js", "pagefind-entry.json"):
        assert urllib.request.urlopen(f"{blog}/blog/pagefind/{name}", timeout=10).status == 200
    assert [url for url in seen if url.startswith(blog + "/blog/images/grafiek-")]
    photos = {url for url in seen if url.startswith(blog + "/blog/images/zaal-")}
    assert {url.rsplit(".", 1)[1] for url in photos} >= {"avif", "jpg"}, photos  # srcset followed
    shared = {url for url in seen if url.startswith(blog + "/blog/deelkaarten/")}
    assert shared, "no og:image followed"
    for needed in (
        "/blog/favicon.svg",
        "/blog/theme/css/base.css",
        "/blog/feeds/thema/ai.atom.xml",
        "/blog/artikelen/personeelstekort.html",
    ):
        assert blog + needed in seen, needed


def test_links_written_by_authors_get_the_sub_folder(blog):
    blog, _ = blog
    _, _, body = fetch(blog + "/blog/artikelen/links-naar-de-eigen-site.html")
    html = body.decode("utf-8")
    assert 'href="/blog/artikelen/personeelstekort.html"' in html
    assert 'href="/blog/artikelen/cao-uitzendkrachten-2026.html#inhoud"' in html
    assert 'href="/blog/themas/"' in html
    assert 'src="/blog/images/grafiek-' in html
    assert 'srcset="/blog/images/zaal-' in html
    assert f'href="{blog}/blog/artikelen/personeelstekort.html"' in html  # {filename} form
    assert (
        f'<link rel="canonical" href="{blog}/blog/artikelen/links-naar-de-eigen-site.html">' in html
    )
    _, _, about = fetch(blog + "/blog/over/")
    assert 'href="/blog/themas/"' in about.decode("utf-8")
