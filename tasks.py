"""Tasks of the blog: `invoke --list` shows them all (run through ./blog, which sets up .venv)."""

import logging
import sys
import tempfile
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from sitetools import logs  # noqa: E402

log = logging.getLogger("tasks")
PY = sys.executable


def _check(config):
    from sitetools.check import problems  # noqa: PLC0415

    found = problems(config)
    for line in found:
        log.error("%s", line)
    return found


def _build(config, output=None):
    from sitetools.build import BuildError, build  # noqa: PLC0415

    try:
        target = build(config, output)
    except BuildError as err:
        log.error("build failed, the output folder was left as it was: %s", err)
        raise Exit(code=1) from None
    log.info(
        "Site written to %s", target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
    )
    return target


@task
def check(c):
    """Check all content (metadata, themes, picks, tables, links) without writing anything."""
    logs.setup(logging.INFO)
    found = _check("pelicanconf.py")
    if found:
        log.error("%d problem(s); fix them and run `invoke check` again", len(found))
        raise Exit(code=1)
    log.info("All content is fine.")


@task
def build(c):
    """Check the content, then build the site into output/ (all or nothing)."""
    logs.setup(logging.INFO)
    _build("pelicanconf.py")


@task
def serve(c, port=8000):
    """Build, then serve output/ on http://localhost:PORT (Ctrl-C stops)."""
    build(c)
    from sitetools.serve import serve_folder  # noqa: PLC0415

    serve_folder(ROOT / "output", port)


@task
def livereload(c, port=8000):
    """Preview: rebuild on every change to content, theme or plugins and reload the browser."""
    logs.setup(logging.INFO)
    from sitetools.preview import preview  # noqa: PLC0415

    preview(port)


@task
def publish(c):
    """Build for production (publishconf.py) into output/; a failed publish changes nothing."""
    logs.setup(logging.INFO)
    _build("publishconf.py")


@task(
    help={
        "target": "rsync target, e.g. user@host:/var/www/blog (default: $DEPLOY_TARGET)",
        "dry-run": "list what would be removed or changed; change nothing",
        "force": "deploy into a folder that holds files but was never a deploy of this site",
        "github": "publish to the gh-pages branch with ghp-import instead of rsync",
    }
)
def deploy(c, target=None, github=False, dry_run=False, force=False):
    """Publish, then upload output/ with rsync to TARGET (or $DEPLOY_TARGET); --github for Pages."""
    logs.setup(logging.INFO)
    from sitetools.deploy import (  # noqa: PLC0415
        DeployError,
        deploy_github,
        deploy_rsync,
        prepare_rsync,
    )
    from sitetools.settings import load  # noqa: PLC0415

    try:
        if github and dry_run:
            raise DeployError("--dry-run werkt alleen voor een deploy met rsync, niet met --github")
        if not github:  # a wrong target stops here, before anything is built
            target = prepare_rsync(target, force, load("publishconf.py"))
        if dry_run:  # publish into a throw-away folder: output/ and the target stay as they are
            with tempfile.TemporaryDirectory() as scratch:
                deploy_rsync(_build("publishconf.py", Path(scratch) / "output"), target, True)
            return
        publish(c)  # stops here, uploading nothing, if the publish fails
        if github:
            deploy_github(ROOT / "output")
        else:
            deploy_rsync(ROOT / "output", target)
    except DeployError as err:
        log.error("deploy failed, nothing was uploaded: %s", err)
        raise Exit(code=1) from None


@task
def new(c, title):
    """Create a new post from a title: today's date, a slug, every metadata field."""
    logs.setup(logging.INFO)
    from sitetools.newpost import NewPostError, create_post  # noqa: PLC0415

    try:
        path = create_post(title)
    except NewPostError as err:
        log.error("%s", err)
        raise Exit(code=1) from None
    log.info("Created %s", path.relative_to(ROOT))


@task
def test(c):
    """Run the whole test suite (browser and validator tests included)."""
    logs.setup(logging.INFO)
    from sitetools.testdeps import MissingTools, ensure_all  # noqa: PLC0415

    try:
        ensure_all()
    except MissingTools as err:
        log.error("%s", err)
        raise Exit(code=1) from None
    c.run(f"{PY} -m pytest", pty=False)


@task
def lint(c):
    """Check code style with ruff."""
    c.run(f"{PY} -m ruff check .")


@task(name="update-golden")
def update_golden(c):
    """Accept the current output of the golden site (tests/golden/expected) after a review."""
    logs.setup(logging.INFO)
    from sitetools.golden import update_golden as update  # noqa: PLC0415

    log.info("Golden site written to %s", update().relative_to(ROOT))


@task
def bench(c, n=1000, rounds=3):
    """Benchmark our build against stock Pelican and Meer lezen at scale (bench/results.json)."""
    c.run(f"{PY} -m bench.run --articles {n} --rounds {rounds}")
