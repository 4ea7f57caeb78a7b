"""Dutch typography in one fast pass over the HTML: curly quotes, dashes, ellipses, elisions.

Does what typogrify's smartypants did (and Python-Markdown's smarty extension), but as a
single regular-expression pass over the finished HTML, so it costs almost nothing; both of
those cost as much as the Markdown conversion itself. Code, preformatted text, scripts and
SVG are left alone; so are tags and their attributes. Dutch elisions stay apostrophes:
's avonds → ’s avonds, 't is → ’t is.
"""

import re

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

SKIP = ("code", "pre", "kbd", "script", "style", "svg", "textarea")
PARTS = re.compile(r"(<[^>]*>)")
OPENING_TAG = re.compile(r"<(/?)([a-zA-Z]+)")
ANY = re.compile(r"['\"]|--|\.\.\.")
RULES = [
    (re.compile(r"---"), "—"),
    (re.compile(r"--"), "–"),
    (re.compile(r"\.\.\."), "…"),
    # Dutch elisions before anything else: 's, 't, 'k, 'n, 'm are apostrophes.
    (re.compile(r"(?<![\w’‘])'(?=(?:s|t|k|n|m)\b)"), "’"),
    (re.compile(r"(?<=\w)'"), "’"),  # cv's, zo'n
    (re.compile(r"(^|(?<=[\s(\[{–—]))'"), "‘"),
    (re.compile(r"'"), "’"),
    (re.compile(r"(^|(?<=[\s(\[{–—]))\""), "“"),
    (re.compile(r"\""), "”"),
]


def smarten(text):
    """Typographic characters in plain text (no tags)."""
    if not ANY.search(text):
        return text
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return text


def smarten_html(html):
    """Typographic characters in the text of ``html``, outside code, scripts and SVG."""
    if not ANY.search(html):
        return html
    parts = PARTS.split(html)
    skipping = []
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            tag = OPENING_TAG.match(part)
            if tag and tag[2].lower() in SKIP and not part.endswith("/>"):
                if tag[1]:
                    if skipping:
                        skipping.pop()
                else:
                    skipping.append(tag[2].lower())
        elif part and not skipping:
            parts[i] = smarten(part)
    return "".join(parts)


class _Typography(Postprocessor):
    def run(self, text):
        return smarten_html(text)


class DutchTypographyExtension(Extension):
    """Register the typographic pass after Markdown has produced its HTML."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        """Run after raw HTML (tables, cards) is back in place (priority below 30)."""
        md.postprocessors.register(_Typography(md), "dutch_typography", 5)
