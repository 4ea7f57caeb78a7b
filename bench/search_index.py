"""The site search index in the benchmark: what indexing really adds to `./blog build`.

The index is made beside Pelican (sitetools/search_live.py), so its cost is not the indexer's own
run time but the difference it makes to the whole build. Each figure compares whole builds in
fresh processes, with and without the index, alternating, in one run: cold builds, warm rebuilds
after one article edit, and rebuilds that change no article (where the index is reused).

`python -m bench.search_index --articles 1000` runs these figures alone.
"""

import argparse
import json
import logging
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sitetools.search_index import BUNDLE
from sitetools.settings import ROOT

log = logging.getLogger("bench")
# Files every site ships whatever its size: the search library and its WebAssembly.
ENGINE = ("pagefind.js", "pagefind-worker.js", "wasm.")


def timed(content, output, index, cache=None):
    """Wall seconds of one whole `./blog build` in a fresh process (cold unless ``cache``)."""
    if output.exists() and not cache:
        shutil.rmtree(output)
    command = [sys.executable, "-m", "bench.search_index", "--one", str(content), str(output)]
    command += ["--index" if index else "--no-index"]
    if cache:
        command += ["--cache", str(cache)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def alternating(rounds, run):
    """Median seconds with and without the index, ``run(index)`` alternating which goes first."""
    times = {True: [], False: []}
    for r in range(rounds):
        for index in (True, False) if r % 2 == 0 else (False, True):
            times[index].append(run(index))
    return statistics.median(times[True]), statistics.median(times[False])


def index_figures(content, work, articles, rounds=3, edit=None):
    """All search figures for the corpus ``content``, using the folder ``work``."""
    cold = alternating(rounds, lambda index: timed(content, work / f"cold-{index}", index))
    figures = {
        "search_build_s": round(cold[0], 3),
        "search_build_without_s": round(cold[1], 3),
        # Wall time the index adds to a cold build, over the build with it.
        "search_index_share": round((cold[0] - cold[1]) / cold[0], 3),
    }
    for index in (True, False):  # fill the caches of both warm sites
        timed(content, work / f"warm-{index}", index, work / f"cache-{index}")

    def unchanged(index):
        return timed(content, work / f"warm-{index}", index, work / f"cache-{index}")

    same = alternating(rounds, unchanged)
    figures["search_unchanged_rebuild_added_s"] = round(same[0] - same[1], 3)
    if edit:

        def edited(index):
            edit(content)  # each build sees a new edit (the other kind's site is one behind)
            return unchanged(index)

        warm = alternating(rounds, edited)
        figures["search_warm_rebuild_s"] = round(warm[0], 3)
        figures["search_warm_rebuild_without_s"] = round(warm[1], 3)
        figures["search_warm_rebuild_ratio"] = round(warm[0] / cold[0], 3)
    files = [p for p in (work / "cold-True" / BUNDLE).rglob("*") if p.is_file()]
    engine = sum(p.stat().st_size for p in files if p.name.startswith(ENGINE))
    data = sum(p.stat().st_size for p in files) - engine
    figures["search_index_bytes_per_1000"] = round(data * 1000 / articles)
    figures["search_engine_bytes"] = engine
    return figures


def one_build(content, output, index, cache):
    """Run one build as `./blog build` does and print its wall seconds."""
    from sitetools.build import build  # noqa: PLC0415

    logging.basicConfig(level=logging.ERROR)
    caching = {"CACHE_PATH": cache} if cache else {"CACHE_CONTENT": False}
    start = time.perf_counter()
    build(
        "pelicanconf.py",
        output,
        PATH=content,
        LOAD_CONTENT_CACHE=bool(cache),
        SEARCH_INDEX=index,
        **caching,
    )
    print(time.perf_counter() - start)  # noqa: T201 (the parent reads it)


def main():
    """Parse options; one timed build (--one) or the search figures alone."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", nargs=2, metavar=("CONTENT", "OUTPUT"))
    parser.add_argument("--index", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--cache")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if args.one:
        one_build(*args.one, args.index, args.cache)
        return
    from bench.corpus import generate  # noqa: PLC0415
    from bench.run import edit_one_article  # noqa: PLC0415

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    work = Path(tempfile.mkdtemp(prefix=".bench-", dir=ROOT))
    try:
        content = generate(work, args.articles)
        figures = index_figures(content, work, args.articles, args.rounds, edit_one_article)
        log.info("%s", json.dumps({"articles": args.articles, **figures}, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
