"""Dutch typography in one fast pass over the HTML: curly quotes, dashes, ellipses, elisions.

Does what typogrify's smartypants did (and Python-Markdown's smarty extension), but as a
single pass over the finished HTML, so it costs almost nothing; both of those cost as much
as the Markdown conversion itself. Code, preformatted text, scripts and SVG are left alone;
so are tags and their attributes. A spaced hyphen becomes an en dash (werk – privé), a hyphen
before a number a minus sign (−3,5). Dutch elisions stay apostrophes: 's avonds → ’s avonds,
't is → ’t is, de jaren '80 → de jaren ’80.

Like smartypants, a quote is chosen by the text around it *across* inline tags: in
``"<em>nee</em>",`` the second quote follows "nee", so it closes. How it works: the
text between the tags is first given its dashes and ellipses (which change its length),
then all text of the page is joined into one string, block-level tags and skipped
elements marked by a line break, and every quote and hyphen in it is replaced by one
character (itself, for most hyphens), chosen by its neighbours. As every replacement keeps
the length, the string is cut back into the pieces it was made of.
"""

import functools
import re

from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

# Elements whose text is never changed: inline ones still give context to the quotes
# around them (as in smartypants), block ones are a boundary.
SKIP_INLINE = frozenset(("code", "kbd", "samp", "var", "tt"))
SKIP_BLOCK = frozenset(("pre", "script", "style", "svg", "textarea", "math"))
# Inline elements: the text runs on across them; every other tag ends a run of text.
INLINE = SKIP_INLINE | frozenset(
    ("a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "mark")
    + ("q", "s", "small", "span", "strong", "sub", "sup", "time", "u", "wbr")
)

PARTS = re.compile(r"(<[^>]*>)")
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
# Is there anything to change at all? (Most pages of an already typographic text have
# nothing.) A quote, --, ..., . . ., a spaced hyphen or a hyphen before a number at the start of
# a word. Written to start with a character class, which keeps the search fast.
ANY = re.compile(
    r"[-'\".](?:(?<=['\"])|(?<=-)-|(?<=[\s(\[‘“>;]-)\d|(?<=[ \u00a0;]-)[ \u00a0]"
    r"|(?<=\.)\.\.|(?<=\.) \. \.)"
)
LENGTHS = re.compile(r"---?|\.\.\.|\. \. \.")  # replaced per piece of text: they change its length
LONG = {"---": "—", "--": "–", "...": "…", ". . .": "…"}
# A quote, or a hyphen before a space or a number: a Dutch dash (`woord - woord`) or a minus
# sign (-3,5%) if the text before agrees (see _hyphen).
CHOICES = re.compile(r"[-'\"]")
SPACES = frozenset(" \u00a0")
BEFORE_MINUS = frozenset(" \n\t\u00a0([‘“'\"")
# After an apostrophe at the start of a word: Dutch elisions ('s, 't, 'k, 'n, 'm, 'r, 'ns)
# and years ('80, '08).
ELISION = re.compile(r"(?:s|t|k|n|m|r|ns|tzelfde|tzij)\b|\d\d(?!\d)")
OPENS_AFTER = frozenset("([{<–—-/\u00a0")  # a quote after these opens (as after a space)
NBSP = ("&nbsp;", "&#160;", "&#xa0;", "&#xA0;")
OPEN = {"'": "‘", '"': "“"}
CLOSE = {"'": "’", '"': "”"}
NEUTRAL = str.maketrans("'\"-", "xxx")  # text of code as context: letters, no quotes


def _with_lengths_changed(text):
    """Dashes and ellipses (---, --, ...), which replace several characters by one."""
    if "--" in text or ". ." in text or "..." in text:
        return LENGTHS.sub(lambda m: LONG[m.group()], text)
    return text


def _before(text, i):
    """The character before ``i``: a line break at the start, a no-break space for &nbsp;."""
    if not i:
        return "\n"
    if text[i - 1] == ";" and text.endswith(NBSP, 0, i):
        return "\u00a0"
    return text[i - 1]


def _hyphen(text, i):
    """What the hyphen at ``i`` becomes: – (woord - woord), − (-3,5%) or itself (2020-2025)."""
    before = _before(text, i)
    after = text[i + 1 : i + 2]
    if after.isdigit():
        return "−" if before in BEFORE_MINUS else "-"
    if after in SPACES and before in SPACES and text[i + 2 : i + 3].strip() and i > 1:
        return "–" if not text[i - 2].isspace() else "-"
    return "-"


def _choose(text):
    """Every quote and hyphen of ``text`` replaced by one character, by its context."""
    out = []
    done = 0
    opened_at = -2  # position of the last straight quote that became an opening quote
    for match in CHOICES.finditer(text):
        i, char = match.start(), match.group()
        out.append(text[done:i])
        done = i + 1
        if char == "-":
            out.append(_hyphen(text, i))
            continue
        before = _before(text, i)
        after = text[i + 1 : i + 2] or "\n"
        opening = (
            before.isspace()
            or before in OPENS_AFTER
            or before in "‘“"
            or (before in "'\"" and opened_at == i - 1)
        )
        word_before = before.isalnum() or before == "_"
        if char == "'" and not word_before and ELISION.match(text, i + 1):
            out.append("’")  # ’s avonds, ’t, de jaren ’80
        elif opening and not after.isspace():
            out.append(OPEN[char])
            opened_at = i
        else:
            out.append(CLOSE[char])
    out.append(text[done:])
    return "".join(out)


def smarten(text):
    """Typographic characters in plain text (no tags), e.g. a title."""
    if not ANY.search(text) and not text.startswith("-"):
        return text
    return _choose(_with_lengths_changed(text))


@functools.lru_cache(maxsize=512)  # most tags repeat: <p>, </em>, <li>
def _tag(tag):
    """(lower-case name, is a closing tag) of ``tag``; name "" for comments and the like."""
    match = TAG.match(tag)
    return (match[2].lower(), bool(match[1])) if match else ("", False)


def smarten_html(html):
    """Typographic characters in the text of ``html``, outside code, scripts and SVG."""
    if not ANY.search(html) and not html.startswith("-"):
        return html
    parts = PARTS.split(html)
    joined = []  # the text of the page, as context for every quote
    spans = []  # (index in parts, start in the joined text) of each piece to change
    length = 0
    skipping = []  # open elements whose text stays as it is
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            name, closing = _tag(part)
            if name in SKIP_INLINE or name in SKIP_BLOCK:
                if closing:
                    if name in skipping:
                        del skipping[len(skipping) - 1 - skipping[::-1].index(name) :]
                elif not part.endswith("/>"):
                    skipping.append(name)
            if name not in INLINE:  # a block boundary (or a comment): context ends
                joined.append("\n")
                length += 1
        elif part:
            if skipping:
                if not SKIP_BLOCK.isdisjoint(skipping):  # inside pre, script, svg: no context
                    continue
                text = part.translate(NEUTRAL)
            else:
                text = parts[i] = _with_lengths_changed(part)
                spans.append((i, length))
            joined.append(text)
            length += len(text)
    chosen = _choose("".join(joined))
    for i, start in spans:
        parts[i] = chosen[start : start + len(parts[i])]
    return "".join(parts)


class _Typography(Postprocessor):
    def run(self, text):
        return smarten_html(text)


class DutchTypographyExtension(Extension):
    """Register the typographic pass after Markdown has produced its HTML."""

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        """Run after raw HTML (tables, cards) is back in place (priority below 30)."""
        md.postprocessors.register(_Typography(md), "dutch_typography", 5)
