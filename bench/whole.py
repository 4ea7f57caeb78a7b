"""Whole processes, as users run them: `./blog build` in a project copy, and stock `pelican`.

The in-process figures (bench/build_one.py) leave out what a user waits for around the build:
the start of bash, invoke and Python, the imports, the caches our local build keeps, and the
staging folder and swap. Here each build is one command in a copy of the project whose
content folder is the generated corpus; the clock runs from the start of the process to its
end. Stock Pelican is measured alone and followed by Pagefind (`pagefind --site`), the stack a
user would pick instead of ours.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from sitetools.settings import ROOT

# What a project copy needs to build: the code, the theme and the task runner's entry point.
PROJECT_FILES = (
    "pelicanconf.py",
    "publishconf.py",
    "tasks.py",
    "blog",
    "requirements.txt",
    "pyproject.toml",
)
PROJECT_FOLDERS = ("theme", "plugins", "sitetools", "hosting")
# Stock Pelican 4.12 as `pelican content -s stockconf.py`: default theme, no plugins, default
# settings (no caches), the same two settings the in-process stock build gets.
STOCK_CONF = 'TIMEZONE = "Europe/Amsterdam"\nFEED_DOMAIN = "http://localhost"\n'


def make_project(work, content):
    """A copy of the project in ``work``/project building ``content``; .venv is shared."""
    project = Path(work) / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, project / name)
    for name in PROJECT_FOLDERS:
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(content, project / "content")
    venv = Path(sys.prefix)  # the .venv that runs the benchmark (./blog finds it up to date)
    (project / ".venv").symlink_to(venv, target_is_directory=True)
    (project / "stockconf.py").write_text(STOCK_CONF, encoding="utf-8")
    return project


def command(kind, project):
    """The command line of one whole build, and the folders it must start without."""
    if kind == "ours":
        return ["./blog", "build"], [project / "output", project / "cache"]
    if kind == "ours_warm":  # a rebuild: output/ and cache/ of the previous build stay
        return ["./blog", "build"], []
    pelican = f"{Path(sys.prefix) / 'bin' / 'pelican'} content -s stockconf.py -o stock-output -q"
    if kind == "stock":
        return ["bash", "-c", pelican], [project / "stock-output"]
    if kind == "stock_pagefind":  # the stack a user would pick instead: Pelican, then Pagefind
        from pagefind_bin import get_executable  # noqa: PLC0415

        index = f"{get_executable()} --site stock-output --silent"
        return ["bash", "-c", f"{pelican} && {index}"], [project / "stock-output"]
    raise ValueError(kind)


def timed_process(kind, project):
    """Seconds of one whole build of ``kind`` in ``project``, start-up included.

    Returns {"seconds", "cpu" (user + system of the whole process tree), "peak_mib" (resident
    memory of its largest process)}.
    """
    argv, fresh = command(kind, project)
    for folder in fresh:
        shutil.rmtree(folder, ignore_errors=True)
    start = time.perf_counter()
    done = subprocess.Popen(argv, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(done.pid, 0)
    seconds = time.perf_counter() - start
    errors = done.stderr.read().decode("utf-8", "replace")
    done.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{errors[-3000:]}")
    return {
        "seconds": seconds,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak_mib": usage.ru_maxrss / 1024,
    }
