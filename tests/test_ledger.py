"""The ledger of published addresses: a published page never disappears silently.

./blog publish records every reader-facing address in content/adressen.txt; ./blog check and
./blog build stop, in the same words, when one of them would be gone, until the page is back,
redirected, or marked as gone on purpose in content/weg.txt.
"""

import re

import pytest
from conftest import run_task, snapshot
from small_sites import SITES, small_project

from plugins.content_guard.content_guard import run_checks
from sitetools import ledger
from sitetools.build import build
from sitetools.settings import load


@pytest.mark.unit
def test_addresses_are_the_files_readers_reach():
    settings = load("pelicanconf.py")  # the preview's settings: they name the drafts' folder
    addresses = {
        "index.html": "/",
        "artikelen/x.html": "/artikelen/x.html",
        "thema/ai/index.html": "/thema/ai/",
        "feeds/thema/ai.atom.xml": "/feeds/thema/ai.atom.xml",
        "over/index.html": "/over/",
        "pagefind/pagefind.js": None,  # the search index
        "deelkaarten/x-1a2b.png": None,  # share cards
        "images/foto-800.webp": None,  # image sizes
        "theme/css/site.css": None,
        "concepten/x.html": None,  # drafts are never published
        "pagina/2/index.html": None,  # page 2 of a list moves as articles come and go
        "thema/ai/pagina/3/index.html": None,
    }
    for rel, want in addresses.items():
        assert ledger.reader_address(rel, settings) == want, rel
        if want:
            assert ledger.file_of(want) == rel
    assert ledger.kind("artikelen/x.html", settings) == "artikel"
    assert ledger.kind("over/index.html", settings) == "pagina"
    assert ledger.kind("thema/ai/index.html", settings) == "overzicht"
    assert ledger.kind("feeds/alles.atom.xml", settings) == "overzicht"
    assert ledger.kind("zoeken/index.html", settings) == "overzicht"


@pytest.mark.unit
def test_lists_read_comments_and_the_ledger_stays_sorted(tmp_path):
    settings = {"PATH": str(tmp_path)}
    (tmp_path / "weg.txt").write_text(
        "# bewust weg\n/artikelen/oud.html  # ingetrokken in maart\n\nthema/oud/\n", "utf-8"
    )
    assert ledger.read_list(tmp_path / "weg.txt") == {"/artikelen/oud.html": 2, "/thema/oud/": 4}
    assert ledger.update(settings, {"/b/", "/a.html"}) == ["/a.html", "/b/"]
    assert ledger.update(settings, {"/c.html", "/a.html"}) == ["/c.html"]
    lines = (tmp_path / "adressen.txt").read_text("utf-8").splitlines()
    assert [line for line in lines if not line.startswith("#")] == ["/a.html", "/b/", "/c.html"]
    assert ledger.update(settings, {"/a.html"}) == []  # an address is never dropped


def test_check_derives_exactly_the_addresses_a_publish_writes(tmp_path):
    """./blog check builds nothing: its addresses, from metadata alone, equal a real publish's
    (articles, a hidden one, a page, themes, rubrics, years, feeds, a former address)."""
    content = SITES / "adressen" / "content"
    site = build(
        "publishconf.py",
        tmp_path / "output",
        PATH=str(content),
        CACHE_PATH=str(tmp_path / "cache"),
        CACHE_CONTENT=False,
        LOAD_CONTENT_CACHE=False,
    )
    settings = load("publishconf.py", PATH=str(content))
    built = ledger.built_addresses(site, settings)
    assert ledger.expected_addresses(settings, run_checks(settings)[2]) == built
    assert {"/artikelen/verborgen.html", "/artikelen/oude-naam.html", "/archief/2024/"} <= built


def _lost(stderr):
    return re.findall(r"^content/adressen\.txt:\d+: (\S+) is gepubliceerd", stderr, re.M)


def test_a_deleted_article_stops_check_and_build_until_it_is_marked_gone(tmp_path):
    project = small_project(tmp_path)
    published = run_task(project, "publish")
    assert published.returncode == 0, published.stderr
    kept = (project / "content" / "adressen.txt").read_text("utf-8").splitlines()
    addresses = [line for line in kept if not line.startswith("#")]
    assert addresses == sorted(addresses)
    assert {"/artikelen/verdwijnt.html", "/thema/starters/", "/over/", "/"} <= set(addresses)
    assert not [a for a in addresses if a.startswith(("/concepten/", "/pagefind/", "/deel"))]
    site = snapshot(project / "output")

    (project / "content" / "artikelen" / "verdwijnt.md").unlink()
    check = run_task(project, "check")
    assert check.returncode == 1, check.stderr
    lost = _lost(check.stderr)
    # the article, and what only it had: its theme's page and feed, its rubric, its year
    assert lost == [
        "/archief/2024/",
        "/artikelen/verdwijnt.html",
        "/feeds/thema/starters.atom.xml",
        "/rubriek/arbeidsmarkt/",
        "/thema/starters/",
    ]
    line = addresses.index("/artikelen/verdwijnt.html") + 1 + len(kept) - len(addresses)
    assert (
        f"content/adressen.txt:{line}: /artikelen/verdwijnt.html is gepubliceerd, maar de nieuwe "
        "site heeft er niets meer (wie een link ernaar volgt, krijgt 'Pagina niet gevonden'); "
        "zet het artikel terug (of de oude Slug), zet 'Alias: /artikelen/verdwijnt.html' bij het "
        "artikel dat ervoor in de plaats komt (dan stuurt de site lezers door), of zet het adres "
        "in content/weg.txt als het bewust verdwijnt" in check.stderr.splitlines()
    )
    assert "5 fouten (die houden de site tegen)." in check.stderr

    build = run_task(project, "build")
    assert build.returncode == 1, build.stderr
    report = [line for line in check.stderr.splitlines() if line.startswith("content/")]
    assert [line for line in build.stderr.splitlines() if line.startswith("content/")] == report
    assert snapshot(project / "output") == site  # the previous site stays as it was

    (project / "content" / "weg.txt").write_text(
        "# uit de lucht gehaald in de test\n" + "".join(f"{a}\n" for a in lost), "utf-8"
    )
    check = run_task(project, "check")
    assert check.returncode == 0, check.stderr
    build = run_task(project, "build")
    assert build.returncode == 0, build.stderr
    assert not (project / "output" / "artikelen" / "verdwijnt.html").exists()


def test_a_renamed_article_with_its_alias_passes_check_and_build(tmp_path):
    """A redirect page is a file at the old address: the ledger is satisfied by it."""
    project = small_project(tmp_path)
    published = run_task(project, "publish")
    assert published.returncode == 0, published.stderr
    post = project / "content" / "artikelen" / "verdwijnt.md"
    post.write_text(
        post.read_text("utf-8").replace("Slug: verdwijnt", "Slug: verhuisd"), encoding="utf-8"
    )
    check = run_task(project, "check")
    assert check.returncode == 1
    assert _lost(check.stderr) == ["/artikelen/verdwijnt.html"]  # its themes stay

    post.write_text(
        post.read_text("utf-8").replace(
            "Slug: verhuisd", "Slug: verhuisd\nAlias: /artikelen/verdwijnt.html"
        ),
        encoding="utf-8",
    )
    check = run_task(project, "check")
    assert check.returncode == 0, check.stderr
    build = run_task(project, "build")
    assert build.returncode == 0, build.stderr
    old = (project / "output" / "artikelen" / "verdwijnt.html").read_text("utf-8")
    assert "/artikelen/verhuisd.html" in old
