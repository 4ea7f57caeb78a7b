"""The search index built beside Pelican: equal to an index of the finished site, reused only
when nothing indexed changed, and a failing indexer still fails the build."""

import gzip
import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT

import sitetools.search_live as search_live
import sitetools.search_reuse as search_reuse
import sitetools.search_service as search_service
from sitetools.build import BuildError, build
from sitetools.search_index import index_site
from sitetools.search_stable import read

DRAFT = """Title: Een concept over de pensioenpremie
Date: 2025-12-01
Category: Arbeidsmarkt
Tags: Arbeidsmarkt
Slug: nieuw-concept
Summary: Een concept over de pensioenpremie.
Bron_site: Go-Office
Status: draft

De zoekwoordproef staat alleen in dit concept.
"""


def meaning(site):
    """The index of ``site`` with page numbers replaced by the pages' fragments (their content).

    Pagefind numbers pages in the order it met them; two indexes of the same pages in another
    order differ in bytes but mean the same: the same fragments, and every word, filter value and
    sort order pointing at the same fragments.
    """
    bundle = Path(site) / "pagefind"
    entry = (bundle / "pagefind-entry.json").read_text(encoding="utf-8")
    meta = read(next(bundle.glob("pagefind.*.pf_meta")))
    pages = [fragment for fragment, _ in meta[1]]

    def found(hits):  # [[page number minus the previous one, positions, ...], ...]
        number, out = 0, []
        for delta, *where in hits:
            number += delta
            out.append((pages[number], repr(where)))
        return sorted(out)

    words = {}
    for chunk in sorted((bundle / "index").iterdir()):
        for word, hits, variants in read(chunk)[0]:  # variants: [[spelling, hits], ...]
            words[word] = (found(hits), sorted((v, found(h)) for v, h in variants))
    filters = {}
    for name, filter_hash in meta[3]:
        _, values = read(bundle / "filter" / f"{filter_hash}.pf_filter")
        filters[name] = {value: sorted(pages[n] for n in numbers) for value, numbers in values}
    fragments = {p.name: p.read_bytes() for p in (bundle / "fragment").iterdir()}
    data = {
        name.split(".")[0]: json.loads(gzip.decompress(raw)[len(b"pagefind_dcd") :])
        for name, raw in fragments.items()
    }
    # Pages with equal sort keys may come in either order: compare the keys in sorted order.
    keys = {"datum": lambda d: d["meta"]["iso"], "rubriek": lambda d: d["filters"]["rubriek"]}
    return {
        "pages": sorted(map(tuple, meta[1])),
        "words": words,
        "filters": filters,
        "sorts": {name: [keys[name](data[pages[n]]) for n in order] for name, order in meta[4]},
        "meta_keys": meta[5],
        "fragments": fragments,
        "page_count": sum(lang["page_count"] for lang in json.loads(entry)["languages"].values()),
    }


def bundle_files(site):
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted((Path(site) / "pagefind").rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The real site, built as `./blog build` does (index made while Pelican writes)."""
    return build(
        "pelicanconf.py",
        tmp_path_factory.mktemp("live") / "output",
        CACHE_CONTENT=False,
        LOAD_CONTENT_CACHE=False,
    )


def test_the_index_made_while_writing_means_what_an_index_of_the_finished_site_means(
    built, tmp_path
):
    plain = tmp_path / "plain"
    shutil.copytree(built, plain)
    shutil.rmtree(plain / "pagefind")
    index_site(plain)  # Pagefind on the finished folder, as before
    live, finished = meaning(built), meaning(plain)
    assert len(live["pages"]) == len(list((ROOT / "content" / "artikelen").glob("*.md")))
    assert "pensioenpremie" in live["words"]
    assert live["filters"]["thema"]
    for part in live:
        assert live[part] == finished[part], part


def fake_service(tmp_path, after):
    """A stand-in indexer that answers the first message, then does ``after`` on the next one."""
    script = tmp_path / "fake_indexer.py"
    script.write_text(
        "import base64, json, sys\n"
        "def message():\n"
        "    data = b''\n"
        "    while not data.endswith(b','):\n"
        "        byte = sys.stdin.buffer.read(1)\n"
        "        if not byte:\n"
        "            sys.exit(0)\n"
        "        data += byte\n"
        "    return json.loads(base64.b64decode(data[:-1]))\n"
        "def answer(message_id, payload):\n"
        "    text = json.dumps({'message_id': message_id, 'payload': payload}).encode()\n"
        "    sys.stdout.buffer.write(base64.b64encode(text) + b',')\n"
        "    sys.stdout.buffer.flush()\n"
        "answer(message()['message_id'], {'type': 'NewIndex', 'index_id': 0})\n"
        "second = message()\n" + after,
        encoding="utf-8",
    )
    return [sys.executable, str(script)]


@pytest.mark.parametrize(
    "after",
    [
        "sys.exit(3)\n",  # the indexer crashes in the middle of the build
        "answer(second['message_id'], {'type': 'Error', 'message': 'kapot'})\n"
        "while True:\n    message()\n",  # or refuses a page
        "answer(None, {'type': 'Error', 'message': 'onleesbaar'})\n"
        "while True:\n    message()\n",  # or cannot read a message at all
    ],
)
def test_a_failing_indexer_beside_pelican_fails_the_build_and_keeps_the_old_site(
    tmp_path, monkeypatch, after
):
    out = tmp_path / "output"
    out.mkdir()
    (out / "index.html").write_text("de vorige site", encoding="utf-8")
    monkeypatch.setattr(search_service, "service_command", lambda: fake_service(tmp_path, after))
    with pytest.raises(BuildError, match="de zoekfunctie kon niet worden bijgewerkt") as caught:
        build("pelicanconf.py", out, CACHE_CONTENT=False, LOAD_CONTENT_CACHE=False)
    assert "pagefind" not in str(caught.value).lower()
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake_indexer.py", "output"]


def page(title, word):
    return (
        f'<html lang="nl"><body><article data-pagefind-body><h1>{title}</h1>'
        f"<p>Over de {word} en meer.</p></article></body></html>"
    )


def texts(site):
    """The text of every indexed page, as the search results show it."""
    fragments = (Path(site) / "pagefind" / "fragment").iterdir()
    return b" ".join(gzip.decompress(f.read_bytes()) for f in fragments).decode()


def test_a_page_changed_after_it_was_handed_over_is_indexed_as_it_ends_up(tmp_path):
    site = tmp_path / "site"
    (site / "artikelen").mkdir(parents=True)
    first, second = site / "artikelen" / "een.html", site / "artikelen" / "twee.html"
    first.write_text(page("Een", "pensioenpremie"), encoding="utf-8")
    second.write_text(page("Twee", "vacature"), encoding="utf-8")
    live = search_live.LiveIndex(site)
    live.written(str(first))
    live.written(str(second))
    first.write_text(page("Een", "zijinstromer"), encoding="utf-8")  # a later step rewrote it
    live.finish()
    assert "zijinstromer" in texts(site)
    assert "vacature" in texts(site)
    assert "pensioenpremie" not in texts(site)
    assert not list(tmp_path.glob(".site.search-*"))  # the scratch folder is gone


def test_a_page_written_twice_is_indexed_once(tmp_path):
    site = tmp_path / "site"
    (site / "artikelen").mkdir(parents=True)
    only = site / "artikelen" / "een.html"
    only.write_text(page("Een", "pensioenpremie"), encoding="utf-8")
    live = search_live.LiveIndex(site)
    live.written(str(only))
    live.written(str(only))
    (site / "thema.html").write_text(page("Thema", "overzicht"), encoding="utf-8")
    live.written(str(site / "thema.html"))  # not an article page: never indexed
    live.finish()
    assert meaning(site)["page_count"] == 1
    assert "overzicht" not in texts(site)


def test_the_previous_index_is_reused_only_when_no_indexed_page_changed(tmp_path, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    cache, out = tmp_path / "cache", tmp_path / "output"
    reused = []
    copy = search_reuse.copy_bundle
    monkeypatch.setattr(search_live, "copy_bundle", lambda *a: reused.append(1) or copy(*a))

    def rebuild():
        reused.clear()
        build("pelicanconf.py", out, PATH=str(content), CACHE_PATH=str(cache))
        return bool(reused)

    def clean():
        fresh = tmp_path / f"clean-{len(list(tmp_path.glob('clean-*')))}"
        build(
            "pelicanconf.py",
            fresh,
            PATH=str(content),
            CACHE_CONTENT=False,
            LOAD_CONTENT_CACHE=False,
        )
        return bundle_files(fresh)

    assert not rebuild()  # the first build indexes
    assert rebuild()  # nothing changed
    assert bundle_files(out) == clean()
    (content / "artikelen" / "nieuw-concept.md").write_text(DRAFT, encoding="utf-8")
    assert rebuild()  # a draft is never indexed: still the same index
    assert bundle_files(out) == clean()
    article = content / "artikelen" / "talentschaarste.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "\nEen zin over de zoekproefwoorden.\n",
        encoding="utf-8",
    )
    assert not rebuild()  # an article changed: indexed again
    assert bundle_files(out) == clean()
    assert "zoekproefwoorden" in texts(out)


def test_an_index_missing_pages_is_replaced_by_one_of_the_finished_site(tmp_path, monkeypatch):
    site = tmp_path / "site"
    (site / "artikelen").mkdir(parents=True)
    only = site / "artikelen" / "een.html"
    only.write_text(page("Een", "pensioenpremie"), encoding="utf-8")
    live = search_live.LiveIndex(site)
    live.written(str(only))
    monkeypatch.setattr(search_live, "page_count", lambda bundle: 0)  # as if a page got lost
    counted = []
    index = search_live.index_site
    monkeypatch.setattr(search_live, "index_site", lambda s: counted.append(s) or index(s))
    live.finish()
    assert counted == [site]
    assert meaning(site)["page_count"] == 1
    assert "pensioenpremie" in texts(site)
