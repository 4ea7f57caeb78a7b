"""The golden site: a tiny fixed site whose expected HTML is checked in (tests/golden/expected).

A change to templates, plugins or settings that changes pages shows up as a diff in review.
"""

import filecmp
import shutil
from pathlib import Path

from .build import build
from .settings import ROOT

GOLDEN = ROOT / "tests" / "golden"
# Copied unchanged from theme/static: not output to review, and already in the repository.
# Binary output, proven by their own tests: the search index (pagefind/, tests/test_search.py),
# share cards and image derivatives (their names carry a digest of their inputs, so any change to
# them shows in the HTML diff).
NOT_COMPARED = ["theme", "pagefind", "deelkaarten", "images"]


def build_golden(output):
    """Build the golden content, caches off, into ``output``."""
    return build(
        "pelicanconf.py",
        output,
        PATH=str(GOLDEN / "content"),
        CACHE_CONTENT=False,
        LOAD_CONTENT_CACHE=False,
    )


def differences(left, right):
    """Relative paths that differ, or exist on one side only."""
    out = []

    def walk(cmp, prefix=""):
        out.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.diff_files)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=NOT_COMPARED))
    return sorted(out)


def update_golden():
    """Rebuild tests/golden/expected from the golden content."""
    expected = GOLDEN / "expected"
    if expected.exists():
        shutil.rmtree(expected)
    build_golden(expected)
    for name in NOT_COMPARED:
        shutil.rmtree(expected / name, ignore_errors=True)
    return Path(expected)
