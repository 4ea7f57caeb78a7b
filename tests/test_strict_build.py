"""A bad post stops `invoke build` with a message naming the file and the fix; output is kept."""

import pytest
from conftest import make_project, run_task, snapshot

GOOD = """Title: Een goed artikel
Date: 2025-03-01
Category: Arbeidsmarkt
Tags: Arbeidsmarkt, AI
Slug: een-goed-artikel
Summary: Een korte samenvatting voor de lezer.

Tekst van het artikel. [Lees ook]({filename}/artikelen/personeelstekort.md).
"""


@pytest.fixture(scope="module")
def project(built_project):
    """A project copy with a good build in output/."""
    return built_project


@pytest.mark.parametrize(
    ("post", "message"),
    [
        (
            GOOD.replace("Date: 2025-03-01", "Date: 2025-13-45"),
            "content/artikelen/kapot.md:2: Date '2025-13-45' bestaat niet: een jaar heeft 12 maanden; schrijf JJJJ-MM-DD, met de maand (01 tot 12) in het midden",
        ),
        (
            GOOD.replace("Title: Een goed artikel\n", ""),
            "content/artikelen/kapot.md:1: de titel ontbreekt; zet bovenaan een regel 'Title: …'",
        ),
        (
            GOOD.replace("Tags: Arbeidsmarkt, AI", "Tags: Arbeidsmark, AI"),
            "content/artikelen/kapot.md:4: 'Arbeidsmark' staat niet in de woordenlijst; bedoel je 'Arbeidsmarkt'?",
        ),
    ],
    ids=["bad-date", "no-title", "unknown-theme"],
)
def test_bad_post_stops_build_and_keeps_output(project, post, message):
    before = snapshot(project / "output")
    bad = project / "content" / "artikelen" / "kapot.md"
    bad.write_text(post, encoding="utf-8")
    try:
        for task in ("build", "check", "publish"):
            result = run_task(project, task)
            assert result.returncode == 1, (task, result.stderr)
            assert message in result.stderr, (task, result.stderr)
        assert snapshot(project / "output") == before
    finally:
        bad.unlink()


def test_good_post_builds(project):
    post = project / "content" / "artikelen" / "goed.md"
    post.write_text(GOOD, encoding="utf-8")
    try:
        result = run_task(project, "build")
        assert result.returncode == 0, result.stderr
        page = (project / "output" / "artikelen" / "een-goed-artikel.html").read_text(
            encoding="utf-8"
        )
        assert 'href="http://localhost:8000/artikelen/personeelstekort.html">Lees ook</a>' in page
    finally:
        post.unlink()


@pytest.mark.parametrize(
    ("setting", "plugin"),
    [
        ("MEER_LEZEN_AANTAL", "meer_lezen"),
        ("DATA_TABLES_GRAFIEKEN", "data_tables"),
        ("CONTENT_GUARD_THEMAS", "content_guard"),
        ("QUOTE_CARDS_SJABLOON", "quote_cards"),
    ],
)
def test_unknown_plugin_setting_stops_the_build(tmp_path, setting, plugin):
    project = make_project(tmp_path)
    conf = project / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + f"\n{setting} = 4\n", encoding="utf-8")
    result = run_task(project, "build")
    assert result.returncode == 1
    assert f"pelicanconf.py: {setting} is geen bekende instelling; bedoel je een van: " in (
        result.stderr
    )
    assert plugin.upper() in result.stderr  # the known settings are listed
    assert not (project / "output").exists()
