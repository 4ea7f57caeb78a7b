"""The sequence of edits the cache tests replay: what authors and maintainers change.

Shared by ``tests/test_cache.py`` (each cached ``./blog build`` equals a clean build) and
``tests/test_quick_update.py`` (each save in the live preview does). Each step: what was done,
the edit (a function of the project folder), and a file and bytes the step must show (None:
only that the output changed; "same": the output must not change).
"""


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(path, text):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


ART = "content/artikelen"
NEW_POST = """Title: Een nieuw artikel over netwerken
Date: 2025-03-03
Category: Werkvloer Tips & Tricks
Tags: Netwerken, Solliciteren
Slug: nieuw-artikel-netwerken
Summary: Een kort nieuw artikel om te zien dat een nieuwe post overal verschijnt.
Bron_site: Go-Office
{status}
Een netwerk bouw je niet in een week. Lees ook [het stuk over kantoren]({{filename}}/artikelen/thuiswerken-of-kantoor.md).
"""

STEPS = [
    (
        "text of an article, with a {filename} link to another",
        lambda p: append(
            p / ART / "sollicitatiegesprek-tips.md",
            "\nZie ook [kantoren]({filename}/artikelen/thuiswerken-of-kantoor.md).\n",
        ),
        ("artikelen/sollicitatiegesprek-tips.html", b"/artikelen/thuiswerken-of-kantoor.html"),
    ),
    (
        "title of a picked article",
        lambda p: replace(p / ART / "stille-werkzoekenden.md", "Title: ", "Title: Herzien: "),
        ("index.html", b"Herzien: "),
    ),
    (
        "slug of a linked article",
        lambda p: replace(
            p / ART / "thuiswerken-of-kantoor.md",
            "Slug: thuiswerken-of-kantoor",
            "Slug: thuiswerken-of-het-kantoor",
        ),
        (
            "artikelen/sollicitatiegesprek-tips.html",
            b"/artikelen/thuiswerken-of-het-kantoor.html",
        ),
    ),
    (
        "themes of an article",
        lambda p: replace(p / ART / "cao-uitzendkrachten-2026.md", "Tags: ", "Tags: Welzijn, "),
        ("thema/welzijn/index.html", b"cao-uitzendkrachten-2026.html"),
    ),
    (
        "description of a theme in the vocabulary",
        lambda p: replace(
            p / "content" / "themas.toml",
            'beschrijving = "Wat kunstmatige intelligentie',
            'beschrijving = "Nieuw: wat kunstmatige intelligentie',
        ),
        ("thema/ai/index.html", b"Nieuw: wat kunstmatige intelligentie"),
    ),
    (
        "a new post, as a draft",
        lambda p: (p / ART / "nieuw-artikel-netwerken.md").write_text(
            NEW_POST.format(status="Status: draft\n"), encoding="utf-8"
        ),
        ("concepten/nieuw-artikel-netwerken.html", b"Een nieuw artikel over netwerken"),
    ),
    (
        "the draft published",
        lambda p: replace(p / ART / "nieuw-artikel-netwerken.md", "Status: draft\n", ""),
        ("thema/netwerken/index.html", b"nieuw-artikel-netwerken.html"),
    ),
    (
        "a post renamed (its Slug line keeps its address: the site stays the same)",
        lambda p: (p / ART / "ontslag-als-wake-upcall.md").rename(p / ART / "baanverlies.md"),
        "same",
    ),
    (
        "a post deleted",
        lambda p: (p / ART / "passie-na-je-vijftigste.md").unlink(),
        ("thema/oudere-werkenden/index.html", None),
    ),
    (
        "a template",
        lambda p: replace(
            p / "theme" / "templates" / "partials" / "data_table.html",
            '<table class="data-table">',
            '<table class="data-table gewijzigd">',
        ),
        ("artikelen/kanalen-in-cijfers.html", b"data-table gewijzigd"),
    ),
    (
        "the CSS",
        lambda p: append(p / "theme" / "static" / "css" / "base.css", "\n.nieuw { color: red; }\n"),
        ("theme/css/base.css", b".nieuw"),
    ),
    (
        "a plugin setting",
        lambda p: append(p / "pelicanconf.py", "\nMEER_LEZEN_COUNT = 2\n"),
        None,
    ),
    (
        "a table",
        lambda p: replace(
            p / ART / "kanalen-in-cijfers.md",
            "| Bekenden / Netwerk | 18% |",
            "| Bekenden en netwerk | 18% |",
        ),
        ("artikelen/kanalen-in-cijfers.html", b"Bekenden en netwerk"),
    ),
    (
        "an image in a post and a static file",
        lambda p: (
            (p / "content" / "images").mkdir(exist_ok=True),
            (p / "content" / "images" / "grafiek.svg").write_text(
                '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"/>\n',
                encoding="utf-8",
            ),
            append(p / ART / "personeelstekort.md", "\n![Een lege grafiek](/images/grafiek.svg)\n"),
            append(p / "content" / "extra" / "favicon.svg", "\n"),
        ),
        ("artikelen/personeelstekort.html", b"/images/grafiek-"),
    ),
]


# A second sequence: edits that move articles around or change what other pages show of them.
MORE_STEPS = [
    (
        "date of an article (new neighbours, another archive year)",
        lambda p: replace(p / ART / "personeelstekort.md", "Date: 2026-01-20", "Date: 2024-02-02"),
        ("archief/2024/index.html", b"personeelstekort.html"),
    ),
    (
        "summary of a picked article",
        lambda p: replace(
            p / ART / "personeelstekort.md", "Summary: De arbeidsmarkt", "Summary: Kort: de markt"
        ),
        ("artikelen/ai-op-het-secretariaat.html", b"Kort: de markt"),
    ),
    (
        "Meer lezen pick changed",
        lambda p: replace(
            p / ART / "ai-op-het-secretariaat.md",
            "Meer_lezen: personeelstekort",
            "Meer_lezen: thuiswerken-of-kantoor",
        ),
        ("artikelen/ai-op-het-secretariaat.html", b"thuiswerken-of-kantoor.html"),
    ),
    (
        "category of an article",
        lambda p: replace(
            p / ART / "personeelstekort.md", "Category: Arbeidsmarkt", "Category: Loopbaanvak"
        ),
        ("rubriek/loopbaanvak/index.html", b"personeelstekort.html"),
    ),
    (
        "a page's text",
        lambda p: append(p / "content" / "pages" / "over.md", "\nEen nieuwe alinea.\n"),
        ("over/index.html", b"Een nieuwe alinea."),
    ),
    (
        "description of a rubric",
        lambda p: replace(
            p / "content" / "themas.toml",
            'beschrijving = "Praktische tips',
            'beschrijving = "Nieuwe praktische tips',
        ),
        ("rubriek/werkvloer-tips-tricks/index.html", b"Nieuwe praktische tips"),
    ),
    (
        "a site setting",
        lambda p: append(p / "pelicanconf.py", '\nSITESUBTITLE = "Een nieuwe ondertitel"\n'),
        ("index.html", b"Een nieuwe ondertitel"),
    ),
]
