"""The Dutch typographic pass: quotes, dashes, ellipses and elisions, never inside code or SVG."""

import pytest

from nl_site.typography import smarten, smarten_html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Hij zei "hallo".', "Hij zei “hallo”."),
        ("'s avonds en 't is zo", "’s avonds en ’t is zo"),
        ("cv's en zo'n", "cv’s en zo’n"),
        ("een 'quote' hier", "een ‘quote’ hier"),
        ("nu -- of --- straks...", "nu – of — straks…"),
        ("al ’s avonds en cv’s", "al ’s avonds en cv’s"),  # typographic input survives intact
    ],
)
def test_smarten(text, expected):
    assert smarten(text) == expected


def test_html_tags_code_and_svg_are_left_alone():
    html = '<p>"a" <a href="x\'y" title="q">b</a> <code>\'s "x"</code></p><svg><text>"t"</text></svg><p>\'s</p>'
    assert (
        smarten_html(html)
        == '<p>“a” <a href="x\'y" title="q">b</a> <code>\'s "x"</code></p><svg><text>"t"</text></svg><p>’s</p>'
    )


def test_site_keeps_dutch_apostrophes(site):
    page = (site / "artikelen" / "latent-werkzoekenden.html").read_text(encoding="utf-8")
    assert "’s avonds" in page and "video’s" in page
