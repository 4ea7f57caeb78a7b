"""The site search index in the benchmark: indexing time of a built site and the index size."""

import shutil
import statistics
import time

from sitetools.search_index import BUNDLE, index_site

# Files every site ships whatever its size: the search library and its WebAssembly.
ENGINE = ("pagefind.js", "pagefind-worker.js", "wasm.")


def index_figures(output, articles, build_s, rounds=3):
    """Index the built site ``output`` ``rounds`` times; median seconds, share and sizes."""
    times = []
    for _ in range(rounds):
        shutil.rmtree(output / BUNDLE, ignore_errors=True)
        start = time.perf_counter()
        index_site(output)
        times.append(time.perf_counter() - start)
    index_s = statistics.median(times)
    files = [p for p in (output / BUNDLE).rglob("*") if p.is_file()]
    engine = sum(p.stat().st_size for p in files if p.name.startswith(ENGINE))
    data = sum(p.stat().st_size for p in files) - engine
    return {
        "search_index_s": round(index_s, 3),
        # Share of a cold build that includes the indexing (`./blog build` and publish do).
        "search_index_share": round(index_s / (build_s + index_s), 3),
        "search_index_bytes_per_1000": round(data * 1000 / articles),
        "search_engine_bytes": engine,
    }
