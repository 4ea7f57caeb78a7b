"""The site search index: Pagefind indexes the published articles of a finished build.

It runs on the staging folder, as the last step before the swap, so a site goes live only with
its own index; a failing indexer fails the build. Which text is indexed is decided by the theme
(``data-pagefind-body`` on published article pages only); the glob below is a second guard that
keeps drafts (``concepten/``) and every other page out.
"""

import logging
import subprocess

from cbor2 import CBORError

from .search_stable import stabilise

log = logging.getLogger(__name__)
BUNDLE = "pagefind"  # the index folder inside the site: /pagefind/pagefind.js and its chunks
GLOB = "artikelen/*.html"
# Pagefind's ready-made interfaces: our search page uses the plain API (pagefind.js) instead.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
TIMEOUT_S = 600


class SearchIndexError(Exception):
    """Pagefind failed; the message is Dutch and says what to do."""


def pagefind_command(site):
    """The indexer's command line for ``site`` (the binary ships in the pagefind-bin package)."""
    from pagefind_bin import get_executable  # noqa: PLC0415 (only the build needs it)

    return [
        str(get_executable()),
        "--site",
        str(site),
        "--output-subdir",
        BUNDLE,
        "--glob",
        GLOB,
        "--silent",
    ]


def has_published_articles(site):
    """Whether any article page asks to be indexed (drafts and hidden articles never do).

    Without one, Pagefind would index hidden articles' whole pages, or fail on an empty site.
    """
    return any("data-pagefind-body" in p.read_text(encoding="utf-8") for p in site.glob(GLOB))


def index_site(site):
    """Write the search index into ``site``/pagefind; raise SearchIndexError when it fails."""
    if not has_published_articles(site):
        return
    try:
        done = subprocess.run(
            pagefind_command(site), capture_output=True, text=True, timeout=TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise SearchIndexError(_dutch(str(err))) from err
    if done.returncode != 0:
        raise SearchIndexError(_dutch((done.stderr or done.stdout).strip()))
    if not (site / BUNDLE / "pagefind.js").is_file():
        raise SearchIndexError(_dutch("no pagefind.js was written"))
    for name in UNUSED:
        (site / BUNDLE / name).unlink(missing_ok=True)
    try:
        stabilise(site / BUNDLE)
    except (OSError, ValueError, LookupError, TypeError, CBORError) as err:
        raise SearchIndexError(_dutch(f"{err.__class__.__name__}: {err}")) from err


def _dutch(detail):
    """The author's message; the indexer's own (English, technical) words only in the debug log."""
    log.debug("search indexer failed: %s", detail)
    return (
        "de zoekfunctie kon niet worden bijgewerkt; bouw de site opnieuw met `./blog build`, en "
        "gebeurt het weer, installeer dan de pakketten opnieuw met `rm -rf .venv && ./blog build`"
    )
