"""The Dutch typographic rules in Python-Markdown: a treeprocessor that changes text nodes only.

It runs on Markdown's element tree after the inline patterns, so it only ever sees the ``text``
and ``tail`` strings of elements: tags, attributes and comments are written later by Markdown's
own serializer, untouched. Raw HTML the author wrote is not in the tree at all: Markdown keeps it
in its ``htmlStash`` and leaves a placeholder in the text, so a raw HTML block (a ``<div>``, a
comment, an ``<svg>``) comes out byte-identical. Inline raw tags (``Een <abbr title="…">WW</abbr>``)
are placeholders too; they are read (with ``html.parser``, once per distinct tag) only to know
the text between them: after an opening ``<code>``, ``<kbd>``, ``<svg>`` … it stays as it is.

Text in ``code``, ``kbd``, ``samp``, ``var`` and ``tt`` is never changed but still counts as
context for the quotes around it (as in smartypants); ``pre``, ``script``, ``style``, ``svg``,
``math`` and ``textarea`` are skipped entirely and end the context, as do block elements.
An author who wants a straight quote escapes it (``\\"``), as with Markdown's smarty.
"""

import functools
import html
import re
from html.parser import HTMLParser

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from .typography import NEUTRAL, Runs

# Elements whose text is never changed: inline ones still give context to the quotes
# around them (as in smartypants), block ones are a boundary.
SKIP_INLINE = frozenset(("code", "kbd", "samp", "var", "tt"))
SKIP_BLOCK = frozenset(("pre", "script", "style", "svg", "textarea", "math"))
# Inline elements: the text runs on across them; every other element ends a run of text.
INLINE = SKIP_INLINE | frozenset(
    ("a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "mark")
    + ("q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "wbr")
)
# Objects in a line of text (an image, an inline SVG icon, a comment): to the quotes around
# them a word.
OBJECTS = frozenset(("img", "svg", "math", "picture", "video", "audio", "iframe", "object"))
OBJECT = "x"
# Placeholders Markdown leaves in the text: raw HTML (\x02wzxhzdk:7\x03, a number in the
# htmlStash) and backslash escapes (\x0234\x03, the escaped character's code).
PLACEHOLDER = re.compile("\x02(?:wzxhzdk:(\\d+)|(\\d+))\x03")
PRIORITY = 4  # after abbr (7) and attr_list (8), before unescape (0) restores escapes


class _OneTag(HTMLParser):
    """What a stashed piece of raw HTML is: one tag, one comment, or more (a block)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag))

    def handle_startendtag(self, tag, attrs):
        self.events.append(("void", tag))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_comment(self, data):
        self.events.append(("comment", ""))

    def handle_data(self, data):
        self.events.append(("data", data))

    def unknown_decl(self, data):
        self.events.append(("block", ""))


@functools.lru_cache(maxsize=1024)  # inline tags repeat: <abbr title="…">, </abbr>, &nbsp;
def _stashed(raw):
    """(kind, name or character) of a piece of raw HTML Markdown stashed."""
    if raw.startswith("&") and raw.endswith(";") and "<" not in raw:
        return ("entity", html.unescape(raw))
    parser = _OneTag()
    parser.feed(raw)
    parser.close()
    events = [e for e in parser.events if e != ("data", "\n")]
    return events[0] if len(events) == 1 and events[0][0] != "data" else ("block", "")


class _Walk:
    """One pass over a tree: collect the text pieces in reading order, then write them back."""

    def __init__(self, stash):
        self.stash = stash
        self.runs = Runs()
        # (element, "text" or "tail", piece number or a list of piece numbers and literals)
        self.slots = []
        self.raw_open = []  # protected elements opened by inline raw HTML, innermost last

    def element(self, elem):
        tag = elem.tag
        if isinstance(tag, str):  # not a comment or processing instruction
            if tag in OBJECTS:
                self.runs.context(OBJECT)
            elif tag in SKIP_BLOCK:
                self.runs.boundary()
            elif tag in SKIP_INLINE:
                self.runs.context("".join(elem.itertext()).translate(NEUTRAL))
            else:
                block = tag not in INLINE
                if block:
                    self.runs.boundary()
                if elem.text:
                    self.slot(elem, "text", elem.text)
                for child in elem:
                    self.element(child)
                if block:
                    self.runs.boundary()
                    self.raw_open.clear()  # an inline raw tag never reaches past its block
        if elem.tail:
            self.slot(elem, "tail", elem.tail)

    def slot(self, elem, attr, value):
        """Note the text or tail of ``elem``: its pieces to typeset, its placeholders."""
        if "\x02" not in value and not self.raw_open:  # most text: one piece
            if value.isspace():  # the line breaks between blocks: nothing to change
                self.runs.context(value)
            else:
                self.slots.append((elem, attr, self.runs.text(value)))
            return
        pieces, done = [], 0
        for match in PLACEHOLDER.finditer(value):
            pieces.append(self.piece(value[done : match.start()]))
            pieces.append(match.group())
            self.placeholder(match)
            done = match.end()
        pieces.append(self.piece(value[done:]))
        self.slots.append((elem, attr, pieces))

    def piece(self, text):
        """The number of a piece to typeset, or the text itself where it must stay as it is."""
        if not self.raw_open:
            return self.runs.text(text)
        if SKIP_BLOCK.isdisjoint(self.raw_open):
            self.runs.context(text.translate(NEUTRAL))
        return text

    def placeholder(self, match):
        if match[2]:  # a backslash escape: the character as written, kept as it is
            self.runs.context(chr(int(match[2])))
            return
        raw = self.stash.rawHtmlBlocks[int(match[1])]
        kind, name = _stashed(raw) if isinstance(raw, str) else ("block", "")
        if self.raw_open and not (kind == "end" and name in self.raw_open):
            if kind == "start" and (name in SKIP_INLINE or name in SKIP_BLOCK):
                self.raw_open.append(name)  # <svg><text>, <kbd><b>: inside, nothing counts
            return
        if kind == "entity":
            self.runs.context(name)
        elif kind == "comment":  # as an object: a quote right after a comment's end closes
            self.runs.context(OBJECT)
        elif kind in ("start", "void") and name in OBJECTS:
            self.runs.context(OBJECT)
            if kind == "start" and name in SKIP_BLOCK:  # its text is drawn: leave it
                self.raw_open.append(name)
        elif kind == "start" and (name in SKIP_INLINE or name in SKIP_BLOCK):
            self.raw_open.append(name)
            if name in SKIP_BLOCK:
                self.runs.boundary()
        elif kind == "end" and name in self.raw_open:
            del self.raw_open[len(self.raw_open) - 1 - self.raw_open[::-1].index(name) :]
            if name in SKIP_BLOCK and name not in OBJECTS:
                self.runs.boundary()
        elif name not in INLINE and name not in OBJECTS:
            self.runs.boundary()  # <br>, <p>, a whole block of HTML

    def write_back(self):
        typeset = self.runs.typeset()
        for elem, attr, pieces in self.slots:
            if type(pieces) is int:
                new = typeset[pieces]
            else:
                new = "".join(typeset[p] if type(p) is int else p for p in pieces)
            setattr(elem, attr, new)


class _Typography(Treeprocessor):
    def run(self, root):
        walk = _Walk(self.md.htmlStash)
        for child in root:
            walk.element(child)
        walk.write_back()


class DutchTypographyExtension(Extension):
    """Curly quotes, dashes, ellipses and Dutch elisions in the text of a Markdown document."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        """Register the treeprocessor; let authors escape a quote to keep it straight."""
        for char in "\"'":
            if char not in md.ESCAPED_CHARS:
                md.ESCAPED_CHARS.append(char)
        md.treeprocessors.register(_Typography(md), "dutch_typography", PRIORITY)
