"""Build the site into a fresh staging folder and swap it in only when everything succeeded.

A failed build leaves the previous output folder exactly as it was: nothing half-written,
nothing emptied.
"""

import logging
import os
import shutil
import tempfile
import uuid
from pathlib import Path

from .cleanup import leftovers, remove_in_background
from .guards import clash, protected_folders
from .linkcheck import check_links
from .logs import fresh_run
from .search_index import RECORD, SearchIndexError, index_site
from .settings import ROOT, load

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


def run_pelican(settings):
    """Run Pelican in-process; any warning or error it logs stops the build."""
    from pelican import Pelican  # noqa: PLC0415
    from pelican.log import FatalLogger, console  # noqa: PLC0415

    fresh_run()
    previous = FatalLogger.fatal_lvl
    FatalLogger.fatal_lvl = logging.WARNING
    console.quiet = True  # Pelican's English "Done: Processed …"; our tasks say it in Dutch
    try:
        Pelican(settings).run()
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


def build(config="pelicanconf.py", output=None, **override):
    """Build with ``config`` into ``output`` (default: the config's OUTPUT_PATH), all or nothing."""
    settings = load(config, **override)
    target = Path(output or settings["OUTPUT_PATH"])
    if not target.is_absolute():
        target = ROOT / target
    refuse_output_folder(target, settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    settings["OUTPUT_PATH"] = str(staging)
    if target.is_dir():  # pages that did not change are taken from here (render_cache)
        settings["RENDER_CACHE_PREVIOUS_OUTPUT"] = str(target)
    try:
        run_pelican(settings)
        check_links(staging, settings)
        keep_published_addresses(staging, settings)
        search_index(staging, settings, target)
        swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def refuse_output_folder(target, settings):
    """Raise BuildError before anything is written if replacing ``target`` would delete sources."""
    why = clash(target, protected_folders(settings), inside=("de contentmap",))
    if why:
        raise BuildError(
            f"de uitvoermap {Path(target).resolve()} {why}; een build vervangt de uitvoermap "
            "helemaal, dus er is niets gebouwd. Kies een eigen map voor de uitvoer, zoals "
            "output/ in de projectmap (OUTPUT_PATH in pelicanconf.py)"
        )


def keep_published_addresses(staging, settings):
    """Stop when an address in content/adressen.txt has no file in the new build (as check does)."""
    from . import ledger  # noqa: PLC0415

    lost = ledger.problems(settings, ledger.built_addresses(staging, settings))
    if lost:
        raise BuildError(ledger.report(lost))


def search_index(staging, settings, target):
    """Index the finished staging folder for site search; a failed index fails the build.

    A cached build (not a publish) reuses the previous output's index when no article page changed.
    """
    cached = settings.get("CACHE_CONTENT")
    # The cache root, not the fingerprint folder build_cache picks: a CSS or template change does
    # not touch what the index is made of, and the record's digest covers the article pages.
    root = settings.get("BUILD_CACHE_ROOT", settings["CACHE_PATH"])
    record = Path(root) / RECORD if cached else None
    try:
        index_site(staging, target if cached and target.is_dir() else None, record)
    except SearchIndexError as err:
        raise BuildError(str(err)) from err


def swap_in(staging, target):
    """Replace ``target`` by ``staging`` with two renames, so readers never see a mix."""
    old = None
    if target.exists():
        # Unique: the previous one may still be being deleted (a preview builds again and again).
        old = target.with_name(f".{target.name}.old-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        os.replace(target, old)
    os.replace(staging, target)
    os.chmod(target, 0o755)
    if old is not None:
        remove_in_background(old, *(p for p in leftovers(target) if p != old))
