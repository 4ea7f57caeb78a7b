"""./blog hernoem: a new slug, and every link, pick and former address follows.

Every site here is written by the test (tests/moving_site.py), never the real content.
"""

import pytest
from conftest import make_project, run_task, snapshot
from moving_site import build_site, post, write_site

from sitetools.rename import RenameError, rename
from sitetools.settings import load

OTHER_BODY = """Lees [dit](/artikelen/oud.html) en [dat]({filename}oud.md), en [ook][ref].
Een ander artikel: [derde](/artikelen/derde.html). Over [oud.html](/artikelen/oudje.html) niet.

[ref]: /artikelen/oud.html?bron=x "Het oude artikel"
"""
POSTS = {
    "artikelen/oud.md": post("oud", body="Naar [de kop](/artikelen/oud.html#kop).\n\n## Kop\n"),
    "artikelen/ander.md": post("ander", extra="Meer_lezen: oud, derde", body=OTHER_BODY),
    "artikelen/derde.md": post("derde", body="Via [de kop]({filename}/artikelen/oud.md#kop)."),
    "artikelen/oudje.md": post("oudje", extra="Meer_lezen: derde, oud"),
    "artikelen/concept.md": post(
        "concept", extra="Status: draft\nMeer_lezen: oud", body="Zie [oud](/artikelen/oud.html)."
    ),
    "pages/over.md": (
        "Title: Over deze blog\nSlug: over\nSummary: Waarom deze blog bestaat.\n\n"
        "Begin bij [het oude artikel](/artikelen/oud.html).\n"
    ),
}


def moved_text(text):
    """``text`` with exactly the link targets and picks that the rename must change."""
    for before, after in (
        ("/artikelen/oud.html", "/artikelen/nieuw.html"),
        ("{filename}oud.md", "{filename}nieuw.md"),
        ("{filename}/artikelen/oud.md", "{filename}/artikelen/nieuw.md"),
        ("Meer_lezen: oud,", "Meer_lezen: nieuw,"),
        ("Meer_lezen: derde, oud", "Meer_lezen: derde, nieuw"),
        ("Meer_lezen: oud\n", "Meer_lezen: nieuw\n"),
    ):
        text = text.replace(before, after)
    return text


def test_hernoem_end_to_end(tmp_path):
    project = make_project(tmp_path, with_content=False)
    content = write_site(project / "content", POSTS)
    result = run_task(project, "hernoem", "oud", "nieuw")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "Hernoemd: content/artikelen/oud.md heet nu content/artikelen/nieuw.md (Slug: nieuw)."
    )
    assert "Het oude adres /artikelen/oud.html blijft werken: het staat nu bij Alias." in lines
    assert not (content / "artikelen" / "oud.md").exists()
    renamed = (content / "artikelen" / "nieuw.md").read_text(encoding="utf-8")
    assert renamed == moved_text(POSTS["artikelen/oud.md"]).replace(
        "Slug: oud\n", "Slug: nieuw\nAlias: /artikelen/oud.html\n"
    )
    for name, text in POSTS.items():
        if name != "artikelen/oud.md":
            assert (content / name).read_text(encoding="utf-8") == moved_text(text), name
            assert (f"Links of tips bijgewerkt in content/{name}." in lines) == (
                moved_text(text) != text
            )
    assert run_task(project, "check").returncode == 0
    built = run_task(project, "build")
    assert built.returncode == 0, built.stderr
    old = (project / "output" / "artikelen" / "oud.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=/artikelen/nieuw.html">' in old
    assert (project / "output" / "artikelen" / "nieuw.html").exists()
    netlify = (project / "output" / "_redirects").read_text(encoding="utf-8")
    assert "/artikelen/oud.html /artikelen/nieuw.html 301" in netlify


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("oudd", "nieuw", "er is geen artikel met Slug 'oudd'; bedoel je 'oud'?"),
        ("oud", "derde", "er is al een artikel met Slug 'derde' (content/artikelen/derde.md)"),
        ("oud", "Nieuw Artikel", "'Nieuw Artikel' kan geen slug zijn"),
        ("oud", "oud", "de oude en de nieuwe slug zijn allebei 'oud'"),
    ],
    ids=["unknown", "taken", "not-a-slug", "same"],
)
def test_hernoem_refuses_in_dutch_and_changes_nothing(tmp_path, old, new, message):
    project = make_project(tmp_path, with_content=False)
    content = write_site(project / "content", POSTS)
    before = snapshot(content)
    result = run_task(project, "hernoem", old, new)
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"fout: Niets veranderd: {message}"), result.stderr
    assert snapshot(content) == before


def settings_for(content):
    return load("pelicanconf.py", PATH=str(content))


@pytest.mark.unit
def test_code_is_left_alone(tmp_path):
    body = (
        "Een [link](/artikelen/a.html) en als voorbeeld `[tekst](/artikelen/a.html)`.\n\n"
        "```\n[tekst](/artikelen/a.html)\n```\n\n~~~~\n[x]: /artikelen/a.html\n~~~~\n"
    )
    content = write_site(
        tmp_path / "content", {"artikelen/a.md": post("a"), "artikelen/b.md": post("b", body=body)}
    )
    rename("a", "c", settings_for(content))
    text = (content / "artikelen" / "b.md").read_text(encoding="utf-8")
    expected = body.replace("Een [link](/artikelen/a.html)", "Een [link](/artikelen/c.html)", 1)
    assert text == post("b", body=expected)


def test_renamed_back_and_on(tmp_path):
    content = write_site(
        tmp_path / "content",
        {
            "artikelen/a.md": post("a"),
            "artikelen/x.md": post("x", body="Naar [a](/artikelen/a.html)."),
        },
    )
    settings = settings_for(content)
    rename("a", "b", settings)
    rename("b", "a", settings)  # back: '/artikelen/a.html' is live again, not a former address
    text = (content / "artikelen" / "a.md").read_text(encoding="utf-8")
    assert "Slug: a\nAlias: /artikelen/b.html\n" in text
    rename("a", "c", settings)
    text = (content / "artikelen" / "c.md").read_text(encoding="utf-8")
    assert "Slug: c\nAlias: /artikelen/b.html, /artikelen/a.html\n" in text
    out = build_site(content, tmp_path / "output")
    for old in ("a", "b"):
        page = (out / "artikelen" / f"{old}.html").read_text(encoding="utf-8")
        assert 'content="0; url=/artikelen/c.html"' in page
    assert "[a](/artikelen/c.html)" in (content / "artikelen" / "x.md").read_text("utf-8")


@pytest.mark.unit
def test_a_draft_gets_no_former_address_and_other_files_keep_their_name(tmp_path):
    content = write_site(
        tmp_path / "content",
        {
            "artikelen/2026-concept.md": post("concept", extra="Status: draft"),
            "artikelen/a.md": post("a"),
        },
    )
    done = rename("concept", "plan", settings_for(content))
    text = (content / "artikelen" / "2026-concept.md").read_text(encoding="utf-8")
    assert done.new_path == done.old_path and "Slug: plan\n" in text and "Alias" not in text


@pytest.mark.unit
def test_line_ends_byte_order_mark_and_dutch_field_names_are_kept(tmp_path):
    content = write_site(tmp_path / "content", {"artikelen/b.md": post("b")})
    text = post("a", extra="Oude_adressen: /artikelen/heel-oud.html").replace("\n", "\r\n")
    (content / "artikelen" / "a.md").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    rename("a", "c", settings_for(content))
    data = (content / "artikelen" / "c.md").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\n" not in data.replace(b"\r\n", b"")
    assert b"Oude_adressen: /artikelen/heel-oud.html, /artikelen/a.html\r\n" in data


@pytest.mark.unit
def test_a_new_address_that_is_another_posts_former_address_is_refused(tmp_path):
    content = write_site(
        tmp_path / "content",
        {
            "artikelen/a.md": post("a"),
            "artikelen/b.md": post("b", extra="Alias: /artikelen/c.html"),
        },
    )
    with pytest.raises(RenameError, match="'/artikelen/c.html' is een oud adres van"):
        rename("a", "c", settings_for(content))


@pytest.mark.unit
def test_a_link_to_a_former_address_names_the_address_now(tmp_path):
    content = write_site(
        tmp_path / "content",
        {
            "artikelen/b.md": post("b", extra="Alias: /artikelen/a.html"),
            "artikelen/c.md": post("c", body="Zie [a](/artikelen/a.html)."),
        },
    )
    from plugins.content_guard.content_guard import run_checks

    assert [str(p) for p in run_checks(settings_for(content))[1]] == [
        "content/artikelen/c.md:8: linkt naar '/artikelen/a.html', een oud adres van "
        "'/artikelen/b.html'; link naar '/artikelen/b.html'"
    ]
