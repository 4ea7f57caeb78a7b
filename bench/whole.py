"""Whole processes, as users run them: `./blog build` in a project copy, and stock `pelican`.

The in-process figures (bench/build_one.py) leave out what a user waits for around the build:
the start of bash, invoke and Python, the imports, the caches our local build keeps, and the
staging folder and swap. Here each build is one command in a copy of the project whose
content folder is the generated corpus; the clock runs from the start of the process to its
end.
"""

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
PROJECT_FOLDERS = ("theme", "plugins", "sitetools")
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
    if kind == "stock":
        pelican = Path(sys.prefix) / "bin" / "pelican"
        return [str(pelican), "content", "-s", "stockconf.py", "-o", "stock-output", "-q"], [
            project / "stock-output"
        ]
    raise ValueError(kind)


def timed_process(kind, project):
    """Seconds of one whole build of ``kind`` in ``project``, start-up included."""
    argv, fresh = command(kind, project)
    for folder in fresh:
        shutil.rmtree(folder, ignore_errors=True)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=project, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stderr[-3000:]}")
    return seconds
