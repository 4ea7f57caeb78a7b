"""Pure text layout of a share card: wrap a title and pick the largest size at which it fits.

``measure(text, size)`` is the only link to a font, so the rules are tested without one.
Nothing is ever cut: a title that does not fit at one size is tried smaller, and a word wider
than the card is split over lines.
"""

import math
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
        return lines_height(len(self.lines), self.size)


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
    """The largest size at which ``text`` wraps into ``width`` x ``height``; every word kept.

    A size at which even the fewest possible lines are too high is skipped without wrapping
    (``fewest_lines`` is a lower bound: the result is the one trying every size would give).
    """
    for size in sizes[:-1]:
        if lines_height(fewest_lines(text, measure, width, size), size) > height:
            continue
        block = Block(size, tuple(wrap(text, _fits(measure, size, width))))
        if block.height() <= height:
            return block
    # The smallest size: taller than asked, but nothing cut.
    return Block(sizes[-1], tuple(wrap(text, _fits(measure, sizes[-1], width))))


def _fits(measure, size, width):
    return lambda line: measure(line, size) <= width


def lines_height(count, size):
    """Height in pixels of ``count`` lines at ``size``."""
    return round(count * size * LINE_HEIGHT)


def fewest_lines(text, measure, width, size):
    """A lower bound of the lines ``text`` wraps into at ``size``: every line but the last is
    at most ``width`` wide and ends where a space was, so the text on one line is narrower than
    that many lines plus their spaces (with 2 % slack for kerning around the spaces)."""
    one_line = measure(" ".join(text.split()), size) * 0.98
    return max(1, math.ceil(one_line / (width + measure(" ", size))))
