"""One link form for the site itself: '/artikelen/slug.html', prefixed with SITE_ROOT, checked."""

import markdown
import pytest
from conftest import make_project, run_task

from plugins.content_guard.links import site_link_problem
from plugins.site_links.site_links import SiteLinksExtension, with_root


def render(text, site_root):
    return markdown.markdown(text, extensions=[SiteLinksExtension(site_root)])


@pytest.mark.unit
def test_root_relative_links_get_the_sub_folder_images_are_left_to_the_images_plugin():
    html = render(
        "[a](/artikelen/x.html#kop) [b](https://example.org/x) [c](//cdn.example.org/y) "
        '[d](#kop) [e](mailto:r@example.org) ![f](/images/g.png)\n\n<a href="/rauw">g</a>',
        "/blog",
    )
    assert 'href="/blog/artikelen/x.html#kop"' in html
    assert 'src="/images/g.png"' in html  # the images plugin writes it with SITE_ROOT
    for unchanged in ("https://example.org/x", "//cdn.example.org/y", '"#kop"', "mailto:", "/rauw"):
        assert unchanged in html
    assert 'href="/blog/rauw"' not in html  # raw HTML is the author's own business


@pytest.mark.unit
def test_at_the_root_nothing_changes():
    text = "[a](/artikelen/x.html) ![f](/images/g.png)"
    assert render(text, "") == markdown.markdown(text)
    assert with_root("/x", "") == "/x" and with_root("/x", "/blog") == "/blog/x"


@pytest.mark.unit
@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("/artikelen/x.html", None),
        ("/images/x.png", None),
        ("https://werkinbeweging.nl/artikelen/x.html", None),
        ("{filename}/artikelen/x.md", None),
        ("#kop", None),
        (
            "artikelen/x.html",
            "de link 'artikelen/x.html' mist de / vooraan en werkt daardoor niet op elke "
            "pagina; schrijf '/artikelen/x.html'",
        ),
        (
            "/artikelen/x.md",
            "de link '/artikelen/x.md' wijst naar een bronbestand (.md); link naar het artikel "
            "zelf: '/artikelen/x.html' (met de Slug van dat artikel)",
        ),
        (
            "x.md#kop",
            "de link 'x.md#kop' wijst naar een bronbestand (.md); link naar het artikel "
            "zelf: '/artikelen/x.html' (met de Slug van dat artikel)",
        ),
    ],
)
def test_links_in_a_form_that_breaks_are_named(target, problem):
    assert site_link_problem(target) == problem


def test_check_names_file_and_line_of_bad_site_links(tmp_path):
    project = make_project(tmp_path)
    post = project / "content" / "artikelen" / "personeelstekort.md"
    lines = post.read_text(encoding="utf-8").splitlines()
    lines += [
        "",
        "Zie [de cao](artikelen/cao-uitzendkrachten-2026.html).",
        "Zie [dit](/artikelen/cao-uitzendkrachten-2025.html).",
        "Zie [dat](/artikelen/cao-uitzendkrachten-2026.md).",
    ]
    post.write_text("\n".join(lines) + "\n", encoding="utf-8")
    n = len(lines)
    result = run_task(project, "check")
    assert result.returncode == 1
    f = "content/artikelen/personeelstekort.md"
    assert f"{f}:{n - 2}: de link 'artikelen/cao-uitzendkrachten-2026.html' mist de / vooraan" in (
        result.stderr
    )
    assert (
        f"{f}:{n - 1}: linkt naar '/artikelen/cao-uitzendkrachten-2025.html', maar dat artikel bestaat niet"
        in (result.stderr)
    )
    assert "bedoel je '/artikelen/cao-uitzendkrachten-2026.html'?" in result.stderr
    assert (
        f"{f}:{n}: de link '/artikelen/cao-uitzendkrachten-2026.md' wijst naar een bronbestand"
        in (result.stderr)
    )
