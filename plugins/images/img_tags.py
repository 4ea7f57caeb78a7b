"""Find the <img> tags of a post's HTML with a real HTML parser, by their exact place.

The images plugin replaces each local <img> (and the <p> around it, when the image stands alone
in its paragraph) by a <figure>/<picture>. A regular expression over HTML would also rewrite an
<img> inside a comment and stop at a '>' inside an attribute; ``html.parser`` reads the markup
as a browser does, and we only splice the spans it reports, so every other byte stays as it was.
"""

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True)
class ImgTag:
    """One <img>: where to splice (``start``:``end``), its attributes, and whether the span is a
    whole paragraph holding only this image (then it becomes a figure with a caption)."""

    start: int
    end: int
    attrs: dict
    alone: bool


class _Events(HTMLParser):
    """Every token of the document as (kind, tag, start, end, attrs), with character offsets."""

    def __init__(self, html):
        super().__init__(convert_charrefs=False)
        self.html = html
        self.lines = [0]
        self.lines += [i + 1 for i, c in enumerate(html) if c == "\n"]
        self.events = []
        self.feed(html)
        self.close()

    def _offset(self):
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def _tag(self, kind, tag, attrs):
        start = self._offset()
        end = start + len(self.get_starttag_text())
        self.events.append((kind, tag, start, end, {k: v or "" for k, v in attrs}))

    def handle_starttag(self, tag, attrs):
        self._tag("start", tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._tag("start", tag, attrs)

    def handle_endtag(self, tag):
        start = self._offset()
        self.events.append(("end", tag, start, self.html.index(">", start) + 1, {}))

    def handle_data(self, data):
        self.events.append(("blank" if not data.strip() else "text", "", 0, 0, {}))

    def _other(self, *args):
        self.events.append(("text", "", 0, 0, {}))

    handle_comment = handle_entityref = handle_charref = handle_decl = handle_pi = _other
    unknown_decl = _other


def find_images(html):
    """Every <img> start tag outside comments, in document order (see ``ImgTag``)."""
    events = [e for e in _Events(html).events]
    found = []
    for i, (kind, tag, start, end, attrs) in enumerate(events):
        if kind != "start" or tag != "img":
            continue
        before = _neighbour(events, i, -1)
        after = _neighbour(events, i, +1)
        if before and after and before[:2] == ("start", "p") and after[:2] == ("end", "p"):
            found.append(ImgTag(before[2], after[3], attrs, True))
        else:
            found.append(ImgTag(start, end, attrs, False))
    return found


def _neighbour(events, i, step):
    """The nearest event before (step -1) or after (+1) index ``i`` that is not white space."""
    j = i + step
    while 0 <= j < len(events) and events[j][0] == "blank":
        j += step
    return events[j] if 0 <= j < len(events) else None


def splice(html, images, replace):
    """``html`` with each image's span replaced by ``replace(image)`` (None keeps it)."""
    parts, last = [], 0
    for image in images:
        new = replace(image)
        if new is None:
            continue
        parts += [html[last : image.start], new]
        last = image.end
    return "".join(parts) + html[last:]
