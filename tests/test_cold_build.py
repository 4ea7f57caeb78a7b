"""Work beside Pelican's run: share cards drawn while it reads, photo derivatives made and the
index started while it writes.

A cold build overlaps them with Pelican's single-threaded run (plugins/share_cards/drawing.py,
sitetools/search_early.py); these tests hold it to the promises of a build that does one thing
after the other: a failed or interrupted build leaves no process and no half-written cache
entry, the cache holds only what the build used, and the index is the one made at the end.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURE
from PIL import Image

import sitetools.build as build_module
from plugins.images import images
from plugins.share_cards import share_cards
from plugins.share_cards.card import COLOURS, CardSpec
from plugins.share_cards.drawing import Drawing
from plugins.share_cards.share_cards import Job
from sitetools import search_early
from sitetools.search_index import BUNDLE, index_site

# --- the background pool (drawing.py) ----------------------------------------------------------


def job(title):
    spec = CardSpec(title, "Arbeidsmarkt", "Werk in beweging", tuple(COLOURS.items()))
    return Job(f"{title.lower().replace(' ', '-')}.png", spec=spec)


def test_cards_drawn_early_but_not_kept_are_deleted_and_others_stay(tmp_path):
    kept, dropped, earlier = job("Een titel"), job("Een oude titel"), job("Van een ander")
    (tmp_path / earlier.name).write_bytes(b"from another build")
    drawing = Drawing(tmp_path, workers=2)
    for one in (kept, dropped, earlier):
        drawing.start(one)
    drawing.finish([kept])
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == sorted([kept.name, earlier.name])  # not drawn by this build: not its to drop
    with Image.open(tmp_path / kept.name) as im:
        assert im.size == (1200, 630)
    assert drawing.pool is None


def test_many_missing_cards_are_drawn_by_the_pool_and_the_build_together(tmp_path):
    jobs = [job(f"Titel nummer {n}") for n in range(40)]
    drawing = Drawing(tmp_path, workers=1)
    for one in jobs[:20]:
        drawing.start(one)
    drawing.finish(jobs)  # 20 more at the end: queued, then shared
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(j.name for j in jobs)
    assert drawing.pool is None


KILLED_BUILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, {tests!r})
from test_cold_build import job
from plugins.share_cards.drawing import Drawing
drawing = Drawing(Path({cache!r}), workers=2)
for n in range(400):
    drawing.start(job(f"Titel {{n}}"))
drawing.flush()
time.sleep(0.5)
print(" ".join(str(p) for p in drawing.pool._processes), flush=True)
time.sleep(60)
"""


def test_a_killed_build_takes_its_card_workers_with_it(tmp_path):
    script = KILLED_BUILD.format(tests=str(Path(__file__).parent), cache=str(tmp_path))
    build = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    workers = [int(p) for p in build.stdout.readline().split()]
    assert workers and all(Path(f"/proc/{p}").exists() for p in workers)
    build.kill()  # SIGKILL: the build cannot stop its pool itself
    build.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(p) for p in workers):
        time.sleep(0.1)
    assert not any(alive(p) for p in workers)


def alive(pid):
    """True if ``pid`` runs (a zombie, waiting for its new parent to reap it, does not)."""
    try:
        return "\nState:\tZ" not in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False


# --- a whole build ----------------------------------------------------------------------------


def children():
    """Process ids whose parent is this process (the pool's workers while it runs)."""
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if f"\nPPid:\t{os.getpid()}\n" in text and "\nState:\tZ" not in text:
            found.add(int(status.parent.name))
    return found


def fixture_build(folder, content):
    """Build ``content`` into ``folder``/output with its cache in ``folder``/cache."""
    return build_module.build(
        "pelicanconf.py",
        folder / "output",
        PATH=str(content),
        CACHE_PATH=str(folder / "cache"),
        CACHE_CONTENT=False,
        LOAD_CONTENT_CACHE=False,
    )


@pytest.fixture
def content(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "content")
    return tmp_path / "content"


def add_photos(content, count=3):
    """Photos (noise: slow to encode) in the first article of ``content``."""
    (content / "images").mkdir(exist_ok=True)
    post = sorted((content / "artikelen").glob("*.md"))[0]
    lines = []
    for n in range(count):
        noise = Image.effect_noise((1600, 1000), 80 + n).convert("RGB")
        noise.save(content / "images" / f"ruis-{n}.jpg", quality=90)
        lines.append(f"![Grijze ruis op een scherm, nummer {n}](/images/ruis-{n}.jpg)")
    post.write_text(post.read_text(encoding="utf-8") + "\n\n" + "\n\n".join(lines) + "\n")


@pytest.mark.parametrize("stop", [KeyboardInterrupt, build_module.BuildError])
def test_a_build_stopped_while_cards_are_drawn_leaves_no_worker_and_no_partial_card(
    tmp_path, content, monkeypatch, stop
):
    seen = {}
    add_photos(content)

    def interrupted(step):
        seen["pool"] = share_cards.STATE.drawing.pool is not None
        seen["photos"] = images.STATE.rendering.pool is not None
        seen["workers"] = children()
        raise stop("gestopt")

    steps = list(build_module.POST_BUILD)
    steps.insert(steps.index(build_module.make_images), interrupted)
    monkeypatch.setattr(build_module, "POST_BUILD", tuple(steps))
    with pytest.raises(stop):
        fixture_build(tmp_path, content)
    assert seen["pool"] and seen["photos"] and seen["workers"]  # both pools ran when it stopped
    assert children() == set()
    assert not any(seen["workers"] & {int(p.name) for p in Path("/proc").glob("[0-9]*")})
    cards = tmp_path / "cache" / "share_cards"
    for path in cards.iterdir():
        assert not path.name.startswith("."), path  # no temporary file left
        with Image.open(path) as im:
            im.load()  # every entry is a whole image
    for entry in (tmp_path / "cache" / "images").iterdir():
        assert not entry.name.startswith("."), entry  # no half-made folder of derivatives
        for path in entry.iterdir():
            with Image.open(path) as im:
                im.load()
    assert not (tmp_path / "output").exists()
    assert not list(tmp_path.glob(".output*"))


def index_files(site):
    bundle = site / BUNDLE
    return {
        p.relative_to(bundle).as_posix(): p.read_bytes() for p in bundle.rglob("*") if p.is_file()
    }


def indexed_at_the_end(site, folder):
    """The index Pagefind makes of ``site``'s pages, indexed on their own in ``folder``."""
    shutil.copytree(site, folder, ignore=shutil.ignore_patterns(BUNDLE))
    index_site(folder)
    return index_files(folder)


def test_the_index_started_early_is_the_one_made_at_the_end(tmp_path, content, monkeypatch):
    started = []

    class Recorded(search_early.Indexing):
        def __init__(self, *args):
            started.append(args)
            super().__init__(*args)

    monkeypatch.setattr(search_early, "Indexing", Recorded)
    site = fixture_build(tmp_path, content)
    assert len(started) == 1  # started while Pelican wrote
    assert index_files(site) == indexed_at_the_end(site, tmp_path / "again")


def test_article_pages_changed_after_the_early_start_are_indexed_again(
    tmp_path, content, monkeypatch
):
    unchanged = index_files(fixture_build(tmp_path / "unchanged", content))

    def change_an_article(step):
        page = sorted(step.staging.glob("artikelen/*.html"))[0]
        html = page.read_text(encoding="utf-8")
        page.write_text(html.replace("</h1>", "</h1><p>Zoekwoordnachtegaal</p>", 1))

    steps = list(build_module.POST_BUILD)
    steps.insert(steps.index(build_module.index_search), change_an_article)
    monkeypatch.setattr(build_module, "POST_BUILD", tuple(steps))
    site = fixture_build(tmp_path / "changed", content)
    assert index_files(site) != unchanged
    assert index_files(site) == indexed_at_the_end(site, tmp_path / "again")
