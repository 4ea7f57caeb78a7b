"""Cards drawn in a background pool of processes while Pelican is still reading and writing.

Pelican runs on one core; the others would idle until its run ends. A card's spec is known as
soon as its article is read, so its drawing starts then (into the cache folder, each file
atomic), and the post-build step waits for the pool, drawing what is still queued itself, and
links the files. The pool has one worker fewer than the machine has cores (Pelican's process
keeps one) and a slightly lower priority. Its workers ignore Ctrl-C: an interrupted or failed
build cancels what has not started and waits for the cards being drawn (milliseconds), so no
worker outlives the build and no half-written file stays in the cache. A build killed outright
takes its workers with it (``PR_SET_PDEATHSIG``); a temporary file they leave is swept later.
"""

import os
import tempfile
from pathlib import Path

from plugins.images.derive import background_pool

from .card import crop_hero, draw_card

# So few missing cards are drawn at once in the build's own process (no pool to start).
INLINE = 8
# Cards per message to the pool: a card takes milliseconds, so a message each would cost a
# good part of that in the build's own process.
BATCH = 16


def make(job, cache):
    """The path of ``job``'s file in ``cache``, made there unless it is there already (atomic)."""
    draw(job, cache)
    return Path(cache) / job.name


def draw(job, cache):
    """Make ``job``'s file in ``cache`` unless it is there; True if this call drew it."""
    path = Path(cache) / job.name
    if path.is_file():
        return False
    data = draw_card(job.spec) if job.spec else crop_hero(job.source, job.background)
    fd, tmp = tempfile.mkstemp(prefix=".card-", dir=cache)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def make_all(jobs, cache):
    """``draw`` each of ``jobs``; {name: True if this call drew it}."""
    return {job.name: draw(job, cache) for job in jobs}


class Drawing:
    """The cards of one build being made in ``cache``: started early, waited for once.

    Jobs go to the pool in batches of ``BATCH`` (one message per batch, not per card).
    """

    def __init__(self, cache, workers=None):
        self.cache = Path(cache)
        self.workers = workers
        self.pool = None
        self.started = set()  # names of the jobs queued or sent to the pool
        self.queue = []  # jobs not sent yet
        self.batches = []  # (jobs, Future of make_all)

    def start(self, job):
        """Start making ``job`` in the background unless it is cached or started already."""
        if job.name in self.started or (self.cache / job.name).is_file():
            return
        self.started.add(job.name)
        self.queue.append(job)
        if len(self.queue) >= BATCH:
            self.flush()

    def flush(self):
        """Send the queued jobs to the pool (started at the first batch)."""
        if not self.queue:
            return
        if self.pool is None:
            self.cache.mkdir(parents=True, exist_ok=True)
            self.pool = background_pool(self.workers)
        self.batches.append((self.queue, self.pool.submit(make_all, self.queue, self.cache)))
        self.queue = []

    def finish(self, jobs):
        """Make sure every one of ``jobs`` is in the cache; wait for the pool and close it.

        This process helps: it draws the batches still queued from the last one back while the
        workers go on from the first (a few missing cards it draws alone, without a pool). A
        card started early that the build did not keep (a draft in a publish, a title that
        changed after it was read) is deleted again if this build drew it.
        """
        drawn = {}
        try:
            for job in jobs:
                self.start(job)
            if not self.batches and len(self.queue) <= INLINE:
                drawn.update(make_all(self.queue, self.cache))
                self.queue = []
            self.flush()
            for batch, future in reversed(self.batches):
                if future.cancel():
                    drawn.update(make_all(batch, self.cache))
            for _, future in self.batches:
                if not future.cancelled():
                    drawn.update(future.result())
        finally:
            self.stop()
        wanted = {job.name for job in jobs}
        for name, by_us in drawn.items():
            if by_us and name not in wanted:
                (self.cache / name).unlink(missing_ok=True)

    def stop(self):
        """Cancel what has not started, wait for the cards being drawn, end the workers."""
        self.queue = []
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
