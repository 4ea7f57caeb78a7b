"""Checks of a post's text: fenced blocks, links, images and leftover scraping debris."""

import re
from pathlib import Path

from plugins.data_tables.tables import FIELDS as TABLE_FIELDS
from plugins.data_tables.tables import KIND as TABLE_KIND
from plugins.data_tables.tables import parse_table
from plugins.fenced_blocks import BlockError, find_blocks
from plugins.images.checks import line_problems as image_problems
from plugins.quote_cards.quote_cards import FIELDS as CARD_FIELDS
from plugins.quote_cards.quote_cards import KINDS as CARD_KINDS
from plugins.quote_cards.quote_cards import parse_card

from .links import site_link_problem
from .problems import Problem

ARTICLE_LINK = re.compile(r"^/artikelen/(?P<slug>[^/#?]+?)\.html(?:[#?].*)?$")
LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)")
DEBRIS = (
    (re.compile(r"Automatisch gegenereerde beschrijving"), "automatische alt-tekst van een foto"),
    (
        re.compile(r"♬|original sound\s*[–-]"),
        "een TikTok-onderschrift (maak er een ```tiktok-blok van)",
    ),
    (re.compile(r"^\s*Meer lezen\?"), "een regel 'Meer lezen?' (dat blok komt er vanzelf onder)"),
    (re.compile(r"^\s*Gerelateerde artikelen\s*$"), "een regel 'Gerelateerde artikelen'"),
)


DEBRIS_MULTILINE = [(re.compile(p.pattern, re.M), what) for p, what in DEBRIS]


def check_body(post, content):
    """Problems in one post's text: blocks, links, images, debris."""
    out = []
    body = post.lines[post.body_start - 1 :]
    first = post.body_start
    if not post.is_page and not any(line.strip() for line in body):
        out.append(
            Problem(
                post.display,
                first,
                "er staat geen tekst onder de velden; schrijf de tekst na een lege regel",
            )
        )
    kinds = {TABLE_KIND, *CARD_KINDS}
    try:
        blocks = find_blocks(body, kinds, {TABLE_KIND: TABLE_FIELDS, **CARD_FIELDS}, first)
        for block in blocks:
            (parse_table if block.kind == TABLE_KIND else parse_card)(block)
    except BlockError as err:
        out.append(Problem(post.display, err.line, err.message))
    post.article_links = []
    post.file_links = []  # (line, the post file a '{filename}' link points at)
    text = "\n".join(body)
    # One search over the whole text first: most posts have neither debris nor links.
    suspect = any(pattern.search(text) for pattern, _ in DEBRIS_MULTILINE)
    linked = "](" in text
    for n, line in enumerate(body, first):
        for pattern, what in DEBRIS if suspect else ():
            if pattern.search(line):
                out.append(
                    Problem(
                        post.display,
                        n,
                        f"er staat nog rommel van een gekopieerde webpagina: {what}; haal die weg",
                    )
                )
        if "![" in line:  # images: the images plugin's checks (alt text, file, size, SVG)
            out += [Problem(post.display, n, m) for m in image_problems(line, post.path, content)]
        for image, target in LINK.findall(line) if linked else ():
            if image:
                continue
            article = ARTICLE_LINK.match(target)
            if article and not image:  # checked once all slugs are known
                post.article_links.append((n, article["slug"]))
                continue
            problem = _link_problem(post, content, image, target)
            if problem:
                out.append(Problem(post.display, n, problem))
            elif target.startswith("{filename}"):  # checked once all statuses are known
                path = target.removeprefix("{filename}").split("#")[0]
                base = content if path.startswith("/") else post.path.parent
                post.file_links.append((n, (Path(base) / path.lstrip("/")).resolve()))
    return out


def _link_problem(post, content, image, target):
    if re.match(r"^(https?:|mailto:|#)", target):
        return None
    if site_link_problem(target):  # the one form for links to the site: '/artikelen/x.html'
        return site_link_problem(target)
    match = re.match(r"^\{(filename|static|attach)\}(.*)$", target)
    if not match and not image:
        return None
    path = (match[2] if match else target).split("#")[0]
    base = content if path.startswith("/") else post.path.parent
    if not (Path(base) / path.lstrip("/")).exists():
        what = "de afbeelding" if image else "het gelinkte bestand"
        where = "de map content" if path.startswith("/") else "de map van dit artikel"
        return f"{what} '{path}' bestaat niet; controleer het pad (gezien vanuit {where})"
    return None
