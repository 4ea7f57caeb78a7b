"""What the two installs cost a newcomer, measured on a fresh clone (./blog meet-installatie).

The committed state of this project is cloned into a temporary folder and installed as a newcomer
installs it, with empty pip and npm caches: the writing install (`./blog`, requirements.txt), the
test install (`./blog lint`, requirements-test.txt) and the test tools of package-lock.json
(what `./blog test` runs `npm ci` for). Each install is timed as a whole process; the same command
run a second time (nothing left to install) is subtracted, so the figure is the install alone.
Sizes are disk usage as `du -s` counts it; the download is the size of the wheels and of npm's
cache after the install. The figures, with the date, the machine's load and its package sources,
go to bench/install-results.json; the README and the authors' guide quote them.
"""

import json
import logging
import os
import resource
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from .settings import ROOT

log = logging.getLogger(__name__)
RESULTS = ROOT / "bench" / "install-results.json"
MB = 1_000_000


def disk_usage(folder):
    """Bytes on disk under ``folder``, each file once (as `du -s`)."""
    seen, total = set(), 0
    for path in Path(folder).rglob("*"):
        stat = path.lstat()
        if (stat.st_dev, stat.st_ino) not in seen:
            seen.add((stat.st_dev, stat.st_ino))
            total += stat.st_blocks * 512
    return total


def timed(command, cwd, env):
    """(wall-clock seconds, CPU seconds) of a whole process and its children; stops with its
    output if it fails. On a busy machine the wall clock waits for other work; the CPU time
    is close to what the same install takes on a quiet one."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(map(str, command))} faalde:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start, _children_cpu() - cpu_before


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def install_time(command, cwd, env):
    """(wall, CPU) seconds of the first run of ``command`` minus a second run (which installs
    nothing)."""
    first, again = timed(command, cwd, env), timed(command, cwd, env)
    return first[0] - again[0], first[1] - again[1]


def wheel_bytes(python, requirements, folder, env):
    """Bytes of the wheels pip downloads for ``requirements`` (what a machine without a cache
    fetches from PyPI), gathered into ``folder``."""
    subprocess.run(
        [python, "-m", "pip", "download", "--quiet", "--no-deps", "-r", requirements, "-d", folder],
        cwd=Path(requirements).parent,
        env=env,
        check=True,
        capture_output=True,
    )
    return sum(p.stat().st_size for p in Path(folder).iterdir())


def measure(work):
    """Clone, install and measure in ``work``; returns the figures (sizes in MB, times in s)."""
    work = Path(work)
    clone = work / "kloon"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    env = {
        **os.environ,
        "PIP_CACHE_DIR": str(work / "pip-cache"),
        "npm_config_cache": str(work / "npm-cache"),
    }
    env.pop("VIRTUAL_ENV", None)
    load_before = os.getloadavg()[0]
    figures = {"date": date.today().isoformat(), "commit": _commit(clone)}
    writing = install_time([clone / "blog", "--list"], clone, env)
    figures["writing_install_s"], figures["writing_install_cpu_s"] = writing
    figures["writing_venv_mb"] = disk_usage(clone / ".venv") / MB
    test = install_time([clone / "blog", "lint"], clone, env)
    figures["test_install_s"], figures["test_install_cpu_s"] = test
    figures["test_venv_mb"] = disk_usage(clone / ".venv") / MB
    python = str(clone / ".venv" / "bin" / "python")
    node = [python, "-c", "from sitetools.testdeps import ensure_node_tools; ensure_node_tools()"]
    figures["node_install_s"], figures["node_install_cpu_s"] = timed(node, clone, env)
    figures["node_modules_mb"] = disk_usage(clone / "node_modules") / MB
    figures["node_download_mb"] = disk_usage(work / "npm-cache") / MB
    wheels = work / "wheels"
    wheels_writing = wheel_bytes(python, clone / "requirements.txt", wheels, env)
    figures["writing_download_mb"] = wheels_writing / MB
    figures["test_download_mb"] = (
        wheel_bytes(python, clone / "requirements-test.txt", wheels, env) - wheels_writing
    ) / MB
    figures["load_average"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
    figures["cpus"] = os.cpu_count()
    figures["python"] = sys.version.split()[0]
    figures["pip_sources"] = _pip_sources(python, env)
    return {k: round(v, 1) if isinstance(v, float) else v for k, v in figures.items()}


def _commit(clone):
    out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=clone, capture_output=True)
    return out.stdout.decode().strip()


def _pip_sources(python, env):
    """Where pip takes packages from on this machine (a local mirror makes installs faster)."""
    out = subprocess.run(
        [python, "-m", "pip", "config", "list"], env=env, capture_output=True, text=True
    )
    return [line for line in out.stdout.splitlines() if "index" in line or "find-links" in line]


def run(work=None):
    """Measure in a temporary folder (removed afterwards) and write bench/install-results.json."""
    import tempfile  # noqa: PLC0415

    folder = Path(work or tempfile.mkdtemp(prefix="meet-installatie-"))
    try:
        figures = measure(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    RESULTS.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return figures
