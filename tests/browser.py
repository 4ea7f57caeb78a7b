"""Helpers for tests in a real browser: serve a built site, launch Debian's Chromium, run axe."""

from conftest import ROOT

from sitetools.chromium import CHROMIUM, CHROMIUM_ARGS, browser, served

__all__ = ["AXE", "CHROMIUM", "CHROMIUM_ARGS", "axe_violations", "browser", "served"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def axe_violations(page):
    """Run axe-core (all rules of its default set) on the loaded page; return the violations."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("async () => (await axe.run(document)).violations")
