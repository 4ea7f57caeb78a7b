"""`./blog bench`: our build against stock Pelican, side by side, plus Meer lezen at scale.

Two pairs of figures, measured in the same rounds: in-process (bench/build_one.py: the clock
runs around Pelican's run only, in a fresh process each time) and whole processes as users run
them (bench/whole.py: `./blog build` in a project copy against stock `pelican`, start-up,
caches, staging and swap included). Every build runs in a fresh process, alternating the kinds,
repeated; figures are medians and ratios measured in the same run, so they hold on a shared,
noisy machine.
"""

import argparse
import json
import logging
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import images_bench
from bench.corpus import generate
from bench.meer_lezen_scale import time_selection
from bench.search_index import index_figures
from bench.typography_speed import time_typography
from bench.whole import make_project, timed_process
from sitetools.settings import ROOT

log = logging.getLogger("bench")
RESULTS = ROOT / "bench" / "results.json"


def timed_build(kind, content, output, cache=None):
    """Seconds and peak MiB of one build in a fresh process (a rebuild keeps its output)."""
    if output.exists() and not cache:
        shutil.rmtree(output)
    command = [
        sys.executable,
        "-m",
        "bench.build_one",
        "--kind",
        kind,
        "--content",
        str(content),
        "--output",
        str(output),
    ]
    if cache:
        command += ["--cache", str(cache)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def edit_one_article(content):
    """Change one sentence of one article, as an author would."""
    post = sorted((content / "artikelen").glob("*.md"))[
        len(list((content / "artikelen").glob("*.md"))) // 2
    ]
    post.write_text(
        post.read_text(encoding="utf-8") + "\nEen zin die de auteur net toevoegde.\n",
        encoding="utf-8",
    )


def article_page_bytes(output):
    """HTML bytes of the median article page and the CSS bytes every page loads."""
    pages = sorted(p.stat().st_size for p in (output / "artikelen").glob("*.html"))
    css = sum(
        p.stat().st_size for p in (output / "theme" / "css").glob("*.css") if p.name != "print.css"
    )
    return pages[len(pages) // 2], css


def peak_at(n):
    """Peak memory of one cold build of ``n`` generated articles (our build)."""
    work = Path(tempfile.mkdtemp(prefix=".bench-", dir=ROOT))
    try:
        content = generate(work, n, seed=11)
        return timed_build("ours", content, work / "out")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(articles, rounds, scale, memory_articles=0, photos=0):
    """All figures as a dict (also written to bench/results.json)."""
    # In the project folder, like a real build (not /tmp, whose state can slow file creation).
    work = Path(tempfile.mkdtemp(prefix=".bench-", dir=ROOT))
    try:
        content = generate(work, articles)
        project = make_project(work, content)
        # Each kind: one timed build (seconds, peak MiB or None). Add new kinds here.
        kinds = {
            "ours": lambda: timed_build("ours", content, work / "out-ours"),
            "stock": lambda: timed_build("stock", content, work / "out-stock"),
            "ours_whole": lambda: {"seconds": timed_process("ours", project)},
            "stock_whole": lambda: {"seconds": timed_process("stock", project)},
        }
        for kind in ("ours_whole", "stock_whole"):  # compiles our code once, warms the disk
            kinds[kind]()
        times = {kind: [] for kind in kinds}
        peaks = []
        for r in range(rounds):
            order = list(kinds) if r % 2 == 0 else list(reversed(kinds))
            for kind in order:
                figures = kinds[kind]()
                times[kind].append(figures["seconds"])
                if kind == "ours":
                    peaks.append(figures["peak_mib"])
                log.info("round %d %-11s %.2f s", r + 1, kind, figures["seconds"])
        med = {kind: statistics.median(values) for kind, values in times.items()}
        ours, stock = med["ours"], med["stock"]
        html, css = article_page_bytes(work / "out-ours")
        search = index_figures(work / "out-ours", articles, ours, rounds)

        cache = work / "cache"
        warm, warm_whole = [], []
        timed_build("ours", content, work / "out-warm", cache)  # fills the cache
        timed_process("ours", project)  # a cold ./blog build fills output/ and cache/
        for _ in range(rounds):
            edit_one_article(content)
            warm.append(timed_build("ours", content, work / "out-warm", cache)["seconds"])
            edit_one_article(project / "content")
            warm_whole.append(timed_process("ours_warm", project))
        warm_s, warm_whole_s = statistics.median(warm), statistics.median(warm_whole)
        selection = {str(n): round(time_selection(n), 3) for n in scale}
        big = peak_at(memory_articles) if memory_articles else None
        with_photos = (
            images_bench.run(articles, photos, rounds, timed_build, edit_one_article)
            if photos
            else {}
        )
        return {
            **with_photos,
            "articles": articles,
            "rounds": rounds,
            "ours_s": round(ours, 3),
            "stock_s": round(stock, 3),
            "build_ratio_vs_stock": round(ours / stock, 3),
            "whole_ours_s": round(med["ours_whole"], 3),
            "whole_stock_s": round(med["stock_whole"], 3),
            "whole_ratio_vs_stock": round(med["ours_whole"] / med["stock_whole"], 3),
            "warm_rebuild_s": round(warm_s, 3),
            "warm_rebuild_ratio": round(warm_s / ours, 3),
            "whole_warm_rebuild_s": round(warm_whole_s, 3),
            "whole_warm_rebuild_ratio": round(warm_whole_s / med["ours_whole"], 3),
            "meer_lezen_s": selection,
            "meer_lezen_ratio_50k_10k": round(selection["50000"] / selection["10000"], 2)
            if "50000" in selection and "10000" in selection
            else None,
            "peak_mib": round(max(peaks), 1),
            "peak_mib_large": round(big["peak_mib"], 1) if big else None,
            "large_articles": memory_articles or None,
            "large_build_s": round(big["seconds"], 2) if big else None,
            "typography_ms_per_mb": time_typography(),
            "article_html_bytes": html,
            "css_bytes": css,
            **search,
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def summary(r):
    """The figures as a small table."""
    lines = [
        f"Corpus: {r['articles']} generated articles, {r['rounds']} alternating rounds (medians)",
        "  in process (Pelican's run only):",
        f"  our build (plugins, typography, theme) {r['ours_s']:8.2f} s",
        f"  stock Pelican 4.12 (no plugins)          {r['stock_s']:8.2f} s",
        f"  ratio ours / stock                       {r['build_ratio_vs_stock']:8.2f}",
        f"  warm rebuild after one edit              {r['warm_rebuild_s']:8.2f} s "
        f"({r['warm_rebuild_ratio']:.2f} of cold)",
        "  whole processes (`./blog build` / `pelican content`, start-up included):",
        f"  our build, cold                          {r['whole_ours_s']:8.2f} s",
        f"  stock Pelican 4.12                       {r['whole_stock_s']:8.2f} s",
        f"  ratio ours / stock                       {r['whole_ratio_vs_stock']:8.2f}",
        f"  warm rebuild after one edit              {r['whole_warm_rebuild_s']:8.2f} s "
        f"({r['whole_warm_rebuild_ratio']:.2f} of cold)",
        f"  peak memory of our build                 {r['peak_mib']:8.1f} MiB",
        f"  article page HTML (median) / CSS         "
        f"{r['article_html_bytes']} / {r['css_bytes']} bytes",
    ]
    typo = r["typography_ms_per_mb"]
    lines.append(
        f"  typographic pass, ms per MB of HTML      {typo['straight']:8.1f} "
        f"(nothing to change: {typo['typographic']:.1f})"
    )
    if "search_index_s" in r:
        lines.append(
            f"  search index (Pagefind)                  {r['search_index_s']:8.2f} s "
            f"({r['search_index_share']:.1%} of a cold build), "
            f"{r['search_index_bytes_per_1000'] / 1e6:.1f} MB per 1,000 articles"
        )
    if r.get("peak_mib_large"):
        lines.append(
            f"  peak memory, {r['large_articles']:,} articles           "
            f"{r['peak_mib_large']:8.1f} MiB (build {r['large_build_s']:.1f} s)"
        )
    if r.get("photos"):
        lines += images_bench.summary(r)
    for n, s in r["meer_lezen_s"].items():
        lines.append(f"  Meer lezen selection, {int(n):>6,} articles {s:8.2f} s")
    return "\n".join(lines)


def main():
    """Parse options, run, print and save."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scale", default="1000,10000,50000", help="Meer lezen article counts")
    parser.add_argument(
        "--memory-articles",
        type=int,
        default=10000,
        help="articles for the peak-memory build (0 skips it)",
    )
    parser.add_argument("--photos", type=int, default=100, help="photos for the images run")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    scale = [int(n) for n in args.scale.split(",") if n]
    results = run(args.articles, args.rounds, scale, args.memory_articles, args.photos)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    log.info("%s\nWritten to %s", summary(results), RESULTS.relative_to(ROOT))


if __name__ == "__main__":
    main()
