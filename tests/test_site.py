"""The built fixture site: article pages, theme pages, vocabulary, Dutch dates and escaping.

Every expectation is read from the fixture's own sources (tests/fixture_site/content).
"""

import html
import re
import xml.dom.minidom
from pathlib import Path

import pytest
from conftest import FIXTURE, make_project, run_task
from pelican.utils import slugify

from plugins.content_guard.posts import parse_post
from plugins.content_guard.vocabulary import load_vocabulary

VOCAB = load_vocabulary(FIXTURE / "themas.toml")
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def meta(path):
    return parse_post(path.read_text(encoding="utf-8"), path.name)


def tags_of(post):
    return [t.strip() for t in post.get("tags").split(",")]


SOURCES = sorted((FIXTURE / "artikelen").glob("*.md"))
POSTS = [p for p in SOURCES if meta(p).status == "published"]
DRAFTS = [p for p in SOURCES if meta(p).status == "draft"]
USED_THEMES = {tag for p in POSTS for tag in tags_of(meta(p))}


@pytest.mark.unit
def test_the_fixture_covers_what_the_tests_need():
    """Drafts, several themes per post, both sources and every theme of its vocabulary in use."""
    assert DRAFTS and len(POSTS) >= 4  # Meer lezen shows three others
    assert set(VOCAB.themes) == USED_THEMES
    assert {meta(p).get("bron_site") for p in POSTS} == set(VOCAB.sources)


def test_every_published_post_has_its_page_and_no_draft_is_listed(site):
    pages = {p.stem for p in (site / "artikelen").glob("*.html")}
    assert pages == {meta(p).get("slug") for p in POSTS}
    drafts = {p.stem for p in (site / "concepten").glob("*.html")}
    assert drafts == {meta(p).get("slug") for p in DRAFTS}  # the preview build shows drafts there
    home = (site / "index.html").read_text(encoding="utf-8")
    for path in DRAFTS:
        assert f"/concepten/{meta(path).get('slug')}.html" not in home


@pytest.mark.unit
def test_vocabulary_slugs_match_pelican_urls():
    for term in [*VOCAB.themes.values(), *VOCAB.categories.values()]:
        assert (
            slugify(
                term.name,
                regex_subs=[
                    (r"[^\w\s-]", ""),
                    (r"(?u)\A\s*", ""),
                    (r"(?u)\s*\Z", ""),
                    (r"[-\s]+", "-"),
                ],
            )
            == term.slug
        )


@pytest.mark.parametrize("path", POSTS, ids=lambda p: p.stem)
def test_article_page(site, path):
    post = meta(path)
    page = (site / "artikelen" / f"{post.get('slug')}.html").read_text(encoding="utf-8")
    h1s = re.findall(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert len(h1s) == 1
    assert html.unescape(re.sub(r"<[^>]+>", "", h1s[0])) == post.get("title")
    description = re.search(r'<meta name="description" content="([^"]*)">', page)[1]
    assert html.unescape(description) == post.get("summary")
    year, month, day = (int(x) for x in post.get("date").split("-"))
    assert f'<time datetime="{post.get("date")}">{day} {MONTHS[month - 1]} {year}</time>' in page
    for tag in tags_of(post):
        chip = f'<a class="theme-chip" href="/thema/{VOCAB.themes[tag].slug}/"[^>]*>'
        assert re.search(chip + re.escape(html.escape(tag)) + "</a>", page)
    assert f"Eerder verschenen bij {post.get('bron_site')}" in page
    assert '<html lang="nl">' in page


@pytest.mark.parametrize(
    "term", [t for t in VOCAB.themes.values() if t.name in USED_THEMES], ids=lambda t: t.slug
)
def test_theme_page_lists_its_articles(site, term):
    page = (site / "thema" / term.slug / "index.html").read_text(encoding="utf-8")
    assert term.description in html.unescape(page)
    expected = {meta(p).get("slug") for p in POSTS if term.name in tags_of(meta(p))}
    listed = set(
        re.findall(r'class="article-item-title"><a href="/artikelen/([^/"]+)\.html"', page)
    )
    assert listed == expected


def test_overview_pages_exist(site):
    years = {meta(p).get("date")[:4] for p in POSTS}
    assert len(years) >= 2
    for page in (
        "index.html",
        "themas/index.html",
        "rubrieken/index.html",
        "archief/index.html",
        *(f"archief/{year}/index.html" for year in years),
        "over/index.html",
        "404.html",
        "feeds/alles.atom.xml",
        *(f"feeds/thema/{VOCAB.themes[name].slug}.atom.xml" for name in USED_THEMES),
    ):
        assert (site / page).is_file(), page
    themes = (site / "themas" / "index.html").read_text(encoding="utf-8")
    assert themes.count("<li>") >= len(USED_THEMES)


def test_metadata_is_escaped_everywhere(tmp_path):
    project = make_project(tmp_path)
    (project / "content" / "artikelen" / "escape.md").write_text(
        'Title: Tips & "trucs" voor 5 < 10 recruiters\nDate: 2025-02-01\nCategory: Arbeidsmarkt\n'
        'Tags: AI, Skills\nSlug: escape-test\nSummary: Over "aanhalingstekens" & <b>vet</b>.\n\n'
        "Tekst met een & en een <.\n",
        encoding="utf-8",
    )
    result = run_task(project, "build")
    assert result.returncode == 1  # the summary holds HTML: rejected
    assert (
        "content/artikelen/escape.md:6: de samenvatting bevat HTML; schrijf gewone tekst"
        in result.stderr
    )
    post = project / "content" / "artikelen" / "escape.md"
    post.write_text(
        post.read_text(encoding="utf-8").replace(" & <b>vet</b>", " & vet"), encoding="utf-8"
    )
    result = run_task(project, "build")
    assert result.returncode == 0, result.stderr
    page = (project / "output" / "artikelen" / "escape-test.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page)[1]
    assert "&amp;" in title and "&lt;" in title and "<" not in title.replace("&lt;", "")
    description = re.search(r'<meta name="description" content="([^"]*)">', page)[1]
    assert "&amp;" in description  # the regex above proves no raw quote ends it early
    feed = Path(project / "output" / "feeds" / "alles.atom.xml").read_text(encoding="utf-8")
    xml.dom.minidom.parseString(feed)  # still well-formed XML
