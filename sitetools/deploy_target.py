"""Safe deploy targets: never the project, its content, home or /; never a stranger's folder.

rsync mirrors the site with --delete, so a wrong target loses files. A target is refused when it
is empty or points at a folder we must not touch; and --delete only runs in a target that is new,
empty, or holds the marker file an earlier deploy of this site wrote there (unless --force).
"""

import os
from pathlib import Path

from .deploy_changes import Changes
from .external import SSH, ExternalError, run
from .guards import clash, protected_folders

MARKER = ".werkinbeweging-deploy"
MARKER_TEXT = (
    "Deze map is een deploy van de blog Werk in beweging (./blog deploy).\n"
    "Een volgende deploy vervangt alles in deze map; haal dit bestand weg als dat niet meer mag.\n"
)


class TargetError(Exception):
    """The target is refused; nothing was built or uploaded."""


def is_remote(target):
    """True for 'host:path', 'user@host:path' and 'rsync://...' (as rsync itself decides)."""
    return target.startswith("rsync://") or ":" in target.split("/", 1)[0]


def rsh_options(target):
    """ssh without a password prompt and with a bounded wait, for a target over ssh."""
    return [f"--rsh={SSH}"] if is_remote(target) and not target.startswith("rsync://") else []


def _home_or_root(path):
    """True for remote paths that mean the home folder, its parent or the whole machine."""
    core = path.strip().strip("/")
    while core.startswith("./"):
        core = core[2:].lstrip("/")
    return core in ("", ".", "..") or (core.startswith("~") and "/" not in core)


def checked_target(target, settings=None):
    """The target to hand to rsync (local paths resolved), or TargetError saying why not."""
    target = (target or "").strip()
    if not target:
        raise TargetError(
            "geen deploy-doel opgegeven; geef --target mee of zet DEPLOY_TARGET "
            "(bijvoorbeeld gebruiker@server:/var/www/blog)"
        )
    if is_remote(target):
        path = target.split("::", 1)[1] if "::" in target else target.split(":", 1)[1]
        if not target.startswith("rsync://") and _home_or_root(path):
            raise TargetError(
                f"het deploy-doel '{target}' is de thuismap of de hoofdmap op de server; "
                "geef de map van de site op, bijvoorbeeld server:/var/www/blog"
            )
        return target
    if target.startswith("-"):
        raise TargetError(
            f"het deploy-doel '{target}' begint met een streepje; schrijf ./{target} als je "
            "echt een map met die naam bedoelt"
        )
    folder = Path(os.path.expanduser(target)).resolve()
    why = clash(folder, protected_folders(settings), inside=("de projectmap", "de contentmap"))
    if why:
        raise TargetError(
            f"het deploy-doel {folder} {why}; een deploy verwijdert daar alles wat niet bij de "
            "site hoort. Kies een eigen map voor de site, bijvoorbeeld /var/www/blog"
        )
    return str(folder)


def target_state(target):
    """'new' (no folder yet), 'empty', 'ours' (holds the marker) or 'foreign'."""
    command = ["rsync", "--list-only", *rsh_options(target), "--", f"{target.rstrip('/')}/"]
    try:
        result = run(command, f"lezen van het deploy-doel {target}")
    except ExternalError as err:
        raise TargetError(str(err)) from None
    if result.returncode:
        if "No such file or directory" in result.stderr:
            return "new"
        raise TargetError(
            f"rsync kan het deploy-doel {target} niet lezen: {result.stderr.strip()}; "
            "controleer het adres en je rechten"
        )
    names = [line.split(None, 4)[4] for line in result.stdout.splitlines() if line.count(" ") >= 4]
    names = [name for name in names if name != "."]
    if not names:
        return "empty"
    return "ours" if MARKER in names else "foreign"


def refuse_foreign(target, state, force):
    """TargetError unless the target may be mirrored into (with --delete)."""
    if state == "foreign" and not force:
        raise TargetError(
            f"het deploy-doel {target} bevat al bestanden, maar is nooit een deploy van deze site "
            f"geweest (het bestand {MARKER} ontbreekt), dus er is niets verwijderd of "
            "geüpload; kies een nieuwe of lege map, of geef --force mee als alles wat daar staat "
            "weg mag"
        )


def itemized(stdout):
    """Changes (added, changed, removed paths) from rsync --itemize-changes, the marker left out."""
    changes = Changes()
    for line in stdout.splitlines():
        flags, _, path = line.partition(" ")
        path = path.strip()
        if not path or path in ("./", MARKER):
            continue
        if flags == "*deleting":
            changes.removed.append(path)
        elif flags[:1] in ("<", ">", "c", "h") and flags[1:2] != "d":  # a file sent or made
            new = set(flags[2:]) == {"+"}
            (changes.added if new else changes.changed).append(path)
    return changes
