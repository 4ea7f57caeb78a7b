"""Publish into a private folder, compare it with what is live, upload exactly that folder.

The deploy never uploads output/: a preview (./blog livereload) may rebuild output/ at any
moment with drafts and localhost addresses. It publishes into a folder of its own, compares
that with the target (rsync's own dry run, or the gh-pages branch), refuses when a live page
would disappear without a redirect or a line in content/weg.txt, uploads, and only then swaps
the same folder into output/ as the local copy.
"""

import logging
import os
import shutil
import sys
import tempfile
import uuid
from pathlib import Path

from .build import BuildError, refuse_output_folder, swap_in
from .cleanup import abandoned
from .deploy_changes import Changes, lost_pages, refusal, report
from .deploy_target import (
    MARKER,
    MARKER_TEXT,
    TargetError,
    checked_target,
    itemized,
    refuse_foreign,
    rsh_options,
    target_state,
)
from .external import ExternalError, run
from .publish import publish, shown_folder, update_ledger
from .settings import ROOT, load

log = logging.getLogger(__name__)
PRIVATE = ".output.deploy-"  # next to output/, so the swap is a rename on the same disk
IO_TIMEOUT_S = 120  # rsync gives up when no data moves for this long


class DeployError(Exception):
    """The deploy stopped; the Dutch message says what to do.

    ``partial`` is True when an upload had started: part of the site may be on the target.
    """

    def __init__(self, message, partial=False):
        super().__init__(message)
        self.partial = partial


def rsync_command(source, target, dry_run=False, extra_sources=()):
    """The rsync call: mirror ``source`` (and the marker) to the target, deleting what is gone.

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
        f"--timeout={IO_TIMEOUT_S}",
        *rsh_options(target),
        *(["--dry-run"] if dry_run else []),
        "--",
        f"{source}/",
        *(f"{extra}/" for extra in extra_sources),
        f"{target.rstrip('/')}/",
    ]


def prepare_rsync(target=None, force=False, settings=None):
    """Check ``target`` (or $DEPLOY_TARGET) before anything is built; return (target, state)."""
    try:
        target = checked_target(target or os.environ.get("DEPLOY_TARGET"), settings)
        if not shutil.which("rsync"):
            raise DeployError("rsync is niet geïnstalleerd; installeer het (apt-get install rsync)")
        state = target_state(target)
        refuse_foreign(target, state, force)
    except TargetError as err:
        raise DeployError(str(err)) from None
    return target, state


def rsync(site, target, dry_run):
    """Run rsync from ``site`` to ``target`` (with the marker); return its Changes."""
    doing = f"vergelijken met {target}" if dry_run else f"uploaden naar {target}"
    with tempfile.TemporaryDirectory() as marks:
        (Path(marks) / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        try:
            result = run(rsync_command(site, target, dry_run, [marks]), doing)
        except ExternalError as err:
            raise DeployError(str(err) + _maybe_half(dry_run), partial=not dry_run) from None
    if result.returncode:
        sys.stderr.write(result.stderr)
        raise DeployError(
            f"rsync kon niet {'vergelijken met' if dry_run else 'uploaden naar'} {target} (zie de "
            "melding hierboven)" + _maybe_half(dry_run),
            partial=not dry_run,
        )
    return itemized(result.stdout)


def _maybe_half(dry_run):
    if dry_run:
        return ""
    return (
        "; rsync zet bijgewerkte bestanden pas aan het eind op hun plaats, maar een deel kan al "
        "zijn overgezet: deploy opnieuw zodra de verbinding werkt"
    )


def git(*args, what, input=None):  # noqa: A002 (subprocess's name)
    """Run git in the project with the deploy's time-out; DeployError when it cannot run."""
    try:
        result = run(["git", *args], what, cwd=ROOT, input=input)
    except ExternalError as err:
        raise DeployError(str(err)) from None
    return result


def github_live(branch):
    """{path: blob id} of the files on the remote's ``branch``; {} when it has none yet."""
    fetched = git("fetch", "--quiet", "origin", branch, what=f"ophalen van de tak {branch}")
    if fetched.returncode:
        if "couldn't find remote ref" in fetched.stderr:
            return {}
        raise DeployError(
            f"git kon de tak {branch} niet ophalen van 'origin' ({fetched.stderr.strip()}); "
            "controleer `git remote -v` en je toegang"
        )
    listed = git("ls-tree", "-r", "FETCH_HEAD", what=f"lezen van de tak {branch}")
    files = {}
    for line in listed.stdout.splitlines():
        meta, _, path = line.partition("\t")
        files[path] = meta.split()[2]
    return files


def github_changes(site, live):
    """Changes between the files on gh-pages and the site in ``site``."""
    paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    names = "".join(f"{site / p}\n" for p in paths)
    hashed = git("hash-object", "--no-filters", "--stdin-paths", what="vergelijken", input=names)
    hashed = hashed.stdout.split()
    ours = dict(zip(paths, hashed, strict=True))
    routine = {".nojekyll"}  # ghp-import adds it; it is no file of the build
    return Changes(
        added=[p for p in paths if p not in live],
        changed=[p for p in paths if p in live and live[p] != ours[p]],
        removed=sorted(p for p in live if p not in ours and p not in routine),
    )


def push_github(site, branch):
    """Commit ``site`` to ``branch`` with ghp-import and push it to origin."""
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
        "--push",
        str(site),
    ]
    try:
        result = run(command, f"publiceren op de tak {branch}", cwd=ROOT)
    except ExternalError as err:
        raise DeployError(str(err)) from None
    if result.returncode:
        sys.stderr.write(result.stderr)
        raise DeployError(
            f"ghp-import kon niet publiceren op de tak {branch} (zie de melding hierboven)"
        )


def private_folder():
    """A fresh folder for this deploy's publish; folders of deploys that died are removed."""
    for old in abandoned(ROOT, PRIVATE):
        shutil.rmtree(old, ignore_errors=True)
    return ROOT / f"{PRIVATE}{os.getpid()}-{uuid.uuid4().hex[:8]}"


def deploy(target=None, github=False, dry_run=False, force=False, branch="gh-pages"):
    """Publish privately, compare with the target, refuse lost pages, upload, swap into output/."""
    settings = load("publishconf.py")
    output = Path(settings["OUTPUT_PATH"])
    try:
        refuse_output_folder(output, settings)
    except BuildError as err:
        raise DeployError(str(err)) from None
    if github:
        where = f"de tak {branch} (GitHub Pages)"
        live = github_live(branch)
        state = "ours"
    else:  # a wrong or missing target stops here, before anything is built
        target, state = prepare_rsync(target, force, settings)
        where = target
    private = private_folder()
    try:
        site, settings, lines = publish(private)
        for line in lines:
            log.info("%s", line)
        changes = github_changes(site, live) if github else rsync(site, target, dry_run=True)
        lost = [] if state == "foreign" else lost_pages(changes, settings)
        if lost:
            raise DeployError(refusal(lost, where, settings))
        if dry_run:
            report(changes, settings, where, dry_run=True, listed_removals=state == "foreign")
            return
        if github:
            push_github(site, branch)
        else:
            changes = rsync(site, target, dry_run=False)
        report(changes, settings, where, listed_removals=state == "foreign")
        log.info("Site online gezet op %s.", where)
        update_ledger(site, settings)
        swap_in(site, output)  # the local copy: exactly what went online
        log.info("%s bevat nu dezelfde site.", shown_folder(output))
    finally:
        shutil.rmtree(private, ignore_errors=True)
