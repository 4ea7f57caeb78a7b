"""Plain, readable log output for the tasks (no timestamps or wrapping: authors read it)."""

import logging
import sys


class _AuthorFormatter(logging.Formatter):
    def format(self, record):
        text = super().format(record)
        if record.levelno >= logging.ERROR:
            return "ERROR: " + text
        if record.levelno >= logging.WARNING:
            return "WARNING: " + text
        return text


def setup(level=logging.WARNING):
    """Send log records to stderr as plain lines; Pelican's own handler is replaced."""
    import pelican.log  # noqa: F401,PLC0415 (installs Pelican's logger classes first)

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_AuthorFormatter("%(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    # Pelican's own INFO lines ("Writing ...") are noise for authors; ours are not.
    root.setLevel(max(level, logging.WARNING))
    for name in ("tasks", "sitetools"):
        logging.getLogger(name).setLevel(level)
