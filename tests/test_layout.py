"""Layout for a reader on a phone, a tablet and a desktop, measured in Debian's Chromium.

The layout test site (tests/layout_site: a wide six-year table with a trend column, small
multiples, a bar chart with long labels, quote cards, Meer lezen, a photo, enough posts to
search) at 320, 375, 768 and 1280 px, light and dark: the page never scrolls sideways, no table
cell is clipped and every cell can be scrolled into view, every chart text renders at 12 px or
more and stays inside its chart, and prose, figures, tables, charts, quote cards and Meer lezen
share one column. The screenshots land in tests/artifacts/layout/ to look at.
"""

import pytest
from browser import axe_violations, served
from conftest import ROOT

from sitetools.screenshots import (
    LAYOUT_PAGES,
    PHONE,
    SCHEMES,
    WIDTHS,
    build_layout_site,
    open_page,
)

pytestmark = pytest.mark.browser
SHOTS = ROOT / "tests" / "artifacts" / "layout"

# Everything the layout measures, in one pass over the page.
MEASURE = """() => {
  const rect = (el) => el.getBoundingClientRect();
  const out = {scroll: document.documentElement.scrollWidth, width: innerWidth};
  const cells = [...document.querySelectorAll('.data-table th, .data-table td')];
  out.cells = cells.length;
  out.clipped = cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent);
  out.unreachable = [];
  for (const region of document.querySelectorAll('.table-scroll')) {
    const head = region.querySelector("tbody th");
    const sticky = getComputedStyle(head).position === "sticky" ? rect(head).width : 0;
    const style = getComputedStyle(region);
    if (region.scrollWidth > region.clientWidth && !/auto|scroll/.test(style.overflowX)) {
      out.unreachable.push('region does not scroll');
    }
    for (const cell of region.querySelectorAll('td, thead th:not(:first-child)')) {
      if (!cell.textContent.trim()) continue;
      region.scrollLeft = cell.offsetLeft - sticky;
      const range = document.createRange();  // the cell's text, not its padding
      range.selectNodeContents(cell);
      const box = rect(region), c = range.getBoundingClientRect();
      const left = box.left + region.clientLeft + sticky - 1;
      if (c.left < left || c.right > box.left + region.clientLeft + region.clientWidth + 1) {
        out.unreachable.push(cell.textContent);
      }
    }
    region.scrollLeft = 0;
  }
  out.texts = 0;
  out.small = [];
  out.outside = [];
  for (const text of document.querySelectorAll('svg text')) {
    const svg = text.ownerSVGElement;
    const size = parseFloat(getComputedStyle(text).fontSize) * svg.getScreenCTM().a;
    out.texts += 1;
    if (size < 11.99) out.small.push(`${text.textContent}: ${size.toFixed(1)}px`);
    const t = rect(text), s = rect(svg);
    if (t.left < s.left - 1 || t.right > s.right + 1) out.outside.push(text.textContent);
  }
  const kinds = {
    'prose': '.article-body > p:not([class])', 'photo': '.figure, .hero',
    'table': '.table-scroll', 'chart': '.chart', 'quote': '.quote-card, .pull-quote',
    'meer-lezen': '.meer-lezen', 'home': '.home-intro, .lead-article, .theme-ways, .article-item',
    'search': '.search-form, .search-result',
  };
  out.edges = {};
  for (const [kind, selector] of Object.entries(kinds)) {
    const boxes = [...document.querySelectorAll(selector)].map(rect).filter((b) => b.width);
    if (boxes.length) out.edges[kind] = boxes.map((b) => [Math.round(b.left), Math.round(b.right)]);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def layout_site(tmp_path_factory):
    return build_layout_site(tmp_path_factory.mktemp("layout") / "output")


@pytest.fixture(scope="module")
def base_url(layout_site):
    with served(layout_site) as url:
        yield url


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", LAYOUT_PAGES)
def test_layout(chromium, base_url, name, width, scheme):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = open_page(chromium, base_url, LAYOUT_PAGES[name], width, scheme)
    page.screenshot(path=str(SHOTS / f"{name}-{width}-{scheme}.png"), full_page=True)
    m = page.evaluate(MEASURE)
    page.close()
    assert m["scroll"] <= m["width"], "the page scrolls sideways"
    assert m["clipped"] == [], "table text is cut off"
    assert m["unreachable"] == [], "table cells that cannot be scrolled into view"
    assert m["small"] == [], "chart text under 12 px"
    assert m["outside"] == [], "chart text outside its chart"
    edges = {edge for boxes in m["edges"].values() for box in boxes for edge in [tuple(box)]}
    lefts, rights = {left for left, _ in edges}, {right for _, right in edges}
    assert max(lefts) - min(lefts) <= 1 and max(rights) - min(rights) <= 1, m["edges"]
    if name == "tabel":  # the page has what it is meant to measure
        assert m["cells"] > 50 and m["texts"] > 40
        assert {"prose", "table", "chart", "quote", "meer-lezen"} <= set(m["edges"])
    if name == "foto":
        assert {"prose", "photo", "quote"} <= set(m["edges"])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_search_answers_in_the_first_screen_of_a_phone(chromium, base_url, scheme):
    width, height = PHONE
    page = open_page(chromium, base_url, LAYOUT_PAGES["zoeken"], width, scheme, height)
    status = page.locator("#zoekstatus").bounding_box()
    first = page.locator(".search-result-title").first.bounding_box()
    folded = page.evaluate("!document.getElementById('verfijnen').open")
    count = page.text_content("#zoekstatus")
    page.close()
    assert count.endswith("resultaten")
    assert status["y"] + status["height"] <= height
    assert first["y"] + first["height"] <= height
    assert folded  # the filters wait behind "Verfijnen" on a phone


def test_a_filter_in_the_address_opens_the_filters_on_a_phone(chromium, base_url):
    width, height = PHONE
    page = open_page(chromium, base_url, "/zoeken/?q=loopbaan&thema=Netwerken", width, "light")
    opened = page.evaluate("document.getElementById('verfijnen').open")
    page.close()
    assert opened


def test_the_filters_open_and_close_by_keyboard(chromium, base_url):
    width, height = PHONE
    page = open_page(chromium, base_url, LAYOUT_PAGES["zoeken"], width, "light", height)
    page.focus("#verfijnen summary")
    page.keyboard.press("Enter")
    opened = page.evaluate("document.getElementById('verfijnen').open")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.id")
    page.close()
    assert opened
    assert focused == "filter-thema"


def test_excerpts_cut_at_words_with_an_ellipsis_and_marks_only_words(chromium, base_url):
    page = open_page(chromium, base_url, "/zoeken/?q=pensioen", 1280, "light")
    excerpts = page.locator(".search-result-excerpt").evaluate_all(
        "els => els.map(e => [e.textContent, [...e.querySelectorAll('mark')].map(m => m.textContent)])"
    )
    page.close()
    assert excerpts
    for text, marks in excerpts:
        assert text.startswith("… ") and text.endswith(" …"), text  # cut in the middle of a post
        assert marks and all(m.isalnum() for m in marks), marks  # "Pensioen", never "Pensioen:"
        first_word = text.removeprefix("… ").split()[0]
        assert first_word[0].isalnum() or first_word[0] in "“‘(", text


def test_layout_site_is_valid_html(layout_site):
    from test_browser import validate  # noqa: PLC0415

    status, checked, problems = validate(layout_site)
    assert problems == []
    assert status == 0 and len(checked) > 10


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", LAYOUT_PAGES)
def test_no_accessibility_violations_on_a_phone(chromium, base_url, name, scheme):
    page = open_page(chromium, base_url, LAYOUT_PAGES[name], PHONE[0], scheme, PHONE[1])
    violations = axe_violations(page)
    page.close()
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


def test_home_page_leads_with_the_newest_article_and_offers_the_themes(layout_site):
    from html.parser import HTMLParser  # noqa: PLC0415

    class Home(HTMLParser):
        """The lead article's link and image, the theme links, the other articles' links."""

        def __init__(self):
            super().__init__()
            self.section, self.lead, self.themes, self.rest, self.lead_image = "", [], [], [], 0

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            cls = a.get("class") or ""
            if cls in ("lead-article", "theme-ways", "article-list"):
                self.section = cls
            if tag == "img" and self.section == "lead-article":
                self.lead_image += 1
            if tag == "a" and a.get("href", "").startswith(("/artikelen/", "/thema/")):
                {"lead-article": self.lead, "theme-ways": self.themes, "article-list": self.rest}[
                    self.section
                ].append(a["href"])

    home = Home()
    home.feed((layout_site / "index.html").read_text(encoding="utf-8"))
    assert home.lead == ["/artikelen/foto-van-de-coach.html"]  # the newest, with its photo
    assert home.lead_image == 1
    # Every theme in use, in the vocabulary's order (tests/layout_site/content/themas.toml).
    assert home.themes == [
        "/thema/arbeidsmarkt/",
        "/thema/netwerken/",
        "/thema/loopbaanbegeleiding/",
        "/thema/onderzoek/",
        "/thema/oudere-werkenden/",
    ]
    assert home.rest[0] == "/artikelen/kanalen-in-zes-jaar.html"
    assert "/artikelen/foto-van-de-coach.html" not in home.rest
    assert "<script" not in (layout_site / "index.html").read_text(encoding="utf-8")
