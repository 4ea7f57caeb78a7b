"""A warm rebuild publishes exactly what a cold build would: edits, templates, plugins, settings."""

import os
import shutil
import subprocess
import sys
import time

import pytest
from cache_edits import MORE_STEPS, STEPS, append
from conftest import make_project, run_task, snapshot


def build(project):
    result = run_task(project, "build")
    assert result.returncode == 0, result.stderr
    return snapshot(project / "output")


def cold(project):
    shutil.rmtree(project / "cache")
    return build(project)


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    project = make_project(tmp_path)
    build(project)  # fills the cache
    assert (project / "cache").is_dir()
    return project


def differing(a, b):
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def test_edited_article(project):
    replace(
        project / "content" / "artikelen" / "cao-uitzendkrachten-2026.md",
        "Title: Nieuwe cao voor uitzendkrachten 2026",
        "Title: Nieuwe cao voor uitzendkrachten 2026 (bijgewerkt)",
    )
    warm = build(project)
    assert b"(bijgewerkt)" in warm["artikelen/cao-uitzendkrachten-2026.html"]
    assert differing(warm, cold(project)) == []


def test_changed_table_template(project):
    replace(
        project / "theme" / "templates" / "partials" / "data_table.html",
        '<table class="data-table">',
        '<table class="data-table gewijzigd">',
    )
    warm = build(project)
    assert b"data-table gewijzigd" in warm["artikelen/kanalen-in-cijfers.html"]
    assert differing(warm, cold(project)) == []


def test_changed_plugin(project):
    page = "artikelen/kanalen-in-cijfers.html"
    before = snapshot(project / "output")[page]
    replace(
        project / "plugins" / "data_tables" / "charts.py", "PANEL_PLOT_H = 40", "PANEL_PLOT_H = 44"
    )
    warm = build(project)
    assert b'class="chart-panel"' in warm[page] and warm[page] != before
    assert differing(warm, cold(project)) == []


def test_changed_setting(project):
    (project / "pelicanconf.py").write_text(
        (project / "pelicanconf.py").read_text(encoding="utf-8") + "\nDATA_TABLES_CHARTS = False\n",
        encoding="utf-8",
    )
    warm = build(project)
    assert b"<svg" not in warm["artikelen/kanalen-in-cijfers.html"]
    assert differing(warm, cold(project)) == []


def test_keys_of_another_output_folder_are_not_trusted(project):
    """A cached build into another folder (as the tests do) must not make output/ stale."""
    replace(
        project / "content" / "artikelen" / "cao-uitzendkrachten-2026.md",
        "Title: Nieuwe cao voor uitzendkrachten 2026",
        "Title: Nieuwe cao voor uitzendkrachten 2026 (elders)",
    )
    elsewhere = subprocess.run(
        [
            sys.executable,
            "-c",
            "from sitetools.build import build; build('pelicanconf.py', 'elders')",
        ],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert elsewhere.returncode == 0, elsewhere.stderr
    warm = build(project)
    assert b"(elders)" in warm["artikelen/cao-uitzendkrachten-2026.html"]
    assert differing(warm, cold(project)) == []


def clean_build(project):
    """A build of the same sources with no cache and no previous output: the reference."""
    shutil.rmtree(project / "schoon", ignore_errors=True)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from sitetools.build import build; "
            "build('pelicanconf.py', 'schoon', CACHE_CONTENT=False, LOAD_CONTENT_CACHE=False)",
        ],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return snapshot(project / "schoon")


def test_cached_builds_equal_clean_builds_through_a_sequence_of_edits(project):
    """After every edit, the cached build publishes byte for byte what a clean build does."""
    before = snapshot(project / "output")
    for what, edit, shows in STEPS:
        edit(project)
        warm = build(project)
        assert (warm == before) == (shows == "same"), f"{what}: output changed or did not"
        shown, needle = shows if isinstance(shows, tuple) else (None, None)
        if shown and needle:
            assert needle in warm[shown], f"{what}: {shown} does not show the edit"
        elif shown:
            assert b"passie-na-je-vijftigste" not in warm[shown], f"{what}: {shown} still lists it"
        assert differing(warm, clean_build(project)) == [], what
        before = warm


@pytest.mark.unit
def test_fingerprint_covers_functions_packages_and_content_files(tmp_path, monkeypatch):
    from plugins.build_cache import build_cache

    content = tmp_path / "content"
    (content / "artikelen").mkdir(parents=True)
    (content / "artikelen" / "a.md").write_text("Title: A\n", encoding="utf-8")
    (content / "themas.toml").write_text("[[thema]]\n", encoding="utf-8")
    (tmp_path / "theme").mkdir()
    settings = {
        "PATH": str(content),
        "THEME": str(tmp_path / "theme"),
        "PLUGIN_PATHS": [],
        "ARTICLE_PATHS": ["artikelen"],
        "PAGE_PATHS": ["pages"],
        "JINJA_FILTERS": {"f": lambda s: s.upper()},
    }
    first = build_cache.fingerprint(settings)
    # A post's own file is checked by Pelican, file by file: not part of the fingerprint.
    (content / "artikelen" / "a.md").write_text("Title: B\n", encoding="utf-8")
    assert build_cache.fingerprint(settings) == first
    (content / "themas.toml").write_text("[[thema]]\nnaam = 'x'\n", encoding="utf-8")
    second = build_cache.fingerprint(settings)
    assert second != first
    settings["JINJA_FILTERS"] = {"f": lambda s: s.lower()}
    third = build_cache.fingerprint(settings)
    assert third != second
    monkeypatch.setattr(build_cache, "packages", lambda: "markdown==0.0")
    assert build_cache.fingerprint(settings) != third


@pytest.mark.unit
def test_replaced_output_is_removed_without_waiting(tmp_path):
    """The previous site goes away after the swap, even while another is still being deleted."""
    from sitetools.build import swap_in

    target = tmp_path / "output"
    for n in range(3):
        staging = tmp_path / f"staging-{n}"
        staging.mkdir()
        (staging / "index.html").write_text(str(n), encoding="utf-8")
        swap_in(staging, target)
        assert (target / "index.html").read_text(encoding="utf-8") == str(n)
    deadline = time.monotonic() + 30
    while len(list(tmp_path.iterdir())) > 1 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [p.name for p in tmp_path.iterdir()] == ["output"]


def test_cached_builds_equal_clean_builds_after_moves_and_site_wide_edits(project):
    before = snapshot(project / "output")
    for what, edit, (shown, needle) in MORE_STEPS:
        edit(project)
        warm = build(project)
        assert warm != before, f"{what}: the edit changed nothing in the output"
        assert needle in warm[shown], f"{what}: {shown} does not show the edit"
        assert differing(warm, clean_build(project)) == [], what
        before = warm


def fingerprint_folders(project):
    return sorted(p.name for p in (project / "cache").iterdir() if len(p.name) == 32)


def test_css_edit_keeps_the_content_cache(project):
    """CSS, fonts and scripts are copied, never read by a reader: editing them keeps the cache."""
    kept = fingerprint_folders(project)
    append(project / "theme" / "static" / "css" / "base.css", "\n.nieuw { color: red; }\n")
    warm = build(project)
    assert fingerprint_folders(project) == kept
    assert b".nieuw" in warm["theme/css/base.css"]
    assert differing(warm, clean_build(project)) == []
    replace(project / "theme" / "templates" / "_strings.html", "Naar de inhoud", "Naar de tekst")
    build(project)
    assert fingerprint_folders(project) != kept  # a template is read while reading: a new cache


def cache_entries(project):
    """What the caches hold besides Pelican's content cache: share cards and image folders."""
    return {
        name: sorted(p.name for p in (project / "cache" / name).iterdir())
        for name in ("share_cards", "images")
        if (project / "cache" / name).is_dir()
    }


def age(*folders, seconds=60):
    """Date every entry of ``folders`` back, as time passes between an author's edits.

    A sweep keeps entries used up to CLOCK_SLACK_S before its build started (a build beside it
    may have used them, on a clock a little behind); the fixture's builds follow each other
    faster than that, so without this an old title's card could count as just used.
    """
    then = time.time() - seconds
    for folder in folders:
        for entry in folder.iterdir() if folder.is_dir() else ():
            os.utime(entry, (then, then))


def test_twenty_edits_keep_caches_bounded_and_builds_clean(project):
    """After each of 20 realistic edits the cached build equals a clean one, and every cache
    holds only what that build used: cache/ grows only by what new inputs need."""
    from bench.cache_growth import folder_bytes
    from bench.edits import steps

    first = folder_bytes(project / "cache")
    for what, edit in steps(project):
        edit()
        age(project / "cache" / "share_cards", project / "cache" / "images")
        warm = build(project)
        assert differing(warm, clean_build(project)) == [], what
        entries = cache_entries(project)
        cards = sorted(p.name for p in (project / "output" / "deelkaarten").iterdir())
        assert entries["share_cards"] == cards, what  # no card of an old title stays
        published = {p.name for p in (project / "output" / "images").glob("*")}
        for key in entries.get("images", []):
            made = {p.name for p in (project / "cache" / "images" / key).iterdir()}
            assert made <= published, f"{what}: unused image {key} kept"
        assert len(fingerprint_folders(project)) == 1, what
    # The only input that needs room the first build did not: the new post and its card (the
    # photo came and went); the content cache holds the same number of posts.
    new_card = (project / "output" / "deelkaarten").glob("artikel-nieuw-concept-bench-*.png")
    allowance = sum(p.stat().st_size for p in new_card) + 64 * 1024
    assert folder_bytes(project / "cache") <= first + allowance
    assert not list(project.glob(".output.*"))


def test_leftovers_of_killed_builds_are_removed_but_not_a_live_staging_folder(project):
    """A staging folder whose build died goes with the next build; a running build's stays."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        dead = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        killed = project / f".output.staging-{dead}-abc123"
        live = project / f".output.staging-{sleeper.pid}-def456"
        old = project / ".output.old-1-deadbeef"
        for folder in (killed, live, old):
            (folder / "artikelen").mkdir(parents=True)
        build(project)
        deadline = time.monotonic() + 30
        while (killed.exists() or old.exists()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not killed.exists() and not old.exists()
        assert live.is_dir()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_clean_empties_caches_and_output(project):
    (project / ".output.old-1-deadbeef").mkdir()
    done = run_task(project, "clean")
    assert done.returncode == 0, done.stderr
    assert "Opgeruimd: output/, .output.old-1-deadbeef/, cache/." in done.stderr
    assert not (project / "output").exists() and not (project / "cache").exists()
    assert not (project / ".output.old-1-deadbeef").exists()
    again = run_task(project, "clean")
    assert "er was niets om op te ruimen" in again.stderr
