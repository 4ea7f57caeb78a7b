"""The reader's site proven in a real browser and validator: HTML, accessibility, layout, links."""

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from browser import axe_violations, served
from conftest import ROOT, fixture_posts, fixture_themes

pytestmark = pytest.mark.browser
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "tests" / "artifacts"
PAGES = {
    "home": "/",
    "article-with-table-and-chart": "/artikelen/kanalen-in-cijfers.html",
    "theme": "/thema/onderzoek/",
    "search": "/zoeken/",
    "not-found": "/bestaat-niet/",
}


def html_files(site):
    return sorted(site.rglob("*.html"))


def validate(folder):
    """Run the Nu Html Checker on every page in ``folder``: (exit status, files checked, problems)."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--verbose", *map(str, html_files(folder))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr)  # always a JSON report; anything else is a crash
    assert "version" in report, result.stderr
    checked = {Path(line).resolve() for line in result.stdout.splitlines() if line.strip()}
    problems = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in report["messages"]
        if m["type"] != "info" or m.get("subType") == "warning"
    ]
    return result.returncode, checked, problems


def test_every_page_is_valid_html(site):
    status, checked, problems = validate(site)
    assert len(html_files(site)) > len(fixture_posts()) + len(fixture_themes())
    assert checked == {p.resolve() for p in html_files(site)}  # each page, none left out
    assert problems == []
    assert status == 0


def test_the_validator_reports_a_broken_page(site, tmp_path):
    page = (site / "over" / "index.html").read_text(encoding="utf-8")
    (tmp_path / "goed.html").write_text(page, encoding="utf-8")
    broken = page.replace("</main>", "<p><div>los</p></main>", 1)
    assert broken != page
    (tmp_path / "kapot.html").write_text(broken, encoding="utf-8")
    status, checked, problems = validate(tmp_path)
    assert status == 1
    assert checked == {tmp_path / "goed.html", tmp_path / "kapot.html"}
    assert problems and all(p.startswith("kapot.html:") for p in problems), problems
    line = broken[: broken.index("<p><div>los")].count("\n") + 1
    assert any(p.startswith(f"kapot.html:{line}: ") for p in problems), problems


@pytest.fixture(scope="module")
def base_url(site):
    with served(site) as url:
        yield url


@pytest.mark.parametrize("name", PAGES)
def test_no_accessibility_violations(chromium, base_url, name):
    page = chromium.new_page()
    response = page.goto(base_url + PAGES[name])
    assert response.status == (404 if name == "not-found" else 200)
    violations = axe_violations(page)
    page.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("name", PAGES)
def test_layout_fits_and_screenshots(chromium, base_url, name, width, scheme):
    ARTIFACTS.mkdir(exist_ok=True)
    page = chromium.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base_url + PAGES[name])
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}-{scheme}.png"), full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.close()
    assert scroll_width <= width, "the page scrolls sideways"
    assert all(urlparse(u).hostname == "127.0.0.1" for u in requests), requests
    dark = background in ("rgb(20, 24, 25)",)
    assert dark == (scheme == "dark")


def _targets(html):
    return re.findall(r'(?:href|src)="([^"#]*)(?:#[^"]*)?"', html)


def _resolve(site, path):
    target = site / path.lstrip("/")
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def test_every_internal_link_resolves(site):
    broken, checked = [], 0
    pages = html_files(site)
    for page in pages:
        for href in _targets(page.read_text(encoding="utf-8")):
            if not href or urlparse(href).scheme in ("http", "https", "mailto"):
                if href.startswith("http://localhost:8000/"):
                    href = href.removeprefix("http://localhost:8000")
                else:
                    continue
            path = urljoin("/" + str(page.relative_to(site)), href)
            checked += 1
            if not _resolve(site, urlparse(path).path).is_file():
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert checked > 5 * len(pages)  # the main menu alone links six pages
    assert broken == []


def test_every_feed_entry_resolves(site):
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feeds = sorted((site / "feeds").rglob("*.xml"))
    assert len(feeds) == 1 + len(fixture_themes())  # everything, and one per theme
    for feed in feeds:
        root = ET.parse(feed).getroot()
        entries = root.findall("a:entry", ns)
        assert entries, feed
        for entry in entries:
            link = entry.find("a:link", ns).get("href")
            assert link.startswith("http://localhost:8000/")
            assert _resolve(site, urlparse(link).path).is_file(), link
            content = entry.find("a:content", ns)
            assert content is not None and len(content.text or "") > 500  # full text, not a summary


def test_budgets(site):
    articles = sorted((site / "artikelen").glob("*.html"))
    biggest = max(p.stat().st_size for p in articles)
    css = sum(p.stat().st_size for p in (site / "theme" / "css").glob("*.css"))
    assert biggest < 40_000, biggest
    assert css < 15_000, css
    # JavaScript: only the search page's own script and the search index it loads.
    scripts = {str(p.relative_to(site)) for p in site.rglob("*.js")}
    assert "theme/js/zoeken.js" in scripts
    assert {s for s in scripts if not s.startswith("pagefind/")} == {"theme/js/zoeken.js"}
    with_script = set()
    for page in html_files(site):
        html = page.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*application/ld\+json)", html):
            with_script.add(str(page.relative_to(site)))
        for tag in re.findall(r"<(?:link|img|source|iframe|video|audio)\b[^>]*>", html):
            src = re.search(r'(?:href|src)="([^"]+)"', tag)
            if src and 'rel="canonical"' not in tag and 'rel="alternate"' not in tag:
                assert not src[1].startswith(("http://", "https://", "//")), (page, tag)
    assert with_script == {"zoeken/index.html"}
