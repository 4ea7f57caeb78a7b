"""Live preview: a change is rebuilt and served; a broken post is reported, the last good site stays."""

import subprocess
import sys
import time
import urllib.request

from conftest import free_port, make_project


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
            "content/artikelen/stille-werkzoekenden.md:2: Date '2025-10-45' is geen geldige datum"
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
        assert (
            "Concept content/artikelen/concept.md: te bekijken op "
            "http://localhost:8000/concepten/mijn-concept.html" in lines
        )
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
