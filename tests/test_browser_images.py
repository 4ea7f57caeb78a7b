"""Images in a real browser and validator: no layout shift, no sideways scroll, axe, dark mode."""

import json
import subprocess
import time

import pytest
from browser import axe_violations, served
from conftest import ROOT, run_task
from image_site import image_project

pytestmark = pytest.mark.browser
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGE = "/artikelen/met-fotos.html"
# Sum of layout-shift entries (as Lighthouse's CLS), after every lazy image has loaded.
CLS = """async () => {
  let cls = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value;
  }).observe({type: "layout-shift", buffered: true});
  await new Promise((r) => setTimeout(r, 300));
  return cls;
}"""
LOADED = (
    """() => [...document.images].map((i) => [i.complete && i.naturalWidth > 0, i.currentSrc])"""
)


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    project = image_project(tmp_path_factory.mktemp("browser-images"), with_content=False)
    assert run_task(project, "build").returncode == 0
    return project / "output"


@pytest.fixture(scope="module")
def base_url(output):
    with served(output) as url:
        yield url


def test_image_pages_are_valid_html(output):
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", str(output)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [m["message"] for m in messages if m["type"] == "error"] == []
    assert "<picture>" in (output / PAGE.lstrip("/")).read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("path", [PAGE, "/"])
def test_images_load_without_shift_or_sideways_scroll(chromium, base_url, path, width, scheme):
    page = chromium.new_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
    # Images arrive late, as on a slow phone: the text is laid out before any image is known.
    page.route("**/images/**", lambda route: (time.sleep(0.25), route.continue_()))
    page.goto(base_url + path, wait_until="load")
    # Scroll down step by step so every lazy image loads, as a reader would.
    height = page.evaluate("document.documentElement.scrollHeight")
    for y in range(0, height + 800, 400):
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(50)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("[...document.images].every((i) => i.complete)")
    loaded = page.evaluate(LOADED)
    cls = page.evaluate(CLS)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    violations = axe_violations(page)
    page.close()
    assert loaded and all(ok for ok, _ in loaded), loaded
    photos = [src for _, src in loaded if ".svg" not in src]
    assert photos and all(src.endswith(".avif") for src in photos), photos  # the modern format
    assert cls < 0.001, cls
    assert scroll_width <= width, "the page scrolls sideways"
    assert (background == "rgb(20, 24, 25)") == (scheme == "dark")
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []
