"""Nothing under content/ is left out silently: every file has a place or stops the build."""

from pathlib import PurePosixPath

import pytest
from conftest import FIXTURE, run_task, snapshot

from plugins.content_guard.files import Layout, classify, layout_from, sort_files

VALID = (FIXTURE / "artikelen" / "personeelstekort.md").read_bytes()
POST_ADVICE = (
    "dit bestand staat niet in een map die de site leest; zet een artikel in "
    "content/artikelen/ en een pagina in content/pages/"
)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("rel", "kind"),
    [
        ("artikelen/x.md", "article"),
        ("artikelen/2024/x.markdown", "article"),
        ("pages/over.md", "page"),
        ("images/foto.png", "static"),
        ("extra/favicon.svg", "static"),
        ("themas.toml", "vocabulary"),
        ("artikelen/.DS_Store", "ignored"),
        ("artikelen/x.md~", "ignored"),
        ("pages/.over.md.swp", "ignored"),
        ("mijn-artikel.md", None),
        ("artikelenx/x.md", None),
        ("images/x.md", None),
        ("pages/x.txt", None),
        ("artikelen/x.MD", None),
        ("artikelen/x.rst", None),
        ("artikelen/x.html", None),
        ("artikelen/foto.png", None),
        ("notities.txt", None),
        ("images/themas.toml", "static"),
    ],
)
def test_every_path_has_one_place(rel, kind):
    assert classify(PurePosixPath(rel), Layout()) == kind


@pytest.mark.unit
def test_ignore_rules_and_folders_come_from_the_settings(tmp_path):
    layout = Layout(articles=("posts",), pages=(), static=(), ignore=("*.bak",))
    for rel in ("posts/a.md", "posts/a.md.bak", "artikelen/b.md", "posts/.DS_Store"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    posts, problems = sort_files(tmp_path, layout)
    assert [p.relative_to(tmp_path).as_posix() for p in posts] == ["posts/a.md"]
    assert [(p.display.split("/", 1)[1], p.line) for p in problems] == [
        ("artikelen/b.md", 1),
        ("posts/.DS_Store", 1),  # not a default any more: the setting replaced the list
    ]


@pytest.mark.unit
def test_a_whole_content_folder_of_articles_still_has_static_files():
    layout = Layout(articles=("",), pages=("pages",), static=("images",))
    assert classify(PurePosixPath("x.md"), layout) == "article"
    assert classify(PurePosixPath("pages/x.md"), layout) == "page"
    assert classify(PurePosixPath("images/x.png"), layout) == "static"
    assert classify(PurePosixPath("x.png"), layout) is None


@pytest.mark.unit
def test_pelicans_ignore_files_are_rules_too():
    layout = layout_from(
        {"ARTICLE_PATHS": ["artikelen"], "IGNORE_FILES": ["*.concept.md", "oud"]}, "t.toml", []
    )
    assert classify(PurePosixPath("artikelen/x.concept.md"), layout) == "ignored"
    assert classify(PurePosixPath("oud/x.md"), layout) == "ignored"  # a whole folder, as Pelican
    assert classify(PurePosixPath("artikelen/x.md"), layout) == "article"


PLACES = {
    "content-root": ("content/mijn-artikel.md", POST_ADVICE),
    "unknown-folder": ("content/berichten/mijn-artikel.md", POST_ADVICE),
    "images-folder": (
        "content/images/mijn-artikel.md",
        "dit artikel staat in een map voor afbeeldingen en bestanden; zet een artikel in "
        "content/artikelen/ en een pagina in content/pages/",
    ),
    "upper-case-suffix": (
        "content/artikelen/mijn-artikel.MD",
        "de site leest hier alleen bestanden die op .md eindigen; geef een artikel de "
        "extensie .md, zet afbeeldingen en andere bestanden in content/images/ of "
        "content/extra/, of haal het bestand weg",
    ),
    "text-in-pages": (
        "content/pages/mijn-artikel.txt",
        "de site leest hier alleen bestanden die op .md eindigen; geef een artikel de "
        "extensie .md, zet afbeeldingen en andere bestanden in content/images/ of "
        "content/extra/, of haal het bestand weg",
    ),
}


def test_a_valid_article_in_the_pages_folder_stops_the_build(built_project):
    before = snapshot(built_project / "output")
    stray = built_project / "content" / "pages" / "mijn-artikel.md"
    stray.write_bytes(VALID.replace(b"Slug: personeelstekort", b"Slug: mijn-artikel"))
    line = VALID.decode("utf-8").splitlines().index("Category: Arbeidsmarkt") + 1
    try:
        for task in ("check", "build"):
            result = run_task(built_project, task)
            assert result.returncode == 1, result.stderr
            assert (
                f"content/pages/mijn-artikel.md:{line}: een pagina heeft geen Category, een "
                "artikel wel; is dit een artikel, zet het dan in content/artikelen/; is het een "
                "pagina, haal de regel 'Category:' weg"
            ) in result.stderr
        assert snapshot(built_project / "output") == before
    finally:
        stray.unlink()


@pytest.mark.parametrize("place", PLACES)
def test_a_valid_post_in_a_wrong_place_stops_the_build(built_project, place):
    rel, advice = PLACES[place]
    before = snapshot(built_project / "output")
    stray = built_project / rel
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(VALID.replace(b"Slug: personeelstekort", b"Slug: mijn-artikel"))
    try:
        for task in ("check", "build"):
            result = run_task(built_project, task)
            assert result.returncode == 1, result.stderr
            assert f"{rel}:1: {advice}" in result.stderr
        assert snapshot(built_project / "output") == before
    finally:
        stray.unlink()


def test_editor_and_system_debris_is_ignored_and_not_published(built_project):
    debris = [
        built_project / "content" / "artikelen" / ".DS_Store",
        built_project / "content" / "images" / "Thumbs.db",
        built_project / "content" / "artikelen" / "personeelstekort.md~",
    ]
    for path in debris:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\x00rommel")
    try:
        result = run_task(built_project, "build")
        assert result.returncode == 0, result.stderr
        assert list((built_project / "output").rglob("Thumbs.db")) == []
    finally:
        for path in debris:
            path.unlink()
