"""Malformed posts: each stops `invoke check` and `invoke build` with its exact message and the
file named, exit code 1, and the previous output untouched."""

import pytest
from conftest import run_task, snapshot

HEAD = {
    "Title": "Een artikel",
    "Date": "2025-03-01",
    "Category": "Arbeidsmarkt",
    "Tags": "Arbeidsmarkt, AI",
    "Slug": "een-artikel",
    "Summary": "Een korte samenvatting voor de lezer.",
}
BODY = "Tekst van het artikel.\n"
TABLE = "```tabel\nTitel: Cijfers\nKolommen: tekst, procent\n\n| Antwoord | Aandeel |\n| Ja | 71% |\n```\n"


def post(body=BODY, drop=(), **fields):
    """A post: the good header with ``fields`` changed and ``drop`` removed, then ``body``."""
    head = {**HEAD, **fields}
    lines = [f"{k}: {v}" for k, v in head.items() if k not in drop]
    return ("\n".join(lines) + "\n\n" + body).encode("utf-8")


F = "content/artikelen/kapot.md"
CASES = {
    "bad-date": (
        post(Date="2025-13-45"),
        f"{F}:2: Date '2025-13-45' bestaat niet: een jaar heeft 12 maanden; schrijf JJJJ-MM-DD, met de maand (01 tot 12) in het midden",
    ),
    "date-words": (
        post(Date="1 maart 2025"),
        f"{F}:2: Date '1 maart 2025' heeft de maand in woorden; schrijf de maand als getal: 2025-03-01",
    ),
    "impossible-day": (
        post(Date="2025-02-30"),
        f"{F}:2: Date '2025-02-30' bestaat niet: februari heeft 28 dagen in 2025; bedoel je 2025-02-28 of 2025-03-01?",
    ),
    "day-first": (
        post(Date="30-01-2025"),
        f"{F}:2: Date '30-01-2025' staat in de volgorde dag-maand-jaar; zet het jaar vooraan: 2025-01-30",
    ),
    "time-only": (
        post(Date="14:30"),
        f"{F}:2: Date '14:30' is alleen een tijd; zet de datum ervoor: 'Date: JJJJ-MM-DD 14:30'",
    ),
    "no-date": (
        post(drop=("Date",)),
        f"{F}:1: de datum ontbreekt; voeg een regel 'Date: JJJJ-MM-DD' toe",
    ),
    "no-title": (
        post(drop=("Title",)),
        f"{F}:1: de titel ontbreekt; zet bovenaan een regel 'Title: …'",
    ),
    "title-html": (
        post(Title="Werk <script>alert(1)</script>"),
        f"{F}:1: de titel bevat HTML ('<script>'); schrijf gewone tekst",
    ),
    "theme-typo": (
        post(Tags="Arbeidsmark, AI"),
        f"{F}:4: 'Arbeidsmark' staat niet in de woordenlijst; bedoel je 'Arbeidsmarkt'?",
    ),
    "theme-unknown": (
        post(Tags="Voetbal"),
        f"{F}:4: 'Voetbal' staat niet in de woordenlijst; kies een thema uit content/themas.toml, of voeg het daar toe",
    ),
    "too-many-themes": (
        post(Tags="AI, Skills, Solliciteren, Welzijn, Onderzoek, Netwerken"),
        f"{F}:4: Tags noemt 6 thema's; kies er hoogstens 5",
    ),
    "no-themes": (
        post(drop=("Tags",)),
        f"{F}:1: de thema's ontbreken; voeg 'Tags: …' toe met 1 tot 5 thema's uit content/themas.toml",
    ),
    "category-typo": (
        post(Category="Arbeidsmakt"),
        f"{F}:3: 'Arbeidsmakt' is geen rubriek; bedoel je 'Arbeidsmarkt'?",
    ),
    "unknown-field": (
        post(Tgas="AI"),
        f"{F}:7: 'Tgas' is geen bekend veld; bedoel je 'Tags'?",
    ),
    "unknown-status": (
        post(Status="publised"),
        f"{F}:7: Status 'publised' kent de site niet; bedoel je 'published'? (kies published, draft of hidden)",
    ),
    "no-summary": (
        post(drop=("Summary",)),
        f"{F}:1: de samenvatting ontbreekt; voeg 'Summary:' toe met een of twee zinnen voor de lezer",
    ),
    "long-summary": (
        post(Summary="Lang. " * 60),
        f"{F}:6: de samenvatting is 359 tekens; houd haar onder de 300 (een of twee zinnen)",
    ),
    "bad-slug": (
        post(Slug="Mijn Artikel!"),
        f"{F}:5: Slug 'Mijn Artikel!' mag alleen a-z, 0-9 en losse streepjes bevatten (zoals 'mijn-artikel')",
    ),
    "duplicate-slug": (
        post(Slug="personeelstekort"),
        f"{F}:5: Slug 'personeelstekort' wordt ook gebruikt door content/artikelen/personeelstekort.md; geef een van beide een andere Slug",
    ),
    "unknown-pick": (
        post(Meer_lezen="personeelstekor"),
        f"{F}:7: Meer_lezen noemt 'personeelstekor', maar dat artikel bestaat niet; bedoel je 'personeelstekort'?",
    ),
    "self-pick": (
        post(Meer_lezen="een-artikel"),
        f"{F}:7: Meer_lezen noemt 'een-artikel', het artikel zelf; kies een ander artikel",
    ),
    "unknown-source": (
        post(Bron_site="Go Office"),
        f"{F}:7: Bron_site 'Go Office' staat niet in de woordenlijst; bedoel je 'Go-Office'?",
    ),
    "ragged-table": (
        post(BODY + TABLE.replace("| Ja | 71% |", "| Ja | 71% | 3 |")),
        f"{F}:14: rij 'Ja' van tabel 'Cijfers' heeft 3 cellen, de kopregel 2; voeg cellen toe of haal ze weg (een lege cel: '| |')",
    ),
    "not-a-percent": (
        post(BODY + TABLE.replace("71%", "veel")),
        f"{F}:14: 'veel' in rij 'Ja', kolom 'Aandeel' van tabel 'Cijfers' is geen percentage; schrijf het zoals 23,4%",
    ),
    "bad-column-type": (
        post(BODY + TABLE.replace("tekst, procent", "tekst, percentage")),
        f"{F}:11: 'percentage' in tabel 'Cijfers' is geen kolomsoort; gebruik tekst, getal, procent, jaar of trend",
    ),
    "bad-chart-type": (
        post(BODY + TABLE.replace("Kolommen:", "Grafiek: taart\nKolommen:")),
        f"{F}:11: 'taart' in tabel 'Cijfers' is geen soort grafiek; gebruik staaf of lijn",
    ),
    "unclosed-table": (
        post(BODY + TABLE.removesuffix("```\n")),
        f"{F}:9: het ```tabel-blok dat hier begint, wordt nergens gesloten; zet er een regel met alleen ``` onder",
    ),
    "tiktok-no-account": (
        post(BODY + "```tiktok\nNaam: Iemand\n\nEen video.\n```\n"),
        f"{F}:9: het ```tiktok-blok heeft 'Account: @naam' nodig (gevonden: ''); neem het account over van de video",
    ),
    "missing-image": (
        post(BODY + "![Grafiek](/images/bestaat-niet.png)\n"),
        f"{F}:9: de afbeelding '/images/bestaat-niet.png' bestaat niet; controleer de naam en de map (content/images/)",
    ),
    "dead-filename-link": (
        post(BODY + "Zie [dit]({filename}/artikelen/bestaat-niet.md).\n"),
        f"{F}:9: het gelinkte bestand '/artikelen/bestaat-niet.md' bestaat niet; controleer het pad (gezien vanuit de map content)",
    ),
    "dead-article-link": (
        post(BODY + "Lees [dit](/artikelen/stille-werkzoekende.html).\n"),
        f"{F}:9: linkt naar '/artikelen/stille-werkzoekende.html', maar dat artikel bestaat niet; bedoel je '/artikelen/stille-werkzoekenden.html'?",
    ),
    "dead-reference-link": (
        post(BODY + "Lees [dit][1].\n\n[1]: /artikelen/stille-werkzoekende.html\n"),
        f"{F}:11: linkt naar '/artikelen/stille-werkzoekende.html', maar dat artikel bestaat niet; bedoel je '/artikelen/stille-werkzoekenden.html'?",
    ),
    "dead-raw-link": (
        post(BODY + 'Lees <a href="/artikelen/stille-werkzoekende.html">dit</a>.\n'),
        f"{F}:9: linkt naar '/artikelen/stille-werkzoekende.html', maar dat artikel bestaat niet; bedoel je '/artikelen/stille-werkzoekenden.html'?",
    ),
    "scraping-debris": (
        post(BODY + "Afbeelding met tekst, schermopname Automatisch gegenereerde beschrijving\n"),
        f"{F}:9: er staat nog rommel van een gekopieerde webpagina: automatische alt-tekst van een foto; haal die weg",
    ),
    "no-text": (
        post(body=""),
        f"{F}:8: er staat geen tekst onder de velden; schrijf de tekst na een lege regel",
    ),
    "not-utf8": (
        post().replace(b"Een artikel", "Een caf\xe9".encode("latin-1")),
        f"{F}:1: het bestand is geen UTF-8-tekst (teken 0xe9 op regel 1); sla het op als UTF-8 (in je editor: Opslaan als, codering UTF-8)",
    ),
    "empty-file": (
        b"",
        f"{F}:1: het bestand is leeg; begin met de velden bovenaan (Title:, Date:, Tags:, …)",
    ),
    "two-megabytes": (
        post(BODY * 90_000),
        f"{F}:1: het bestand is 2,1 MB; een artikel mag hoogstens 1,0 MB zijn (splits het in meerdere artikelen)",
    ),
}


# Realistic mistakes with Dutch field names: one message each, at the line of the field.
DUTCH_FIELDS = {
    "thema-apostrophe": (
        post(drop=("Tags",), **{"Thema's": "AI"}),
        f"{F}:6: schrijf 'Tags:' in plaats van 'Thema's:' (de veldnamen bovenaan zijn Engels)",
    ),
    "thema-curly": (
        post(drop=("Tags",), **{"Thema’s": "AI"}),
        f"{F}:6: schrijf 'Tags:' in plaats van 'Thema’s:' (de veldnamen bovenaan zijn Engels)",
    ),
    "thema": (
        post(drop=("Tags",), Thema="AI"),
        f"{F}:6: schrijf 'Tags:' in plaats van 'Thema:' (de veldnamen bovenaan zijn Engels)",
    ),
    "titel": (
        post(drop=("Title",), Titel="Een artikel"),
        f"{F}:6: schrijf 'Title:' in plaats van 'Titel:' (de veldnamen bovenaan zijn Engels)",
    ),
    "samenvatting": (
        post(drop=("Summary",), Samenvatting="Kort."),
        f"{F}:6: schrijf 'Summary:' in plaats van 'Samenvatting:' (de veldnamen bovenaan zijn Engels)",
    ),
    "meer-lezen-space": (
        post(**{"Meer lezen": "personeelstekort"}),
        f"{F}:7: schrijf 'Meer_lezen:' in plaats van 'Meer lezen:' (de veldnamen bovenaan zijn Engels)",
    ),
    "field-twice": (
        post().replace(b"Slug: een-artikel", b"Title: Nog een titel\nSlug: een-artikel"),
        f"{F}:5: 'Title' staat twee keer bovenaan (ook op regel 1); houd er één over",
    ),
    "template-field": (
        post(Template="bestaat-niet"),
        f"{F}:7: 'Template' is geen bekend veld; haal de regel weg, of zet een lege regel tussen de velden en de tekst",
    ),
    "not-a-field": (
        post(**{"Let op dit": "tekst"}),
        f"{F}:7: 'Let op dit' is geen bekend veld; haal de regel weg, of zet een lege regel tussen de velden en de tekst",
    ),
}
# Broken before the metadata can be read, or not a draft: these stop the site even as drafts.
NOT_DRAFTS = {"not-utf8", "empty-file", "two-megabytes", "unknown-status"}


@pytest.fixture(scope="module")
def project(built_project):
    """A project copy with a good build in output/."""
    return built_project


@pytest.mark.unit
def test_there_are_enough_cases():
    assert len(CASES) >= 20


def errors_of(stderr):
    """The problem lines printed under the errors heading."""
    lines = stderr.splitlines()
    if "Fouten (los ze op en typ dan opnieuw ./blog check):" not in lines:
        return []
    start = lines.index("Fouten (los ze op en typ dan opnieuw ./blog check):") + 1
    return [line for line in lines[start:] if line.startswith("content/")]


@pytest.mark.parametrize("case", [*CASES, *DUTCH_FIELDS])
def test_bad_post_is_refused_with_its_message(project, case):
    data, message = {**CASES, **DUTCH_FIELDS}[case]
    before = snapshot(project / "output")
    bad = project / "content" / "artikelen" / "kapot.md"
    bad.write_bytes(data)
    try:
        for task in ("check", "build"):
            result = run_task(project, task)
            assert result.returncode == 1, (task, result.stdout, result.stderr)
            mine = [line for line in errors_of(result.stderr) if line.startswith(F)]
            assert mine == [message], (task, result.stderr)
        assert snapshot(project / "output") == before
        assert not list(project.glob(".output.*")), "a staging folder was left behind"
    finally:
        bad.unlink()


def as_draft(data, name):
    """The same post with 'Status: draft' as its last header line, under another file name."""
    head, _, body = data.decode("utf-8").partition("\n\n")
    return f"{head}\nStatus: draft\n\n{body}".encode(), f"content/artikelen/concept-{name}.md"


def moved(message, header_lines, display):
    """The message for the draft copy: its file name, and body lines one further down."""
    line = int(message.split(":")[1])
    if line > header_lines:
        line += 1
    return f"{display}:{line}:{message.split(':', 2)[2]}"


def test_bad_drafts_are_notes_and_the_site_builds(project):
    """Every bad post of CASES, as a draft: reported as a note, never blocking, never published."""
    articles = project / "content" / "artikelen"
    expected = []
    for name, (data, message) in {**CASES, **DUTCH_FIELDS}.items():
        if name in NOT_DRAFTS:
            continue
        draft, display = as_draft(data, name)
        (articles / display.rsplit("/", 1)[1]).write_bytes(draft)
        header_lines = data.decode("utf-8").partition("\n\n")[0].count("\n") + 1
        expected.append(moved(message.replace(F, display), header_lines, display))
    try:
        for task in ("check", "build", "publish"):
            result = run_task(project, task)
            assert result.returncode == 0, (task, result.stderr)
            lines = result.stderr.splitlines()
            assert not errors_of(result.stderr), (task, result.stderr)
            notes = lines[
                lines.index("Notities bij concepten (Status: draft; nog niet op de site):") :
            ]
            missing = [m for m in expected if m not in notes]
            assert not missing, (task, missing, result.stderr)
        published = project / "output"
        assert not (published / "concepten").exists()
        assert not [p for p in published.rglob("*.html") if b"Een artikel</h1>" in p.read_bytes()]
        summary = run_task(project, "check").stderr.splitlines()[-1]
        # more notes than cases: the drafts share one Slug, which is a note of its own
        count = int(summary.split()[0])
        assert count > len(expected), summary
        assert summary == (
            f"{count} notities bij concepten (die blokkeren niets; het concept komt pas op de "
            "site als het af is)."
        )
    finally:
        for path in articles.glob("concept-*.md"):
            path.unlink()


def test_draft_pick_is_refused(project):
    articles = project / "content" / "artikelen"
    (articles / "concept.md").write_bytes(post(Slug="mijn-concept", Status="draft"))
    (articles / "kapot.md").write_bytes(post(Meer_lezen="mijn-concept"))
    try:
        result = run_task(project, "check")
        assert result.returncode == 1
        assert errors_of(result.stderr) == [
            f"{F}:7: Meer_lezen noemt 'mijn-concept', een concept; kies een gepubliceerd artikel"
        ]
    finally:
        (articles / "concept.md").unlink()
        (articles / "kapot.md").unlink()


def test_check_reports_every_problem_at_once(project):
    articles = project / "content" / "artikelen"
    (articles / "a.md").write_bytes(post(Slug="a", Date="2025-02-30"))
    (articles / "b.md").write_bytes(post(Slug="b", Tags="Arbeidsmark"))
    try:
        result = run_task(project, "check")
        assert errors_of(result.stderr) == [
            "content/artikelen/a.md:2: Date '2025-02-30' bestaat niet: februari heeft 28 dagen in 2025; bedoel je 2025-02-28 of 2025-03-01?",
            "content/artikelen/b.md:4: 'Arbeidsmark' staat niet in de woordenlijst; bedoel je 'Arbeidsmarkt'?",
        ]
        assert result.stderr.splitlines()[-1] == "2 fouten (die houden de site tegen)."
    finally:
        (articles / "a.md").unlink()
        (articles / "b.md").unlink()
