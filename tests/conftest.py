"""Shared fixtures: the fixture site (tests/fixture_site) built, and throw-away projects.

The tests never read the real posts in content/: behaviour is tested on the fixture site's own
posts and vocabulary, so an author adding, editing, renaming or deleting a real post cannot fail
a test (tests/test_real_content.py builds the real content with the build's own rules).
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pelican.log import LimitFilter

ROOT = Path(__file__).resolve().parent.parent
# The fixture site: a handful of posts covering tables and charts, quote cards, Meer lezen picks,
# themes, a page and a draft, with its own vocabulary (themas.toml).
FIXTURE = ROOT / "tests" / "fixture_site" / "content"


def fixture_posts(status="published"):
    """The fixture site's posts with ``status``, their headers read as the build's checks do."""
    from plugins.content_guard.posts import parse_post  # noqa: PLC0415

    paths = sorted((FIXTURE / "artikelen").glob("*.md"))
    posts = [parse_post(p.read_text(encoding="utf-8"), p.name) for p in paths]
    return [post for post in posts if post.status == status]


def fixture_themes():
    """The themes the fixture site's published posts use (each has a page and a feed)."""
    return {t.strip() for post in fixture_posts() for t in post.get("tags").split(",")}


@pytest.fixture(autouse=True)
def fresh_log_dedup():
    """Pelican drops repeated log messages process-wide; every test starts clean."""
    LimitFilter._raised_messages = set()
    LimitFilter._group_count.clear()


def build_fixture(conf, output):
    """Build the fixture site with the project's own ``conf``, caches off, into ``output``.

    Its caches (share cards, image sizes) go beside ``output``, never into the project's cache/.
    """
    from sitetools.build import build  # noqa: PLC0415

    return build(
        conf,
        output,
        PATH=str(FIXTURE),
        CACHE_PATH=str(Path(output).parent / "cache"),
        CACHE_CONTENT=False,
        LOAD_CONTENT_CACHE=False,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """The fixture site, built once with pelicanconf.py into a temporary folder."""
    return build_fixture("pelicanconf.py", tmp_path_factory.mktemp("site") / "output")


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """The fixture site, built once with publishconf.py (absolute URLs)."""
    return build_fixture("publishconf.py", tmp_path_factory.mktemp("published") / "output")


@pytest.fixture(scope="module")
def chromium():
    """A headless Debian Chromium, one per test module (the browser tests share it)."""
    from browser import browser  # noqa: PLC0415 (Playwright only for the browser tests)

    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def built_project(tmp_path_factory):
    """A project copy whose output/ holds a good build: the previous site that must survive."""
    project = make_project(tmp_path_factory.mktemp("built"))
    result = run_task(project, "build")
    assert result.returncode == 0, result.stderr
    return project


def free_port():
    """A TCP port on localhost that nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_project(tmp_path, with_content=True):
    """A copy of the project (config, theme, plugins, tools) to break things in; its content/ is
    a copy of the fixture site's (never the real posts)."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pelicanconf.py", "publishconf.py", "tasks.py", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    for name in ("theme", "plugins", "sitetools", "hosting"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    if with_content:
        shutil.copytree(FIXTURE, project / "content")
    return project


def run_task(project, *args, timeout=180):
    """Run an invoke task in ``project`` as a user would; returns the CompletedProcess."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def snapshot(folder):
    """Every file under ``folder`` with its bytes, to prove nothing changed."""
    folder = Path(folder)
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


HOSTING_NGINX = ROOT / "hosting" / "nginx" / "werkinbeweging.conf"
# The test's own nginx.conf: what Debian's /etc/nginx/nginx.conf does, in a throw-away folder. The
# site itself is served by the shipped configuration (hosting/nginx/), filled in by site_conf().
NGINX_CONF = """
daemon off;
worker_processes 1;
pid {run}/nginx.pid;
error_log {run}/error.log;
{user}
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
    include {site};
}}
"""


def site_conf(root, port, prefix=""):
    """The shipped nginx configuration with the values a maintainer fills in set for a test:
    ``root`` the served folder, ``prefix`` its SITE_ROOT ('' or '/blog'), plain HTTP on ``port``
    of 127.0.0.1 in place of the TLS part (from "tls-begin" to "tls-end")."""
    text = HOSTING_NGINX.read_text(encoding="utf-8")
    begin, end = text.index("# tls-begin\n"), text.index("# tls-end\n") + len("# tls-end\n")
    text = text[:begin] + f"server {{\n    listen 127.0.0.1:{port};\n" + text[end:]
    fills = {
        "include /var/www/werkinbeweging/": f"include {root}{prefix}/",
        "root /var/www/werkinbeweging;": f"root {root};",
        "error_page 404 /404.html;": f"error_page 404 {prefix}/404.html;",
    }
    for example, value in fills.items():
        assert text.count(example) == 1, f"{HOSTING_NGINX} no longer has '{example}' once"
        text = text.replace(example, value)
    return text


@contextlib.contextmanager
def nginx(root, run, port, prefix=""):
    """An nginx on 127.0.0.1:``port`` serving ``root`` with the shipped configuration
    (hosting/nginx/werkinbeweging.conf); ``prefix`` is the site's SITE_ROOT. Yields its URL."""
    run.mkdir(exist_ok=True)
    site = run / "werkinbeweging.conf"
    site.write_text(site_conf(root, port, prefix), "utf-8")
    user = "user root;" if os.geteuid() == 0 else ""
    conf = run / "nginx.conf"
    conf.write_text(NGINX_CONF.format(run=run, user=user, site=site), "utf-8")
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    server = subprocess.Popen([binary, "-c", str(conf), "-p", str(run)], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                time.sleep(0.1)
        else:
            raise AssertionError(f"nginx luistert niet op poort {port}")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
