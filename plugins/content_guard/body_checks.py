"""Checks of a post's text: fenced blocks, links, images and leftover scraping debris."""

import re
from pathlib import Path

from data_tables.tables import FIELDS as TABLE_FIELDS
from data_tables.tables import KIND as TABLE_KIND
from data_tables.tables import parse_table
from fenced_blocks import BlockError, find_blocks
from images.checks import line_problems as image_problems
from quote_cards.quote_cards import FIELDS as CARD_FIELDS
from quote_cards.quote_cards import KINDS as CARD_KINDS
from quote_cards.quote_cards import parse_card

from .problems import Problem

ARTICLE_LINK = re.compile(r"^/artikelen/(?P<slug>[^/#?]+?)\.html(?:[#?].*)?$")
LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)")
DEBRIS = (
    (re.compile(r"Automatisch gegenereerde beschrijving"), "auto-generated image alt text"),
    (re.compile(r"♬|original sound\s*[–-]"), "a TikTok caption (use a ```tiktok card)"),
    (re.compile(r"^\s*Meer lezen\?"), "a 'Meer lezen?' line (the Meer lezen block is automatic)"),
    (re.compile(r"^\s*Gerelateerde artikelen\s*$"), "a 'Gerelateerde artikelen' line"),
)


DEBRIS_MULTILINE = [(re.compile(p.pattern, re.M), what) for p, what in DEBRIS]


def check_body(post, content):
    """Problems in one post's text: blocks, links, images, debris."""
    out = []
    body = post.lines[post.body_start - 1 :]
    first = post.body_start
    if not post.is_page and not any(line.strip() for line in body):
        out.append(Problem(post.display, first, "the post has no text below its metadata"))
    kinds = {TABLE_KIND, *CARD_KINDS}
    try:
        blocks = find_blocks(body, kinds, {TABLE_KIND: TABLE_FIELDS, **CARD_FIELDS}, first)
        for block in blocks:
            (parse_table if block.kind == TABLE_KIND else parse_card)(block)
    except BlockError as err:
        out.append(Problem(post.display, err.line, err.message))
    post.article_links = []
    text = "\n".join(body)
    # One search over the whole text first: most posts have neither debris nor links.
    suspect = any(pattern.search(text) for pattern, _ in DEBRIS_MULTILINE)
    linked = "](" in text
    for n, line in enumerate(body, first):
        for pattern, what in DEBRIS if suspect else ():
            if pattern.search(line):
                out.append(Problem(post.display, n, f"leftover scraping debris: {what}; remove it"))
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
    return out


def _link_problem(post, content, image, target):
    if re.match(r"^(https?:|mailto:|#)", target):
        return None
    match = re.match(r"^\{(filename|static|attach)\}(.*)$", target)
    if not match and not image:
        return None
    path = (match[2] if match else target).split("#")[0]
    base = content if path.startswith("/") else post.path.parent
    if not (Path(base) / path.lstrip("/")).exists():
        what = "image" if image else "linked file"
        where = "the content folder" if path.startswith("/") else "this file"
        return f"the {what} '{path}' does not exist; fix the path (relative to {where})"
    return None
