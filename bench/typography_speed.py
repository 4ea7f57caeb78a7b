"""Time the Dutch typographic pass on 1 MB of article HTML, typed with straight quotes and not."""

import statistics
import time

import markdown

from plugins.nl_site.typography import smarten_html
from sitetools.settings import ROOT

STRAIGHT = str.maketrans("“”‘’–", "\"\"''-")  # as an author types: straight quotes, hyphens


def _html():
    """The HTML of the blog's own articles, repeated to about 1 MB."""
    bodies = [
        p.read_text(encoding="utf-8").split("\n\n", 1)[1]
        for p in sorted((ROOT / "content" / "artikelen").glob("*.md"))
    ]
    html = "".join(markdown.markdown(b, extensions=["tables"]) for b in bodies)
    return html * max(1, 1_000_000 // len(html))


def time_typography(repeat=5):
    """Median milliseconds per MB: {'straight': typed plainly, 'typographic': nothing to do}."""
    html = _html()
    out = {}
    for kind, text in (("straight", html.translate(STRAIGHT)), ("typographic", html)):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            smarten_html(text)
            times.append(time.perf_counter() - start)
        out[kind] = round(statistics.median(times) * 1000 * 1_000_000 / len(text), 1)
    return out
