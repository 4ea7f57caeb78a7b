"""The shipped host configuration (hosting/nginx/, hosting/netlify/_headers), served for real.

The site (the real articles plus posts with photos) is deployed as a maintainer deploys it and
served by nginx with hosting/nginx/werkinbeweging.conf (tests/conftest.py, nginx()). Every page
loads in Chromium without a single Content-Security-Policy violation, the search page included
with a query that runs Pagefind's WebAssembly; the headers the Mozilla HTTP Observatory grades
are on pages and files alike; caching, compression, the 404 page and redirects work.
"""

import http.client
import os
import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from conftest import ROOT, free_port, nginx
from image_site import image_project
from playwright.sync_api import expect

pytestmark = pytest.mark.browser
IMMUTABLE = "public, max-age=31536000, immutable"
GRADED = (
    "Content-Security-Policy",
    "Strict-Transport-Security",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
)
# A former address of a post (its Alias): the build writes it into nginx-redirects.map.
REDIRECT = ("/artikelen/oude-fotos.html", "/artikelen/met-fotos.html")
# Chromium reports every violation to the page (also while it navigates on); the binding
# collects them in Python, so a page that redirects itself loses none.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) =>
  window.reportViolation(`${e.violatedDirective} ${e.blockedURI} ${location.pathname}`));
"""


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    """(base URL, deployed folder): the site deployed with ./blog deploy, served by nginx."""
    tmp = tmp_path_factory.mktemp("hosting")
    project = image_project(tmp, with_content=True)
    post = project / "content" / "artikelen" / "met-fotos.md"
    text = post.read_text(encoding="utf-8")
    assert "\nSlug: met-fotos\n" in text
    text = text.replace("\nSlug: met-fotos\n", f"\nSlug: met-fotos\nAlias: {REDIRECT[0]}\n")
    post.write_text(text, encoding="utf-8")
    port = free_port()
    www = tmp / "www"
    env = {**os.environ, "SITEURL": f"http://127.0.0.1:{port}"}
    deployed = subprocess.run(
        [sys.executable, "-m", "invoke", "deploy", "--target", str(www)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=400,
        env=env,
    )
    assert deployed.returncode == 0, deployed.stderr
    with nginx(www, tmp / "run", port) as base:
        yield base, www


def get(base, path, **headers):
    """(status, headers, body) of one GET, redirects not followed."""
    split = urlsplit(base)
    connection = http.client.HTTPConnection(split.hostname, split.port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def files(www):
    """Every published file, as a path from the site root."""
    return sorted("/" + p.relative_to(www).as_posix() for p in www.rglob("*") if p.is_file())


def test_the_graded_headers_are_on_pages_files_and_the_404_page(hosted):
    base, www = hosted
    pages = ["/", "/artikelen/personeelstekort.html", "/zoeken/", "/thema/ai/", "/bestaat-niet/"]
    assets = [
        "/theme/css/base.css",
        "/theme/js/zoeken.js",
        "/pagefind/pagefind.js",
        next(f for f in files(www) if f.startswith("/deelkaarten/")),
        next(f for f in files(www) if f.endswith(".avif")),
        next(f for f in files(www) if f.startswith("/pagefind/fragment/")),
        "/favicon.svg",
    ]
    for path in pages + assets:
        status, headers, _ = get(base, path)
        assert status == (404 if path == "/bestaat-niet/" else 200), path
        csp = dict(d.strip().split(" ", 1) for d in headers["Content-Security-Policy"].split(";"))
        assert csp["default-src"] == "'self'"
        assert csp["script-src"] == "'self' 'wasm-unsafe-eval'"  # Pagefind's WebAssembly only
        assert csp["style-src"] == "'self'"
        assert csp["object-src"] == "'none'"
        assert csp["frame-ancestors"] == "'none'"
        assert csp["base-uri"] == csp["form-action"] == "'self'"
        assert "unsafe-inline" not in str(csp) and "'unsafe-eval'" not in str(csp)
        max_age = re.fullmatch(r"max-age=(\d+)", headers["Strict-Transport-Security"])
        assert int(max_age[1]) >= 183 * 24 * 3600, "the Observatory asks for six months or more"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in headers["Permissions-Policy"]
        assert "microphone=()" in headers["Permissions-Policy"]


def test_headers_for_netlify_and_cloudflare_are_published_and_say_the_same(hosted):
    base, www = hosted
    assert (www / "_headers").read_bytes() == (
        ROOT / "hosting" / "netlify" / "_headers"
    ).read_bytes()
    rules, path = {}, None
    for line in (www / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            path = line.strip()
        elif line.strip() and not line.startswith("#"):
            name, value = line.strip().split(": ", 1)
            rules.setdefault(path, {})[name] = value
    _, headers, _ = get(base, "/")
    assert rules["/*"] == {name: headers[name] for name in GRADED}
    # A rule that keeps files for a year covers only files nginx keeps for a year too.
    immutable = [p for p, h in rules.items() if h.get("Cache-Control") == IMMUTABLE]
    assert "/deelkaarten/*" in immutable and "/pagefind/fragment/*" in immutable
    for path in files(www):
        if any(path.startswith(rule.removesuffix("*")) for rule in immutable):
            assert get(base, path)[1]["Cache-Control"] == IMMUTABLE, path


def test_files_named_by_their_content_are_kept_a_year_the_rest_is_checked_again(hosted):
    base, www = hosted
    content_named = re.compile(
        r"/(deelkaarten|images)/[^/]+-[0-9a-f]{12}(-\d+)?\.\w+"  # digest (and width) in the name
        r"|/pagefind/(fragment|index|filter)/.+|/pagefind/pagefind\.nl_[0-9a-f]+\.pf_meta"
    )
    seen = {IMMUTABLE: [], "no-cache": []}
    for path in files(www):
        if path.startswith(("/_", "/nginx-", "/.")):
            continue  # files for the host (their own test)
        status, headers, _ = get(base, path)
        # A former address's page is there for other hosts; nginx answers with the redirect.
        assert status == (301 if path == REDIRECT[0] else 200), path
        want = IMMUTABLE if content_named.fullmatch(path) else "no-cache"
        assert headers["Cache-Control"] == want, path
        seen[want].append(path)
    assert {p.split("/")[1] for p in seen[IMMUTABLE]} == {"deelkaarten", "images", "pagefind"}
    for path in ("/index.html", "/theme/css/base.css", "/pagefind/pagefind-entry.json"):
        assert path in seen["no-cache"]
    assert "/pagefind/pagefind.js" in seen["no-cache"]


def test_text_is_compressed_and_compressed_files_are_not(hosted):
    base, www = hosted
    text = ["/", "/theme/css/base.css", "/pagefind/pagefind.js", "/feeds/alles.atom.xml"]
    for path in text:
        _, headers, _ = get(base, path, **{"Accept-Encoding": "gzip"})
        assert headers["Content-Encoding"] == "gzip", path
        assert headers["Vary"] == "Accept-Encoding"
    packed = [
        next(f for f in files(www) if f.startswith("/deelkaarten/")),
        next(f for f in files(www) if f.startswith("/pagefind/fragment/")),
    ]
    for path in packed:
        assert get(base, path, **{"Accept-Encoding": "gzip"})[1]["Content-Encoding"] is None


def test_unknown_address_answers_404_with_our_page(hosted):
    base, _ = hosted
    status, headers, body = get(base, "/bestaat/niet.html")
    assert status == 404
    assert "Pagina niet gevonden" in body.decode("utf-8")
    assert headers["Cache-Control"] == "no-cache"


def test_a_former_address_from_the_map_answers_301_with_the_new_one(hosted):
    base, www = hosted
    old, new = REDIRECT
    assert f'"{old}" "{new}";' in (www / "nginx-redirects.map").read_text(encoding="utf-8")
    status, headers, _ = get(base, old)
    assert (status, headers["Location"]) == (301, new)
    assert "Content-Security-Policy" in headers
    assert get(base, new)[0] == 200
    assert get(base, "/oud/iets-anders.html")[0] == 404  # only what the map names


def test_files_for_the_host_are_not_served(hosted):
    base, www = hosted
    for name in ("_headers", "nginx-redirects.map", ".werkinbeweging-deploy"):
        assert (www / name).exists()
        assert get(base, "/" + name)[0] == 404, name


def test_a_site_without_redirects_is_served_too(tmp_path):
    """Without nginx-redirects.map the configuration still loads (its include is a pattern)."""
    site = tmp_path / "www"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>t</title>", encoding="utf-8")
    with nginx(site, tmp_path / "run", free_port()) as base:
        assert get(base, "/")[0] == 200
        assert get(base, REDIRECT[0])[0] == 404


@pytest.fixture
def page_with_reports(chromium):
    """A Chromium page that records CSP violations, console errors and failed requests."""
    context = chromium.new_context()
    problems = []
    context.expose_function("reportViolation", lambda text: problems.append(f"csp: {text}"))
    context.add_init_script(REPORT_VIOLATIONS)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda err: problems.append(f"script: {err}"))
    yield page, problems
    context.close()


def test_the_check_sees_violations(hosted, page_with_reports):
    """The watcher below is real: inline script and style on a page of ours are reported."""
    base, www = hosted
    page, problems = page_with_reports
    (www / "csp-proef.html").write_text(
        '<!doctype html><html lang="nl"><title>proef</title>'
        '<p style="color: red">rood</p><script>document.title = "uitgevoerd"</script>',
        encoding="utf-8",
    )
    try:
        page.goto(base + "/csp-proef.html")
        page.wait_for_timeout(200)
    finally:
        (www / "csp-proef.html").unlink()
    assert page.title() == "proef"  # the inline script did not run
    assert any("csp: script-src-elem inline" in p for p in problems), problems
    assert any("csp: style-src-attr inline" in p for p in problems), problems


def test_every_page_loads_without_a_csp_violation(hosted, page_with_reports):
    base, www = hosted
    page, problems = page_with_reports
    pages = [p.removesuffix("index.html") for p in files(www) if p.endswith(".html")]
    assert "/artikelen/met-fotos.html" in pages and "/404.html" in pages
    for path in pages:
        page.goto(base + path, wait_until="load")
    assert problems == []


def test_searching_runs_pagefind_without_a_csp_violation(hosted, page_with_reports):
    base, _ = hosted
    page, problems = page_with_reports
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(urlsplit(request.url).path))
    page.goto(base + "/zoeken/?q=vacatures")
    # (Playwright's wait_for_function evaluates a string, which this very policy forbids.)
    expect(page.locator("#zoekstatus")).to_have_text(re.compile(r"^\d+ resulta"), timeout=15_000)
    results = page.locator(".search-result-title a").evaluate_all("a => a.map(x => x.pathname)")
    assert results and all(r.startswith("/artikelen/") for r in results)
    assert "/pagefind/wasm.nl.pagefind" in loaded  # the WebAssembly ran under the policy
    assert any(p.startswith("/pagefind/fragment/") for p in loaded)
    assert problems == []
