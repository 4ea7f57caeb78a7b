"""A warm rebuild publishes exactly what a cold build would: edits, templates, plugins, settings."""

import shutil
import subprocess
import sys

import pytest
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
        project / "content" / "artikelen" / "uitzend-cao-2026.md",
        "Title: Nieuwe uitzend-cao 2026",
        "Title: Nieuwe uitzend-cao 2026 (bijgewerkt)",
    )
    warm = build(project)
    assert b"(bijgewerkt)" in warm["artikelen/uitzend-cao-2026.html"]
    assert differing(warm, cold(project)) == []


def test_changed_table_template(project):
    replace(
        project / "theme" / "templates" / "partials" / "data_table.html",
        '<table class="data-table">',
        '<table class="data-table gewijzigd">',
    )
    warm = build(project)
    assert b"data-table gewijzigd" in warm["artikelen/netwerken-koffie-afspraak.html"]
    assert differing(warm, cold(project)) == []


def test_changed_plugin(project):
    replace(project / "plugins" / "data_tables" / "charts.py", "WIDTH = 420", "WIDTH = 440")
    warm = build(project)
    assert b'viewBox="0 0 440' in warm["artikelen/netwerken-koffie-afspraak.html"]
    assert differing(warm, cold(project)) == []


def test_changed_setting(project):
    (project / "pelicanconf.py").write_text(
        (project / "pelicanconf.py").read_text(encoding="utf-8") + "\nDATA_TABLES_CHARTS = False\n",
        encoding="utf-8",
    )
    warm = build(project)
    assert b"<svg" not in warm["artikelen/netwerken-koffie-afspraak.html"]
    assert differing(warm, cold(project)) == []


def test_keys_of_another_output_folder_are_not_trusted(project):
    """A cached build into another folder (as the tests do) must not make output/ stale."""
    replace(
        project / "content" / "artikelen" / "uitzend-cao-2026.md",
        "Title: Nieuwe uitzend-cao 2026",
        "Title: Nieuwe uitzend-cao 2026 (elders)",
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
    assert b"(elders)" in warm["artikelen/uitzend-cao-2026.html"]
    assert differing(warm, cold(project)) == []
