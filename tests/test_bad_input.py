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
        f"{F}:2: Date '2025-13-45' is no valid date (use YYYY-MM-DD)",
    ),
    "date-words": (
        post(Date="1 maart 2025"),
        f"{F}:2: Date '1 maart 2025' is no valid date (use YYYY-MM-DD)",
    ),
    "no-date": (post(drop=("Date",)), f"{F}:1: Date is missing; add a line 'Date: YYYY-MM-DD'"),
    "no-title": (
        post(drop=("Title",)),
        f"{F}:1: Title is missing; add a line 'Title: ...' at the top",
    ),
    "title-html": (
        post(Title="Werk <script>alert(1)</script>"),
        f"{F}:1: Title contains HTML ('<script>'); write plain text",
    ),
    "theme-typo": (
        post(Tags="Arbeidsmark, AI"),
        f"{F}:4: 'Arbeidsmark' is no theme; did you mean 'Arbeidsmarkt'?",
    ),
    "theme-unknown": (
        post(Tags="Voetbal"),
        f"{F}:4: 'Voetbal' is no theme; see content/themas.toml",
    ),
    "too-many-themes": (
        post(Tags="AI, Skills, Starters, Welzijn, Onderzoek, Netwerken"),
        f"{F}:4: Tags names 6 themes; use at most 5",
    ),
    "no-themes": (
        post(drop=("Tags",)),
        f"{F}:1: Tags is missing; add 1 to 5 themes from content/themas.toml",
    ),
    "category-typo": (
        post(Category="Arbeidsmakt"),
        f"{F}:3: 'Arbeidsmakt' is no rubric (Category); did you mean 'Arbeidsmarkt'?",
    ),
    "unknown-field": (
        post(Tgas="AI"),
        f"{F}:7: Unknown metadata field 'Tgas'; did you mean 'Tags'?",
    ),
    "unknown-status": (
        post(Status="publised"),
        f"{F}:7: Status 'publised' is unknown; did you mean 'published'? (use published, draft, hidden)",
    ),
    "no-summary": (
        post(drop=("Summary",)),
        f"{F}:1: Summary is missing; add 'Summary:' with one or two sentences for readers",
    ),
    "long-summary": (
        post(Summary="Lang. " * 60),
        f"{F}:6: Summary is 359 characters; keep it under 300 (one or two sentences)",
    ),
    "bad-slug": (
        post(Slug="Mijn Artikel!"),
        f"{F}:5: Slug 'Mijn Artikel!' may only hold a-z, 0-9 and single hyphens (like 'mijn-artikel')",
    ),
    "duplicate-slug": (
        post(Slug="talentschaarste"),
        f"{F}:5: Slug 'talentschaarste' is also used by content/artikelen/talentschaarste.md; give one of them another Slug",
    ),
    "unknown-pick": (
        post(Meer_lezen="talentschaarst"),
        f"{F}:7: Meer_lezen names 'talentschaarst', which is no article; did you mean 'talentschaarste'?",
    ),
    "self-pick": (
        post(Meer_lezen="een-artikel"),
        f"{F}:7: Meer_lezen names 'een-artikel', the article itself; pick another article",
    ),
    "unknown-source": (
        post(Bron_site="Go Office"),
        f"{F}:7: Bron_site 'Go Office' is unknown; did you mean 'Go-Office'?",
    ),
    "ragged-table": (
        post(BODY + TABLE.replace("| Ja | 71% |", "| Ja | 71% | 3 |")),
        f"{F}:14: row 'Ja' of table 'Cijfers' has 3 cells, the header has 2; add or remove cells (leave a cell empty as '| |')",
    ),
    "not-a-percent": (
        post(BODY + TABLE.replace("71%", "veel")),
        f"{F}:14: 'veel' in row 'Ja', column 'Aandeel' of table 'Cijfers' is no procent (write it like 23,4%)",
    ),
    "bad-column-type": (
        post(BODY + TABLE.replace("tekst, procent", "tekst, percentage")),
        f"{F}:11: 'percentage' in table 'Cijfers' is no column type; use tekst, getal, procent, jaar, trend",
    ),
    "bad-chart-type": (
        post(BODY + TABLE.replace("Kolommen:", "Grafiek: taart\nKolommen:")),
        f"{F}:11: 'taart' in table 'Cijfers' is no chart type; use staaf or lijn",
    ),
    "unclosed-table": (
        post(BODY + TABLE.removesuffix("```\n")),
        f"{F}:9: the ```tabel block opened here is never closed; add a line with ``` after it",
    ),
    "tiktok-no-account": (
        post(BODY + "```tiktok\nNaam: Iemand\n\nEen video.\n```\n"),
        f"{F}:9: the ```tiktok block needs 'Account: @name' (found ''); copy the account from the video",
    ),
    "missing-image": (
        post(BODY + "![Grafiek](/images/bestaat-niet.png)\n"),
        f"{F}:9: de afbeelding '/images/bestaat-niet.png' bestaat niet; controleer de naam en de map (content/images/)",
    ),
    "dead-filename-link": (
        post(BODY + "Zie [dit]({filename}/artikelen/bestaat-niet.md).\n"),
        f"{F}:9: the linked file '/artikelen/bestaat-niet.md' does not exist; fix the path (relative to the content folder)",
    ),
    "dead-article-link": (
        post(BODY + "Lees [dit](/artikelen/latent-werkzoekende.html).\n"),
        f"{F}:9: links to '/artikelen/latent-werkzoekende.html', which is no article; did you mean '/artikelen/latent-werkzoekenden.html'?",
    ),
    "scraping-debris": (
        post(BODY + "Afbeelding met tekst, schermopname Automatisch gegenereerde beschrijving\n"),
        f"{F}:9: leftover scraping debris: auto-generated image alt text; remove it",
    ),
    "no-text": (post(body=""), f"{F}:8: the post has no text below its metadata"),
    "not-utf8": (
        post().replace(b"Een artikel", "Een caf\xe9".encode("latin-1")),
        f"{F}:1: is not UTF-8 text (byte 0xe9 on line 1); save the file as UTF-8",
    ),
    "empty-file": (
        b"",
        f"{F}:1: is empty; start with the metadata lines (Title:, Date:, Tags:, ...)",
    ),
    "two-megabytes": (
        post(BODY * 90_000),
        f"{F}:1: is 2.1 MB; a post may be at most 1.0 MB (split it into several posts)",
    ),
}


@pytest.fixture(scope="module")
def project(built_project):
    """A project copy with a good build in output/."""
    return built_project


def test_there_are_enough_cases():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES)
def test_bad_post_is_refused_with_its_message(project, case):
    data, message = CASES[case]
    before = snapshot(project / "output")
    bad = project / "content" / "artikelen" / "kapot.md"
    bad.write_bytes(data)
    try:
        for task in ("check", "build"):
            result = run_task(project, task)
            assert result.returncode == 1, (task, result.stdout, result.stderr)
            assert (
                message in result.stderr.splitlines()
                or f"ERROR: {message}" in result.stderr.splitlines()
            ), (task, result.stderr)
        assert snapshot(project / "output") == before
        assert not list(project.glob(".output.*")), "a staging folder was left behind"
    finally:
        bad.unlink()


def test_draft_pick_is_refused(project):
    articles = project / "content" / "artikelen"
    (articles / "concept.md").write_bytes(post(Slug="mijn-concept", Status="draft"))
    (articles / "kapot.md").write_bytes(post(Meer_lezen="mijn-concept"))
    try:
        result = run_task(project, "check")
        assert result.returncode == 1
        assert (
            f"ERROR: {F}:7: Meer_lezen names 'mijn-concept', which is a draft article; pick a published one"
            in result.stderr
        )
    finally:
        (articles / "concept.md").unlink()
        (articles / "kapot.md").unlink()


def test_check_reports_every_problem_at_once(project):
    articles = project / "content" / "artikelen"
    (articles / "a.md").write_bytes(post(Slug="a", Date="2025-02-30"))
    (articles / "b.md").write_bytes(post(Slug="b", Tags="Arbeidsmark"))
    try:
        result = run_task(project, "check")
        errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR: content/")]
        assert errors == [
            "ERROR: content/artikelen/a.md:2: Date '2025-02-30' is no valid date (use YYYY-MM-DD)",
            "ERROR: content/artikelen/b.md:4: 'Arbeidsmark' is no theme; did you mean 'Arbeidsmarkt'?",
        ]
    finally:
        (articles / "a.md").unlink()
        (articles / "b.md").unlink()
