"""A newcomer's first hour: the test tools fit the Node that is there, and the photo folder the
guide names exists, says what it is for, and is no part of the site."""

import json
import os
import shutil
import subprocess

import pytest
from conftest import ROOT, make_project, run_task

from sitetools.install_figures import disk_usage
from sitetools.testdeps import engine_mismatches, node_version, satisfies


@pytest.mark.parametrize(
    ("spec", "meets", "fails"),
    [
        (">=22.19", (22, 19, 0), (20, 20, 2)),
        (">= 14", (14, 0, 0), (12, 22, 0)),
        (">=18.16", (18, 19, 0), (18, 15, 9)),
        ("^16.13.0", (16, 20, 2), (17, 0, 0)),
        ("^0.4.2", (0, 4, 9), (0, 5, 0)),
        ("~1.2.3", (1, 2, 9), (1, 3, 0)),
        ("6.* || 8.* || >= 10.*", (8, 1, 0), (9, 11, 2)),
        (">=16 || 14 >=14.17", (14, 17, 0), (14, 16, 1)),
        ("14", (14, 21, 3), (15, 0, 0)),
        ("<19", (18, 99, 0), (19, 0, 0)),
        ("*", (0, 0, 1), None),
    ],
)
def test_engine_ranges_are_read_as_npm_reads_them(spec, meets, fails):
    assert satisfies(meets, spec)
    if fails:
        assert not satisfies(fails, spec)


def test_a_lock_with_a_package_for_a_newer_node_is_found(tmp_path):
    lock = tmp_path / "package-lock.json"
    packages = {
        "": {"devDependencies": {"lighthouse": "13.5.0"}},
        "node_modules/lighthouse": {"version": "13.5.0", "engines": {"node": ">=22.19"}},
        "node_modules/axe-core": {"version": "4.14.1", "engines": {"node": ">=4"}},
        "node_modules/oud": {"version": "1.0.0", "engines": ["node >= 0.8"]},  # old form: ignored
    }
    lock.write_text(json.dumps({"packages": packages}), encoding="utf-8")
    assert engine_mismatches(lock, (20, 20, 2)) == [("lighthouse", ">=22.19")]
    assert engine_mismatches(lock, (22, 19, 0)) == []


def test_every_pinned_test_tool_accepts_the_node_found():
    """No 'npm warn EBADENGINE' on a first ./blog test: every package in package-lock.json
    declares engines that the Node on this machine meets."""
    lock = ROOT / "package-lock.json"
    assert engine_mismatches(lock, node_version()) == []
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    assert all(version[0].isdigit() for version in pinned.values()), pinned  # exact versions


def test_the_photo_folder_exists_and_a_new_post_says_where_a_photo_goes(tmp_path):
    note = ROOT / "content" / "images" / "LEESMIJ.txt"
    text = note.read_text(encoding="utf-8")
    assert len(text.splitlines()) == 1 and "foto" in text and "/images/" in text
    project = make_project(tmp_path)  # the fixture site, with the photo folder of a fresh clone
    (project / "content" / "images").mkdir(exist_ok=True)
    shutil.copy(note, project / "content" / "images" / note.name)
    result = run_task(project, "new", "Een artikel met een foto")
    assert result.returncode == 0, result.stderr
    assert "Een foto? Zet hem in content/images/" in result.stderr
    post = project / "content" / "artikelen" / "een-artikel-met-een-foto.md"
    assert "content/images/" in post.read_text(encoding="utf-8")
    # The note is no problem for the checks, and never published.
    assert run_task(project, "check").returncode == 0
    built = run_task(project, "build")
    assert built.returncode == 0, built.stderr
    assert (project / "content" / "images" / "LEESMIJ.txt").exists()
    assert not list((project / "output").rglob("LEESMIJ*"))


def test_install_sizes_are_counted_as_du_counts_them(tmp_path):
    """./blog meet-installatie's sizes: disk usage, a hard-linked file once (as `du -s`)."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "groot.bin").write_bytes(b"x" * 100_000)
    (tmp_path / "a" / "klein.txt").write_text("y", encoding="utf-8")
    os.link(tmp_path / "a" / "groot.bin", tmp_path / "a" / "zelfde.bin")
    du = subprocess.run(["du", "-s", "-B1", str(tmp_path / "a")], capture_output=True, text=True)
    folder_itself = (tmp_path / "a").stat().st_blocks * 512  # du counts the folder too
    assert disk_usage(tmp_path / "a") + folder_itself == int(du.stdout.split()[0])
