"""`./blog bench`: our build against stock Pelican and stock Pelican + Pagefind, side by side.

Whole processes as users run them (bench/whole.py: `./blog build` in a project copy against
stock `pelican` and `pelican` followed by `pagefind --site`), cold and after one edit, and the
live preview's save-to-updated and save-to-indexed times (bench/preview_bench.py), all as ratios
to stock Pelican's cold build of the same run, with CPU time and peak memory of each. Builds
alternate and repeat; figures are medians, so ratios hold on a shared, noisy machine (the load
is recorded). ``--extras`` adds the figures of single features (Meer lezen at scale, typography,
the index alone, 10,000 articles, photos).
"""

import argparse
import json
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import images_bench, preview_bench
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


def _median(values):
    return round(statistics.median(values), 3)


def whole_figures(project, rounds):
    """Stock Pelican, stock Pelican + Pagefind and ours, cold and after one edit, alternating."""
    kinds = ("stock", "stock_pagefind", "ours")
    for kind in ("ours", "stock"):  # compiles our code once, warms the disk
        timed_process(kind, project)
    cold = {kind: [] for kind in kinds}
    for r in range(rounds):
        for kind in kinds if r % 2 == 0 else reversed(kinds):
            cold[kind].append(timed_process(kind, project))
            log.info("round %d %-15s %6.2f s", r + 1, kind, cold[kind][-1]["seconds"])
    edit = {"ours_warm": [], "stock": []}
    timed_process("ours", project)  # output/ and cache/ of a cold build
    for r in range(rounds):
        edit_one_article(project / "content")
        for kind in ("ours_warm", "stock") if r % 2 == 0 else ("stock", "ours_warm"):
            edit[kind].append(timed_process(kind, project))
            log.info("edit %d  %-15s %6.2f s", r + 1, kind, edit[kind][-1]["seconds"])
    out = {}
    for name, runs in [
        *cold.items(),
        ("ours_edit", edit["ours_warm"]),
        ("stock_edit", edit["stock"]),
    ]:
        out[f"{name}_s"] = _median(r["seconds"] for r in runs)
        out[f"{name}_cpu_s"] = _median(r["cpu"] for r in runs)
        out[f"{name}_peak_mib"] = round(max(r["peak_mib"] for r in runs), 1)
    return out


def ratios(r):
    """Every figure as a ratio to stock Pelican's cold build of the same run (and a few more)."""
    stock = r["stock_s"]
    return {
        "ratio_ours_cold": round(r["ours_s"] / stock, 3),
        "ratio_ours_cold_vs_stock_pagefind": round(r["ours_s"] / r["stock_pagefind_s"], 3),
        "ratio_stock_pagefind": round(r["stock_pagefind_s"] / stock, 3),
        "ratio_ours_edit": round(r["ours_edit_s"] / stock, 3),
        "ratio_preview_updated": round(r["preview_updated_s"] / stock, 3),
        "ratio_preview_indexed": round(r["preview_indexed_s"] / stock, 3),
        "cpu_ratio_ours_cold_vs_stock_pagefind": round(
            r["ours_cpu_s"] / r["stock_pagefind_cpu_s"], 3
        ),
    }


def run(articles, rounds, extras=False, scale=(), memory_articles=0, photos=0):
    """All figures as a dict (also written to bench/results.json)."""
    # In the project folder, like a real build (not /tmp, whose state can slow file creation).
    work = Path(tempfile.mkdtemp(prefix=".bench-", dir=ROOT))
    try:
        load_before = os.getloadavg()[0]
        content = generate(work, articles)
        project = make_project(work, content)
        results = {"articles": articles, "rounds": rounds, **whole_figures(project, rounds)}
        loop = preview_bench.measure(project, rounds)
        results.update(
            preview_updated_s=_median(loop["updated"]),
            preview_indexed_s=_median(loop["indexed"]),
            preview_peak_mib=round(loop["peak_mib"], 1) if loop["peak_mib"] else None,
            preview_indexer_peak_mib=(
                round(loop["indexer_peak_mib"], 1) if loop["indexer_peak_mib"] else None
            ),
        )
        results.update(ratios(results))
        results["load"] = [round(load_before, 1), round(os.getloadavg()[0], 1), os.cpu_count()]
        html, css = article_page_bytes(project / "output")
        results.update(article_html_bytes=html, css_bytes=css)
        if extras:
            results.update(extra_figures(work, content, articles, rounds, scale, memory_articles))
            if photos:
                results.update(
                    images_bench.run(articles, photos, rounds, timed_build, edit_one_article)
                )
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def extra_figures(work, content, articles, rounds, scale, memory_articles):
    """Figures of single features: Meer lezen at scale, typography, the index, peak memory."""
    ours = timed_build("ours", content, work / "out-ours")
    selection = {str(n): round(time_selection(n), 3) for n in scale}
    big = peak_at(memory_articles) if memory_articles else None
    return {
        "meer_lezen_s": selection,
        "peak_mib_large": round(big["peak_mib"], 1) if big else None,
        "large_articles": memory_articles or None,
        "typography_ms_per_mb": time_typography(),
        **index_figures(work / "out-ours", articles, ours["seconds"], rounds),
    }


def summary(r):
    """The figures as a small table."""
    rows = [
        ("stock Pelican, cold", "stock"),
        ("stock Pelican + Pagefind, cold", "stock_pagefind"),
        ("ours (./blog build), cold", "ours"),
        ("stock Pelican after one edit", "stock_edit"),
        ("ours after one edit", "ours_edit"),
    ]
    stock = r["stock_s"]
    lines = [
        f"Corpus: {r['articles']} generated articles, {r['rounds']} alternating rounds (medians); "
        f"load {r['load'][0]} -> {r['load'][1]} on {r['load'][2]} cores",
        f"  {'whole process':34} {'seconds':>8} {'x stock':>8} {'CPU s':>8} {'peak MiB':>9}",
    ]
    for label, key in rows:
        lines.append(
            f"  {label:34} {r[key + '_s']:8.2f} {r[key + '_s'] / stock:8.2f} "
            f"{r[key + '_cpu_s']:8.2f} {r[key + '_peak_mib']:9.1f}"
        )
    lines += [
        f"  {'preview: save to updated':34} {r['preview_updated_s']:8.2f} "
        f"{r['ratio_preview_updated']:8.2f} {'':8} {r['preview_peak_mib'] or 0:9.1f}",
        f"  {'preview: save to indexed':34} {r['preview_indexed_s']:8.2f} "
        f"{r['ratio_preview_indexed']:8.2f} {'':8} "
        f"{r.get('preview_indexer_peak_mib') or 0:9.1f} (the indexer)",
        f"  ours cold / (stock + Pagefind) cold: {r['ratio_ours_cold_vs_stock_pagefind']:.2f} "
        f"(CPU {r['cpu_ratio_ours_cold_vs_stock_pagefind']:.2f})",
        f"  article page HTML (median) / CSS: {r['article_html_bytes']} / {r['css_bytes']} bytes",
    ]
    if "typography_ms_per_mb" in r:
        typo = r["typography_ms_per_mb"]
        lines.append(f"  typographic pass, ms per MB of HTML {typo['straight']:.1f}")
        lines.append(
            f"  search index (Pagefind) {r['search_index_s']:.2f} s, "
            f"{r['search_index_bytes_per_1000'] / 1e6:.1f} MB per 1,000 articles"
        )
        for n, sec in r["meer_lezen_s"].items():
            lines.append(f"  Meer lezen selection, {int(n):>6,} articles {sec:8.2f} s")
        if r.get("peak_mib_large"):
            lines.append(
                f"  peak memory, {r['large_articles']:,} articles {r['peak_mib_large']:.1f} MiB"
            )
    if r.get("photos"):
        lines += images_bench.summary(r)
    return "\n".join(lines)


def main():
    """Parse options, run, print and save."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--extras",
        action="store_true",
        help="also Meer lezen at scale, typography, the index alone, 10,000 articles, photos",
    )
    parser.add_argument("--scale", default="1000,10000,50000", help="Meer lezen article counts")
    parser.add_argument("--memory-articles", type=int, default=10000)
    parser.add_argument("--photos", type=int, default=100, help="photos for the images run")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    scale = [int(n) for n in args.scale.split(",") if n]
    results = run(args.articles, args.rounds, args.extras, scale, args.memory_articles, args.photos)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    log.info("%s\nWritten to %s", summary(results), RESULTS.relative_to(ROOT))


if __name__ == "__main__":
    main()
