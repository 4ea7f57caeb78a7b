"""Remove what builds leave beside the output: replaced sites, and staging folders of killed builds.

Deleting the previous site (thousands of files) cost up to a third of a rebuild on a slow disk.
After the swap nobody reads that folder any more, so a detached process deletes it while the
build reports success; a folder left by an interrupted deletion goes with the next build.

A build writes into ``.<output>.staging-<pid>-<random>``; a build that was killed (Ctrl-C twice, a
closed terminal) leaves that folder behind. The next build removes staging folders whose owning
process is gone, never the live staging folder of a build that is still running beside it.
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .guards import clash, protected_folders

_DELETE = "import shutil, sys\nfor p in sys.argv[1:]: shutil.rmtree(p, ignore_errors=True)"


def remove_in_background(*folders):
    """Delete ``folders`` in a detached process (in this one if that cannot start)."""
    folders = [str(f) for f in folders]
    if not folders:
        return
    try:
        subprocess.Popen(
            [sys.executable, "-c", _DELETE, *folders],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def owned_folder(parent, prefix):
    """A new folder ``<prefix><pid>-<random>`` in ``parent``, owned by this process."""
    Path(parent).mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=parent))


def is_running(pid):
    """True while a process with ``pid`` exists (that of another user counts as running)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def abandoned(parent, prefix):
    """Folders ``<prefix><pid>-*`` in ``parent`` whose owning process no longer runs."""
    found = []
    for path in sorted(Path(parent).glob(f"{prefix}*")):
        owner = path.name[len(prefix) :].split("-", 1)[0]
        if path.is_dir() and not (owner.isdigit() and is_running(int(owner))):
            found.append(path)
    return found


def leftovers(target):
    """Replaced output folders of earlier builds, and staging folders of builds that died."""
    target = Path(target)
    old = sorted(target.parent.glob(f".{target.name}.old-*"))
    return old + abandoned(target.parent, staging_prefix(target))


def staging_prefix(target):
    """The name every staging folder of ``target`` starts with (the owner's pid follows)."""
    return f".{Path(target).name}.staging-"


def clean(settings):
    """Delete the output folder, its leftovers and the cache folder of ``settings``.

    Returns the folders that were there. The output folder is checked first like a build's
    (``guards``): a setting that points it at the sources deletes nothing.
    """
    from .build import BuildError, refuse_output_folder  # noqa: PLC0415 (build imports us)

    output = Path(settings["OUTPUT_PATH"])
    refuse_output_folder(output, settings)
    cache = Path(settings.get("BUILD_CACHE_ROOT", settings["CACHE_PATH"]))
    why = clash(cache, protected_folders(settings), inside=("de contentmap",))
    if why:
        raise BuildError(
            f"de cachemap {cache.resolve()} {why}; er is niets weggegooid. Kies een eigen map "
            "voor de cache, zoals cache/ in de projectmap (CACHE_PATH in pelicanconf.py)"
        )
    gone = [f for f in (output, *leftovers(output), cache) if f.exists()]
    for folder in gone:
        shutil.rmtree(folder)
    return gone
