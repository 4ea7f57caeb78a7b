"""Draw a 1200x630 share card (title, label, site name) or crop a hero photo to one.

Same spec, same bytes: a fixed font shipped with the plugin, fixed encoder settings, and no
metadata or timestamps in the files.
"""

import hashlib
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import PIL
from PIL import Image, ImageChops, ImageDraw, ImageFont, ImageOps

from plugins.images.derive import clean

from .layout import LINE_HEIGHT, fit

FONTS = Path(__file__).resolve().parent / "fonts"
BOLD = FONTS / "DejaVuSans-Bold.ttf"
REGULAR = FONTS / "DejaVuSans.ttf"
WIDTH, HEIGHT = 1200, 630
MARGIN = 80
TITLE_TOP, TITLE_HEIGHT = 165, 330
# Light-scheme tokens of the theme; read from tokens.css by ``read_colours`` when it exists.
COLOURS = {"accent": "#1c5a56", "bg": "#fbfaf7", "accent-soft": "#dcebe8", "chart-2": "#c0702a"}
_CODE = b"".join(p.read_bytes() for p in sorted(Path(__file__).parent.glob("*.py")))
CODE_VERSION = hashlib.sha256(
    _CODE + BOLD.read_bytes() + REGULAR.read_bytes() + PIL.__version__.encode()
).hexdigest()[:16]


@dataclass(frozen=True)
class CardSpec:
    """What a generated card shows, and in which colours (a tuple of (token, colour))."""

    title: str
    label: str
    site: str
    colours: tuple


def read_colours(tokens_css):
    """The card's colours from the first (light) block of the theme's tokens.css."""
    text = Path(tokens_css).read_text(encoding="utf-8").split("@media")[0]
    found = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", text))
    return tuple((name, found.get(name, colour)) for name, colour in COLOURS.items())


@lru_cache(maxsize=64)
def font(path, size):
    """The font at ``path`` in ``size`` px."""
    return ImageFont.truetype(str(path), size)


def measure_bold(text, size):
    """Width in px of ``text`` in the bold font."""
    return font(BOLD, size).getlength(text)


def measure_regular(text, size):
    """Width in px of ``text`` in the regular font."""
    return font(REGULAR, size).getlength(text)


def draw_card(spec):
    """PNG bytes of the card for ``spec``.

    Text is drawn as coverage straight into palette indices (two colour ramps and the accent
    bar): a third of the bytes of RGB to compress, and the same anti-aliasing. What every card
    shares (site name, bar) is drawn once per process.
    """
    index = _base(spec.site).copy()
    inner = WIDTH - 2 * MARGIN
    title = fit(spec.title, measure_bold, inner, TITLE_HEIGHT)
    top = TITLE_TOP + max(0, (TITLE_HEIGHT - title.height()) // 2)  # centred in its area
    # Drawn onto index 0 with "colour" TITLE_MAX, coverage becomes the title ramp 0..TITLE_MAX.
    _lines(ImageDraw.Draw(index), title, BOLD, top, TITLE_MAX)
    if spec.label:
        label = fit(spec.label, measure_regular, inner, 90, sizes=(34, 30, 26, 22, 18))
        band = Image.new("L", (WIDTH, LABEL_BAND[1] - LABEL_BAND[0]))
        _lines(ImageDraw.Draw(band), label, REGULAR, LABEL_TOP - LABEL_BAND[0], 255)
        box = (0, LABEL_BAND[0], WIDTH, LABEL_BAND[1])
        index.paste(ImageChops.lighter(index.crop(box), band.point(LABEL_RAMP)), box)
    card = Image.frombytes("P", index.size, index.tobytes())
    card.putpalette(_palette(spec.colours))
    return _png(card)


@lru_cache(maxsize=4)
def _base(site):
    """The palette indices every card shares: the accent bar and the site name."""
    index = Image.new("L", (WIDTH, HEIGHT))
    ImageDraw.Draw(index).text((MARGIN, 548), site, font=font(BOLD, 34), fill=TITLE_MAX)
    index.paste(BAR, (MARGIN, 522, MARGIN + 96, 530))
    return index


# Palette indices: 0-126 background to title colour, 127 the bar, 128-255 background to label.
TITLE_MAX = 126
LABEL_RAMP = [0] + [128 + round(v * 127 / 255) for v in range(1, 256)]
BAR = 127
# The label's rows: it starts at LABEL_TOP and is at most 90 px high (descenders included).
LABEL_TOP = 62
LABEL_BAND = (40, 164)


@lru_cache(maxsize=8)
def _palette(colours):
    colours = dict(colours)

    def rgb(hex_colour):
        return [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]

    def mix(a, b, t):
        return [round(x + (y - x) * t) for x, y in zip(rgb(a), rgb(b), strict=True)]

    bg = colours["accent"]
    out = [mix(bg, colours["bg"], i / 126) for i in range(127)]
    out.append(rgb(colours["chart-2"]))
    out += [mix(bg, colours["accent-soft"], i / 127) for i in range(128)]
    return [c for colour in out for c in colour]


def _lines(draw, block, path, top, fill):
    step = round(block.size * LINE_HEIGHT)
    for n, line in enumerate(block.lines):
        draw.text((MARGIN, top + n * step), line, font=font(path, block.size), fill=fill)


def _png(im):
    # Level 3: 40 % of level 6's encoding time for 20 % more bytes (a card is fetched once,
    # by the site that shows the link).
    out = io.BytesIO()
    im.save(out, "PNG", optimize=False, compress_level=3)
    return out.getvalue()


def crop_hero(source, background):
    """JPEG bytes of the photo at ``source``, upright, sRGB, no metadata, cropped to 1200x630."""
    with Image.open(source) as im:
        im.draft(im.mode, (WIDTH * 2, HEIGHT * 2))
        pixels = clean(im)
    if pixels.mode == "RGBA":
        flat = Image.new("RGB", pixels.size, background)
        flat.paste(pixels, mask=pixels.getchannel("A"))
        pixels = flat
    card = ImageOps.fit(pixels, (WIDTH, HEIGHT), Image.Resampling.LANCZOS, centering=(0.5, 0.5))
    out = io.BytesIO()
    card.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()
