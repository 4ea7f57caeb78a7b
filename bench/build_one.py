"""One timed build in a fresh process (so no run warms the next): ours or stock Pelican.

Prints JSON: {"seconds": build time, "peak_mib": peak memory of this process}.
"""

import argparse
import json
import logging
import resource
import time

from sitetools.settings import load


def settings_for(kind, content, output, cache=None):
    """Pelican settings: 'ours' (pelicanconf.py, all plugins, typogrify, our theme) or 'stock'."""
    common = {"PATH": str(content), "OUTPUT_PATH": str(output)}
    caching = bool(cache)  # cold builds must not read a cache left by an earlier run
    common.update(
        CACHE_CONTENT=caching, LOAD_CONTENT_CACHE=caching, CACHE_PATH=str(cache or output)
    )
    if kind == "ours":
        return load("pelicanconf.py", **common)
    from pelican.settings import read_settings  # noqa: PLC0415

    # Stock Pelican 4.12: default theme, no plugins, default settings, feeds with a domain.
    return read_settings(
        None, override={**common, "TIMEZONE": "Europe/Amsterdam", "FEED_DOMAIN": "http://localhost"}
    )


def main():
    """Run one build and print its figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", choices=["ours", "stock"], required=True)
    parser.add_argument("--content", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--cache")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    if args.cache:  # a rebuild as `./blog build` and the preview do it: staging, caches, swap
        from sitetools.build import build  # noqa: PLC0415

        start = time.perf_counter()
        build("pelicanconf.py", args.output, PATH=args.content, CACHE_PATH=args.cache)
        seconds = time.perf_counter() - start
    elif args.kind == "ours":  # cold: Pelican's run and the post-build steps, no caches
        import shutil  # noqa: PLC0415
        import tempfile  # noqa: PLC0415

        from sitetools.build import build  # noqa: PLC0415

        scratch = tempfile.mkdtemp(prefix=".cache-once-")
        start = time.perf_counter()
        build(
            "pelicanconf.py",
            args.output,
            PATH=args.content,
            CACHE_PATH=scratch,
            CACHE_CONTENT=False,
            LOAD_CONTENT_CACHE=False,
        )
        seconds = time.perf_counter() - start
        shutil.rmtree(scratch, ignore_errors=True)
    else:
        settings = settings_for(args.kind, args.content, args.output)
        from pelican import Pelican  # noqa: PLC0415

        start = time.perf_counter()
        Pelican(settings).run()
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mib": peak}))  # noqa: T201 (the parent reads it)


if __name__ == "__main__":
    main()
