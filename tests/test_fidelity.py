"""Every piece of every seed article is on the built site, and no scraping debris is.

Independent of how posts are written: it reads ../shared/seeds/ and the built HTML only.
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
    # The scrape repeats this paragraph with one word changed ("Behoudt"); the other copy stays.
    "Behoud dus vooral je passie, maar een strategie die daarmee begint",
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


def seed_pieces():
    """(seed file, line number, piece) for every non-debris piece of the seeds."""
    for path in SEED_FILES:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if DEBRIS_LINE.match(line) or any(line.strip().startswith(j) for j in JUDGED):
                continue
            for piece in pieces(line):
                yield path.name, n, normalize(piece)


@pytest.fixture(scope="module")
def site_text(site):
    pages = sorted((site / "artikelen").glob("*.html"))
    assert len(pages) == 18
    return "\n".join(page_text(p.read_text(encoding="utf-8")) for p in pages)


def test_seeds_are_there():
    assert len(SEED_FILES) == 2, "CI must have ../shared/seeds beside the checkout"


def test_every_seed_piece_is_published(site_text):
    found = list(seed_pieces())
    missing = [f"{name}:{n}: {piece[:90]}" for name, n, piece in found if piece not in site_text]
    assert len(found) > 500
    assert not missing, f"{len(missing)} of {len(found)} seed pieces missing:\n" + "\n".join(
        missing
    )


@pytest.mark.parametrize(
    "debris",
    [
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
