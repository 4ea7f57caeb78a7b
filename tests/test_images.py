"""Images in posts: the pure rules, the checks, and a small site built with real images."""

import re
import shutil

import pytest
from conftest import run_task, snapshot
from image_site import SVG, image_project, phone_photo
from PIL import Image

from plugins.images.derive import usable_cache
from plugins.images.rules import (
    ImageRef,
    alt_problem,
    derivative_widths,
    find_images,
    scaled_height,
    source_path,
    srcset,
)
from plugins.images.sources import ImageProblem, image_problems, inspect

# --- pure rules ---------------------------------------------------------------------------


@pytest.mark.unit
def test_find_images_reads_alt_path_and_caption():
    line = 'Zie ![Een coach](/images/a.jpg "Het bijschrift") en ![](b.png).'
    assert find_images(line) == [
        ImageRef("Een coach", "/images/a.jpg", "Het bijschrift"),
        ImageRef("", "b.png", ""),
    ]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("target", "folder", "expected"),
    [
        ("/images/a.jpg", "artikelen", "images/a.jpg"),
        ("{static}/images/a.jpg", "artikelen", "images/a.jpg"),
        ("../images/a.jpg", "artikelen", "images/a.jpg"),
        ("a.jpg", "artikelen", "artikelen/a.jpg"),
        ("../../a.jpg", "artikelen", None),
    ],
)
def test_source_path(target, folder, expected):
    assert source_path(target, folder, "content") == expected


@pytest.mark.unit
@pytest.mark.parametrize(
    ("alt", "fragment"),
    [
        ("", "heeft geen beschrijving"),
        ("IMG_20240312.jpg", "is een bestandsnaam"),
        ("IMG_20240312", "is een bestandsnaam"),
        ("foto", "is een bestandsnaam"),
        ("Afbeelding met tekst Automatisch gegenereerde beschrijving", "automatisch gemaakt"),
    ],
)
def test_useless_alt_text_is_named(alt, fragment):
    assert fragment in alt_problem(ImageRef(alt, "/images/foto.jpg"))


@pytest.mark.unit
@pytest.mark.parametrize("alt", ["De coach aan tafel", "decoratief", "Decoratief"])
def test_good_or_decorative_alt_text_passes(alt):
    assert alt_problem(ImageRef(alt, "/images/foto.jpg")) is None


@pytest.mark.unit
@pytest.mark.parametrize(
    ("width", "expected"),
    [
        (4000, [360, 672, 1008, 1344]),
        (1344, [360, 672, 1008, 1344]),
        (900, [360, 672, 900]),
        (200, [200]),
    ],
)
def test_derivative_widths_never_upscale(width, expected):
    assert derivative_widths(width, (360, 672, 1008, 1344)) == expected


@pytest.mark.unit
def test_srcset_and_heights():
    assert srcset([("/a-360.jpg", 360), ("/a-672.jpg", 672)]) == "/a-360.jpg 360w, /a-672.jpg 672w"
    assert scaled_height(4000, 3000, 672) == 504
    assert scaled_height(10000, 10, 360) == 1


# --- checks of source files -----------------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize(
    ("svg", "fragment"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><script>x()</script></svg>',
            "<script>",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9" onload="x()"/>', "'onload'"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 9 9"><image xlink:href="https://x.nl/a.png"/></svg>',
            "verwijst naar 'https://x.nl/a.png'",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9"><foreignObject/></svg>',
            "<foreignobject>",
        ),
        (b'<svg xmlns="http://www.w3.org/2000/svg"/>', "geen afmetingen"),
        (b"<svg", "geen geldige SVG"),
    ],
)
def test_unsafe_svg_is_refused(tmp_path, svg, fragment):
    path = tmp_path / "x.svg"
    path.write_bytes(svg)
    with pytest.raises(ImageProblem, match=re.escape(fragment)):
        inspect(path)


@pytest.mark.unit
def test_clean_svg_passes(tmp_path):
    (tmp_path / "x.svg").write_bytes(SVG)
    assert (inspect(tmp_path / "x.svg").width, inspect(tmp_path / "x.svg").height) == (200, 100)


@pytest.mark.unit
def test_rotated_photo_reports_its_upright_size(tmp_path):
    (tmp_path / "t.jpg").write_bytes(phone_photo(400, 300))
    info = inspect(tmp_path / "t.jpg")
    assert (info.width, info.height, info.alpha) == (300, 400, False)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("kapot.jpg", b"dit is tekst, geen foto", "geen geldige afbeelding of is beschadigd"),
        ("kapot.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "geen geldige afbeelding"),
        ("foto.heic", b"...", "HEIC-foto"),
        ("stuk.pdf", b"%PDF", "geen afbeelding die de site kan tonen"),
    ],
)
def test_broken_files_are_refused(tmp_path, name, data, fragment):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(ImageProblem, match=re.escape(fragment)):
        inspect(tmp_path / name)


@pytest.mark.unit
def test_too_many_pixels_is_refused(tmp_path):
    (tmp_path / "groot.jpg").write_bytes(phone_photo(400, 300))
    with pytest.raises(ImageProblem, match="hoogstens 0 megapixel"):
        inspect(tmp_path / "groot.jpg", max_pixels=100_000)


@pytest.mark.unit
def test_missing_image_suggests_the_closest_name(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "telefoon.jpg").write_bytes(phone_photo(40, 30))
    problems = image_problems(ImageRef("Coach", "/images/telefon.jpg"), "artikelen", tmp_path)
    assert problems == [
        "de afbeelding '/images/telefon.jpg' bestaat niet; bedoel je '/images/telefoon.jpg'?"
    ]


@pytest.mark.unit
def test_images_from_other_sites_are_refused(tmp_path):
    (problem,) = image_problems(ImageRef("Coach", "https://x.nl/a.jpg"), "", tmp_path)
    assert "staat op een andere site" in problem


@pytest.mark.unit
def test_a_cache_inside_the_output_is_never_used(tmp_path):
    with usable_cache(tmp_path / "out" / "cache", tmp_path / "out") as cache:
        assert not cache.is_relative_to(tmp_path)
    assert not cache.exists()  # thrown away after the build
    with usable_cache(tmp_path / "cache", tmp_path / "out") as cache:
        assert cache == (tmp_path / "cache").resolve()


# --- a small site with real images -----------------------------------------------------------


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = image_project(tmp_path_factory.mktemp("images"))
    result = run_task(project, "build")
    assert result.returncode == 0, result.stderr
    return project


def page(project, slug):
    return (project / "output" / "artikelen" / f"{slug}.html").read_text(encoding="utf-8")


def test_no_published_image_carries_metadata(project):
    files = sorted((project / "output").rglob("*"))
    images = [p for p in files if p.suffix in (".jpg", ".png", ".avif", ".webp")]
    assert len(images) >= 14
    for path in images:
        with Image.open(path) as im:
            assert not dict(im.getexif()), path
            kept = set(im.info) - {"jfif", "jfif_version", "jfif_unit", "jfif_density"}
            kept -= {"progressive", "progression", "dpi", "aspect"}
            assert kept == set(), (path, kept)
        assert b"Telefoonmaker" not in path.read_bytes()
        assert b"xmpmeta" not in path.read_bytes()


def test_photo_sources_are_never_copied(project):
    # A checked SVG (no scripts, nothing external) is published as it is; photos never are.
    sources = {p.read_bytes() for p in (project / "content" / "images").glob("*.[jp]*")}
    assert len(sources) == 2
    published = [p for p in (project / "output").rglob("*") if p.is_file()]
    assert not [p for p in published if p.read_bytes() in sources]
    for name in ("telefoon.jpg", "cirkel.png", "vlak.svg"):
        assert not (project / "output" / "images" / name).exists()


def test_every_srcset_entry_exists_and_decodes_at_its_width(project):
    html = page(project, "met-fotos")
    entries = re.findall(r"(/images/[^ \"]+) (\d+)w", html)
    assert len(entries) >= 14
    for url, width in entries:
        with Image.open(project / "output" / url.lstrip("/")) as im:
            im.load()
            assert im.width == int(width), url
    for img in re.findall(r"<img [^>]+>", html):
        if ".svg" in img:
            continue
        src = re.search(r'src="([^"]+)"', img)[1]
        width, height = (int(re.search(rf'{k}="(\d+)"', img)[1]) for k in ("width", "height"))
        with Image.open(project / "output" / src.lstrip("/")) as im:
            assert abs(im.height / im.width - height / width) < 0.01, src


def test_photo_is_upright_and_transparency_kept(project):
    out = project / "output" / "images"
    (jpeg,) = [p for p in out.glob("telefoon-*-672.jpg")]
    with Image.open(jpeg) as im:
        assert im.size == (672, 896)  # stored 4000x3000 sideways, shown upright
        r, g, b = im.convert("RGB").getpixel((336, 5))
        assert b > 150 and r < 80  # the blue left edge of the sensor is now the top
    (png,) = [p for p in out.glob("cirkel-*-672.png")]
    with Image.open(png) as im:
        assert im.mode == "RGBA" and im.getpixel((0, 0))[3] == 0


def test_markup_figure_picture_caption_and_loading(project):
    html = page(project, "met-fotos")
    assert "<figcaption>De coach aan het werk</figcaption>" in html
    assert html.count("<picture") == 4  # hero + three images
    assert html.count('type="image/avif"') == 3  # not for the SVG
    imgs = re.findall(r"<img [^>]+>", html)
    assert 'loading="lazy"' not in imgs[0]  # the hero leads the page and loads at once
    assert all('loading="lazy"' in img for img in imgs[1:])
    assert 'alt=""' in imgs[-1]  # decoratief
    assert all(re.search(r'width="\d+" height="\d+"', img) for img in imgs)


def test_hero_leads_the_article_and_shows_in_lists(project):
    html = page(project, "met-fotos")
    hero = html.index('<figure class="hero">')
    assert html.index("</header>") < hero < html.index('<div class="article-body">')
    home = (project / "output" / "index.html").read_text(encoding="utf-8")
    (item,) = re.findall(r'<div class="article-item-image">(.*?)</div>', home, re.S)
    assert 'alt="De coach aan tafel"' in item and "telefoon-" in item
    assert 'loading="lazy"' in item  # not the first article of the list


def test_cached_derivatives_and_cards_equal_fresh_ones(project):
    def made():
        out = project / "output"
        return {**snapshot(out / "images"), **snapshot(out / "deelkaarten")}

    first = made()
    assert len(first) > 20
    assert run_task(project, "build").returncode == 0  # warm: everything from the cache
    assert made() == first
    shutil.rmtree(project / "cache")
    assert run_task(project, "build").returncode == 0  # cold again: made afresh
    assert made() == first
    assert run_task(project, "publish").returncode == 0  # publish may use the same cache
    assert made() == first


def test_corrupt_image_stops_the_build_with_post_and_line(project):
    broken = project / "content" / "images" / "kapot.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 niet echt een foto")
    post = project / "content" / "artikelen" / "zonder-foto.md"
    original = post.read_text(encoding="utf-8")
    post.write_text(original + "\n![Kapotte foto](/images/kapot.jpg)\n", encoding="utf-8")
    before = snapshot(project / "output")
    try:
        result = run_task(project, "build")
        assert result.returncode == 1
        assert (
            "content/artikelen/zonder-foto.md:11: 'kapot.jpg' is geen geldige afbeelding of is "
            "beschadigd; sla hem opnieuw op als JPEG of PNG"
        ) in result.stderr
        assert snapshot(project / "output") == before
    finally:
        post.write_text(original, encoding="utf-8")
        broken.unlink()


def test_missing_alt_and_hero_alt_stop_the_build(project):
    post = project / "content" / "artikelen" / "zonder-foto.md"
    original = post.read_text(encoding="utf-8")
    text = original.replace("Summary:", "Image: images/cirkel.png\nSummary:")
    post.write_text(text + "\n![](/images/cirkel.png)\n", encoding="utf-8")
    try:
        result = run_task(project, "check")
        assert result.returncode == 1
        assert (
            "content/artikelen/zonder-foto.md:6: Image heeft geen beschrijving; voeg een regel "
            "'Image_alt: ...' toe die zegt wat er op de foto staat"
        ) in result.stderr
        assert (
            "content/artikelen/zonder-foto.md:12: de afbeelding 'cirkel.png' heeft geen beschrijving"
            in result.stderr
        )
    finally:
        post.write_text(original, encoding="utf-8")
