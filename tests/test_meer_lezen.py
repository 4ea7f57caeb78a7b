"""Meer lezen: selection as pure functions on tiny fakes, picks validation, the rendered block."""

import re
from types import SimpleNamespace

import pytest
from conftest import make_project, run_task

from plugins.meer_lezen.picks import parse_picks, pick_problems
from plugins.meer_lezen.selection import Doc, Options, related


def doc(slug, tags, day, category="A", text="", picks=None):
    return Doc(slug, float(day), tuple(tags), category, text, [] if picks is None else picks)


def slugs(items):
    return [r.slug for r in items]


@pytest.mark.unit
def test_rare_theme_beats_common_theme():
    docs = [
        doc("a", ["common", "rare"], 1),
        doc("b", ["common"], 5),
        doc("c", ["rare"], 2),
        *[doc(f"x{i}", ["common"], 3) for i in range(6)],
    ]
    first = related(docs, Options(count=2))[0]
    assert slugs(first)[0] == "c"
    assert first[0].kind == "match" and first[0].shared_tags == ("rare",)


@pytest.mark.unit
def test_author_picks_come_first_in_their_order():
    docs = [
        doc("a", ["t"], 1, picks=["d", "c"]),
        doc("b", ["t"], 9),
        doc("c", [], 2),
        doc("d", [], 3),
    ]
    result = related(docs, Options(count=3))[0]
    assert slugs(result) == ["d", "c", "b"]
    assert [r.kind for r in result] == ["pick", "pick", "match"]


@pytest.mark.unit
def test_never_itself_and_no_duplicates():
    docs = [
        doc(s, ["t", "u"], d, picks=["a"] if s == "b" else None)
        for s, d in (("a", 1), ("b", 2), ("c", 3), ("d", 4))
    ]
    for i, items in enumerate(related(docs, Options(count=3))):
        assert docs[i].slug not in slugs(items)
        assert len(set(slugs(items))) == len(items) == 3


@pytest.mark.unit
def test_switched_off_with_geen():
    docs = [doc("a", ["t"], 1, picks=None), doc("b", ["t"], 2)]
    docs[0].picks = parse_picks("geen")
    assert related(docs)[0] == []


@pytest.mark.unit
def test_similar_text_counts_when_themes_tie():
    docs = [
        doc("a", ["t"], 1, text="pensioenpremie uitzendkrachten cao fasesysteem"),
        doc("b", ["t"], 9, text="kantoorruimte leegstand amsterdam"),
        doc("c", ["t"], 2, text="pensioenpremie uitzendkrachten cao werkgevers"),
        doc("d", ["u"], 3, text="vergaderen notuleren agenda"),
    ]
    assert slugs(related(docs, Options(count=1))[0]) == ["c"]


@pytest.mark.unit
def test_fill_up_same_category_then_recent():
    docs = [
        doc("a", ["x"], 1, "K"),
        doc("b", ["y"], 5, "K"),
        doc("c", ["z"], 9, "L"),
        doc("d", ["w"], 7, "L"),
    ]
    result = related(docs, Options(count=3))[0]
    assert slugs(result) == ["b", "c", "d"]
    assert [r.kind for r in result] == ["category", "recent", "recent"]


@pytest.mark.unit
def test_tie_break_newer_first_then_slug():
    docs = [doc("a", ["t"], 1), doc("zz", ["t"], 5), doc("bb", ["t"], 5), doc("c", ["t"], 4)]
    assert slugs(related(docs, Options(count=3))[0]) == ["bb", "zz", "c"]


@pytest.mark.unit
def test_deterministic():
    docs = [
        doc(f"s{i}", [f"t{i % 4}", f"t{i % 7}"], i % 5, text=f"woord{i % 3} thema{i % 2}")
        for i in range(60)
    ]
    assert [slugs(r) for r in related(docs)] == [slugs(r) for r in related(list(docs))]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("picks", "message"),
    [
        (
            ["talnt-scarcity"],
            "Meer_lezen noemt 'talnt-scarcity', maar dat artikel bestaat niet; bedoel je 'talent-scarcity'?",
        ),
        (["self"], "Meer_lezen noemt 'self', het artikel zelf; kies een ander artikel"),
        (["concept"], "Meer_lezen noemt 'concept', een concept; kies een gepubliceerd artikel"),
        (
            ["talent-scarcity", "talent-scarcity"],
            "Meer_lezen noemt 'talent-scarcity' twee keer; noem het één keer",
        ),
    ],
)
def test_pick_problems(picks, message):
    statuses = {"talent-scarcity": "published", "self": "published", "concept": "draft"}
    assert pick_problems("self", picks, statuses) == [message]


def test_block_on_every_article(site):
    pages = sorted((site / "artikelen").glob("*.html"))
    existing = {p.stem for p in pages}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        block = re.search(
            r'<nav class="meer-lezen" aria-labelledby="meer-lezen-titel">(.*?)</nav>', html, re.S
        )
        assert block, page
        links = re.findall(r'class="meer-lezen-link" href="/artikelen/([^/"]+)\.html"', block[1])
        assert len(links) == 3 and len(set(links)) == 3, page
        assert page.stem not in links
        assert set(links) <= existing
        assert (
            len(re.findall(r'<time datetime="\d{4}-\d\d-\d\d">\d+ [a-z]+ \d{4}</time>', block[1]))
            == 3
        )
        assert block[1].count('class="meer-lezen-teaser"') == 3


def test_explanations(site):
    html = (site / "artikelen" / "cao-uitzendkrachten-2026.html").read_text(encoding="utf-8")
    assert "Ook over: Werkgeverschap" in html


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "Meer_lezen: personeelstekor",
            "Meer_lezen noemt 'personeelstekor', maar dat artikel bestaat niet; bedoel je 'personeelstekort'?",
        ),
        (
            "Meer_lezen: probeersel",
            "Meer_lezen noemt 'probeersel', het artikel zelf; kies een ander artikel",
        ),
        (
            "Meer_lezen: mijn-concept",
            "Meer_lezen noemt 'mijn-concept', een concept; kies een gepubliceerd artikel",
        ),
    ],
    ids=["unknown", "self", "draft"],
)
def test_bad_pick_stops_the_build(tmp_path, line, message):
    project = make_project(tmp_path)
    articles = project / "content" / "artikelen"
    head = "Date: 2025-02-01\nCategory: Arbeidsmarkt\nTags: AI, Skills\nSummary: Kort.\n"
    (articles / "concept.md").write_text(
        f"Title: Concept\nSlug: mijn-concept\nStatus: draft\n{head}\nTekst.\n", encoding="utf-8"
    )
    (articles / "probeersel.md").write_text(
        f"Title: Probeersel\nSlug: probeersel\n{head}{line}\n\nTekst.\n", encoding="utf-8"
    )
    result = run_task(project, "build")
    assert result.returncode == 1
    assert f"content/artikelen/probeersel.md:7: {message}" in result.stderr


@pytest.mark.unit
def test_block_escapes_titles(tmp_path):
    from conftest import ROOT
    from jinja2 import Environment, FileSystemLoader

    from plugins.meer_lezen.meer_lezen import MeerLezenItem  # noqa: F401 (the template's data type)

    env = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")), autoescape=True)
    env.filters["nl_date"] = lambda d: "1 januari 2026"
    a = SimpleNamespace(
        url="artikelen/x.html",
        title="<script>alert(1)</script> & co",
        summary="<b>Sa</b> <i>mmary</i>",
        date=__import__("datetime").date(2026, 1, 1),
        category="A",
    )
    html = env.get_template("partials/meer_lezen.html").render(
        article=SimpleNamespace(
            meer_lezen_items=[SimpleNamespace(article=a, kind="pick", shared_tags=())]
        ),
        t=env.get_template("_strings.html").module,
        SITEURL="",
    )
    assert "<script>" not in html and "&amp; co" in html and "<b>" not in html
