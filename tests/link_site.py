"""A small site written by the tests: two themes, an 'over' page, a target article and a photo.

Tests add their own posts to it and build it in-process into a temporary folder, so the real
content is never involved.
"""

from image_site import phone_photo

VOCABULARY = """
[[thema]]
naam = "Arbeidsmarkt"
slug = "arbeidsmarkt"
beschrijving = "Cijfers en trends."

[[thema]]
naam = "AI"
slug = "ai"
beschrijving = "Kunstmatige intelligentie en werk."

[[rubriek]]
naam = "Arbeidsmarkt"
slug = "arbeidsmarkt"
beschrijving = "Ontwikkelingen op de arbeidsmarkt."

[[bron]]
naam = "Go-Office"
beschrijving = "Een HR-bureau."
"""
FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/></svg>'
)
ABOUT = """Title: Over deze blog
Slug: over
Summary: Waarom deze blog bestaat.

Een blog over werk.
"""


def post(slug, body, date="2025-03-01", extra=""):
    """A complete article with ``body`` as its text (``extra``: more header lines)."""
    return (
        f"Title: Artikel {slug}\nDate: {date}\nCategory: Arbeidsmarkt\nTags: Arbeidsmarkt, AI\n"
        f"Slug: {slug}\nSummary: Een korte samenvatting.\n{extra}\n{body}"
    )


def link_site(folder, posts=None):
    """Write the site's content folder under ``folder``; ``posts`` maps file name -> text."""
    content = folder / "content"
    for sub in ("artikelen", "pages", "images", "extra"):
        (content / sub).mkdir(parents=True, exist_ok=True)
    (content / "themas.toml").write_text(VOCABULARY, encoding="utf-8")
    (content / "pages" / "over.md").write_text(ABOUT, encoding="utf-8")
    (content / "artikelen" / "doel.md").write_text(
        post("doel", "Het artikel waarnaar gelinkt wordt.\n"), encoding="utf-8"
    )
    (content / "images" / "foto.jpg").write_bytes(phone_photo(1200, 900))
    (content / "extra" / "favicon.svg").write_text(FAVICON, encoding="utf-8")  # every page links it
    for name, text in (posts or {}).items():
        (content / "artikelen" / name).write_text(text, encoding="utf-8")
    return content


def build_site(content, output, **override):
    """Build ``content`` in-process into ``output`` (caches in a folder beside it)."""
    from sitetools.build import build  # noqa: PLC0415

    return build(
        "pelicanconf.py",
        output=output,
        PATH=str(content),
        CACHE_PATH=str(output.parent / "cache"),
        **override,
    )


def check_site(content):
    """The problems ``./blog check`` reports for ``content`` (as printed lines)."""
    from sitetools.check import problems  # noqa: PLC0415

    return [str(p) for p in problems("pelicanconf.py", PATH=str(content))]
