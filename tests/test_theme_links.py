"""A theme that only a hidden article has gets no page: its chip is no link to a missing page."""

from conftest import make_project, run_task

HIDDEN = """Title: Alleen voor wie de link heeft
Date: 2025-06-01
Category: Arbeidsmarkt
Tags: Nieuw thema
Slug: verborgen-met-eigen-thema
Summary: Een verborgen artikel met een thema dat geen gepubliceerd artikel heeft.
Bron_site: Go-Office
Status: hidden

Dit artikel staat niet in de lijsten, maar is wel te lezen voor wie het adres heeft.
"""

THEME = """
[[thema]]
naam = "Nieuw thema"
slug = "nieuw-thema"
beschrijving = "Een thema dat alleen een verborgen artikel heeft."
"""


def test_a_theme_of_a_hidden_article_alone_is_shown_without_a_link(tmp_path):
    project = make_project(tmp_path)
    content = project / "content"
    with (content / "themas.toml").open("a", encoding="utf-8") as vocabulary:
        vocabulary.write(THEME)
    (content / "artikelen" / "verborgen-met-eigen-thema.md").write_text(HIDDEN, encoding="utf-8")
    result = run_task(project, "build")
    assert result.returncode == 0, (
        result.stderr
    )  # the link check finds no link to /thema/nieuw-thema/
    output = project / "output"
    page = (output / "artikelen" / "verborgen-met-eigen-thema.html").read_text(encoding="utf-8")
    assert '<span class="theme-chip">Nieuw thema</span>' in page
    assert "thema/nieuw-thema/" not in page
    assert not (output / "thema" / "nieuw-thema").exists()
    # A theme with published articles is still a link, on every article page.
    other = (output / "artikelen" / "personeelstekort.html").read_text(encoding="utf-8")
    assert 'class="theme-chip" href="/thema/arbeidsmarkt/"' in other
