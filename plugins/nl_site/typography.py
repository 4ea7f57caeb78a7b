"""The Dutch typographic rules on text: curly quotes, dashes, ellipses, elisions.

Does what typogrify's smartypants did (and Python-Markdown's smarty extension), on text only:
this module never sees markup. ``smarten`` takes one plain string (a title, a caption, a table
cell); ``Runs`` takes the text of a whole document piece by piece (the Markdown tree walker in
``markdown_typography`` feeds it), so that, like smartypants, a quote is chosen by the text
around it *across* inline tags: in ``"<em>nee</em>",`` the second quote follows "nee", so it
closes.

A spaced hyphen becomes an en dash (werk – privé), a hyphen before a number a minus sign
(−3,5). Dutch elisions stay apostrophes: 's avonds → ’s avonds, 't is → ’t is, de jaren '80 →
de jaren ’80.

How: dashes and ellipses (which change the length) are replaced per piece of text; then all
pieces are joined into one string, block boundaries marked by a line break, and every quote
and hyphen in it replaced by one character (itself, for most hyphens) chosen by its
neighbours. As every replacement keeps the length, the string is cut back into its pieces.
"""

import re

# Is there anything to change at all? (Most texts typed with curly quotes have nothing.) A quote,
# --, ..., . . ., a spaced hyphen or a hyphen before a number at the start of a word. Written to
# start with a character class, which keeps the search fast.
ANY = re.compile(
    r"[-'\".](?:(?<=['\"])|(?<=-)-|(?<=[\s(\[‘“]-)\d|(?<=[ \u00a0]-)[ \u00a0]"
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
OPEN = {"'": "‘", '"': "“"}
CLOSE = {"'": "’", '"': "”"}
NEUTRAL = str.maketrans("'\"-", "xxx")  # text of code as context: letters, no quotes


def _with_lengths_changed(text):
    """Dashes and ellipses (---, --, ...), which replace several characters by one."""
    if "--" in text or ". ." in text or "..." in text:
        return LENGTHS.sub(lambda m: LONG[m.group()], text)
    return text


def _hyphen(text, i):
    """What the hyphen at ``i`` becomes: – (woord - woord), − (-3,5%) or itself (2020-2025)."""
    before = text[i - 1] if i else "\n"
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
        before = text[i - 1] if i else "\n"
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
    """Typographic characters in one plain text (no markup), e.g. a title or a table cell."""
    if not text or (not ANY.search(text) and not text.startswith("-")):
        return text
    return _choose(_with_lengths_changed(text))


class Runs:
    """The text of one document, fed piece by piece in reading order, typeset as a whole.

    ``text`` adds a piece the rules may change and returns its number; ``context`` adds text
    that only informs the choice of its neighbours (code, an entity's character); ``boundary``
    ends a block (a paragraph, a table cell). ``typeset`` returns the new text of every piece.
    """

    def __init__(self):
        self._joined = ["\n"]
        self._length = 1
        self._spans = []  # (start in the joined text, length) of each piece

    def text(self, piece):
        """Add a piece to typeset; return its number."""
        if "--" in piece or "." in piece:
            piece = _with_lengths_changed(piece)
        n = len(piece)
        self._spans.append((self._length, n))
        self._joined.append(piece)
        self._length += n
        return len(self._spans) - 1

    def context(self, text):
        """Add text that stays as it is but counts as the neighbour of what is around it."""
        self._joined.append(text)
        self._length += len(text)

    def boundary(self):
        """End the current block: no quote looks across it."""
        self.context("\n")

    def typeset(self):
        """The typeset text of every piece, by number."""
        joined = "".join(self._joined)
        chosen = _choose(joined) if ANY.search(joined) else joined
        return [chosen[start : start + n] for start, n in self._spans]
