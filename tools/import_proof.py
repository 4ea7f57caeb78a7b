"""One-off proof of the import of the seed articles: every piece of every seed article is on its
own article's page, and no scraping debris is published.

The eighteen first articles were converted once from two pasted seed files (outside this
repository). This script proves that conversion; it is not part of the test suite, because
authors edit those articles since (a typo fixed, an article renamed or deleted) and a test must
never forbid that. Run it with the folder of the seed files:

    .venv/bin/python tools/import_proof.py ../shared/seeds

It builds content/ with pelicanconf.py into a temporary folder and reads only the seed files and
the built HTML. A seed file holds articles pasted one after another; an article starts at the
first line that is the title (the <h1>) of a published article, and runs to the next one. Against
the commit of the import everything holds; on later commits, authors' edits show up as
differences, which is expected. Exit status 1 when something does not hold.
"""

import re
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from sitetools.build import build

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
DEBRIS = [
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
]
SEED_ARTICLES = 18
TIKTOK_CARDS = 3


class _Text(HTMLParser):
    """Visible text, a line break before each block element."""

    SKIP = {"script", "style", "head", "svg"}
    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "td", "th", "tr", "blockquote", "figcaption"}
    BLOCKS |= {"br", "div", "caption"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def normalize(text):
    """Collapse all whitespace, including no-break spaces, to single spaces."""
    return re.sub(r"\s+", " ", text).strip()


def page_text(html):
    """Visible text of a page, whitespace collapsed to single spaces."""
    parser = _Text()
    parser.feed(html)
    return normalize("".join(parser.parts))


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


def seed_pieces(seed_files, titles):
    """(seed file, line number, article title, piece) for every non-debris piece of the seeds.

    ``titles`` are the titles of the published articles; each seed line belongs to the article
    whose title came last before it.
    """
    seen = set()
    for path in seed_files:
        title = None
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if normalize(line) in titles and normalize(line) not in seen:
                title = normalize(line)
                seen.add(title)
            if DEBRIS_LINE.match(line) or any(line.strip().startswith(j) for j in JUDGED):
                continue
            for piece in pieces(line):
                yield path.name, n, title, normalize(piece)


def article_texts(site):
    """Title -> visible text of each article page."""
    out = {}
    for page in sorted((site / "artikelen").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        (title,) = re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        out[page_text(title)] = page_text(html)
    return out


def problems(site, seed_files):
    """Everything about the import that does not hold, one line each (empty: proven)."""
    out = []
    if len(seed_files) != 2:
        out.append(f"2 seedbestanden verwacht, {len(seed_files)} gevonden")
    pages = article_texts(site)
    if len(pages) != SEED_ARTICLES:
        out.append(f"{SEED_ARTICLES} artikelen verwacht, {len(pages)} gebouwd")
    found = list(seed_pieces(seed_files, set(pages)))
    starts = {title for _, _, title, _ in found}
    out += [f"seedartikel zonder pagina, of pagina zonder seed: {t}" for t in starts ^ set(pages)]
    if len(found) < 500:
        out.append(f"maar {len(found)} stukken tekst in de seeds gevonden")
    out += [
        f"{name}:{n}: ontbreekt op '{title}': {piece[:90]}"
        for name, n, title, piece in found
        if title not in pages or piece not in pages[title]
    ]
    # The check is per page: a seed line found only on some other article must fail it.
    talent = [t for t in pages if t.startswith("Talent scarcity")]
    piece = normalize("Veel voornemens ontstaan door sociale vergelijking")
    if len(talent) != 1 or piece in pages[talent[0]]:
        out.append("de controle per pagina kan een stuk op een andere pagina niet onderscheiden")
    for slug, caption in sorted(CAPTIONS.items()):
        html = (site / "artikelen" / f"{slug}.html").read_text(encoding="utf-8")
        blocks = [
            page_text(inner)
            for _, inner in re.findall(r"<(p|li|figcaption|h\d)\b[^>]*>(.*?)</\1>", html, re.S)
        ]
        if caption in blocks:
            out.append(f"'{caption}' staat los op {slug}")
        if caption.split()[-1] not in page_text(html):
            out.append(f"{slug} noemt {caption.split()[-1]} niet meer")
    passion = [t for title, t in pages.items() if "Volg je passie" in title]
    text = passion[0] if len(passion) == 1 else ""
    if text.count("Behoud dus vooral je passie") != 1 or "Behoudt" in text:
        out.append("de dubbele alinea van 'Volg je passie' staat er niet precies één keer, goed")
    for debris in DEBRIS:
        hits = [
            str(p.relative_to(site))
            for p in site.rglob("*")
            if p.suffix in (".html", ".xml") and debris in p.read_text(encoding="utf-8")
        ]
        if hits:
            out.append(f"'{debris}' staat op {', '.join(hits)}")
    cards = []
    for page in (site / "artikelen").glob("*.html"):
        html = page.read_text(encoding="utf-8")
        if html.count("Meer lezen?") != 1:
            out.append(f"'Meer lezen?' staat niet precies één keer op {page.name}")
        cards += re.findall(
            r'<figure class="quote-card quote-card-tiktok">(.*?)</figure>', html, re.S
        )
    if len(cards) != TIKTOK_CARDS or not all("TikTok-video van <strong>@" in c for c in cards):
        out.append(f"{TIKTOK_CARDS} TikTok-kaarten verwacht, {len(cards)} gevonden")
    return out


def main(argv):
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        sys.stderr.write("gebruik: .venv/bin/python tools/import_proof.py MAP-MET-SEEDS\n")
        return 2
    seed_files = sorted(Path(argv[0]).glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        site = build(
            "pelicanconf.py", Path(tmp) / "output", CACHE_CONTENT=False, LOAD_CONTENT_CACHE=False
        )
        found = problems(site, seed_files)
    for line in found:
        sys.stderr.write(line + "\n")
    sys.stderr.write(
        f"{len(found)} punten kloppen niet\n"
        if found
        else "bewezen: elk stuk van de seeds staat op de eigen pagina, en geen rommel\n"
    )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
