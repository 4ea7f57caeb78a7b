"""`./blog check`: every content problem at once, one line each, without writing anything."""

from .settings import load


def problems(config="pelicanconf.py", **override):
    """All problems in the content: errors and draft notes (content_guard Problems), and the
    published addresses (content/adressen.txt) that a build would no longer write.

    A broken vocabulary file raises VocabularyError (its message names the file and the fix).
    """
    settings = load(config, **override)
    from plugins.content_guard.content_guard import run_checks  # noqa: PLC0415

    from . import ledger  # noqa: PLC0415

    _, found, posts = run_checks(settings)
    # The same addresses the build stops on: those a build of these posts would no longer write.
    return sorted(found + ledger.problems(settings, ledger.expected_addresses(settings, posts)))
