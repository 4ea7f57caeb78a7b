"""Throw-away projects with the small sites in tests/sites/ as their content."""

import shutil

from conftest import ROOT, make_project

SITES = ROOT / "tests" / "sites"


def small_project(tmp_path, site="adressen"):
    """A project copy whose content is tests/sites/``site``/content (its own posts)."""
    project = make_project(tmp_path, with_content=False)
    shutil.copytree(SITES / site / "content", project / "content")
    return project
