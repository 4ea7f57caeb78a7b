"""Publishing: byte-identical output, a new post from a title, and a deploy served by nginx."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date

import pytest
from conftest import ROOT, build_fixture, free_port, make_project, nginx, run_task, snapshot
from small_sites import small_project

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
    # the build starts no server: it names the file and the command that shows it
    assert build.stderr.splitlines()[-3:] == [
        "Concept content/artikelen/mijn-eerste-artikel.md: gebouwd als "
        "concepten/mijn-eerste-artikel.html; bekijk het met ./blog livereload",
        "Site gebouwd in output/.",
        "Bekijk haar met ./blog serve, of met ./blog livereload (bouwt opnieuw bij elke wijziging).",
    ]
    assert "localhost" not in build.stderr
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
    (www / "pagefind" / "oud.pf_fragment").write_text("oud", encoding="utf-8")
    (project / "content" / "weg.txt").write_text("/verouderd.html\n", encoding="utf-8")
    result = run_task(project, "deploy", "--target", str(www))
    assert result.returncode == 0, result.stderr
    assert not (www / "verouderd.html").exists()  # a page marked as gone is deleted
    assert not (www / "pagefind" / "oud.pf_fragment").exists()  # an old asset too, quietly

    with nginx(www, tmp_path / "run", free_port()) as base:
        checks = {
            "/": (200, "<h1"),
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
    project = small_project(tmp_path)
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
    project = small_project(tmp_path)
    result = run_task(project, "deploy")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "fout: Niets geüpload: geen deploy-doel opgegeven; geef --target mee of zet "
        "DEPLOY_TARGET (bijvoorbeeld gebruiker@server:/var/www/blog)"
    ]  # said before building: no build lines
    assert not (project / "output").exists()  # said before anything was built
    assert ROOT.exists()


def _git_files(remote):
    return subprocess.run(
        ["git", "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()


def test_deploy_to_github_pages_branch_never_drops_a_live_page(tmp_path):
    project = small_project(tmp_path)
    remote = tmp_path / "remote.git"
    git = ["git", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run([*git, "init", "-q", str(project)], check=True)
    for key, val in (("user.name", "Redactie"), ("user.email", "redactie@example.org")):
        subprocess.run(["git", "-C", str(project), "config", key, val], check=True)
    subprocess.run(["git", "-C", str(project), "remote", "add", "origin", str(remote)], check=True)
    result = run_task(project, "deploy", "--github")
    assert result.returncode == 0, result.stderr
    assert "Site online gezet op de tak gh-pages (GitHub Pages)." in result.stderr.splitlines()
    files = _git_files(remote)
    assert {"index.html", ".nojekyll", "404.html", "artikelen/verdwijnt.html"} <= set(files)

    # Without the ledger (never committed, say) the build lets a deletion through; the deploy
    # still knows what is live on gh-pages and refuses.
    (project / "content" / "adressen.txt").unlink()
    (project / "content" / "artikelen" / "verdwijnt.md").unlink()
    for args in ([], ["--dry-run"]):
        refused = run_task(project, "deploy", "--github", *args)
        assert refused.returncode == 1, refused.stderr
        assert (
            "fout: Niets geüpload: op de tak gh-pages (GitHub Pages) staan pagina’s die deze "
            "build niet meer heeft; een gepubliceerd adres mag niet zomaar verdwijnen:"
            in refused.stderr
        )
        assert "  /artikelen/verdwijnt.html: zet het artikel terug" in refused.stderr
        assert "  /thema/starters/: geen artikel hoort er nog bij" in refused.stderr
        assert _git_files(remote) == files
    lost = [
        line.split(":")[0].strip() for line in refused.stderr.splitlines() if line.startswith("  /")
    ]
    (project / "content" / "weg.txt").write_text("".join(f"{a}\n" for a in lost), "utf-8")
    result = run_task(project, "deploy", "--github")
    assert result.returncode == 0, result.stderr
    assert (
        "let op: /artikelen/verdwijnt.html is verdwenen van de site (het staat in "
        "content/weg.txt)" in result.stderr.splitlines()
    )
    assert "artikelen/verdwijnt.html" not in _git_files(remote)


def test_publish_ends_with_a_summary(tmp_path):
    project = small_project(tmp_path)
    later = (project / "content" / "artikelen" / "verdwijnt.md").read_text("utf-8")
    later = later.replace("Slug: verdwijnt", "Slug: later").replace("2024-06-01", "2026-12-15")
    (project / "content" / "artikelen" / "later.md").write_text(later, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "publish"],
        cwd=project,
        env={**os.environ, "SITEURL": "https://voorbeeld.nl/", "WIB_NOW": "2026-12-01T12:00"},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    site = snapshot(project / "output")
    size = f"{sum(map(len, site.values())) / 1e6:.1f}".replace(".", ",")
    lines = result.stderr.splitlines()
    assert lines[-4:-2] == [
        f"Productiebouw voor https://voorbeeld.nl: 3 artikelen en 1 pagina, {size} MB in "
        f"{len(site)} bestanden.",
        "Niet gepubliceerd: content/artikelen/concept.md (concept); content/artikelen/later.md "
        "(ingepland voor 15 december 2026).",
    ]
    assert lines[-2].startswith("content/adressen.txt: 21 nieuwe adressen erbij (/, /404.html, ")
    assert lines[-2].endswith("…); commit het bestand met de content.")
    assert lines[-1] == "De site staat in output/; zet haar online met ./blog deploy."
