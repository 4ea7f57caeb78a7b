"""Lighthouse (mobile, its default) in Debian's Chromium: every category at 100 on the pages readers
land on: the home page, an article with a table and chart, a theme page and the search page."""

import json
import subprocess

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS, served
from conftest import ROOT

pytestmark = pytest.mark.browser
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ["", "artikelen/kanalen-in-cijfers.html", "thema/ai/", "zoeken/"]
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@pytest.fixture(scope="module")
def base_url(site):
    with served(site) as url:
        yield url


def lighthouse(url, out):
    """Run Lighthouse on ``url``; return its JSON report."""
    flags = " ".join(a for a in CHROMIUM_ARGS if a != "--headless") + " --headless=new"
    done = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            f"--chrome-flags={flags}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={out}",
        ],
        env={"CHROME_PATH": CHROMIUM, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", PAGES)
def test_lighthouse_scores_100(base_url, page, tmp_path):
    report = lighthouse(f"{base_url}/{page}", tmp_path / "report.json")
    assert report["finalDisplayedUrl"].endswith("/" + page)
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    failing = {
        audit["id"]: audit["title"]
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
        and audit.get("details", {}).get("type") != "debugdata"
    }
    assert scores == dict.fromkeys(CATEGORIES, 1), (scores, failing)
