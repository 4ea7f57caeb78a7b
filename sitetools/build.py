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
from .settings import ROOT, load


class BuildError(Exception):
    """The build failed; the output folder is untouched."""


def run_pelican(settings):
    """Run Pelican in-process; any warning or error it logs stops the build."""
    from pelican import Pelican  # noqa: PLC0415
    from pelican.log import FatalLogger  # noqa: PLC0415

    previous = FatalLogger.fatal_lvl
    FatalLogger.fatal_lvl = logging.WARNING
    try:
        Pelican(settings).run()
    except Exception as err:  # Pelican raises plain RuntimeError for fatal logs
        raise BuildError(_reason(err)) from err
    finally:
        FatalLogger.fatal_lvl = previous


def _reason(err):
    """The deepest cause of a failure: Pelican hides why a file 'could not be processed'."""
    causes = []
    while err is not None:
        if not isinstance(err, RuntimeError) or "Warning or error" not in str(err):
            causes.append(f"{err.__class__.__name__}: {err}")
        err = err.__cause__ or err.__context__
    return causes[-1] if causes else "Pelican logged a warning or error (see above)"


def build(config="pelicanconf.py", output=None, **override):
    """Build with ``config`` into ``output`` (default: the config's OUTPUT_PATH), all or nothing."""
    settings = load(config, **override)
    target = Path(output or settings["OUTPUT_PATH"])
    if not target.is_absolute():
        target = ROOT / target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.staging-", dir=target.parent))
    settings["OUTPUT_PATH"] = str(staging)
    if target.is_dir():  # pages that did not change are taken from here (render_cache)
        settings["RENDER_CACHE_PREVIOUS_OUTPUT"] = str(target)
    try:
        run_pelican(settings)
        swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


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
