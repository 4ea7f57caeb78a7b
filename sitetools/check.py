"""`./blog check`: every content problem at once, one line each, without writing anything."""

from .settings import load


def problems(config="pelicanconf.py", **override):
    """All problems in the content: errors and draft notes (content_guard Problems).

    A broken vocabulary file raises VocabularyError (its message names the file and the fix).
    """
    settings = load(config, **override)
    from plugins.content_guard.content_guard import run_checks  # noqa: PLC0415

    return run_checks(settings)[1]


def overview(config="pelicanconf.py", **override):
    """(problems, lines naming each scheduled post and when it appears), for ``./blog check``."""
    settings = load(config, **override)
    from plugins.content_guard.content_guard import run_checks  # noqa: PLC0415
    from plugins.schedule.schedule import scheduled_lines  # noqa: PLC0415

    _, found, posts = run_checks(settings)
    return found, scheduled_lines(settings, posts)
