"""The size of cache/ through twenty realistic edits (bench/edits.py), whole `./blog build`s.

Prints the size after the first build and after each edit, and writes the figures to
``bench/cache_growth.json``: every cache is swept, so the last figure should stay near the first.
Run: ``python -m bench.cache_growth --articles 200``.
"""

import argparse
import json
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.corpus import generate
from bench.edits import steps
from bench.whole import make_project
from sitetools.settings import ROOT

log = logging.getLogger("bench")
RESULTS = ROOT / "bench" / "cache_growth.json"


def folder_bytes(folder):
    """Bytes of every file under ``folder`` (0 when it does not exist)."""
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


def build(project):
    """One whole `./blog build` in ``project``; stops the run when it fails."""
    done = subprocess.run(["./blog", "build"], cwd=project, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])


def beside_output(project):
    """Folders a build left beside output/ (staging folders of killed builds, old outputs)."""
    return sorted(p.name for p in Path(project).glob(".output.*"))


def run(articles):
    """Sizes of cache/ (bytes) after the first build and after each edit."""
    work = Path(tempfile.mkdtemp(prefix=".bench-cache-", dir=ROOT))
    try:
        project = make_project(work, generate(work, articles))
        build(project)
        sizes = [("first build", folder_bytes(project / "cache"))]
        for what, edit in steps(project):
            edit()
            build(project)
            sizes.append((what, folder_bytes(project / "cache")))
            log.info("%-28s %8.1f MB", what, sizes[-1][1] / 1e6)
        return {"articles": articles, "cache_bytes": sizes, "beside_output": beside_output(project)}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    """Parse options, run, print and save."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    results = run(args.articles)
    first, last = results["cache_bytes"][0][1], results["cache_bytes"][-1][1]
    log.info(
        "cache/ after the first build %.1f MB, after 20 edits %.1f MB (%+.1f %%)",
        first / 1e6,
        last / 1e6,
        (last - first) * 100 / first,
    )
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
