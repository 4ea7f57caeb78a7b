"""Remove a replaced output folder without making the user wait for it.

Deleting the previous site (thousands of files) cost up to a third of a rebuild on a slow disk.
After the swap nobody reads that folder any more, so a detached process deletes it while the
build reports success; a folder left by an interrupted deletion goes with the next build.
"""

import shutil
import subprocess
import sys

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


def leftovers(target):
    """Replaced output folders of earlier builds that are still there."""
    return sorted(target.parent.glob(f".{target.name}.old-*"))
