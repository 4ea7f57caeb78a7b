"""A small site with real images made by the test: a phone photo, a transparent PNG, an SVG."""

import io

from conftest import make_project
from PIL import Image, ImageCms, ImageDraw

GPS = {1: "N", 2: (52.0, 22.0, 8.5), 3: "E", 4: (4.0, 53.0, 24.1)}  # somewhere in Leiden
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
POST = """Title: {title}
Date: 2025-03-0{day}
Category: Arbeidsmarkt
Tags: Arbeidsmarkt, AI
Slug: {slug}
Summary: Een artikel met foto's.
{extra}
{body}
"""


def phone_photo(width=4000, height=3000):
    """A JPEG like a phone makes it: stored sideways (orientation 6), with GPS, XMP and ICC."""
    im = Image.new("RGB", (width, height), (200, 80, 40))
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, 0, width // 4, height), fill=(30, 90, 200))  # the left edge is blue
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "Telefoonmaker"
    exif[0x8825] = GPS
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    im.save(out, "JPEG", quality=90, exif=exif.tobytes(), icc_profile=icc, xmp=XMP)
    return out.getvalue()


def transparent_png(width=900, height=600):
    """A PNG with an alpha channel and a text chunk."""
    im = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    ImageDraw.Draw(im).ellipse((100, 100, 500, 500), fill=(28, 90, 86, 255))
    out = io.BytesIO()
    im.save(out, "PNG", pnginfo=_text_chunk())
    return out.getvalue()


def _text_chunk():
    from PIL.PngImagePlugin import PngInfo  # noqa: PLC0415

    info = PngInfo()
    info.add_text("Author", "Iemand")
    return info


SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">'
    b'<rect width="200" height="100" fill="#1c5a56"/></svg>'
)


def image_project(tmp_path, with_content=False):
    """A project copy whose content is three posts with images (the fixture site's posts left out)."""
    project = make_project(tmp_path, with_content=True)
    articles = project / "content" / "artikelen"
    if not with_content:
        for path in articles.glob("*.md"):
            path.unlink()
    images = project / "content" / "images"
    images.mkdir(exist_ok=True)
    (images / "telefoon.jpg").write_bytes(phone_photo())
    (images / "cirkel.png").write_bytes(transparent_png())
    (images / "vlak.svg").write_bytes(SVG)
    (articles / "met-fotos.md").write_text(
        POST.format(
            title="Een artikel met foto’s van de coach",
            day=1,
            slug="met-fotos",
            extra="Image: images/telefoon.jpg\nImage_alt: De coach aan tafel",
            body=(
                "Eerste alinea.\n\n"
                '![De coach in gesprek met een kandidaat](/images/telefoon.jpg "De coach aan het werk")\n\n'
                "Tweede alinea.\n\n![Een groene cirkel](../images/cirkel.png)\n\n"
                "![decoratief](/images/vlak.svg)\n"
            ),
        ),
        encoding="utf-8",
    )
    for day, slug, title in ((2, "zonder-foto", "Een artikel zonder foto"), (3, "ook", "Ook")):
        (articles / f"{slug}.md").write_text(
            POST.format(title=title, day=day, slug=slug, extra="", body="Alleen tekst.\n"),
            encoding="utf-8",
        )
    return project
