"""Pure text layout of a share card: wrap a title and pick the largest size at which it fits.

``measure(text, size)`` is the only link to a font, so the rules are tested without one.
Nothing is ever cut: a title that does not fit at one size is tried smaller, and a word wider
than the card is split over lines.
"""

from dataclasses import dataclass

TITLE_SIZES = (76, 68, 60, 54, 48, 44, 40, 36, 32, 28, 24, 20, 16)
LINE_HEIGHT = 1.22


@dataclass(frozen=True)
class Block:
    """A laid-out text: its font size and lines."""

    size: int
    lines: tuple

    def height(self):
        """Height in pixels of all lines."""
        return round(len(self.lines) * self.size * LINE_HEIGHT)


def wrap(text, fits):
    """Lines of ``text``, greedily filled; ``fits(line)`` says whether a line is narrow enough."""
    lines, line = [], ""
    for word in text.split():
        for piece in _pieces(word, fits):
            candidate = f"{line} {piece}" if line else piece
            if fits(candidate) or not line:
                line = candidate
            else:
                lines.append(line)
                line = piece
    if line:
        lines.append(line)
    return lines


def _pieces(word, fits):
    """A word, split into parts that each fit (only when the whole word does not)."""
    if fits(word):
        return [word]
    parts, part = [], ""
    for char in word:
        if part and not fits(part + char):
            parts.append(part)
            part = char
        else:
            part += char
    return [*parts, part]


def fit(text, measure, width, height, sizes=TITLE_SIZES):
    """The largest size at which ``text`` wraps into ``width`` x ``height``; every word kept."""
    block = None
    for size in sizes:
        lines = wrap(text, lambda line, size=size: measure(line, size) <= width)
        block = Block(size, tuple(lines))
        if block.height() <= height:
            return block
    return block  # the smallest size: taller than asked, but nothing cut
