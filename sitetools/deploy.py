"""Upload the published output: rsync to a host or folder, or GitHub Pages with ghp-import."""

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .deploy_target import (
    MARKER,
    MARKER_TEXT,
    TargetError,
    checked_target,
    itemized,
    refuse_foreign,
    target_state,
)

log = logging.getLogger(__name__)


class DeployError(Exception):
    """Nothing was uploaded; the Dutch message says what to set or install."""


def rsync_command(output, target, dry_run=False, extra_sources=()):
    """The rsync call: mirror output/ (and the marker) to the target, deleting files that are gone.

    Every path comes after ``--``, so a target that starts with '-' can never become an option.
    """
    return [
        "rsync",
        "--recursive",
        "--links",
        "--times",
        "--checksum",
        "--delete",
        "--delay-updates",
        "--itemize-changes",
        *(["--dry-run"] if dry_run else []),
        "--",
        f"{output}/",
        *(f"{source}/" for source in extra_sources),
        f"{target.rstrip('/')}/",
    ]


def prepare_rsync(target=None, force=False, settings=None):
    """Check ``target`` (or $DEPLOY_TARGET) before anything is built; return it for rsync."""
    try:
        target = checked_target(target or os.environ.get("DEPLOY_TARGET"), settings)
        if not shutil.which("rsync"):
            raise DeployError("rsync is niet geïnstalleerd; installeer het (apt-get install rsync)")
        refuse_foreign(target, target_state(target), force)
    except TargetError as err:
        raise DeployError(str(err)) from None
    return target


def deploy_rsync(output, target, dry_run=False):
    """Mirror ``output`` to a target checked by prepare_rsync; --dry-run only lists the changes."""
    with tempfile.TemporaryDirectory() as marks:
        (Path(marks) / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        result = subprocess.run(
            rsync_command(output, target, dry_run, [marks]), capture_output=True, text=True
        )
    sys.stderr.write(result.stderr)
    if result.returncode:
        raise DeployError(f"rsync kon niet uploaden naar {target} (zie de melding hierboven)")
    removed, changed = itemized(result.stdout)
    if dry_run:
        log.info(
            "Proefrun: op %s is niets veranderd. Een deploy zou %d bestand(en) verwijderen "
            "en %d toevoegen of bijwerken.",
            target,
            len(removed),
            len(changed),
        )
    for path in removed:
        log.warning("%s: %s", "zou verwijderen" if dry_run else "verwijderd", path)
    for path in changed if dry_run else ():
        log.info("zou toevoegen of bijwerken: %s", path)
    if not dry_run:
        log.info("Site geüpload naar %s.", target)


def deploy_github(output, branch="gh-pages", push=True):
    """Commit ``output`` to the gh-pages branch with ghp-import and push it."""
    command = [
        sys.executable,
        "-m",
        "ghp_import",
        "--no-jekyll",
        "--force",
        "--branch",
        branch,
        "--message",
        "Publish the blog",
        *(["--push"] if push else []),
        str(output),
    ]
    if subprocess.run(command).returncode:
        raise DeployError(
            f"ghp-import kon niet publiceren op de tak {branch} (zie de melding hierboven)"
        )
    log.info("Site gepubliceerd op de tak %s.", branch)
