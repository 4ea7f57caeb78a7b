"""`./blog check`: every content problem at once, one line each, without writing anything."""

from .settings import load


def problems(config="pelicanconf.py", **override):
    """All problems in the content: errors and draft notes (content_guard Problems), and the
    published addresses (content/adressen.txt) that a build would no longer write.

    A broken vocabulary file raises VocabularyError (its message names the file and the fix).
    """
    return overview(config, **override)[0]


def overview(config="pelicanconf.py", **override):
    """(problems, lines naming each scheduled post and when it appears), for ``./blog check``.

    The problems include the published addresses (content/adressen.txt) that a build of these
    posts would no longer write: the same ones the build stops on.
    """
    settings = load(config, **override)
    from plugins.content_guard.content_guard import run_checks  # noqa: PLC0415
    from plugins.schedule.schedule import scheduled_lines  # noqa: PLC0415

    from . import ledger  # noqa: PLC0415

    _, found, posts = run_checks(settings)
    lost = ledger.problems(settings, ledger.expected_addresses(settings, posts))
    return sorted(found + lost), scheduled_lines(settings, posts)
