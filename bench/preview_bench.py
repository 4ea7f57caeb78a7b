"""The author's loop: `./blog livereload` running, one article saved, until the preview shows it.

Measures, per save, wall clock from writing the file to (a) the preview's "Voorbeeld bijgewerkt"
line, with the edit on the served page, and (b) its "Zoekindex van het voorbeeld bijgewerkt"
line, the search index holding the new words. File watcher included: the preview finds the save
itself, as it does for an author.
"""

import contextlib
import json
import socket
import subprocess
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

from sitetools.search_later import STATUS

UPDATED = "Voorbeeld bijgewerkt ("
INDEXED = "Zoekindex van het voorbeeld bijgewerkt"
TIMEOUT_S = 900


def free_port():
    """A TCP port on localhost that nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TreePeak:
    """Peak resident memory (VmHWM) of every process of a tree, sampled while the bench waits:
    the preview itself and the indexer it starts (Pagefind, a child process)."""

    def __init__(self, pid):
        self.pid, self.peaks, self.sampled = pid, {}, 0.0

    def sample(self):
        """Note the tree's high-water marks; at most every 0.1 s (reading /proc costs CPU)."""
        if time.perf_counter() - self.sampled < 0.1:
            return
        self.sampled = time.perf_counter()
        children = defaultdict(list)
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
                children[ppid].append(int(stat.parent.name))
        todo = [self.pid]
        while todo:
            pid = todo.pop()
            todo += children.get(pid, [])
            mib = _peak_mib(pid)
            if mib:
                name = "preview" if pid == self.pid else _name(pid)
                self.peaks[name] = max(self.peaks.get(name, 0), mib)


def _name(pid):
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/comm").read_text().strip()
    return "?"


def _wait_for_line(log, text, after, deadline, peak=None):
    """Seconds (perf_counter) when ``text`` appears in ``log`` past line ``after``."""
    while time.perf_counter() < deadline:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
        if any(text in line for line in lines[after:]):
            return time.perf_counter(), len(lines)
        if peak:
            peak.sample()
        time.sleep(0.01)
    raise TimeoutError(f"no {text!r} in {log}")


def _wait_until_indexed(output, deadline):
    """Until the preview's status file says its index is up to date."""
    status = output / STATUS
    while time.perf_counter() < deadline:
        with contextlib.suppress(OSError, ValueError):
            if not json.loads(status.read_text(encoding="utf-8"))["bijwerken"]:
                return
        time.sleep(0.05)
    raise TimeoutError(f"{status} still says the index is being updated")


def _lines(log):
    return len(log.read_text(encoding="utf-8", errors="replace").splitlines())


def _page(port, slug):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/artikelen/{slug}.html", timeout=10) as r:
        return r.read().decode("utf-8")


def _peak_mib(pid):
    """A process's peak resident memory (VmHWM), MiB (None once it has ended)."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None


def measure(project, rounds):
    """Start the preview in ``project``, save an article ``rounds`` times; figures as a dict."""
    log = Path(project) / "preview.log"
    port = free_port()
    with open(log, "w", encoding="utf-8") as out:
        preview = subprocess.Popen(
            ["./blog", "livereload", "--port", str(port)],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    peak = TreePeak(preview.pid)
    try:
        deadline = time.perf_counter() + TIMEOUT_S
        _wait_for_line(log, "Voorbeeld op", 0, deadline, peak)
        _wait_until_indexed(Path(project) / "output", deadline)
        posts = sorted((Path(project) / "content" / "artikelen").glob("*.md"))
        updated, indexed = [], []
        for n in range(rounds):
            post = posts[len(posts) // 3 + n]
            slug = post.stem
            word = f"bewerkingsronde{n}x"
            text = post.read_text(encoding="utf-8")
            after = _lines(log)
            start = time.perf_counter()
            post.write_text(text + f"\nEen nieuwe zin met {word}.\n", encoding="utf-8")
            deadline = start + TIMEOUT_S
            done, after = _wait_for_line(log, UPDATED, after, deadline)
            if word not in _page(port, _slug(post, slug)):
                raise RuntimeError(f"the preview does not show the edit of {post.name}")
            updated.append(done - start)
            # Memory is sampled only here: reading /proc must not slow the save being timed.
            done, _ = _wait_for_line(log, INDEXED, after, deadline, peak)
            indexed.append(done - start)
            time.sleep(1)
        peak.sample()
        children = [mib for name, mib in peak.peaks.items() if name.startswith("pagefind")]
        return {
            "updated": updated,
            "indexed": indexed,
            "peak_mib": peak.peaks.get("preview"),
            "indexer_peak_mib": max(children, default=None),
        }
    finally:
        preview.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            preview.wait(timeout=20)
        if preview.poll() is None:
            preview.kill()


def _slug(post, default):
    for line in post.read_text(encoding="utf-8").splitlines():
        if line.startswith("Slug:"):
            return line.split(":", 1)[1].strip()
        if not line.strip():
            break
    return default
