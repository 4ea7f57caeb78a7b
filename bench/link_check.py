"""What the link check of the finished site costs: its share of a cold build, in one run.

Builds the bench corpus once (caches off, in-process, as `./blog build` builds) and times the
`check_links` step inside that same build, so both figures come from the same machine state:

    .venv/bin/python -m bench.link_check --n 1000
"""

import argparse
import os
import tempfile
import time
from pathlib import Path

import sitetools.build as build_module
from bench.corpus import generate


def cpu():
    """CPU seconds of this process and its finished children (images, Pagefind)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def measure(n):
    """(build wall, build CPU, check wall, check CPU) for a cold build of ``n`` articles."""
    spent = {}
    check = build_module.check_links

    def timed(staging, settings):
        wall, used = time.perf_counter(), cpu()
        check(staging, settings)
        spent["check"] = (time.perf_counter() - wall, cpu() - used)

    with tempfile.TemporaryDirectory(prefix="bench-links-") as work:
        content = generate(work, n)
        build_module.check_links = timed
        try:
            wall, used = time.perf_counter(), cpu()
            build_module.build(
                "pelicanconf.py",
                output=Path(work) / "output",
                PATH=str(content),
                CACHE_CONTENT=False,
                LOAD_CONTENT_CACHE=False,
                CACHE_PATH=str(Path(work) / "cache"),
            )
            total = (time.perf_counter() - wall, cpu() - used)
        finally:
            build_module.check_links = check
    return (*total, *spent["check"])


def main():
    """Print the link check's share of a cold build."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    n = parser.parse_args().n
    wall, used, check_wall, check_cpu = measure(n)
    print(  # noqa: T201 (a benchmark's report)
        f"{n} articles: cold build {wall:.2f} s wall, {used:.2f} s CPU; link check "
        f"{check_wall:.2f} s wall ({check_wall / wall:.1%}), {check_cpu:.2f} s CPU "
        f"({check_cpu / used:.1%})"
    )


if __name__ == "__main__":
    main()
