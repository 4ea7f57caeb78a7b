"""Screenshots of pages in Chromium at phone, tablet and desktop widths, light and dark.

Used by ``./blog screenshots`` (the real site, or the layout test site) and by
tests/test_layout.py, so a person sees exactly the pages the layout test measures.
"""

import io
import logging
import shutil
from pathlib import Path

from .settings import ROOT

log = logging.getLogger(__name__)

WIDTHS = (320, 375, 768, 1280)
SCHEMES = ("light", "dark")
PHONE = (375, 667)  # the phone whose first screen must hold the search answer
# The layout test site: a wide multi-year table with a trend column, small multiples, a bar
# chart, quote cards, Meer lezen, a photo article and enough posts for search results.
LAYOUT_SITE = ROOT / "tests" / "layout_site" / "content"
LAYOUT_PAGES = {
    "home": "/",
    "tabel": "/artikelen/kanalen-in-zes-jaar.html",
    "foto": "/artikelen/foto-van-de-coach.html",
    "zoeken": "/zoeken/?q=loopbaan",
}
# What makes an article worth a screenshot on the real site (markup the theme writes).
VISUAL = ('class="data-figure"', 'class="figure"', 'class="hero"', 'class="quote-card')


def photo(width=2400, height=1600):
    """A JPEG photo drawn with Pillow: sky, a table and two people (no file in the repository)."""
    from PIL import Image, ImageDraw  # noqa: PLC0415

    im = Image.new("RGB", (width, height), (182, 206, 222))
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, height * 0.62, width, height), fill=(120, 86, 60))
    draw.ellipse((width * 0.2, height * 0.2, width * 0.38, height * 0.5), fill=(64, 90, 140))
    draw.ellipse((width * 0.6, height * 0.25, width * 0.78, height * 0.55), fill=(190, 110, 60))
    draw.rectangle((width * 0.1, height * 0.55, width * 0.9, height * 0.66), fill=(90, 60, 40))
    out = io.BytesIO()
    im.save(out, "JPEG", quality=85)
    return out.getvalue()


def build_layout_site(output):
    """Build the layout test site into ``output`` (its content copied beside it, photo added)."""
    from .build import build  # noqa: PLC0415

    work = Path(output).parent
    content = work / "content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(LAYOUT_SITE, content)
    (content / "images").mkdir()
    (content / "images" / "coach.jpg").write_bytes(photo())
    return build(
        "pelicanconf.py",
        output,
        PATH=str(content),
        CACHE_PATH=str(work / "cache"),
        CACHE_CONTENT=False,
        LOAD_CONTENT_CACHE=False,
    )


def site_pages(site, query):
    """The real site's pages to look at: home, a search, every article with a table or image."""
    pages = {"home": "/", "zoeken": f"/zoeken/?q={query}"}
    for path in sorted((Path(site) / "artikelen").glob("*.html")):
        if any(mark in path.read_text(encoding="utf-8") for mark in VISUAL):
            pages[path.stem] = f"/artikelen/{path.name}"
    return pages


def open_page(chromium, base, path, width, scheme, height=800):
    """A page at ``width`` in ``scheme``; a search page waits until its answer is announced."""
    page = chromium.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
    page.goto(base + path)
    if "?q=" in path:
        page.wait_for_function(
            "/resulta/.test(document.getElementById('zoekstatus').textContent)", timeout=15_000
        )
    return page


def take(site, pages, folder):
    """Full-page screenshots of ``pages`` at every width and scheme into ``folder``."""
    from .chromium import browser, served  # noqa: PLC0415

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with served(site) as base, browser() as chromium:
        for name, path in pages.items():
            for width in WIDTHS:
                for scheme in SCHEMES:
                    page = open_page(chromium, base, path, width, scheme)
                    shot = folder / f"{name}-{width}-{scheme}.png"
                    page.screenshot(path=str(shot), full_page=True)
                    page.close()
                    written.append(shot)
    log.info("%s schermafbeeldingen geschreven in %s/", len(written), folder)
    return written
