"""Tiny HTML helpers for tests, on the standard library's parser."""

import re
from html.parser import HTMLParser


class _Text(HTMLParser):
    SKIP = {"script", "style", "head", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag in (
            "p",
            "li",
            "h1",
            "h2",
            "h3",
            "h4",
            "td",
            "th",
            "tr",
            "blockquote",
            "figcaption",
            "br",
            "div",
            "caption",
        ):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page_text(html):
    """Visible text of a page, whitespace (no-break spaces included) collapsed to single spaces."""
    parser = _Text()
    parser.feed(html)
    return normalize("".join(parser.parts))


def normalize(text):
    """Collapse all whitespace, including no-break spaces, to single spaces."""
    return re.sub(r"\s+", " ", text).strip()
