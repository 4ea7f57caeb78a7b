"""Site search in Debian's Chromium: the Pagefind index built with the site and /zoeken/."""

import re
import shutil
from urllib.parse import urlparse

import pytest
from browser import axe_violations, served
from conftest import FIXTURE, fixture_posts

from sitetools.build import BuildError, build

pytestmark = pytest.mark.browser
ARTICLES = FIXTURE / "artikelen"
DRAFT = """Title: Geheim concept over de pensioenpremie
Date: 2025-12-01
Category: Arbeidsmarkt
Tags: Arbeidsmarkt
Slug: geheim-concept
Summary: Een concept over de pensioenpremie en de zoekwoordproef.
Bron_site: Go-Office
Status: {status}

De zoekwoordproef staat alleen in dit {status} artikel, samen met de pensioenpremie.
"""
KB = 1024


@pytest.fixture(scope="module")
def search_site(tmp_path_factory):
    """The fixture site's articles plus a draft and a hidden article that mention the same words."""
    work = tmp_path_factory.mktemp("zoeken")
    content = work / "content"
    shutil.copytree(FIXTURE, content)
    for status in ("draft", "hidden"):
        text = DRAFT.format(status=status).replace("geheim-concept", f"geheim-{status}")
        (content / "artikelen" / f"geheim-{status}.md").write_text(text, encoding="utf-8")
    return build(
        "pelicanconf.py",
        work / "output",
        PATH=str(content),
        CACHE_CONTENT=False,
        LOAD_CONTENT_CACHE=False,
    )


@pytest.fixture(scope="module")
def base_url(search_site):
    with served(search_site) as url:
        yield url


def search(page, base_url, query):
    """Open /zoeken/?<query> and wait until the live region has announced the outcome."""
    page.goto(f"{base_url}/zoeken/?{query}")
    return wait_for_results(page)


def wait_for_results(page):
    page.wait_for_function(
        "/resulta/.test(document.getElementById('zoekstatus').textContent)", timeout=15_000
    )
    return page.locator(".search-result-title a").evaluate_all("els => els.map(a => a.pathname)")


def all_results(page):
    """Press "Meer resultaten tonen" until no such button is left; the paths of all results."""
    for _ in range(50):
        shown = page.locator(".search-result").count()
        more = page.locator(".search-more")
        if not more.count():
            break
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.search-result').length > {shown}")
    return page.locator(".search-result-title a").evaluate_all("els => els.map(a => a.pathname)")


def announced(page):
    text = page.text_content("#zoekstatus")
    match = re.match(r"(\d+) (?:resultaat|resultaten)$", text)
    return int(match[1]) if match else 0 if text.startswith("Geen resultaten") else None


def test_specific_term_finds_its_article_first(chromium, base_url):
    page = chromium.new_page()
    found = search(page, base_url, "q=pensioenpremie")
    excerpt = page.locator(".search-result-excerpt").first.inner_html()
    meta = page.locator(".search-result-meta").first.inner_text()
    page.close()
    assert found[0] == "/artikelen/cao-uitzendkrachten-2026.html"
    assert "<mark>pensioenpremie</mark>" in excerpt
    assert "november 2025" in meta  # the Dutch date of the article


def test_dutch_plural_finds_the_singular(chromium, base_url):
    only_singular = {
        f"/artikelen/{p.stem}.html"
        for p in ARTICLES.glob("*.md")
        if re.search(r"\bvacature\b", text := p.read_text(encoding="utf-8"), re.I)
        and not re.search(r"\bvacatures\b", text, re.I)
    }
    assert only_singular  # an article that says "vacature" and never "vacatures"
    page = chromium.new_page()
    search(page, base_url, "q=vacatures")
    found = all_results(page)
    page.close()
    assert only_singular <= set(found)


def test_theme_filter_narrows_the_results(chromium, base_url):
    page = chromium.new_page()
    search(page, base_url, "q=ai")
    everything = announced(page)
    page.evaluate("document.getElementById('zoekstatus').textContent = ''")
    page.select_option("#filter-thema", "Welzijn")
    wait_for_results(page)
    narrowed = announced(page)
    themes = page.locator(".search-result-themes").all_inner_texts()
    address = page.url
    page.close()
    assert 0 < narrowed < everything
    assert themes and all("Welzijn" in t for t in themes)
    assert "thema=Welzijn" in address  # the filtered search is linkable too


def test_drafts_and_hidden_articles_are_never_found(chromium, base_url, search_site):
    assert (search_site / "concepten" / "geheim-draft.html").is_file()
    assert (search_site / "artikelen" / "geheim-hidden.html").is_file()
    page = chromium.new_page()
    found = []
    for query in ("zoekwoordproef", "geheim concept", "pensioenpremie"):
        search(page, base_url, f"q={query}")
        found += all_results(page)
    page.close()
    assert "/artikelen/cao-uitzendkrachten-2026.html" in found
    assert [p for p in found if "geheim" in p or "concepten" in p] == []


def test_the_count_is_announced_and_the_address_runs_the_search(chromium, base_url):
    page = chromium.new_page()
    first_screen = search(page, base_url, "q=arbeidsmarkt&volgorde=nieuwste")
    role = page.get_attribute("#zoekstatus", "role")
    typed = page.input_value("#zoekterm")
    count = announced(page)
    found = all_results(page)
    dates = page.locator(".search-result-meta time").evaluate_all("els => els.map(t => t.dateTime)")
    page.close()
    assert role == "status"
    assert typed == "arbeidsmarkt"
    # Five on the first screen; every article whose text says it is found, after "Meer".
    says_it = [
        p
        for p in fixture_posts()
        if "arbeidsmarkt" in "\n".join(p.lines[p.body_start - 1 :]).lower()
    ]
    assert len(first_screen) == 5 < len(says_it) <= count == len(found)
    assert dates == sorted(dates, reverse=True)  # "Nieuwste eerst"


def test_results_while_typing_with_the_keyboard_only(chromium, base_url):
    page = chromium.new_page()
    page.goto(f"{base_url}/zoeken/")
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "zoekterm":
            break
    page.keyboard.type("netwerken", delay=30)  # no Enter: results appear while typing
    found = wait_for_results(page)
    count = announced(page)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.search-result') !== null"):
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    landed = urlparse(page.url).path
    page.close()
    assert count >= len(found) > 0
    assert landed == found[0]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations_with_results_open(chromium, base_url, scheme):
    page = chromium.new_page(color_scheme=scheme)
    found = search(page, base_url, "q=arbeidsmarkt")
    violations = axe_violations(page)
    page.close()
    assert found
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


def test_without_javascript_the_page_says_so_and_offers_themes_and_archive(chromium, base_url):
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(urlparse(r.url).path))
    page.goto(f"{base_url}/zoeken/?q=pensioenpremie")
    message = page.locator(".search-nojs").inner_text()
    forms = page.locator("form[role=search][method=get]").count()
    label = page.locator("label[for=zoekterm]").inner_text()
    page.click(".search-nojs a >> text=Archief")
    archive = page.locator("h1").inner_text()
    context.close()
    assert "JavaScript" in message
    assert forms == 1
    assert label == "Zoekterm"
    assert archive == "Archief"
    assert not [p for p in requests if p.startswith("/pagefind/")]


def test_budgets_before_and_during_a_search(chromium, base_url):
    page = chromium.new_page()
    sizes = []
    page.on("requestfinished", lambda r: sizes.append((urlparse(r.url).path, body_size(r))))
    page.goto(f"{base_url}/zoeken/")
    page.wait_for_load_state("networkidle")
    before = sum(s for _, s in sizes)
    sizes.clear()
    search_in_page(page, "pensioenpremie")
    first = dict(sizes)
    sizes.clear()
    search_in_page(page, "vacatures")
    second = sum(s for _, s in sizes)
    page.close()
    engine = sum(s for p, s in first.items() if not re.search(r"/(index|fragment|filter)/", p))
    first_query = sum(first.values()) - engine
    report = f"before {before}, engine {engine}, first query {first_query}, second {second}"
    assert before <= 60 * KB, report
    assert first_query <= 50 * KB, report
    assert second <= 50 * KB, report
    assert engine <= 125 * KB, report  # pagefind.js and its Dutch WebAssembly, once per visit


def search_in_page(page, term):
    page.evaluate("document.getElementById('zoekstatus').textContent = ''")
    page.fill("#zoekterm", term)
    wait_for_results(page)
    page.wait_for_load_state("networkidle")


def body_size(request):
    """Bytes of the response body as sent (the test server does not compress)."""
    return max(request.sizes()["responseBodySize"], 0)


def test_every_page_links_to_search_in_the_header(search_site):
    pages = sorted(search_site.rglob("*.html"))
    missing = [
        str(p.relative_to(search_site))
        for p in pages
        if not re.search(
            r'<nav aria-label="Hoofdmenu">.*?<a href="/zoeken/"[^>]*>Zoeken</a>',
            p.read_text(encoding="utf-8"),
            re.S,
        )
    ]
    assert {f"artikelen/{p.get('slug')}.html" for p in fixture_posts()} <= {
        p.relative_to(search_site).as_posix() for p in pages
    }
    assert missing == []


def test_only_published_articles_are_indexed(search_site):
    entry = (search_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")
    published = len(fixture_posts())  # the fixture's own; its draft and the test's two are not
    assert f'"page_count":{published}' in entry


def test_a_failed_index_fails_the_build_and_keeps_the_old_site(tmp_path, monkeypatch):
    import sitetools.search_index as search_index  # noqa: PLC0415

    out = tmp_path / "output"
    out.mkdir()
    (out / "index.html").write_text("de vorige site", encoding="utf-8")
    monkeypatch.setattr(search_index, "pagefind_command", lambda site: ["false"])
    with pytest.raises(
        BuildError, match="de zoekfunctie kon niet worden bijgewerkt; bouw de site opnieuw"
    ) as caught:
        build(
            "pelicanconf.py",
            out,
            PATH=str(FIXTURE),
            CACHE_CONTENT=False,
            LOAD_CONTENT_CACHE=False,
        )
    assert "pagefind" not in str(caught.value).lower()  # no internal names for authors
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert not list(tmp_path.glob(".output.staging-*"))


def test_other_pages_load_no_javascript(chromium, base_url):
    loaded = []
    for path in (
        "/",
        "/artikelen/cao-uitzendkrachten-2026.html",
        "/thema/arbeidsmarkt/",
        "/archief/",
    ):
        page = chromium.new_page()
        page.on("request", lambda r: loaded.append((r.resource_type, urlparse(r.url).path)))
        page.goto(base_url + path)
        page.wait_for_load_state("networkidle")
        page.close()
    assert len(loaded) > 8
    assert [p for kind, p in loaded if kind == "script" or p.endswith(".js")] == []


def test_nothing_is_indexed_without_a_published_article(tmp_path):
    from sitetools.search_index import index_site  # noqa: PLC0415

    hidden = '<html lang="nl"><body><article><h1>Verborgen</h1><p>Tekst</p></article></body></html>'
    (tmp_path / "artikelen").mkdir()
    (tmp_path / "artikelen" / "verborgen.html").write_text(hidden, encoding="utf-8")
    index_site(tmp_path)
    assert not (tmp_path / "pagefind").exists()
    published = hidden.replace("<article>", "<article data-pagefind-body>")
    (tmp_path / "artikelen" / "gepubliceerd.html").write_text(published, encoding="utf-8")
    index_site(tmp_path)
    assert (
        (tmp_path / "pagefind" / "pagefind-entry.json")
        .read_text(encoding="utf-8")
        .count('"page_count":1')
    )


def _fake_bundle(folder, values):
    """A minimal Pagefind bundle: entry, metadata and one filter index with ``values`` in order."""
    import gzip  # noqa: PLC0415

    import cbor2  # noqa: PLC0415

    def pack(content):
        return gzip.compress(b"pagefind_dcd" + cbor2.dumps(content), mtime=0)

    (folder / "filter").mkdir(parents=True)
    (folder / "filter" / "nl_old.pf_filter").write_bytes(pack(["thema", values]))
    meta = ["1.5.2", [], [], [["thema", "nl_old"]], [["datum", [1, 0]], ["b", [0, 1]]], []]
    (folder / "pagefind.nl_oldmeta.pf_meta").write_bytes(pack(meta))
    entry = (
        '{"version":"1.5.2","languages":{"nl":{"hash":"nl_oldmeta","wasm":"nl","page_count":2}}}'
    )
    (folder / "pagefind-entry.json").write_text(entry, encoding="utf-8")


@pytest.mark.unit
def test_the_index_is_rewritten_in_one_order_whatever_order_pagefind_chose(tmp_path):
    from conftest import snapshot  # noqa: PLC0415

    from sitetools.search_stable import read, stabilise  # noqa: PLC0415

    values = [["Welzijn", [1]], ["AI", [0, 1]], ["Skills", [0]]]
    _fake_bundle(tmp_path / "a", values)
    _fake_bundle(tmp_path / "b", list(reversed(values)))
    stabilise(tmp_path / "a")
    stabilise(tmp_path / "b")
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    (rewritten,) = (tmp_path / "a" / "filter").iterdir()
    assert read(rewritten) == ["thema", sorted(values)]
    assert '"hash":"nl_oldmeta"' not in (tmp_path / "a" / "pagefind-entry.json").read_text(
        encoding="utf-8"
    )


def test_an_unchanged_index_is_reused_and_equals_a_clean_one(tmp_path):
    """A rebuild that changes no article page (a draft, the CSS) reuses the index; an article edit
    indexes again. Each time the index equals the one a clean build makes of the same sources."""
    from conftest import make_project, run_task, snapshot  # noqa: PLC0415

    project = make_project(tmp_path)
    entry = project / "output" / "pagefind" / "pagefind-entry.json"

    def build_cached():
        result = run_task(project, "build")
        assert result.returncode == 0, result.stderr
        return snapshot(project / "output" / "pagefind")

    def build_clean():
        shutil.rmtree(project / "cache")
        shutil.rmtree(project / "output")
        return build_cached()

    first = build_cached()
    inode = entry.stat().st_ino
    (project / "content" / "artikelen" / "concept.md").write_text(
        DRAFT.format(status="draft"), encoding="utf-8"
    )
    css = project / "theme" / "static" / "css" / "base.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* gewijzigd */\n", encoding="utf-8")
    reused = build_cached()
    assert entry.stat().st_ino == inode  # linked from the previous output, not indexed again
    assert reused == first == build_clean()
    post = project / "content" / "artikelen" / "cao-uitzendkrachten-2026.md"
    post.write_text(
        post.read_text(encoding="utf-8") + "\nDe zoekwoordproef staat nu ook hier.\n", "utf-8"
    )
    inode = entry.stat().st_ino
    edited = build_cached()
    assert entry.stat().st_ino != inode
    assert edited != first
    assert edited == build_clean()
