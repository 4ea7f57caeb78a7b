"""`invoke check`: every content problem at once, one line each, without writing anything."""

from .settings import load


def problems(config="pelicanconf.py", **override):
    """All problems in the content as printable lines (empty when all is well)."""
    settings = load(config, **override)
    from content_guard.content_guard import run_checks  # noqa: PLC0415
    from content_guard.vocabulary import VocabularyError  # noqa: PLC0415

    try:
        _, found = run_checks(settings)
    except VocabularyError as err:
        return [str(err)]
    return [str(p) for p in found]
