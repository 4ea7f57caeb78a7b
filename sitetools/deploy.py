"""Upload the published output: rsync to a host or folder, or GitHub Pages with ghp-import."""

import logging
import os
import shutil
import subprocess
import sys

log = logging.getLogger(__name__)


class DeployError(Exception):
    """Nothing was uploaded; the message says what to set or install."""


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


def deploy_rsync(output, target=None):
    """Mirror ``output`` to ``target`` (or $DEPLOY_TARGET), e.g. 'user@host:/var/www/blog'."""
    target = target or os.environ.get("DEPLOY_TARGET")
    if not target:
        raise DeployError(
            "no deploy target: pass --target or set DEPLOY_TARGET "
            "(for example user@host:/var/www/blog)"
        )
    if not shutil.which("rsync"):
        raise DeployError("rsync is not installed (apt-get install rsync)")
    if subprocess.run(rsync_command(output, target)).returncode:
        raise DeployError(f"rsync could not upload to {target} (see above)")
    log.warning("Deployed %s to %s", output, target)


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
        raise DeployError(f"ghp-import could not publish to the {branch} branch (see above)")
    log.warning("Published %s to the %s branch", output, branch)
