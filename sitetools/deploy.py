"""Upload the published output: rsync to a host or folder, or GitHub Pages with ghp-import."""

import logging
import os
import shutil
import subprocess
import sys

log = logging.getLogger(__name__)


class DeployError(Exception):
    """Nothing was uploaded; the Dutch message says what to set or install."""


def rsync_command(output, target):
    """The rsync call: mirror output/ to the target, deleting files that are gone."""
    return [
        "rsync",
        "--recursive",
        "--links",
        "--times",
        "--checksum",
        "--delete",
        "--delay-updates",
        f"{output}/",
        f"{target.rstrip('/')}/",
    ]


def rsync_target(target=None):
    """The rsync target from --target or $DEPLOY_TARGET; DeployError when there is none."""
    target = target or os.environ.get("DEPLOY_TARGET")
    if not target:
        raise DeployError(
            "er is geen doel om naartoe te uploaden; geef --target gebruiker@host:/var/www/blog "
            "mee, zet DEPLOY_TARGET, of gebruik --github"
        )
    return target


def deploy_rsync(output, target=None):
    """Mirror ``output`` to ``target`` (or $DEPLOY_TARGET), e.g. 'user@host:/var/www/blog'."""
    target = rsync_target(target)
    if not shutil.which("rsync"):
        raise DeployError("rsync is niet geïnstalleerd (installeer het met: apt-get install rsync)")
    if subprocess.run(rsync_command(output, target)).returncode:
        raise DeployError(f"rsync kon niet uploaden naar {target} (zie de melding hierboven)")
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
