"""Share cards: the text layout rules, the drawn card, and og:image on every page of the site."""

import io
import re
from functools import lru_cache

import pytest
from conftest import fixture_posts, fixture_themes
from PIL import Image, ImageDraw

from plugins.share_cards.card import (
    BOLD,
    REGULAR,
    CardSpec,
    draw_card,
    font,
    read_colours,
)
from plugins.share_cards.layout import fit, wrap

# --- layout (pure) --------------------------------------------------------------------------


def per_char(text, size):
    """A fake font: every character is ``size`` / 2 px wide."""
    return len(text) * size / 2


@pytest.mark.unit
def test_wrap_fills_lines_greedily_and_keeps_every_word():
    lines = wrap("een twee drie vier vijf", lambda line: len(line) <= 9)
    assert lines == ["een twee", "drie vier", "vijf"]


@pytest.mark.unit
def test_a_word_wider_than_the_card_is_split_not_cut():
    lines = wrap("ondernemingsraadsverkiezing", lambda line: len(line) <= 10)
    assert "".join(lines) == "ondernemingsraadsverkiezing"
    assert all(len(line) <= 10 for line in lines)


@pytest.mark.unit
def test_fit_picks_the_largest_size_that_fits():
    block = fit("Kort", per_char, width=1000, height=300)
    assert block.size == 76 and block.lines == ("Kort",)
    longer = fit("een titel " * 8, per_char, width=1000, height=300)
    assert longer.size < 76
    assert longer.height() <= 300


@pytest.mark.unit
def test_a_very_long_title_is_scaled_down_never_cut():
    title = " ".join(["loopbaanbegeleiding"] * 60)
    block = fit(title, per_char, width=1000, height=300)
    assert block.size == 20 and block.height() <= 300
    assert " ".join(block.lines).split() == title.split()
    title = " ".join(["loopbaanbegeleiding"] * 400)  # fits at no size: smallest, all of it
    block = fit(title, per_char, width=1000, height=300)
    assert block.size == 16 and block.height() > 300
    assert " ".join(block.lines).split() == title.split()


# --- the drawn card ---------------------------------------------------------------------------

COLOURS = (
    ("accent", "#1c5a56"),
    ("bg", "#fbfaf7"),
    ("accent-soft", "#dcebe8"),
    ("chart-2", "#c0702a"),
)


@lru_cache
def card(title, label="Arbeidsmarkt · AI"):
    return draw_card(CardSpec(title, label, "Werk in beweging", COLOURS))


@pytest.mark.unit
def test_card_is_1200_by_630_png_without_metadata():
    with Image.open(io.BytesIO(card("Eén op de vijf vindt werk via het netwerk"))) as im:
        assert (im.format, im.size) == ("PNG", (1200, 630))
        assert set(im.info) <= {"dpi"} and not dict(im.getexif())


@pytest.mark.unit
def test_same_inputs_same_bytes_and_titles_differ():
    assert card("Een titel") == draw_card(
        CardSpec("Een titel", "Arbeidsmarkt · AI", "Werk in beweging", COLOURS)
    )
    assert card("Een titel") != card("Een andere titel")


def glyph(path, char):
    im = Image.new("L", (80, 80))
    ImageDraw.Draw(im).text((10, 10), char, font=font(path, 40), fill=255)
    return im.tobytes()


@pytest.mark.unit
def test_font_has_the_dutch_diacritics():
    for path in (BOLD, REGULAR):
        missing = glyph(path, "\U0010ffff")  # the font's 'no glyph' box
        for char, plain in zip("éëèïöüáóÉË’“”€", 'eeeiouaoEE\'""E', strict=True):
            drawn = glyph(path, char)
            assert drawn != missing and drawn != glyph(path, plain), (path.name, char)


@pytest.mark.unit
def test_colours_come_from_the_theme_tokens(tmp_path):
    css = tmp_path / "tokens.css"
    css.write_text(
        ":root { --accent: #123456; --bg: #ffffff; }\n@media x { :root { --accent: #000000; } }"
    )
    colours = dict(read_colours(css))
    assert colours["accent"] == "#123456" and colours["bg"] == "#ffffff"
    assert colours["chart-2"] == "#c0702a"  # not in the file: the default


# --- the built fixture site -------------------------------------------------------------------


def meta(html, prop):
    found = re.search(rf'<meta (?:property|name)="{re.escape(prop)}" content="([^"]*)"', html)
    return found[1] if found else None


def test_every_page_has_a_share_card_that_resolves_to_1200x630(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > len(fixture_posts()) + len(fixture_themes())
    cards = {}
    for path in pages:
        html = path.read_text(encoding="utf-8")
        url = meta(html, "og:image")
        assert url and url.startswith("http://localhost:8000/deelkaarten/"), path
        assert meta(html, "twitter:card") == "summary_large_image", path
        assert (meta(html, "og:image:width"), meta(html, "og:image:height")) == ("1200", "630")
        assert meta(html, "og:image:alt"), path
        file = site / url.removeprefix("http://localhost:8000/")
        with Image.open(file) as im:
            assert im.size == (1200, 630), file
        cards[str(path.relative_to(site))] = url
    own = [cards["index.html"], cards["thema/onderzoek/index.html"]]
    own += [
        cards["rubriek/arbeidsmarkt/index.html"],
        cards["artikelen/kanalen-in-cijfers.html"],
    ]
    assert len(set(own)) == 4  # home, theme, rubric and article each have their own card


def test_every_article_has_a_complete_link_preview(site):
    articles = sorted((site / "artikelen").glob("*.html"))
    assert len(articles) == len(fixture_posts())
    images = set()
    for path in articles:
        html = path.read_text(encoding="utf-8")
        for prop in ("og:title", "og:description", "og:image", "og:url", "og:image:alt"):
            assert meta(html, prop), (path.name, prop)
        images.add(meta(html, "og:image"))
    assert len(images) == len(articles)  # a card per title


def test_a_draft_gets_a_card_in_the_preview_but_none_in_a_publish(site, published):
    """A published site never holds a draft's title, not even drawn on a share card."""
    drafts = [post.get("slug") for post in fixture_posts("draft")]
    assert drafts
    for slug in drafts:
        assert list((site / "deelkaarten").glob(f"artikel-{slug}-*"))
        assert not list((published / "deelkaarten").glob(f"artikel-{slug}-*"))


def test_published_card_urls_are_absolute(published):
    html = (published / "index.html").read_text(encoding="utf-8")
    assert meta(html, "og:image").startswith("https://werkinbeweging.nl/deelkaarten/home-")


@pytest.fixture(scope="module")
def hero_site(tmp_path_factory):
    from conftest import run_task  # noqa: PLC0415
    from image_site import image_project  # noqa: PLC0415

    project = image_project(tmp_path_factory.mktemp("cards"))
    assert run_task(project, "build").returncode == 0
    return project / "output"


def test_hero_image_becomes_the_card_cropped_and_clean(hero_site):
    html = (hero_site / "artikelen" / "met-fotos.html").read_text(encoding="utf-8")
    url = meta(html, "og:image")
    assert url.endswith(".jpg") and meta(html, "og:image:alt") == "De coach aan tafel"
    with Image.open(hero_site / url.removeprefix("http://localhost:8000/")) as im:
        assert im.size == (1200, 630)
        assert not dict(im.getexif()) and "icc_profile" not in im.info and "xmp" not in im.info
    other = (hero_site / "artikelen" / "zonder-foto.html").read_text(encoding="utf-8")
    assert meta(other, "og:image").endswith(".png")
