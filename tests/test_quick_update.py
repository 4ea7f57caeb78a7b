"""The live preview's quick update: after each save the output equals a clean build's.

One preview session (in a project copy, as `./blog livereload` runs it) goes through a sequence
of saves; after each, the test waits for the background index and compares every file of
output/ (the search index included) with a build from nothing of the same sources. Each step
also says which way the preview had to take: a quick update ("snel": only what the text
changes, from the last full build in memory), a full build ("volledig"), or a refusal ("fout":
the post has an error, the last good site stays).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import make_project

SEQUENCE = r"""
import json, sys
from pathlib import Path
from sitetools.build import build
from sitetools.preview import Preview
from sitetools.search_later import STATUS

ART = Path("content/artikelen")

def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != STATUS}

def append(name, text):
    path = ART / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

def replace(path, old, new):
    text = Path(path).read_text(encoding="utf-8")
    assert old in text, (path, old)
    Path(path).write_text(text.replace(old, new, 1), encoding="utf-8")

def body(name):
    return (ART / name).read_text(encoding="utf-8").split("\n\n", 1)[1]

STEPS = [
    ("start", lambda: None),
    ("a sentence added to an article", lambda: append(
        "ai-op-het-secretariaat.md", "\nEen nieuwe zin over notulen en agenda's.\n")),
    ("an editor's swap file beside it", lambda: (
        ART / ".ai-op-het-secretariaat.md.swp").write_bytes(b"b0VIM 9.0")),
    ("a longer text: the reading time on list pages changes", lambda: append(
        "stille-werkzoekenden.md", "\n" + body("personeelstekort.md") * 2)),
    ("text that makes another article's Meer lezen choose it", lambda: append(
        "sollicitatiegesprek-tips.md", "\n" + body("cao-uitzendkrachten-2026.md") * 2)),
    ("a page's text", lambda: append("../pages/over.md", "\nOok een nieuwe zin op deze pagina.\n")),
    ("a draft's text", lambda: append("concept-over-netwerken.md", "\nHet concept groeit.\n")),
    ("a table cell", lambda: replace(
        ART / "kanalen-in-cijfers.md", "| Bekenden / Netwerk | 18% |",
        "| Bekenden en netwerk | 18% |")),
    ("a link to another article", lambda: append(
        "passie-na-je-vijftigste.md",
        "\nLees ook [over ontslag]({filename}/artikelen/ontslag-als-wake-upcall.md).\n")),
    ("a link to an article that does not exist", lambda: append(
        "thuiswerken-of-kantoor.md", "\nZie [dit stuk](/artikelen/bestaat-niet.html).\n")),
    ("that link fixed", lambda: replace(
        ART / "thuiswerken-of-kantoor.md", "/artikelen/bestaat-niet.html",
        "/artikelen/personeelstekort.html")),
    ("a title", lambda: replace(ART / "personeelstekort.md", "Title: ", "Title: Herzien: ")),
    ("a page's title (every page's menu shows it)", lambda: replace(
        "content/pages/over.md", "Title: ", "Title: Meer ")),
    ("text again, after the full build", lambda: append(
        "personeelstekort.md", "\nNog een zin na de nieuwe titel.\n")),
    ("a template", lambda: replace(
        "theme/templates/partials/data_table.html", '<table class="data-table">',
        '<table class="data-table gewijzigd">')),
    ("two articles saved at once", lambda: (
        append("ai-op-het-secretariaat.md", "\nTwee tegelijk.\n"),
        append("personeelstekort.md", "\nTwee tegelijk.\n"))),
    ("a new article", lambda: (ART / "nieuw.md").write_text(
        (ART / "personeelstekort.md").read_text(encoding="utf-8").replace(
            "Slug: personeelstekort", "Slug: nieuw-over-krapte"), encoding="utf-8")),
    ("text of the new article", lambda: append("nieuw.md", "\nHet nieuwe stuk groeit.\n")),
]

preview = Preview()
report = []
for what, edit in STEPS:
    before = snapshot(Path("output")) if Path("output").is_dir() else {}
    edit()
    preview.last = None  # stays None if the save needed no update at all
    preview.rebuild()
    assert preview.indexer.wait(300), what
    live = snapshot(Path("output"))
    step = {"what": what, "way": preview.last, "written": preview.written}
    if preview.last == "fout":
        step["unchanged"] = live == before
    else:
        clean = snapshot(build("pelicanconf.py", "schoon", CACHE_CONTENT=False,
                               LOAD_CONTENT_CACHE=False, SEARCH_STATUS_FILE=STATUS))
        step["differ"] = sorted(k for k in live.keys() | clean.keys()
                                if live.get(k) != clean.get(k))
    report.append(step)
print(json.dumps(report))
"""

EXPECTED = {
    "start": "volledig",
    "a sentence added to an article": "snel",
    "an editor's swap file beside it": None,
    "a longer text: the reading time on list pages changes": "snel",
    "text that makes another article's Meer lezen choose it": "snel",
    "a page's text": "snel",
    "a draft's text": "snel",
    "a table cell": "snel",
    "a link to another article": "snel",
    "a link to an article that does not exist": "fout",
    "that link fixed": "snel",
    "a title": "snel",
    "a page's title (every page's menu shows it)": "volledig",
    "text again, after the full build": "snel",
    "a template": "volledig",
    "two articles saved at once": "volledig",
    "a new article": "volledig",
    "text of the new article": "snel",
}


def test_every_save_gives_what_a_clean_build_gives(tmp_path):
    """Quick updates and full builds alike: after each save, output/ equals a clean build."""
    project = make_project(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", SEQUENCE],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = {step["what"]: step for step in json.loads(done.stdout.strip().splitlines()[-1])}
    assert {what: step["way"] for what, step in report.items()} == EXPECTED
    for what, step in report.items():
        if step["way"] == "fout":
            assert step["unchanged"], f"{what}: a refused save changed output/"
        else:
            assert step["differ"] == [], what
    written = {what: set(step["written"]) for what, step in report.items()}
    # Only what the text changes is rendered again: the post's page and the feeds that carry it;
    # list pages only when what they show of it (its reading time) changed.
    assert "artikelen/ai-op-het-secretariaat.html" in written["a sentence added to an article"]
    assert "index.html" not in written["a sentence added to an article"]
    assert "index.html" in written["a longer text: the reading time on list pages changes"]
    assert (
        "artikelen/cao-uitzendkrachten-2026.html"
        in written["text that makes another article's Meer lezen choose it"]
    )
    assert written["a page's text"] == {"over/index.html"}
    assert written["a draft's text"] == {"concepten/concept-over-netwerken.html"}
    assert "artikelen/thuiswerken-of-kantoor.html" in written["that link fixed"]
    assert "niet bijgewerkt" in done.stderr
    assert "bestaat-niet.html" in done.stderr


REPLAY = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])  # the repository's tests/: the edits of tests/test_cache.py
import cache_edits
from sitetools.build import build
from sitetools.preview import Preview
from sitetools.search_later import STATUS

def snapshot(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != STATUS}

preview = Preview()
preview.rebuild()
report = []
for what, edit, _ in getattr(cache_edits, sys.argv[2]):
    edit(Path("."))
    preview.rebuild()
    assert preview.indexer.wait(300), what
    live = snapshot(Path("output"))
    clean = snapshot(build("pelicanconf.py", "schoon", CACHE_CONTENT=False,
                           LOAD_CONTENT_CACHE=False, SEARCH_STATUS_FILE=STATUS))
    differ = sorted(k for k in live.keys() | clean.keys() if live.get(k) != clean.get(k))
    report.append({"what": what, "way": preview.last, "differ": differ})
print(json.dumps(report))
"""


@pytest.mark.parametrize("sequence", ["STEPS", "MORE_STEPS"])
def test_the_cache_tests_edits_in_the_preview_equal_clean_builds(tmp_path, sequence):
    """The edits tests/test_cache.py replays on ``./blog build``, saved one by one in a running
    preview: after each, output/ (the index included) equals a clean build."""
    import cache_edits  # noqa: PLC0415

    project = make_project(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", REPLAY, str(Path(__file__).parent), sequence],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    steps = getattr(cache_edits, sequence)
    assert [step["what"] for step in report] == [what for what, _, _ in steps]
    assert [step for step in report if step["differ"]] == []
    assert not [step for step in report if step["way"] == "fout"]
    ways = {step["what"]: step["way"] for step in report}
    # Text-only edits are quick updates; the others are full builds.
    expected = {
        "STEPS": {"a table": "snel", "title of a picked article": "snel",
                  "a template": "volledig", "the CSS": "volledig"},
        "MORE_STEPS": {"a page's text": "snel", "summary of a picked article": "snel",
                       "a site setting": "volledig"},
    }[sequence]  # fmt: skip
    assert {what: ways[what] for what in expected} == expected


BUG = r"""
import json
from pathlib import Path
from sitetools import quick_update
from sitetools.preview import Preview

def broken(*args, **kwargs):
    raise KeyError("a bug in the quick update")

preview = Preview()
preview.rebuild()
quick_update.LiveSite._render = broken
post = Path("content/artikelen/ai-op-het-secretariaat.md")
post.write_text(post.read_text(encoding="utf-8") + "\nNa de fout.\n", encoding="utf-8")
preview.rebuild()
page = Path("output/artikelen/ai-op-het-secretariaat.html").read_text(encoding="utf-8")
print(json.dumps({"way": preview.last, "shown": "Na de fout." in page}))
"""


def test_a_bug_in_the_quick_update_falls_back_to_a_full_build(tmp_path):
    """A crash of the quick path says so in Dutch, with the traceback, and builds in full."""
    project = make_project(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", BUG], cwd=project, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"way": "volledig", "shown": True}
    assert "Snel bijwerken mislukte door een fout in de bouwsoftware" in done.stderr
    assert "KeyError: 'a bug in the quick update'" in done.stderr
