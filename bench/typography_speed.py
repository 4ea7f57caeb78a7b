"""Time the Dutch typographic pass per MB of article HTML, typed with straight quotes and not.

The pass is a treeprocessor inside Python-Markdown: its own time is measured while Markdown
converts the blog's articles (joined and repeated to about 1 MB of HTML), and divided by the
size of that HTML. ``python -m bench.typography_speed --against <commit>`` also times the pass
of that commit on the same HTML in the same run (before the treeprocessor it was a
postprocessor, ``smarten_html``, over the finished HTML), for a side-by-side ratio.
"""

import argparse
import logging
import statistics
import subprocess
import time
import types

import markdown

from plugins.nl_site.markdown_typography import DutchTypographyExtension
from sitetools.settings import ROOT

log = logging.getLogger(__name__)
STRAIGHT = str.maketrans("“”‘’–", "\"\"''-")  # as an author types: straight quotes, hyphens
EXTENSIONS = ["extra"]


def _source():
    """The Markdown of the blog's own articles, repeated to about 1 MB of HTML."""
    bodies = [
        p.read_text(encoding="utf-8").split("\n\n", 1)[1]
        for p in sorted((ROOT / "content" / "artikelen").glob("*.md"))
    ]
    text = "\n\n".join(bodies)
    size = len(markdown.markdown(text, extensions=EXTENSIONS).encode())
    return "\n\n".join([text] * max(1, 1_000_000 // size))


def _per_mb(seconds, html):
    return round(seconds * 1000 * 1_000_000 / len(html.encode()), 1)


def _time_tree(text, repeat):
    """Median ms per MB of the treeprocessor alone, and the HTML it made."""
    md = markdown.Markdown(extensions=[*EXTENSIONS, DutchTypographyExtension()])
    pass_ = md.treeprocessors["dutch_typography"]
    run, spent = pass_.run, []

    def timed(root):
        start = time.perf_counter()
        run(root)
        spent.append(time.perf_counter() - start)

    pass_.run = timed
    for _ in range(repeat):
        html = md.reset().convert(text)
    return _per_mb(statistics.median(spent), html)


def _old_pass(commit):
    """``smarten_html`` of plugins/nl_site/typography.py as it was at ``commit``."""
    source = subprocess.run(
        ["git", "show", f"{commit}:plugins/nl_site/typography.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    module = types.ModuleType("typography_before")
    exec(compile(source, f"{commit}:typography.py", "exec"), module.__dict__)  # noqa: S102
    return module.smarten_html


def _time_html(smarten_html, html, repeat):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        smarten_html(html)
        times.append(time.perf_counter() - start)
    return _per_mb(statistics.median(times), html)


def time_typography(repeat=5, against=None):
    """Median ms per MB: {'straight': typed plainly, 'typographic': already curly}.

    With ``against`` (a commit), also ``'straight_before'`` and ``'typographic_before'``: the
    pass of that commit over the same articles' HTML, timed in the same run.
    """
    source = _source()
    out = {}
    for kind, text in (("straight", source.translate(STRAIGHT)), ("typographic", source)):
        out[kind] = _time_tree(text, repeat)
        if against:
            html = markdown.markdown(text, extensions=EXTENSIONS)
            out[f"{kind}_before"] = _time_html(_old_pass(against), html, repeat)
    return out


def main():
    """Print the figures, side by side with ``--against``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", help="a commit whose pass to time in the same run")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    figures = time_typography(args.repeat, args.against)
    for kind in ("straight", "typographic"):
        line = f"{kind:12} {figures[kind]:7.1f} ms per MB"
        if args.against:
            before = figures[f"{kind}_before"]
            line += f"   before ({args.against}): {before:7.1f} ms per MB"
            line += f"   ratio {figures[kind] / before:.2f}"
        log.info("%s", line)


if __name__ == "__main__":
    main()
