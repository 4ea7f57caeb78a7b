"""Plain, readable log output for the tasks (no timestamps or wrapping: authors read it)."""

import logging
import sys

# Loggers whose INFO lines are for authors and maintainers (Pelican's own "Writing …" are not).
OURS = ("tasks", "sitetools", "plugins.content_guard")
PREFIX = {logging.CRITICAL: "fout: ", logging.ERROR: "fout: ", logging.WARNING: "let op: "}


class _AuthorFormatter(logging.Formatter):
    def format(self, record):
        text = super().format(record)
        if getattr(record, "plain", False):
            return text
        return PREFIX.get(record.levelno, "") + text


def setup(level=logging.WARNING):
    """Send log records to stderr as plain lines; Pelican's and livereload's handlers go."""
    import pelican.log  # noqa: F401,PLC0415 (installs Pelican's logger classes first)

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_AuthorFormatter("%(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(max(level, logging.WARNING))
    for name in OURS:
        logging.getLogger(name).setLevel(level)
    # livereload and tornado add handlers of their own: every line would be printed twice.
    for name in ("livereload", "tornado", "tornado.access", "tornado.application"):
        logging.getLogger(name).handlers[:] = []


def fresh_run():
    """Forget which messages were logged: Pelican drops repeats for the whole process, so a
    second build in the preview would otherwise print (and stop on) nothing it printed before."""
    from pelican.log import LimitFilter  # noqa: PLC0415

    LimitFilter._raised_messages = set()
    LimitFilter._group_count.clear()
