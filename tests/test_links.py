"""Links are checked on what the build produced: every address of every page resolves.

Fixture sites written here (tests/link_site.py), built in-process. The source check (`./blog
check`, and the build's first step) catches the common forms at their line; the check of the
finished site catches every other form, named at the post and line that write it.
"""

import pytest
from link_site import build_site, check_site, link_site, post
from PIL import Image

from sitetools.build import BuildError
from sitetools.linkcheck import check_links, read_page

A = "content/artikelen"
NOT_AN_ARTICLE = "maar dat artikel bestaat niet; controleer de Slug van het artikel"

# Caught by the source check, so by `./blog check` and by the build alike, with the same line.
SOURCE_CASES = {
    "a-ref.md": (
        post("a-ref", "Lees [dit][1].\n\n[1]: /artikelen/bestaat-niet.html\n"),
        f"{A}/a-ref.md:10: linkt naar '/artikelen/bestaat-niet.html', {NOT_AN_ARTICLE}",
    ),
    "b-raw.md": (
        post("b-raw", 'Lees <a href="/artikelen/bestaat-niet.html">dit</a>.\n'),
        f"{A}/b-raw.md:8: linkt naar '/artikelen/bestaat-niet.html', {NOT_AN_ARTICLE}",
    ),
    "c-tabel.md": (
        post(
            "c-tabel",
            "Tekst.\n\n```tabel\nTitel: Cijfers\nKolommen: tekst, procent\n\n"
            "| Antwoord | Aandeel |\n| [Ja](/artikelen/doel-x.html) | 71% |\n```\n",
        ),
        f"{A}/c-tabel.md:15: linkt naar '/artikelen/doel-x.html', maar dat artikel bestaat niet; "
        "bedoel je '/artikelen/doel.html'?",
    ),
    "d-caption.md": (
        post(
            "d-caption",
            "Tekst.\n\n```tabel\nTitel: Cijfers\nBron: [CBS](/artikelen/cbs.html)\n"
            "Kolommen: tekst, procent\n\n| Antwoord | Aandeel |\n| Ja | 71% |\n```\n",
        ),
        f"{A}/d-caption.md:12: linkt naar '/artikelen/cbs.html', {NOT_AN_ARTICLE}",
    ),
    "f-figcaption.md": (
        post(
            "f-figcaption",
            '![Een coach aan tafel](/images/foto.jpg "Zie [het rapport](/artikelen/rapport.html)")\n',
        ),
        f"{A}/f-figcaption.md:8: linkt naar '/artikelen/rapport.html', {NOT_AN_ARTICLE}",
    ),
    "e-foto.md": (
        post("e-foto", "Download [de foto](/images/fotoo.jpg).\n"),
        f"{A}/e-foto.md:8: de afbeelding '/images/fotoo.jpg' bestaat niet; bedoel je "
        "'/images/foto.jpg'?",
    ),
}
# Written in a form the source check does not read: the finished site shows them.
SITE_CASES = {
    "a-multiline.md": (
        post("a-multiline", 'Lees <a class="x"\n   href="/artikelen/bestaat-niet.html">dit</a>.\n'),
        f"{A}/a-multiline.md:9: linkt naar '/artikelen/bestaat-niet.html', {NOT_AN_ARTICLE}",
    ),
    "b-table.md": (
        post("b-table", "Tekst.\n\n| Kolom | Link |\n| --- | --- |\n| a | [t](/thema/geen/) |\n"),
        f"{A}/b-table.md:12: linkt naar '/thema/geen/', maar dat bestaat niet op de site; "
        "controleer het adres",
    ),
    "c-anchor.md": (
        post("c-anchor", "Zie [de rubriek](/rubriek/arbeidsmrkt/#top).\n"),
        f"{A}/c-anchor.md:8: linkt naar '/rubriek/arbeidsmrkt/#top', maar dat bestaat niet op de "
        "site; bedoel je '/rubriek/arbeidsmarkt/'?",
    ),
    "d-caption.md": (
        post(
            "d-caption",
            "<figure>\n<p>Een grafiek.</p>\n<figcaption>Bron: "
            '<a href="/rapporten/cbs.pdf">CBS</a></figcaption>\n</figure>\n\nTekst.\n',
        ),
        f"{A}/d-caption.md:10: linkt naar '/rapporten/cbs.pdf', maar dat bestaat niet op de "
        "site; controleer het adres",
    ),
    "e-relative.md": (
        post("e-relative", "Zie [het andere](doel.htm).\n"),
        f"{A}/e-relative.md:8: linkt naar 'doel.htm', maar dat artikel bestaat niet; bedoel je "
        "'/artikelen/doel.html'?",
    ),
    "f-reference.md": (
        post("f-reference", "Zie [dit][thema].\n\n[thema]: /thema/a/\n"),
        f"{A}/f-reference.md:10: linkt naar '/thema/a/', maar dat bestaat niet op de site; "
        "bedoel je '/thema/ai/'?",
    ),
}
GOOD = post(
    "goed",
    'Zie [dit][1], <a href="/artikelen/doel.html#inhoud">dat</a>, [thema\'s](/themas/),\n'
    "[de foto](/images/foto.jpg), [nog eens]({static}/images/foto.jpg) en [terug](#inhoud).\n\n"
    "| Kolom | Link |\n| --- | --- |\n| a | [over](/over/) |\n\n"
    "```tabel\nTitel: Cijfers\nBron: CBS\nKolommen: tekst, procent\n\n"
    "| Antwoord | Aandeel |\n| Ja | 71% |\n```\n\n"
    "Code is geen link: `[x](/artikelen/nee.html)`.\n\n"
    '```\n<a href="/artikelen/nee.html">x</a>\n```\n\n'
    "[1]: /artikelen/doel.html\n",
)
DRAFT = post("concept", "Zie [iets](/bestaat/niet/).\n", extra="Status: draft\n")


def errors_of(message):
    """The problem lines of a Dutch report (headings and the summary line left out)."""
    return [line for line in str(message).splitlines() if line.startswith("content/")]


def test_source_cases_are_refused_by_check_and_build_at_the_same_line(tmp_path):
    content = link_site(tmp_path, {name: text for name, (text, _) in SOURCE_CASES.items()})
    expected = sorted(message for _, message in SOURCE_CASES.values())
    assert sorted(check_site(content)) == expected
    with pytest.raises(BuildError) as refused:
        build_site(content, tmp_path / "output")
    assert sorted(errors_of(refused.value)) == expected
    assert not (tmp_path / "output").exists()


def test_links_only_the_finished_site_shows_stop_the_build(tmp_path):
    content = link_site(tmp_path, {name: text for name, (text, _) in SITE_CASES.items()})
    assert check_site(content) == []  # the source check does not read these forms
    with pytest.raises(BuildError) as refused:
        build_site(content, tmp_path / "output")
    report = str(refused.value).splitlines()
    assert report[0] == (
        "Links die nergens heen wijzen (los ze op en typ dan opnieuw ./blog build):"
    )
    assert sorted(errors_of(refused.value)) == sorted(m for _, m in SITE_CASES.values())
    assert report[-1] == f"{len(SITE_CASES)} fouten (die houden de site tegen)."
    assert not (tmp_path / "output").exists()


@pytest.fixture(scope="module")
def good_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("good")
    content = link_site(folder, {"goed.md": GOOD, "concept.md": DRAFT})
    return content, build_site(content, folder / "output")


def test_good_links_build_and_a_drafts_broken_link_does_not_stop_it(good_site):
    content, output = good_site
    assert check_site(content) == []
    page = (output / "artikelen" / "goed.html").read_text(encoding="utf-8")
    assert 'href="/artikelen/doel.html"' in page and 'href="/over/"' in page
    assert (output / "concepten" / "concept.html").is_file()


def test_a_linked_original_is_published_without_its_metadata(good_site):
    _, output = good_site
    copy = output / "images" / "foto.jpg"
    assert copy.is_file()
    with Image.open(copy) as im:
        assert im.size == (900, 1200)  # turned upright by its EXIF orientation, full size
        assert not im.getexif()  # no camera, no GPS
        assert "icc_profile" not in im.info and "xmp" not in im.info
    page = (output / "artikelen" / "goed.html").read_text(encoding="utf-8")
    assert 'href="/images/foto.jpg"' in page
    assert 'href="http://localhost:8000/images/foto.jpg"' in page  # {static}


def write_site(folder, pages):
    for name, text in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


PAGE = '<!doctype html><html lang="nl"><head><title>x</title></head><body>{}</body></html>'


def test_every_kind_of_address_is_read_with_a_real_parser():
    html = PAGE.format(
        '<!-- <a href="/commentaar.html"> --><a href="/a.html">a</a>'
        '<img src="/b.png" srcset="/c.png 360w, /d.png 672w" alt="">'
        '<div class="article-body"><p><a href="/e.html" title="x > y">e</a></p><h2 id="kop">k</h2>'
        "</div>"
    )
    text, theme = read_page(html.encode())
    assert text == ["/e.html"]
    assert sorted(theme) == ["/a.html", "/b.png", "/c.png", "/d.png"]


def test_the_theme_is_named_once_and_site_root_is_required(tmp_path):
    staging = write_site(
        tmp_path / "site",
        {
            "index.html": PAGE.format('<a href="/blog/mist.html">x</a><a href="/blog/">home</a>'),
            "lijst/index.html": PAGE.format(
                '<a href="/blog/mist.html">x</a><a href="../index.html">terug</a>'
                '<a href="/artikelen/x.html">zonder submap</a>'
                '<a href="https://example.org/">elders</a><a href="mailto:a@b.nl">mail</a>'
                '<a href="http://localhost:8000/blog/lijst/">absoluut</a>'
            ),
        },
    )
    settings = {"PATH": str(tmp_path / "content"), "SITE_ROOT": "/blog"}
    settings["SITEURL"] = "http://localhost:8000/blog"
    with pytest.raises(BuildError) as refused:
        check_links(staging, settings)
    assert str(refused.value).splitlines()[1:] == [
        "index.html en 1 andere pagina's: het thema linkt naar '/blog/mist.html', maar dat "
        "bestaat niet op de site; controleer het adres; dit is een fout in het thema "
        "(theme/templates), niet in een bericht: meld het aan de beheerder van de blog",
        "lijst/index.html: het thema linkt naar '/artikelen/x.html', maar dat ligt buiten de site, die "
        "in /blog/ staat; schrijf de link als Markdown-link [tekst](/artikelen/x.html), dan zet "
        "de bouw /blog ervoor; dit is een fout in het thema (theme/templates), niet in een "
        "bericht: meld het aan de beheerder van de blog",
        "2 fouten (die houden de site tegen).",
    ]


def test_a_broken_link_in_a_draft_is_a_note(tmp_path):
    from plugins.content_guard import page_sources  # noqa: PLC0415
    from sitetools.linkcheck import Broken, report  # noqa: PLC0415

    source = link_site(tmp_path) / "artikelen" / "concept.md"
    source.write_text(DRAFT, encoding="utf-8")
    page_sources.SOURCES.clear()
    page_sources.SOURCES["concepten/concept.html"] = (str(source), "draft")
    why = "maar dat bestaat niet op de site; controleer het adres"
    errors, notes = report(
        [Broken("concepten/concept.html", "/bestaat/niet/", why, True)],
        {"PATH": str(tmp_path / "content")},
    )
    assert errors == []
    assert notes == [
        "Notities bij concepten (Status: draft; nog niet op de site):",
        f"{A}/concept.md:9: linkt naar '/bestaat/niet/', {why}",
    ]


def test_clean_copies_keep_format_size_and_quality_and_drop_metadata(tmp_path):
    from image_site import phone_photo, transparent_png  # noqa: PLC0415

    from plugins.images.originals import clean_copy  # noqa: PLC0415

    (tmp_path / "foto.jpg").write_bytes(phone_photo(800, 600))
    (tmp_path / "vorm.png").write_bytes(transparent_png(300, 200))
    with Image.open(clean_copy(tmp_path / "foto.jpg", tmp_path / "cache")) as im:
        with Image.open(tmp_path / "foto.jpg") as source:
            assert im.quantization == source.quantization  # as sharp as the original
        assert (im.format, im.size) == ("JPEG", (600, 800))
        assert not im.getexif() and "icc_profile" not in im.info and "xmp" not in im.info
    with Image.open(clean_copy(tmp_path / "vorm.png", tmp_path / "cache")) as im:
        assert (im.format, im.mode, im.size) == ("PNG", "RGBA", (300, 200))
        assert "Author" not in im.info
