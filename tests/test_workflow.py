"""The GitHub Actions workflow (.github/workflows/publish.yml): valid for GitHub, and it runs
only what ./blog offers, in the order the README describes."""

import importlib.util
import re
import shlex
import subprocess
import sys
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from conftest import ROOT
from invoke import Collection
from ruamel.yaml import YAML

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
# Shell commands a step may use besides ./blog: the runner's own, to put the ssh key in place.
SHELL = {"mkdir", "printf", "chmod"}


@pytest.fixture(scope="module")
def workflow():
    return YAML(typ="safe").load(WORKFLOW.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def blog_tasks():
    """The tasks of ./blog as invoke sees them: {name: {option names}}."""
    spec = importlib.util.spec_from_file_location("blog_tasks", ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    collection = Collection.from_module(module)
    return {
        name: {f"--{arg.name.replace('_', '-')}" for arg in task.get_arguments()}
        for name, task in collection.tasks.items()
    }


def schema_check(path):
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows"]
        + [str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_workflow_matches_githubs_schema():
    result = schema_check(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_finds_a_broken_workflow(tmp_path):
    broken = tmp_path / "publish.yml"
    text = WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1)
    broken.write_text(text, encoding="utf-8")
    assert schema_check(broken).returncode == 1


def steps(workflow):
    """(job name, step) of every step."""
    return [(name, step) for name, job in workflow["jobs"].items() for step in job["steps"]]


def commands(workflow):
    """(job name, command words) of every command in every run: step."""
    found = []
    for job, step in steps(workflow):
        for line in step.get("run", "").splitlines():
            if line.strip():
                found.append((job, shlex.split(line)))
    return found


def test_every_command_is_a_task_of_blog_with_options_it_has(workflow, blog_tasks):
    found = commands(workflow)
    assert found
    for job, words in found:
        if words[0] in SHELL:
            continue
        assert words[0] == "./blog", (job, words)  # no tool that ./blog does not install
        task, options = words[1], {w for w in words[2:] if w.startswith("--")}
        assert task in blog_tasks, (job, words)
        assert options <= blog_tasks[task], (job, words)
    blog = {(job, words[1]) for job, words in found if words[0] == "./blog"}
    assert blog == {
        ("test", "test"),
        ("publish", "publish"),
        ("publish", "bewaar-adressen"),
        ("deploy-rsync", "deploy"),
        ("deploy-rsync", "bewaar-adressen"),
    }
    # What a publish added to the ledger goes back into the repository, after the upload.
    for job in ("publish", "deploy-rsync"):
        runs = [s.get("run", "") for s in workflow["jobs"][job]["steps"]]
        assert runs[-1] == "./blog bewaar-adressen --push", job
        assert workflow["jobs"][job]["permissions"] == {"contents": "write"}


def test_a_push_tests_then_deploys_and_every_night_publishes(workflow):
    triggers = workflow["on"]
    assert triggers["push"]["branches"] == ["main"]
    jobs = workflow["jobs"]
    assert jobs["test"]["if"] == "github.event_name != 'schedule'"
    for deploy in ("publish", "deploy-rsync"):
        assert jobs[deploy]["needs"] == "test"
        assert "needs.test.result" in jobs[deploy]["if"]  # tests passed, or skipped at night
    assert jobs["deploy-pages"]["needs"] == "publish"
    # The nightly run falls just after midnight in Amsterdam, summer and winter.
    (cron,) = [entry["cron"] for entry in triggers["schedule"]]
    minute, hour, *every = cron.split()
    assert every == ["*", "*", "*"]
    for day in ("2026-01-15", "2026-07-15"):
        utc = datetime.fromisoformat(f"{day}T{int(hour):02}:{int(minute):02}").replace(tzinfo=UTC)
        local = utc.astimezone(ZoneInfo("Europe/Amsterdam"))
        assert local.date() > utc.date() and local.hour < 3, local


def test_pages_gets_the_published_output_with_the_permissions_it_needs(workflow):
    jobs = workflow["jobs"]
    assert workflow["permissions"] == {"contents": "read"}
    assert jobs["deploy-pages"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["deploy-pages"]["environment"]["name"] == "github-pages"
    assert workflow["concurrency"]["cancel-in-progress"] is False
    uploads = [s for j, s in steps(workflow) if "upload-pages-artifact" in s.get("uses", "")]
    assert [s["with"]["path"] for s in uploads] == ["output"]
    (publish,) = [s for j, s in steps(workflow) if s.get("run") == "./blog publish"]
    assert "steps.pages.outputs.base_url" in publish["env"]["SITEURL"]


def test_the_build_cache_is_kept_between_runs(workflow):
    for job in ("publish", "deploy-rsync"):
        caches = [
            s["with"] for s in workflow["jobs"][job]["steps"] if "cache@" in s.get("uses", "")
        ]
        (build_cache,) = [c for c in caches if c["path"] == "cache"]
        assert "hashFiles('requirements.txt'" in build_cache["key"]
        assert build_cache["restore-keys"] in build_cache["key"]  # the newest is restored


def test_every_action_is_pinned_to_a_commit(workflow):
    used = [s["uses"] for _, s in steps(workflow) if "uses" in s]
    assert used
    for action in used:
        assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", action), action
    text = WORKFLOW.read_text(encoding="utf-8")
    assert len(re.findall(r"@[0-9a-f]{40} # v\d+\.\d+\.\d+$", text, re.M)) == len(used)
