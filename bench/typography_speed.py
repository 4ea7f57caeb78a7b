"""Time the Dutch typographic pass per MB of article HTML, typed with straight quotes and not.

The pass is a treeprocessor inside Python-Markdown: its own time is measured while Markdown
converts the blog's articles (joined and repeated to about 1 MB of HTML), and divided by the
size of that HTML. ``python -m bench.typography_speed --against <commit>`` also times the pass
of that commit on the same HTML in the same run (before the treeprocessor it was a
postprocessor, ``smarten_html``, over the finished HTML), for a side-by-side ratio.
"""

import argparse
import logging
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


class _TimedPass:
    """A Markdown converter with the typographic pass, that notes the pass's own time."""

    def __init__(self):
        self.md = markdown.Markdown(extensions=[*EXTENSIONS, DutchTypographyExtension()])
        self.spent = []
        treeprocessor = self.md.treeprocessors["dutch_typography"]
        run = treeprocessor.run

        def timed(root):
            start = time.perf_counter()
            run(root)
            self.spent.append(time.perf_counter() - start)

        treeprocessor.run = timed

    def convert(self, text):
        return self.md.reset().convert(text)


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


def time_typography(repeat=5, against=None):
    """Best of ``repeat`` runs, ms per MB: {'straight': typed plainly, 'typographic': curly}.

    With ``against`` (a commit), also ``'straight_before'`` and ``'typographic_before'``: the
    pass of that commit over the same articles' HTML, its runs taken turn about with the new
    one's, so that both see the same load of a shared machine. (The best run, not the median:
    on a busy machine the others measure the neighbours.)
    """
    source = _source()
    old = _old_pass(against) if against else None
    out = {}
    for kind, text in (("straight", source.translate(STRAIGHT)), ("typographic", source)):
        new = _TimedPass()
        html = markdown.markdown(text, extensions=EXTENSIONS)
        before = []
        for _ in range(repeat):
            new.convert(text)
            if old:
                start = time.perf_counter()
                old(html)
                before.append(time.perf_counter() - start)
        out[kind] = _per_mb(min(new.spent), html)
        if old:
            out[f"{kind}_before"] = _per_mb(min(before), html)
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
