"""Live preview: a change is rebuilt and served; a broken post is reported, the last good site stays."""

import subprocess
import sys
import time
import urllib.request

from conftest import free_port, make_project
from small_sites import small_project


def _wait_for(predicate, seconds=30):
    end = time.time() + seconds
    while time.time() < end:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_livereload_rebuilds_and_keeps_last_good_site(tmp_path):
    project = make_project(tmp_path)
    port = free_port()
    log = open(tmp_path / "preview.log", "w+")  # noqa: SIM115 (read while the server runs)
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "livereload", "--port", str(port)],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/artikelen/stille-werkzoekenden.html"

    def page():
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")

    post = project / "content" / "artikelen" / "stille-werkzoekenden.md"
    try:
        assert _wait_for(
            lambda: "<h1>Stille werkzoekenden: ze zoeken niet, maar staan wel open</h1>" in page()
        ), "preview did not start"
        post.write_text(
            post.read_text(encoding="utf-8").replace(
                "Title: Stille werkzoekenden", "Title: Stille werkzoekenden (bijgewerkt)"
            ),
            encoding="utf-8",
        )
        assert _wait_for(lambda: "(bijgewerkt)" in page()), "change not rebuilt"
        good = page()
        post.write_text(
            post.read_text(encoding="utf-8").replace("Date: 2025-10-02", "Date: 2025-10-45"),
            encoding="utf-8",
        )
        assert _wait_for(
            lambda: (
                "fout: Voorbeeld niet bijgewerkt; de laatste goede versie blijft staan."
                in (tmp_path / "preview.log").read_text()
            )
        ), "error not shown"
        assert (
            "content/artikelen/stille-werkzoekenden.md:2: Date '2025-10-45' bestaat niet: oktober heeft "
            "31 dagen; bedoel je 2025-10-31 of 2025-11-01?"
            in (tmp_path / "preview.log").read_text()
        )
        assert page().replace("\n", "") == good.replace("\n", "")
        theme = project / "theme" / "templates" / "_strings.html"
        theme.write_text(
            theme.read_text(encoding="utf-8").replace("Naar de inhoud", "Direct naar de tekst"),
            encoding="utf-8",
        )
        post.write_text(
            post.read_text(encoding="utf-8").replace("Date: 2025-10-45", "Date: 2025-10-02"),
            encoding="utf-8",
        )
        assert _wait_for(lambda: "Direct naar de tekst" in page()), "theme change not rebuilt"
        draft = project / "content" / "artikelen" / "concept.md"
        draft.write_text(
            "Title: Mijn concept\nDate: 2026-01-05\nCategory: Loopbaanvak\nTags: AI\n"
            "Slug: mijn-concept\nSummary: Kort.\nStatus: draft\n\nHalf af.\n",
            encoding="utf-8",
        )
        draft_url = f"http://127.0.0.1:{port}/concepten/mijn-concept.html"
        assert _wait_for(lambda: urllib.request.urlopen(draft_url, timeout=5).status == 200)
        lines = (tmp_path / "preview.log").read_text().splitlines()
        # one confirming line per good rebuild (start, title, fix and theme, draft), none twice
        updated = [line for line in lines if line.startswith("Voorbeeld bijgewerkt (")]
        assert len(updated) >= 4, lines
        # each line printed once (two quick rebuilds may each confirm with the same words)
        repeated = [a for a, b in zip(lines, lines[1:], strict=False) if a == b]
        assert not [line for line in repeated if not line.startswith("Voorbeeld bijgewerkt")]
        assert lines.count(f"Voorbeeld op http://localhost:{port}/ (Ctrl-C stopt).") == 1
        assert not [line for line in lines if "WARNING" in line or "Running task" in line]
        assert (  # the address of this preview, with its own port
            "Concept content/artikelen/concept.md: te bekijken op "
            f"http://localhost:{port}/concepten/mijn-concept.html" in lines
        )
        canonical = f'<link rel="canonical" href="http://localhost:{port}/artikelen/'
        assert canonical in page()
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def test_serve_names_its_real_port_and_builds_for_it(tmp_path):
    project = small_project(tmp_path)
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")  # noqa: SIM115 (read while the server runs)
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "serve", "--port", str(port)],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/artikelen/blijft.html"
    try:
        assert _wait_for(lambda: urllib.request.urlopen(url, timeout=5).status == 200)
        lines = (tmp_path / "serve.log").read_text().splitlines()
        assert f"De site staat op http://localhost:{port}/ (Ctrl-C stopt)." in lines
        assert (
            "Concept content/artikelen/concept.md: te bekijken op "
            f"http://localhost:{port}/concepten/een-concept.html" in lines
        )
        assert not [line for line in lines if "localhost:8000" in line]
        with urllib.request.urlopen(url, timeout=5) as response:
            page = response.read().decode("utf-8")
        assert f'href="http://localhost:{port}/artikelen/blijft.html"' in page
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


PREVIEW_SEQUENCE = """
import json, sys
from pathlib import Path
from bench.edits import steps
from sitetools.build import build
from sitetools.preview import Preview
from sitetools.search_later import STATUS

def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != STATUS}

def status():
    return json.loads(Path("output", STATUS).read_text())["bijwerken"]

preview = Preview()
report = []
edits = [("start", lambda: None)] + steps(Path("."))[:int(sys.argv[1])]
for what, edit in edits:
    edit()
    preview.rebuild()
    updating = status()
    assert preview.indexer.wait(300), what
    clean = build("pelicanconf.py", "schoon", CACHE_CONTENT=False, LOAD_CONTENT_CACHE=False,
                  SEARCH_STATUS_FILE=STATUS)
    live = snapshot(Path("output"))
    differ = sorted(k for k in live.keys() | snapshot(clean).keys()
                    if live.get(k) != snapshot(clean).get(k))
    report.append({"what": what, "updating": updating, "after": status(), "differ": differ})
print(json.dumps(report))
"""


def test_preview_swaps_pages_in_first_and_indexes_after(tmp_path):
    """The preview's pages go live before the index is made; the index follows in the
    background; after each edit the result equals a clean build, index included."""
    import json

    project = make_project(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", PREVIEW_SEQUENCE, "3"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert [r["what"] for r in report][:2] == ["start", "text of an article"]
    for step in report:
        # An edit to an article's text or title changes an article page: it is indexed later.
        assert step["updating"], step["what"]
        assert not step["after"], step["what"]
        assert step["differ"] == [], step["what"]
    page = (project / "output" / "zoeken" / "index.html").read_text(encoding="utf-8")
    assert 'data-status-url="/zoekindex-status.json"' in page
    assert "de zoekindex wordt nog bijgewerkt" in page
