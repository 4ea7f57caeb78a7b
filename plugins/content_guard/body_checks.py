"""Checks of a post's text: fenced blocks, links, images and leftover scraping debris."""

import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from markdown.blockprocessors import ReferenceProcessor

from plugins.data_tables.tables import FIELDS as TABLE_FIELDS
from plugins.data_tables.tables import KIND as TABLE_KIND
from plugins.data_tables.tables import parse_table
from plugins.fenced_blocks import BlockError, find_blocks
from plugins.images.checks import line_problems as image_problems
from plugins.images.rules import DECORATIVE, RASTER, VECTOR, ImageRef, find_images
from plugins.images.sources import image_problems as image_file_problems
from plugins.quote_cards.quote_cards import FIELDS as CARD_FIELDS
from plugins.quote_cards.quote_cards import KINDS as CARD_KINDS
from plugins.quote_cards.quote_cards import parse_card

from .links import site_link_problem
from .problems import Problem

ARTICLE_LINK = re.compile(r"^/artikelen/(?P<slug>[^/#?]+?)\.html(?:[#?].*)?$")
LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)")
# '[1]: /artikelen/x.html': Python-Markdown's own pattern for a reference definition.
REFERENCE = ReferenceProcessor.RE
FENCE = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
INLINE_CODE = re.compile(r"(`+).+?\1")
# Root-relative links to files an author puts in the content folder (not to pages of the site).
STATIC_ROOTS = ("/images/", "/extra/")
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
    linked = "](" in text or "]:" in text or "<" in text
    code = code_lines(body, kinds) if "```" in text or "~~~" in text else set()
    for n, line in enumerate(body, first):
        if n - first in code:
            continue
        for pattern, what in DEBRIS if suspect else ():
            if pattern.search(line):
                out.append(
                    Problem(
                        post.display,
                        n,
                        f"er staat nog rommel van een gekopieerde webpagina: {what}; haal die weg",
                    )
                )
        line = INLINE_CODE.sub("", line) if "`" in line else line
        if "![" in line:  # images: the images plugin's checks (alt text, file, size, SVG)
            out += [Problem(post.display, n, m) for m in image_problems(line, post.path, content)]
        for target in line_links(line) if linked else ():
            article = ARTICLE_LINK.match(target)
            if article:  # checked once all slugs are known
                post.article_links.append((n, article["slug"]))
                continue
            problems = _link_problems(post, content, target)
            out += [Problem(post.display, n, m) for m in problems]
            if not problems and target.startswith("{filename}"):  # checked once statuses are known
                path = target.removeprefix("{filename}").split("#")[0]
                base = content if path.startswith("/") else post.path.parent
                post.file_links.append((n, (Path(base) / path.lstrip("/")).resolve()))
    return out


def code_lines(body, kinds):
    """Indexes of the lines of fenced code blocks (not of our own ```tabel and card blocks)."""
    fence, code, out = "", False, set()
    for i, line in enumerate(body):
        match = FENCE.match(line)
        if not fence and match:
            fence, code = match["fence"], match["info"].strip().lower() not in kinds
        elif fence and match and match["fence"].startswith(fence) and not match["info"].strip():
            fence = ""
        elif not fence:
            continue
        if code:
            out.add(i)
    return out


class _RawLinks(HTMLParser):
    """Addresses in raw HTML written in a post: <a href>, <img src>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (tag, name) in (("a", "href"), ("img", "src")):
                self.found.append(value.strip())


def line_links(line):
    """Every link address on one line: inline and reference links, raw HTML (not images)."""
    found = [target for image, target in LINK.findall(line) if not image]
    for ref in find_images(line) if "![" in line else ():  # a link written in a caption
        found += [target for image, target in LINK.findall(ref.title) if not image]
    reference = REFERENCE.match(line)
    if reference:
        found.append(reference[2].lstrip("<").rstrip(">"))
    if "<" in line:
        raw = _RawLinks()
        raw.feed(line)
        raw.close()
        found += raw.found
    return found


def _link_problems(post, content, target):
    """Dutch messages for a link address that cannot work, from the source alone."""
    if re.match(r"^(https?:|mailto:|tel:|#|//)", target):
        return []
    if site_link_problem(target):  # the one form for links to the site: '/artikelen/x.html'
        return [site_link_problem(target)]
    match = re.match(r"^\{(filename|static|attach)\}(.*)$", target)
    path = (match[2] if match else target).split("#")[0].split("?")[0]
    folder = post.path.parent.relative_to(content).as_posix()
    if PurePosixPath(path).suffix.lower() in RASTER | VECTOR:
        # A link to a photo itself: published as a clean copy, if it is a good image.
        ref = ImageRef(DECORATIVE, match[2] if match else target)
        return image_file_problems(ref, "" if folder == "." else folder, content)
    if not match and not path.startswith(STATIC_ROOTS):
        return []  # a page of the site: the build checks it on the finished site
    base = content if path.startswith("/") else post.path.parent
    if not (Path(base) / path.lstrip("/")).exists():
        where = "de map content" if path.startswith("/") else "de map van dit artikel"
        why = f"het gelinkte bestand '{path}' bestaat niet"
        return [f"{why}; controleer het pad (gezien vanuit {where})"]
    return []
