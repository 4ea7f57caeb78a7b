"""The checks read a post's header as Pelican does: Python-Markdown's meta extension, line for line."""

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from link_site import build_site, check_site, link_site, post

from plugins.content_guard.posts import markdown_line, parse_post, read_header, split_lines
from sitetools.build import BuildError

LINES = st.sampled_from(
    [
        "Title: Een titel",
        "Tags: AI, Skills",
        "tags: Nog een",
        "Summary: Een zin",
        "    die doorloopt",
        "\tmet een tab",
        "   Date: 2025-03-01",
        "---",
        "--- yaml",
        "...",
        "...meer",
        "",
        "   ",
        "Gewone tekst.",
        "Thema's: AI",
        "Meer lezen: x",
        "Key_with-dash: 1",
        "Title:",
        "Café: x",
    ]
)
ENDINGS = st.sampled_from(["\n", "\r\n", "\r"])


def markdown_reads(text):
    """(meta, body lines) as Python-Markdown's meta extension leaves them, as Pelican uses it."""
    md = markdown.Markdown(extensions=["meta"])
    lines = md.preprocessors["normalize_whitespace"].run(text.split("\n"))
    body = md.preprocessors["meta"].run(lines)
    return md.Meta, body


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=9), ENDINGS)
def test_the_header_is_read_exactly_as_markdown_reads_it(lines, ending):
    text = ending.join(lines) + ending + "Tekst.\n"
    meta, body = markdown_reads(text.replace("\r\n", "\n").replace("\r", "\n"))
    seen = [markdown_line(line) for line in split_lines(text)]
    fields, start, _ = read_header(seen)
    ours = {}
    for _, key, values in fields:
        ours.setdefault(key.lower(), []).extend(values)
    assert ours == meta
    assert seen[start - 1 :] + ["", ""] == body  # Markdown adds two blank lines at the end


def test_a_fenced_header_is_read_with_its_line_numbers():
    text = "---\nTitle: Een titel\nDate: 2025-30-01\n---\nTekst.\n"
    found = parse_post(text, "x.md")
    assert found.fields["title"] == ("Een titel", 2, "Title")
    assert found.fields["date"] == ("2025-30-01", 3, "Date")
    assert found.body_start == 5


def fenced(slug, date="2025-03-01"):
    head = post(slug, "", date=date).split("\n\n")[0]
    return f"---\n{head}\n---\nTekst van het artikel.\n"


def test_a_fenced_header_is_accepted_by_check_and_build(tmp_path):
    content = link_site(tmp_path, {"fenced.md": fenced("fenced")})
    assert check_site(content) == []
    output = build_site(content, tmp_path / "output")
    page = (output / "artikelen" / "fenced.html").read_text(encoding="utf-8")
    assert "<h1>Artikel fenced</h1>" in page
    assert "Tekst van het artikel." in page and "Slug:" not in page


def test_line_numbers_count_the_fence(tmp_path):
    content = link_site(tmp_path, {"fenced.md": fenced("fenced", date="2025-02-30")})
    expected = [
        "content/artikelen/fenced.md:3: Date '2025-02-30' bestaat niet: februari heeft 28 "
        "dagen in 2025; bedoel je 2025-02-28 of 2025-03-01?"
    ]
    assert check_site(content) == expected
    with pytest.raises(BuildError) as refused:
        build_site(content, tmp_path / "output")
    assert [x for x in str(refused.value).splitlines() if x.startswith("content/")] == expected


RUN_ON = (
    "Title: Een artikel\nDate: 2025-03-01\nCategory: Arbeidsmarkt\nTags: AI\n"
    "Summary: Een samenvatting die doorloopt\nop de volgende regel zonder inspringen.\n"
    "Slug: een-artikel\n\nTekst.\n"
)


def test_a_header_pelican_would_misread_is_refused_by_check_and_build(tmp_path):
    """Markdown ends the header at line 6, so 'Slug:' would become text of the article."""
    content = link_site(tmp_path, {"doorloop.md": RUN_ON})
    expected = [
        "content/artikelen/doorloop.md:6: hier stoppen de velden bovenaan (deze regel is geen "
        "'Veld: waarde'), dus 'Slug:' op regel 7 wordt tekst; hoort deze regel bij het veld "
        "erboven, spring hem dan in met vier spaties, en anders zet je er een lege regel boven"
    ]
    assert check_site(content) == expected
    with pytest.raises(BuildError) as refused:
        build_site(content, tmp_path / "output")
    assert [x for x in str(refused.value).splitlines() if x.startswith("content/")] == expected
    # Indented, as the message says, the same header is read by check and build.
    (content / "artikelen" / "doorloop.md").write_text(
        RUN_ON.replace("\nop de", "\n    op de"), encoding="utf-8"
    )
    assert check_site(content) == []
    output = build_site(content, tmp_path / "output")
    page = (output / "artikelen" / "een-artikel.html").read_text(encoding="utf-8")
    assert "Slug:" not in page
