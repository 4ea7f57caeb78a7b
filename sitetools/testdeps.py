"""Make sure the tools the browser and deploy tests need are installed (no test is skipped)."""

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

from .settings import ROOT

log = logging.getLogger(__name__)

# command on PATH -> Debian package that provides it
SYSTEM_TOOLS = {
    "chromium": "chromium",
    "java": "default-jre-headless",
    "nginx": "nginx",
    "rsync": "rsync",
    "npm": "npm",
    "git": "git",  # the GitHub Pages deploy test makes its own repositories
}


class MissingTools(Exception):
    """Tools are missing and cannot be installed from here; the message says how."""


def missing_system_tools():
    """Debian packages whose commands are not on PATH (nginx lives in /usr/sbin)."""
    path = os.environ.get("PATH", "") + os.pathsep + "/usr/sbin:/sbin"
    return sorted({pkg for cmd, pkg in SYSTEM_TOOLS.items() if not shutil.which(cmd, path=path)})


def ensure_system_tools():
    """Install missing Debian packages when running as root (CI); otherwise explain."""
    missing = missing_system_tools()
    if not missing:
        return
    command = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing]
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise MissingTools(
            "de tests hebben "
            + ", ".join(missing)
            + " nodig; installeer ze met: sudo "
            + " ".join(command)
        )
    log.info("Installeren voor de tests: %s …", ", ".join(missing))
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-q"], check=True, env=env)
    subprocess.run(command, check=True, env=env)


def ensure_node_tools():
    """Install vnu-jar and axe-core from package-lock.json (once, and when the lock changes)."""
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".lock.sha"
    want = hashlib.sha256(lock.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == want:
        return
    version = node_version()
    if wrong := engine_mismatches(lock, version):
        raise MissingTools(
            "de testprogramma's in package-lock.json passen niet bij Node "
            + ".".join(map(str, version))
            + ": "
            + ", ".join(f"{name} vraagt Node {spec}" for name, spec in wrong)
            + "; kies in package.json versies die bij deze Node passen (npm view NAAM engines)"
        )
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=ROOT, check=True
    )
    stamp.write_text(want)


def node_version():
    """The version of the Node on PATH (the one npm runs the test tools with), e.g. (20, 20, 2)."""
    out = subprocess.run(["node", "--version"], capture_output=True, text=True, check=True)
    return _version(out.stdout.strip().lstrip("v"))


def _version(text):
    """'20.20.2' -> (20, 20, 2)."""
    return _bounds(text)[0]


def _bounds(text):
    """(lowest, first version past it) of a version that may be partial: '14' -> ((14, 0, 0),
    (15, 0, 0)), '14.17' -> ((14, 17, 0), (14, 18, 0)), '6.*' as '6'; a full one has no past."""
    given = [int(part) for part in text.split(".")[:3] if part.isdigit()]
    low = tuple(given + [0] * (3 - len(given)))
    if not given or len(given) == 3:
        return low, None
    past = [*given[:-1], given[-1] + 1]
    return low, tuple(past + [0] * (3 - len(past)))


def satisfies(version, spec):
    """True if ``version`` (a tuple) meets an npm ``engines`` range such as '>=18.16',
    '>= 14', '^16.13.0', '6.* || 8.* || >= 10.*' or '>=16 || 14 >=14.17'. Enough of npm's
    semver for what engines fields say, so the test tools need no semver library."""
    for alternative in spec.split("||"):
        words = re.findall(r"(>=|<=|>|<|=|\^|~)?\s*v?([\dx*]+(?:\.[\dx*]+)*)", alternative)
        if all(_meets(version, op, text) for op, text in words):
            return True
    return False


def _meets(version, op, text):
    """One comparator: ``op`` ('' for a plain or partial version) and a version text."""
    if not any(ch.isdigit() for ch in text):
        return True  # '*', 'x'
    low, past = _bounds(text)
    if op == ">=":
        return version >= low
    if op == ">":
        return version >= past if past else version > low
    if op == "<=":
        return version < past if past else version <= low
    if op == "<":
        return version < low
    if op == "^":  # up to the next change of the first non-zero part
        first = next((i for i, n in enumerate(low) if n), 2)
        return low <= version < (*low[:first], low[first] + 1, *(0,) * (2 - first))
    if op == "~":  # patch changes, or minor ones when only the major is given
        given = len([part for part in text.split(".") if part.isdigit()])
        top = (low[0], low[1] + 1, 0) if given >= 2 else (low[0] + 1, 0, 0)
        return low <= version < top
    return low <= version < past if past else version == low  # '14', '6.*', '=1.2.3'


def engine_mismatches(lock_path, version):
    """(package, engines.node) of every package in package-lock.json that rejects ``version``."""
    packages = json.loads(Path(lock_path).read_text(encoding="utf-8"))["packages"]
    found = []
    for name, package in sorted(packages.items()):
        engines = package.get("engines")
        spec = engines.get("node") if isinstance(engines, dict) else None
        if name and spec and not satisfies(version, spec):
            found.append((name.removeprefix("node_modules/"), spec))
    return found


def ensure_all():
    """Everything the whole test suite needs."""
    ensure_system_tools()
    ensure_node_tools()
