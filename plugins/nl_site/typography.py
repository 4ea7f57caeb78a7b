"""Dutch typography in one fast pass over the HTML: curly quotes, dashes, ellipses, elisions.

Does what typogrify's smartypants did (and Python-Markdown's smarty extension), but as a
single pass over the finished HTML, so it costs almost nothing; both of those cost as much
as the Markdown conversion itself. Code, preformatted text, scripts and SVG are left alone;
so are tags and their attributes. A hyphen before a number becomes a minus sign (−3,5).
Dutch elisions stay apostrophes: 's avonds → ’s avonds,
't is → ’t is, de jaren '80 → de jaren ’80.

Like smartypants, a quote is chosen by the text around it *across* inline tags: in
``"<em>nee</em>",`` the second quote follows "nee", so it closes. How it works: the
text between the tags is first given its dashes and ellipses (which change its length),
then all text of the page is joined into one string, block-level tags and skipped
elements marked by a line break, and every quote and spaced hyphen in it is replaced by
one character, chosen by its neighbours. As every replacement keeps the length, the
string is cut back into the pieces it was made of.
"""

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
ANY = re.compile(r"['\"]|--|\.\.\.|\. \. \.|[ \u00a0]-[ \u00a0]|-\d")
LENGTHS = [  # replacements that change the length of the text: per piece of text
    (re.compile(r"---"), "—"),
    (re.compile(r"--"), "–"),
    (re.compile(r"\.\.\.|\. \. \."), "…"),
]
# A quote, a hyphen with a space on either side (the Dutch dash, `woord - woord`), or a
# hyphen before a number at the start of a word (a minus: -3,5%).
CHOICES = re.compile(r"['\"]|(?<=\S[ \u00a0])-(?=[ \u00a0]\S)|(?:^|(?<=[\s(\[‘“'\"]))-(?=\d)")
# After an apostrophe at the start of a word: Dutch elisions ('s, 't, 'k, 'n, 'm, 'r, 'ns)
# and years ('80, '08).
ELISION = re.compile(r"(?:s|t|k|n|m|r|ns)\b|\d\d(?!\d)")
OPENS_AFTER = frozenset("([{<–—-/\u00a0")  # a quote after these opens (as after a space)
NBSP = ("&nbsp;", "&#160;", "&#xa0;", "&#xA0;")
OPEN = {"'": "‘", '"': "“"}
CLOSE = {"'": "’", '"': "”"}
NEUTRAL = str.maketrans("'\"-", "xxx")  # text of code as context: letters, no quotes


def _with_lengths_changed(text):
    """Dashes and ellipses (---, --, ...), which replace several characters by one."""
    for pattern, replacement in LENGTHS:
        text = pattern.sub(replacement, text)
    return text


def _choose(text):
    """Every quote and spaced hyphen of ``text`` replaced by one character, by its context."""
    out = []
    done = 0
    opened_at = -2  # position of the last straight quote that became an opening quote
    for match in CHOICES.finditer(text):
        i, char = match.start(), match.group()
        out.append(text[done:i])
        done = i + 1
        if char == "-":
            out.append("−" if text[i + 1].isdigit() else "–")
            continue
        before = text[i - 1] if i else "\n"
        after = text[i + 1 : i + 2] or "\n"
        if before == ";" and text.endswith(NBSP, 0, i):
            before = " "
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
    if not ANY.search(text):
        return text
    return _choose(_with_lengths_changed(text))


def smarten_html(html):
    """Typographic characters in the text of ``html``, outside code, scripts and SVG."""
    if not ANY.search(html):
        return html
    parts = PARTS.split(html)
    joined = []  # the text of the page, as context for every quote
    spans = []  # (index in parts, start in the joined text) of each piece to change
    length = 0
    skipping = []  # open elements whose text stays as it is
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            tag = TAG.match(part)
            name = tag[2].lower() if tag else ""
            if name in SKIP_INLINE or name in SKIP_BLOCK:
                if tag[1]:
                    if name in skipping:
                        del skipping[len(skipping) - 1 - skipping[::-1].index(name) :]
                elif not part.endswith("/>"):
                    skipping.append(name)
            if name not in INLINE:  # a block boundary (or a comment): context ends
                joined.append("\n")
                length += 1
        elif part:
            if skipping:
                if any(name in SKIP_BLOCK for name in skipping):
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
