"""Former addresses (Alias): a redirect page of the theme at each, the host files, and clashes.

Every site here is written by the test (tests/moving_site.py), never the real content.
"""

import http.client
import re
from html.parser import HTMLParser

import pytest
from conftest import free_port, nginx
from moving_site import build_site, post, write_site

from plugins.redirects.addresses import (
    alias_problem,
    netlify_redirects,
    nginx_map,
    output_file,
    parse_aliases,
)
from sitetools.build import BuildError

MAP_LINE = re.compile(r'^"(/[a-z0-9._~/-]*)" "(/[a-z0-9._~/-]*)";$')


@pytest.mark.unit
@pytest.mark.parametrize(
    ("address", "message"),
    [
        ("/artikelen/oud.html", None),
        ("/2019/05/oud-bericht/", None),
        ("/oude-pagina", None),
        ("artikelen/oud.html", "mist de / vooraan; schrijf '/artikelen/oud.html'"),
        ("https://werkinbeweging.nl/oud.html", "schrijf alleen het pad vanaf de /: '/oud.html'"),
        ("/Artikelen/Oud.html", "in kleine letters: '/artikelen/oud.html'"),
        ("/oud.html#kop", "mag geen # of ? bevatten"),
        ("/oud.php", "eindigt niet op .html of /"),
        ("/a b.html", "mag alleen kleine letters"),
        ("/../oud.html", "mag alleen kleine letters"),
        ("/", "de homepage ('/') kan geen oud adres zijn"),
    ],
)
def test_how_a_former_address_is_written(address, message):
    problem = alias_problem(address)
    assert (problem is None) if message is None else (message in problem), problem


def test_addresses_and_their_files():
    assert parse_aliases("/a.html, /b/\n  /c") == ["/a.html", "/b/", "/c"]
    assert parse_aliases(["/a.html", "/b/"]) == ["/a.html", "/b/"]
    assert output_file("/artikelen/oud.html") == "artikelen/oud.html"
    assert output_file("/2019/05/oud/") == "2019/05/oud/index.html"
    assert output_file("/oud") == "oud/index.html"
    moves = [("/b/", "/artikelen/x.html"), ("/a.html", "/over/")]
    assert netlify_redirects(moves).splitlines()[1:] == [
        "/a.html /over/ 301",
        "/b/ /artikelen/x.html 301",
    ]
    assert nginx_map(moves).splitlines()[1:] == [
        '"/a.html" "/over/";',
        '"/b/" "/artikelen/x.html";',
    ]


class _Page(HTMLParser):
    """What a redirect page says: its meta tags, links, visible text, pagefind attributes."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.meta, self.links, self.anchors, self.text, self.attrs = {}, {}, [], [], set()
        self.lang, self._a = None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.attrs |= {name for name, _ in attrs.items() if name.startswith("data-pagefind")}
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "meta":
            key = attrs.get("http-equiv") or attrs.get("name") or attrs.get("property")
            self.meta[key] = attrs.get("content")
        elif tag == "link":
            self.links[attrs.get("rel")] = attrs.get("href")
        elif tag == "a":
            self._a = [attrs.get("href"), ""]
            self.anchors.append(self._a)

    def handle_endtag(self, tag):
        if tag == "a":
            self._a = None

    def handle_data(self, data):
        self.text.append(data)
        if self._a is not None:
            self._a[1] += data


SITE = {
    "artikelen/nieuw.md": post(
        "nieuw",
        title="Het nieuwe adres",
        extra="Alias: /artikelen/oud.html, /2019/05/oud-bericht/",
    ),
    "artikelen/buur.md": post("buur", body="Lees [het nieuwe](/artikelen/nieuw.html)."),
    "artikelen/concept.md": post(
        "concept", extra="Status: draft\nAlias: /artikelen/concept-oud.html"
    ),
    "pages/over.md": (
        "Title: Over deze blog\nSlug: over\nAlias: /over-ons/\n"
        "Summary: Waarom deze blog bestaat.\n\nDe blog.\n"
    ),
}


@pytest.fixture(scope="module")
def moved(tmp_path_factory):
    """The site built locally (pelicanconf) with former addresses."""
    root = tmp_path_factory.mktemp("moved")
    return build_site(write_site(root / "content", SITE), root / "output")


def test_a_redirect_page_at_every_former_address(moved):
    page = _Page((moved / "artikelen" / "oud.html").read_text(encoding="utf-8"))
    assert page.lang == "nl"
    assert page.meta["refresh"] == "0; url=/artikelen/nieuw.html"
    assert page.meta["robots"] == "noindex"
    assert page.links["canonical"] == "http://localhost:8000/artikelen/nieuw.html"
    assert ["/artikelen/nieuw.html", "Het nieuwe adres"] in page.anchors
    assert "Dit artikel is verhuisd naar" in "".join(page.text)
    assert page.attrs == set()  # no data-pagefind-body: never in the search index
    assert "og:image" not in page.meta  # nothing to share on a page that moves on
    folder = _Page((moved / "2019" / "05" / "oud-bericht" / "index.html").read_text("utf-8"))
    assert folder.meta["refresh"] == "0; url=/artikelen/nieuw.html"
    about = _Page((moved / "over-ons" / "index.html").read_text(encoding="utf-8"))
    assert about.meta["refresh"] == "0; url=/over/"
    assert "Deze pagina is verhuisd naar" in "".join(about.text)


def test_host_files_list_every_former_address(moved):
    netlify = (moved / "_redirects").read_text(encoding="utf-8").splitlines()
    assert netlify[0].startswith("# ")
    assert netlify[1:] == [
        "/2019/05/oud-bericht/ /artikelen/nieuw.html 301",
        "/artikelen/oud.html /artikelen/nieuw.html 301",
        "/over-ons/ /over/ 301",
    ]
    lines = (moved / "nginx-redirects.map").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# ")
    assert [MAP_LINE.match(line).groups() for line in lines[1:]] == [
        ("/2019/05/oud-bericht/", "/artikelen/nieuw.html"),
        ("/artikelen/oud.html", "/artikelen/nieuw.html"),
        ("/over-ons/", "/over/"),
    ]


def test_a_draft_keeps_its_former_addresses_until_it_is_online(moved):
    assert not (moved / "artikelen" / "concept-oud.html").exists()
    assert "concept-oud" not in (moved / "_redirects").read_text(encoding="utf-8")


def test_redirect_pages_are_not_in_sitemap_feeds_or_search(moved):
    sitemap = (moved / "sitemap.xml").read_text(encoding="utf-8")
    feed = (moved / "feeds" / "alles.atom.xml").read_text(encoding="utf-8")
    for old in ("artikelen/oud.html", "oud-bericht", "over-ons"):
        assert old not in sitemap and old not in feed
    assert "artikelen/nieuw.html" in sitemap
    entry = (moved / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    assert '"page_count":2' in entry  # the two published articles, not the redirect page


@pytest.mark.browser
def test_redirect_pages_are_valid_html(moved, tmp_path):
    from test_browser import validate

    for name, path in (("a", "artikelen/oud.html"), ("b", "over-ons/index.html")):
        (tmp_path / f"{name}.html").write_bytes((moved / path).read_bytes())
    status, checked, problems = validate(tmp_path)
    assert problems == []
    assert status == 0 and len(checked) == 2


@pytest.mark.browser
def test_a_reader_at_the_old_address_lands_on_the_new_page(moved, chromium):
    from browser import axe_violations, served

    html = (moved / "artikelen" / "oud.html").read_text(encoding="utf-8")
    with served(moved) as base:
        page = chromium.new_page()
        page.goto(f"{base}/artikelen/oud.html")
        page.wait_for_url(f"{base}/artikelen/nieuw.html")
        assert page.locator("h1").first.inner_text() == "Het nieuwe adres"
        # The page itself, held still (without its refresh) to be read: axe finds nothing.
        still = html.replace(
            '<meta http-equiv="refresh" content="0; url=/artikelen/nieuw.html">', ""
        )
        assert still != html
        page.route(
            f"{base}/stil.html", lambda route: route.fulfill(body=still, content_type="text/html")
        )
        page.goto(f"{base}/stil.html")
        assert page.locator("main a").inner_text() == "Het nieuwe adres"
        assert axe_violations(page) == []
        page.close()


def test_addresses_in_a_sub_folder(tmp_path):
    content = write_site(tmp_path / "content", SITE)
    out = build_site(
        content,
        tmp_path / "output",
        "publishconf.py",
        SITEURL="https://voorbeeld.github.io/blog",
        SITE_ROOT="/blog",
        FEED_DOMAIN="https://voorbeeld.github.io/blog",
    )
    page = _Page((out / "artikelen" / "oud.html").read_text(encoding="utf-8"))
    assert page.meta["refresh"] == "0; url=/blog/artikelen/nieuw.html"
    assert page.links["canonical"] == "https://voorbeeld.github.io/blog/artikelen/nieuw.html"
    assert ["/blog/artikelen/nieuw.html", "Het nieuwe adres"] in page.anchors
    assert (out / "_redirects").read_text(encoding="utf-8").splitlines()[1:] == [
        "/blog/2019/05/oud-bericht/ /blog/artikelen/nieuw.html 301",
        "/blog/artikelen/oud.html /blog/artikelen/nieuw.html 301",
        "/blog/over-ons/ /blog/over/ 301",
    ]
    assert '"/blog/over-ons/" "/blog/over/";' in (out / "nginx-redirects.map").read_text("utf-8")


def test_without_former_addresses_the_host_files_are_there_and_empty(tmp_path):
    content = write_site(tmp_path / "content", {"artikelen/a.md": post("a")})
    out = build_site(content, tmp_path / "output")
    for name in ("_redirects", "nginx-redirects.map"):
        lines = (out / name).read_text(encoding="utf-8").splitlines()
        assert len(lines) == 1 and lines[0].startswith("# ")  # an include always finds it


@pytest.mark.parametrize(
    ("posts", "expected"),
    [
        (
            {"artikelen/b.md": post("b", extra="Alias: /artikelen/a.html")},
            "content/artikelen/b.md:7: het oude adres '/artikelen/a.html' is het adres van "
            "content/artikelen/a.md, dat op de site staat",
        ),
        (
            {
                "artikelen/b.md": post("b", extra="Alias: /artikelen/oud.html"),
                "artikelen/c.md": post("c", extra="Alias: /artikelen/oud.html"),
            },
            "content/artikelen/c.md:7: het oude adres '/artikelen/oud.html' staat ook bij "
            "content/artikelen/b.md",
        ),
        (
            {"artikelen/b.md": post("b", extra="Alias: /artikelen/b.html")},
            "content/artikelen/b.md:7: '/artikelen/b.html' is het huidige adres van dit artikel",
        ),
        (
            {"artikelen/b.md": post("b", extra="Alias: /over/")},
            "content/artikelen/b.md:7: het oude adres '/over/' is het adres van "
            "content/pages/over.md",
        ),
        (
            {"artikelen/b.md": post("b", extra="Oude_adressen: /artikelen/oud.html")},
            "content/artikelen/b.md:7: schrijf 'Alias:' in plaats van 'Oude_adressen:'",
        ),
        (
            {"artikelen/b.md": post("b", extra="Alias: artikelen/oud.html")},
            "content/artikelen/b.md:7: het oude adres 'artikelen/oud.html' mist de / vooraan",
        ),
    ],
    ids=["live-article", "two-posts", "own-address", "live-page", "dutch-name", "no-slash"],
)
def test_clashes_are_found_before_the_build(tmp_path, posts, expected):
    content = write_site(tmp_path / "content", {"artikelen/a.md": post("a"), **posts})
    with pytest.raises(BuildError) as stopped:
        build_site(content, tmp_path / "output")
    assert expected in str(stopped.value)
    assert not (tmp_path / "output").exists()  # nothing written


@pytest.mark.parametrize(
    ("alias", "expected"),
    [
        ("/themas/", "het adres van een pagina die de site zelf maakt (themas/index.html)"),
        ("/images/oud.html", "het adres van het bestand content/images/oud.html"),
        ("/theme/oud.html", "een adres in de map theme/, die de bouw zelf vult"),
        ("/_redirects/", "het adres van _redirects, een bestand dat de bouw zelf maakt"),
    ],
)
def test_clashes_with_generated_pages_stop_the_build_with_file_and_line(tmp_path, alias, expected):
    content = write_site(
        tmp_path / "content",
        {"artikelen/a.md": post("a"), "artikelen/b.md": post("b", extra=f"Alias: {alias}")},
    )
    (content / "images").mkdir()
    (content / "images" / "oud.html").write_text("<p>oud</p>", encoding="utf-8")
    with pytest.raises(BuildError) as stopped:
        build_site(content, tmp_path / "output")
    assert (
        f"content/artikelen/b.md:7: het oude adres '{alias}' is al {expected}; haal het weg uit "
        "Alias"
    ) in str(stopped.value)


@pytest.mark.browser
def test_the_map_file_is_valid_inside_an_nginx_map(moved, tmp_path):
    """The shipped nginx configuration (conftest.nginx) reads the map as documented."""
    port = free_port()
    answers = {}
    with nginx(moved, tmp_path / "run", port):
        for old in (
            "/artikelen/oud.html",
            "/2019/05/oud-bericht/",
            "/over-ons/",
            "/artikelen/nieuw.html",
        ):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", old)
            reply = connection.getresponse()
            answers[old] = (reply.status, reply.getheader("Location", "").split(str(port))[-1])
            connection.close()
    assert answers == {
        "/artikelen/oud.html": (301, "/artikelen/nieuw.html"),
        "/2019/05/oud-bericht/": (301, "/artikelen/nieuw.html"),
        "/over-ons/": (301, "/over/"),
        "/artikelen/nieuw.html": (200, ""),
    }
