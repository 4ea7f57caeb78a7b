"""Publishing: byte-identical output, a new post from a title, and a deploy served by nginx."""

import subprocess
import time
import urllib.error
import urllib.request
from datetime import date

import pytest
from conftest import ROOT, build_fixture, free_port, make_project, nginx, run_task, snapshot

from plugins.content_guard.content_guard import vocabulary_path
from plugins.content_guard.vocabulary import load_vocabulary
from sitetools.newpost import NewPostError, create_post
from sitetools.settings import load


def test_two_publishes_are_byte_identical(tmp_path):
    first = snapshot(build_fixture("publishconf.py", tmp_path / "one"))
    time.sleep(1.1)  # a build time in seconds would now differ
    second = snapshot(build_fixture("publishconf.py", tmp_path / "two"))
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    index = [name for name in first if name.startswith("pagefind/")]
    assert {"pagefind/pagefind.js", "pagefind/pagefind-entry.json"} <= set(index)
    assert [n for n in index if n.startswith("pagefind/filter/")]  # the filters Pagefind shuffles
    today = date.today().isoformat().encode()
    assert not [name for name, data in first.items() if today in data]


def test_publish_uses_the_public_address(published):
    page = (published / "artikelen" / "personeelstekort.html").read_text(encoding="utf-8")
    assert (
        '<link rel="canonical" href="https://werkinbeweging.nl/artikelen/personeelstekort.html">'
        in page
    )
    assert 'href="/thema/arbeidsmarkt/"' in page
    assert "https://werkinbeweging.nl/sitemap.xml" in (published / "robots.txt").read_text(
        encoding="utf-8"
    )


@pytest.mark.unit
def test_new_post_has_every_field_and_never_overwrites(tmp_path):
    path = create_post(
        "Vijf tips voor je cv’s & sollicitaties", today=date(2026, 2, 3), folder=tmp_path
    )
    assert path.name == "vijf-tips-voor-je-cvs-sollicitaties.md"
    text = path.read_text(encoding="utf-8")
    for line in (
        "Title: Vijf tips voor je cv’s & sollicitaties",
        "Date: 2026-02-03",
        "Category:",
        "Tags:",
        "Slug: vijf-tips-voor-je-cvs-sollicitaties",
        "Summary:",
        "Bron_site:",
        "Meer_lezen:",
        "Status: draft",
    ):
        assert line in text.splitlines()
    vocabulary = load_vocabulary(vocabulary_path(load()))  # the site's, whatever it holds today
    assert ", ".join(vocabulary.themes) in text  # listed in a comment
    path.write_text("changed", encoding="utf-8")
    with pytest.raises(NewPostError, match="bestaat al; kies een andere titel"):
        create_post("Vijf tips voor je cv’s & sollicitaties", folder=tmp_path)
    assert path.read_text(encoding="utf-8") == "changed"


def test_new_post_through_the_task_is_a_draft_that_never_blocks(tmp_path):
    """The author's loop: new draft -> notes, the site builds -> fill in -> preview at its address."""
    project = make_project(tmp_path)
    result = run_task(project, "new", "Mijn eerste artikel")
    assert result.returncode == 0, result.stderr
    assert "Nieuw concept: content/artikelen/mijn-eerste-artikel.md" in result.stderr
    check = run_task(project, "check")
    assert check.returncode == 0, check.stderr
    lines = check.stderr.splitlines()
    assert lines == [
        "Notities bij concepten (Status: draft; nog niet op de site):",
        "content/artikelen/mijn-eerste-artikel.md:3: de rubriek ontbreekt; voeg 'Category: …' toe "
        "met een van: Arbeidsmarkt, Werkvloer Tips & Tricks, Loopbaanvak",
        "content/artikelen/mijn-eerste-artikel.md:4: de thema's ontbreken; voeg 'Tags: …' toe met "
        "1 tot 5 thema's uit content/themas.toml",
        "content/artikelen/mijn-eerste-artikel.md:6: de samenvatting ontbreekt; voeg 'Summary:' toe "
        "met een of twee zinnen voor de lezer",
        "3 notities bij concepten (die blokkeren niets; het concept komt pas op de site als het af "
        "is).",
    ]
    build = run_task(project, "build")
    assert build.returncode == 0, build.stderr
    assert (
        "Concept content/artikelen/mijn-eerste-artikel.md: nog niet te bekijken (zie de notities)."
        in build.stderr
    )
    assert (project / "output" / "artikelen" / "personeelstekort.html").exists()
    assert not (project / "output" / "concepten" / "mijn-eerste-artikel.html").exists()
    post = project / "content" / "artikelen" / "mijn-eerste-artikel.md"
    text = post.read_text(encoding="utf-8")
    for field, value in (("Category", "Loopbaanvak"), ("Tags", "AI"), ("Summary", "Kort.")):
        text = text.replace(f"\n{field}:\n", f"\n{field}: {value}\n")
    post.write_text(text, encoding="utf-8")
    build = run_task(project, "build")
    assert build.returncode == 0, build.stderr
    assert (
        "Concept content/artikelen/mijn-eerste-artikel.md: te bekijken op "
        "http://localhost:8000/concepten/mijn-eerste-artikel.html" in build.stderr
    )
    page = project / "output" / "concepten" / "mijn-eerste-artikel.html"
    assert "Mijn eerste artikel" in page.read_text(encoding="utf-8")
    publish = run_task(project, "publish")
    assert publish.returncode == 0, publish.stderr
    assert not (project / "output" / "concepten").exists()
    assert b"mijn-eerste-artikel" not in (project / "output" / "sitemap.xml").read_bytes()
    again = run_task(project, "new", "Mijn eerste artikel")
    assert again.returncode == 1 and "bestaat al" in again.stderr


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


@pytest.mark.browser
def test_deploy_to_a_folder_served_by_nginx(tmp_path):
    project = make_project(tmp_path)
    www = tmp_path / "www"
    first = run_task(project, "deploy", "--target", str(www))
    assert first.returncode == 0, first.stderr
    (www / "verouderd.html").write_text("weg ermee", encoding="utf-8")
    result = run_task(project, "deploy", "--target", str(www))
    assert result.returncode == 0, result.stderr
    assert not (www / "verouderd.html").exists()  # files that no longer exist are deleted

    with nginx(www, tmp_path / "run", free_port()) as base:
        checks = {
            "/": (200, "Nieuwste artikelen"),
            "/artikelen/cao-uitzendkrachten-2026.html": (
                200,
                "<h1>Nieuwe cao voor uitzendkrachten 2026</h1>",
            ),
            "/thema/netwerken/": (200, '<h1 class="page-title">Netwerken</h1>'),
            "/feeds/alles.atom.xml": (200, '<feed xmlns="http://www.w3.org/2005/Atom"'),
            "/bestaat/niet/": (404, "Pagina niet gevonden"),
        }
        for path, (status, text) in checks.items():
            got_status, body = _get(base + path)
            assert (got_status, text in body) == (status, True), path


def test_failed_publish_uploads_nothing(tmp_path):
    project = make_project(tmp_path)
    (project / "content" / "artikelen" / "kapot.md").write_text(
        "Title: Kapot\n\nTekst.\n", encoding="utf-8"
    )
    www = tmp_path / "www"
    www.mkdir()
    (www / "index.html").write_text("de vorige site", encoding="utf-8")
    (www / ".werkinbeweging-deploy").write_text("een eerdere deploy", encoding="utf-8")
    result = run_task(project, "deploy", "--target", str(www))
    assert result.returncode == 1
    assert (www / "index.html").read_text(encoding="utf-8") == "de vorige site"
    assert not (project / "output").exists()


def test_deploy_without_target_explains(tmp_path):
    project = make_project(tmp_path)
    result = run_task(project, "deploy")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "fout: Niets geüpload: geen deploy-doel opgegeven; geef --target mee of zet "
        "DEPLOY_TARGET (bijvoorbeeld gebruiker@server:/var/www/blog)"
    ]  # said before building: no build lines
    assert not (project / "output").exists()  # said before anything was built
    assert ROOT.exists()


def test_deploy_to_github_pages_branch(tmp_path):
    project = make_project(tmp_path)
    remote = tmp_path / "remote.git"
    git = ["git", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run([*git, "init", "-q", str(project)], check=True)
    for key, val in (("user.name", "Redactie"), ("user.email", "redactie@example.org")):
        subprocess.run(["git", "-C", str(project), "config", key, val], check=True)
    subprocess.run(["git", "-C", str(project), "remote", "add", "origin", str(remote)], check=True)
    result = run_task(project, "deploy", "--github")
    assert result.returncode == 0, result.stderr
    files = subprocess.run(
        ["git", "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert {"index.html", ".nojekyll", "404.html", "artikelen/personeelstekort.html"} <= set(files)
