"""Build the site into a fresh staging folder and swap it in only when everything succeeded.

A failed build leaves the previous output folder exactly as it was: nothing half-written,
nothing emptied.
"""

import contextlib
import logging
import os
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path

from .cleanup import leftovers, owned_folder, remove_in_background, staging_prefix
from .guards import clash, protected_folders
from .linkcheck import check_links
from .logs import fresh_run
from .search_early import EarlyIndex
from .search_index import BUNDLE, RECORD, SearchIndexError, index_site
from .search_later import stale_index
from .settings import ROOT, load

COMPLETE, LATER = "complete", "later"  # the search index: before the swap, or after it

BUG = (
    "Dit is een fout in de bouwsoftware, niet in jouw tekst. Meld het aan de beheerder van de "
    "blog en stuur de melding hierboven mee."
)


class BuildError(Exception):
    """The build stopped on a problem the author or maintainer can fix; the output is untouched.

    The message is the Dutch report (one or more lines).
    """


class BuildCrash(Exception):
    """The build stopped on a bug in our tools; the cause is chained for its traceback."""


@contextmanager
def strict_pelican():
    """Pelican as our builds run it: any warning or error it logs raises; no English summary."""
    from pelican.log import FatalLogger, console  # noqa: PLC0415

    previous = FatalLogger.fatal_lvl
    FatalLogger.fatal_lvl = logging.WARNING
    console.quiet = True  # Pelican's English "Done: Processed …"; our tasks say it in Dutch
    try:
        yield
    except (BuildError, BuildCrash):
        raise
    except Exception as err:
        if getattr(err, "exitcode", None) == 1:  # our plugins' errors: a Dutch report
            raise BuildError(str(err)) from None
        if isinstance(err, RuntimeError) and "Warning or error" in str(err):
            raise BuildCrash(
                "De bouw stopte op de melding hierboven, die de controle vooraf had moeten "
                "vinden. " + BUG
            ) from err
        raise BuildCrash(BUG) from err
    finally:
        FatalLogger.fatal_lvl = previous
        console.quiet = False


def run_pelican(settings):
    """Run Pelican in-process; any warning or error it logs stops the build."""
    from pelican import Pelican  # noqa: PLC0415

    fresh_run()
    with strict_pelican():
        Pelican(settings).run()


def build(config="pelicanconf.py", output=None, search=COMPLETE, **override):
    """Build with ``config`` into ``output`` (default: the config's OUTPUT_PATH), all or nothing.

    The order of the whole build, in one place: Pelican's run writes every page into a fresh
    staging folder, the steps of ``POST_BUILD`` finish the site there, one after the other, and
    only then is it swapped in. Beside Pelican's run, the share cards are drawn as soon as they
    are planned and the search index starts once the article pages are written; the steps wait
    for them. ``search=LATER`` (the live preview) swaps in without waiting for the search index:
    see ``index_search``.
    """
    settings = load(config, **override)
    target = Path(output or settings["OUTPUT_PATH"])
    if not target.is_absolute():
        target = ROOT / target
    refuse_output_folder(target, settings)
    staging = owned_folder(target.parent, staging_prefix(target))
    settings["OUTPUT_PATH"] = str(staging)
    step = Step(settings, staging, target, search)
    if search == COMPLETE:
        step.early = EarlyIndex(staging, *previous_index(step))
    try:
        with step.early or contextlib.nullcontext():
            run_pelican(settings)
        for finish in POST_BUILD:
            finish(step)
        swap_in(staging, target)
    except BaseException:
        stop_background_work(step)
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def stop_background_work(step):
    """End what the build started beside Pelican's run (share cards being drawn, photo
    derivatives being made, the search indexer): no process outlives a failed or interrupted
    build, none writes into its folder."""
    if step.early is not None:
        step.early.stop()
    if enabled(step, "plugins.share_cards"):
        from plugins.share_cards.share_cards import stop  # noqa: PLC0415

        stop()
    if enabled(step, "plugins.images"):
        from plugins.images.images import stop as stop_images  # noqa: PLC0415

        stop_images()


class Step:
    """What the post-build steps share: the settings, the staging folder, the final folder."""

    def __init__(self, settings, staging, target, search=COMPLETE):
        self.settings, self.staging, self.target, self.search = settings, staging, target, search
        self.early = None  # the search index started while Pelican writes (search_early.py)


def enabled(step, plugin):
    """True if ``plugin`` is in this build's PLUGINS (its plans are this build's, not stale)."""
    return plugin in step.settings.get("PLUGINS", [])


def add_host_files(step):
    """Copy the files a static host reads from the site root (HOST_FILES, from the project).

    They are the maintainer's host configuration, kept in hosting/ beside the nginx server block,
    not content: every site built with this project gets them, whatever its content folder.
    """
    for name in step.settings.get("HOST_FILES", ()):
        source = ROOT / name
        if not source.is_file():
            raise BuildError(
                f"{name} (in HOST_FILES in pelicanconf.py) bestaat niet; zet het bestand terug "
                "of haal het uit HOST_FILES"
            )
        shutil.copyfile(source, step.staging / source.name)


def make_images(step):
    """Photos in posts: derivatives made or taken from cache/images/, unused ones swept."""
    from plugins.images.images import ImagesError, publish  # noqa: PLC0415

    if not enabled(step, "plugins.images"):
        return
    try:
        publish(step.settings)
    except ImagesError as err:
        raise BuildError(str(err)) from err


def make_share_cards(step):
    """Share cards of every page: drawn or taken from cache/share_cards/, unused ones swept."""
    from plugins.share_cards.share_cards import publish  # noqa: PLC0415

    if enabled(step, "plugins.share_cards"):
        publish(step.settings)


def check_site_links(step):
    """Every href and src of every page resolves to a file of the site, or the build stops;
    image originals that pages link to are published (sitetools/linkcheck.py)."""
    check_links(step.staging, step.settings)


def keep_published_addresses(step):
    """Stop when an address in content/adressen.txt has no file in the new build (as check does)."""
    from . import ledger  # noqa: PLC0415

    lost = ledger.problems(step.settings, ledger.built_addresses(step.staging, step.settings))
    if lost:
        raise BuildError(ledger.report(lost))


def previous_index(step):
    """The previous output and the record of its index, for a cached build (else None, None).

    The record lies in the cache root, not the fingerprint folder build_cache picks: a CSS or
    template change does not touch what the index is made of, and its digest covers the
    article pages.
    """
    settings = step.settings
    if not settings.get("CACHE_CONTENT"):
        return None, None
    root = settings.get("BUILD_CACHE_ROOT", settings["CACHE_PATH"])
    return (step.target if step.target.is_dir() else None), Path(root) / RECORD


def index_search(step):
    """Index the finished staging folder for site search; a failed index fails the build.

    The index started while Pelican wrote (``step.early``) is waited for if its article pages
    are still the site's; otherwise the pages are indexed now. A cached build (not a publish)
    reuses the previous output's index when no article page changed. The live preview
    (``LATER``) never waits for the indexer: it takes the previous index, marks it as being
    updated (``search_later.STATUS``) and indexes after the swap.
    """
    previous, record = previous_index(step)
    try:
        if step.search == LATER:
            stale_index(step.staging, previous, record)
        elif step.early is not None and step.early.matches():
            step.early.indexing.finish()
        else:
            if step.early is not None:
                step.early.stop()
                shutil.rmtree(step.staging / BUNDLE, ignore_errors=True)
            index_site(step.staging, previous, record)
    except SearchIndexError as err:
        raise BuildError(str(err)) from err


# After Pelican's run (read everything, compute, write every page into the staging folder),
# these steps finish the site in the staging folder, in this order; the swap comes last.
# Plugins only plan while Pelican runs (images.rewrite, share_cards.plan_*); the files are
# made here. See plugins/README.md for each plugin's signals.
POST_BUILD = (
    add_host_files,  # HOST_FILES: the hosts' own configuration (hosting/netlify/_headers)
    make_images,  # plugins.images: photo derivatives (cache/images/)
    make_share_cards,  # plugins.share_cards: og:image files (cache/share_cards/)
    check_site_links,  # sitetools.linkcheck: every link resolves (needs every file above)
    keep_published_addresses,  # sitetools.ledger: no published address lost (content/adressen.txt)
    index_search,  # sitetools.search_index: Pagefind over the article pages
)


def refuse_output_folder(target, settings):
    """Raise BuildError before anything is written if replacing ``target`` would delete sources."""
    why = clash(target, protected_folders(settings), inside=("de contentmap",))
    if why:
        raise BuildError(
            f"de uitvoermap {Path(target).resolve()} {why}; een build vervangt de uitvoermap "
            "helemaal, dus er is niets gebouwd. Kies een eigen map voor de uitvoer, zoals "
            "output/ in de projectmap (OUTPUT_PATH in pelicanconf.py)"
        )


def swap_in(staging, target):
    """Replace ``target`` by ``staging`` with two renames, so readers never see a mix."""
    if target.exists():
        # Unique: the previous one may still be being deleted (a preview builds again and again).
        old = target.with_name(f".{target.name}.old-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        os.replace(target, old)
    os.replace(staging, target)
    os.chmod(target, 0o755)
    remove_in_background(*leftovers(target))
