"""Make sure the tools the browser and deploy tests need are installed (no test is skipped)."""

import hashlib
import logging
import os
import shutil
import subprocess

from .settings import ROOT

log = logging.getLogger(__name__)

# command on PATH -> Debian package that provides it
SYSTEM_TOOLS = {
    "chromium": "chromium",
    "java": "default-jre-headless",
    "nginx": "nginx",
    "rsync": "rsync",
    "npm": "npm",
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
    subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=ROOT, check=True
    )
    stamp.write_text(want)


def ensure_all():
    """Everything the whole test suite needs."""
    ensure_system_tools()
    ensure_node_tools()
