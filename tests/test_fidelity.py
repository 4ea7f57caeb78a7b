"""Every piece of every seed article is on its own article's page, and no scraping debris is.

Independent of how posts are written: it reads ../shared/seeds/ and the built HTML only. A
seed file holds articles pasted one after another; an article starts at the first line that
is the title (the <h1>) of a published article, and runs to the next one.
"""

import re

import pytest
from conftest import SEEDS
from helpers_html import normalize, page_text

SEED_FILES = sorted(SEEDS.glob("*.txt"))

# Lines that are debris by rule: metadata of the agency site, glue between articles,
# auto-generated alt text, TikTok sound lines, table separators, empty lines.
DEBRIS_LINE = re.compile(
    r"^(\s*|- Arbeidsmarkt.*|- Publicatie:.*|Meer lezen\?.*|Gerelateerde artikelen|Lees ook:|\.|"
    r".*Automatisch gegenereerde beschrijving.*|♬ .*|\|[-| ]+\|)$"
)
# Editorial decisions, each a judgement about one line, kept visible here for review:
JUDGED = {
    # A link-card title the scrape cut off ("by ..."): a stray link line, not article text.
    "1. Future of Jobs Report 2025: 78 Million New Job Opportunities by ...",
    # The scrape's second copy of a paragraph, with a typo ("Behoudt"); the first copy stays.
    "Behoudt dus vooral je passie, maar een strategie die daarmee begint",
    # Captions of photos we do not have: alone they read as stray lines (see CAPTIONS).
    "Loopbaancoach Daniëlle Bax",
    "Jarno Duursma",
}
# Photo captions without their photo: they must not stand on the page as a line of their own.
CAPTIONS = {
    "wake-upcall-baanverlies": "Loopbaancoach Daniëlle Bax",
    "matt-shumer-toekomst-van-werk": "Jarno Duursma",
}
TREND_WORDS = {"📈": "stijgend", "📉": "dalend", "🟢": "stabiel"}


def pieces(line):
    """The checkable parts of one seed line: glued lines split, list markers dropped."""
    line = line.strip().replace("\u00a0", " ")
    if line.startswith("|"):  # a Markdown table row of the source
        return [cell.strip() for cell in line.strip("|").split("|") if cell.strip()]
    row = re.match(r"^(?P<label>[^\d%]+?) (?P<values>(\d+(,\d+)?% ?)+)(?P<trend>[📈📉🟢])?$", line)
    if row:  # a space-separated statistics row ("Vacaturesites 18% 16% 15% 15% 📉")
        values = row["values"].split()
        return [row["label"], *values, *([TREND_WORDS[row["trend"]]] if row["trend"] else [])]
    parts = re.split(r":- |(?<=\.) - (?=[A-Z])|(?<=[a-z]\.)(?=[A-Z])", line)
    out = []
    for part in parts:
        part = re.sub(r"^(- |• |✔️ ?|\d+\. )", "", part.strip()).strip()
        if part:
            out.append(part)
    return out


def seed_pieces(titles):
    """(seed file, line number, article title, piece) for every non-debris piece of the seeds.

    ``titles`` are the titles of the published articles; each seed line belongs to the article
    whose title came last before it.
    """
    seen = set()
    for path in SEED_FILES:
        title = None
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if normalize(line) in titles and normalize(line) not in seen:
                title = normalize(line)
                seen.add(title)
            if DEBRIS_LINE.match(line) or any(line.strip().startswith(j) for j in JUDGED):
                continue
            for piece in pieces(line):
                yield path.name, n, title, normalize(piece)


@pytest.fixture(scope="module")
def pages(site):
    """Title -> visible text of each article page."""
    out = {}
    for page in sorted((site / "artikelen").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        (title,) = re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        out[page_text(title)] = page_text(html)
    assert len(out) == 18
    return out


def test_seeds_are_there():
    assert len(SEED_FILES) == 2, "CI must have ../shared/seeds beside the checkout"


def test_every_seed_article_is_published(pages):
    starts = {title for _, _, title, _ in seed_pieces(set(pages))}
    assert starts == set(pages), "seed articles without a page (or pages without a seed)"


def test_every_seed_piece_is_on_its_own_page(pages):
    found = list(seed_pieces(set(pages)))
    missing = [
        f"{name}:{n}: {piece[:90]} (in '{title}')"
        for name, n, title, piece in found
        if piece not in pages[title]
    ]
    assert len(found) > 500
    assert not missing, f"{len(missing)} of {len(found)} seed pieces missing:\n" + "\n".join(
        missing
    )


def test_a_piece_on_another_page_does_not_count(pages):
    """The check is per page: a seed line found only on some other article fails it."""
    (title,) = [t for t in pages if t.startswith("Talent scarcity")]
    piece = normalize("Veel voornemens ontstaan door sociale vergelijking")
    assert piece not in pages[title] and any(piece in text for text in pages.values())


@pytest.mark.parametrize(("slug", "caption"), sorted(CAPTIONS.items()))
def test_orphan_photo_captions_are_gone(site, slug, caption):
    html = (site / "artikelen" / f"{slug}.html").read_text(encoding="utf-8")
    blocks = [
        page_text(inner)
        for _, inner in re.findall(r"<(p|li|figcaption|h\d)\b[^>]*>(.*?)</\1>", html, re.S)
    ]
    assert len(blocks) > 10
    assert caption not in blocks, f"'{caption}' stands alone on {slug}"
    assert caption.split()[-1] in page_text(html)  # the person is still named in the text


def test_duplicated_paragraph_kept_once_correct_and_in_its_place(pages):
    (text,) = [t for title, t in pages.items() if "Volg je passie" in title]
    assert text.count("Behoud dus vooral je passie") == 1 and "Behoudt" not in text
    before = text.index("Gelukkig (en logischerwijs) hoeft leeftijd")
    after = text.index("When older job seekers target urgent")
    assert before < text.index("Behoud dus vooral je passie") < after


@pytest.mark.parametrize(
    "debris",
    [
        "Behoudt dus",
        "maken.maken.",
        "Automatisch gegenereerde beschrijving",
        "Afbeelding met tekst",
        "♬",
        "original sound",
        "Bekijk ook deze blogs",
        "Gerelateerde artikelen",
        "Publicatie:",
        "Lees ook:",
    ],
)
def test_no_debris_published(site, debris):
    hits = [
        str(p.relative_to(site))
        for p in site.rglob("*")
        if p.suffix in (".html", ".xml") and debris in p.read_text(encoding="utf-8")
    ]
    assert not hits, f"'{debris}' is published in {hits}"


def test_meer_lezen_heading_only_in_the_block(site):
    for page in (site / "artikelen").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert html.count("Meer lezen?") == 1, page
        assert '<h2 id="meer-lezen-titel">Meer lezen?</h2>' in html


def test_tiktok_captions_became_cards(site):
    cards = []
    for page in (site / "artikelen").glob("*.html"):
        cards += re.findall(
            r'<figure class="quote-card quote-card-tiktok">(.*?)</figure>',
            page.read_text(encoding="utf-8"),
            re.S,
        )
    assert len(cards) == 3
    for card in cards:
        assert "TikTok-video van <strong>@" in card
        assert "<script" not in card and "tiktok.com/embed" not in card
