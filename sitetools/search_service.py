"""Pagefind's service mode (``pagefind --service``) from Python, without blocking the build.

Messages are base64-encoded JSON, each ended by a comma, on the process's input; replies come
back the same way. A thread writes (so Pelican never waits for Pagefind) and another reads.
We speak the protocol ourselves: the ``pagefind`` package's asyncio client waits 0.1 s before
reading each reply, which would cost 100 s for 1,000 pages.
"""

import base64
import json
import queue
import subprocess
import threading
from contextlib import suppress

from .search_index import TIMEOUT_S, SearchIndexError, _dutch


def service_command():
    """Pagefind's service mode (the binary ships in the pagefind-bin package)."""
    from pagefind_bin import get_executable  # noqa: PLC0415 (only the build needs it)

    return [str(get_executable()), "--service"]


class Service:
    """One ``pagefind --service`` process: base64 JSON messages, each ended by a comma.

    Messages are written by a thread, so Pelican never waits for Pagefind; replies are read by
    another thread and kept by message id.
    """

    def __init__(self):
        try:
            self.process = subprocess.Popen(  # noqa: S603 (our own pinned binary)
                service_command(),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as err:
            raise SearchIndexError(_dutch(str(err))) from err
        self.outbox = queue.SimpleQueue()
        self.replies = {}
        self.ended = None  # why the service can answer no more
        self.changed = threading.Condition()
        self.last_id = 0
        self.threads = [
            threading.Thread(target=self._write, daemon=True),
            threading.Thread(target=self._read, daemon=True),
        ]
        for thread in self.threads:
            thread.start()

    def send(self, payload):
        """Queue one message; its id, to wait for the reply."""
        self.last_id += 1
        self.outbox.put({"message_id": self.last_id, "payload": payload})
        return self.last_id

    def reply(self, message_id, timeout=TIMEOUT_S):
        """The reply to ``message_id``; SearchIndexError if Pagefind failed or stopped."""
        with self.changed:
            self.changed.wait_for(lambda: message_id in self.replies or self.ended, timeout=timeout)
            payload = self.replies.get(message_id)
        if payload is None:
            raise SearchIndexError(_dutch(self.ended or "the indexer did not answer in time"))
        if payload.get("type") == "Error":
            raise SearchIndexError(_dutch(payload.get("message", "error")))
        return payload

    def close(self, at_once=False):
        """End the process: it stops when its input closes, or ``at_once``."""
        self.outbox.put(None)
        if at_once:
            self.process.kill()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _write(self):
        stdin = self.process.stdin
        while (message := self.outbox.get()) is not None:
            try:
                stdin.write(base64.b64encode(json.dumps(message).encode("utf-8")) + b",")
                stdin.flush()
            except OSError as err:
                self._end(f"writing to the indexer: {err}")
                return
        with suppress(OSError):
            stdin.close()

    def _read(self):
        pending = b""
        while chunk := self.process.stdout.read1(1 << 16):
            *messages, pending = (pending + chunk).split(b",")
            for message in messages:
                try:
                    answer = json.loads(base64.b64decode(message))
                except ValueError:
                    self._end(f"unreadable answer from the indexer: {message[:200]!r}")
                    return
                payload = answer.get("payload") or {}
                if answer.get("message_id") is None:  # a message it could not even read
                    self._end(f"the indexer refused a message: {payload.get('message')}")
                    return
                with self.changed:
                    self.replies[answer["message_id"]] = payload
                    self.changed.notify_all()
        self._end(f"the indexer stopped (exit status {self.process.wait()})")

    def _end(self, why):
        with self.changed:
            self.ended = self.ended or why
            self.changed.notify_all()
