"""Helpers for plugins that render fenced blocks with theme templates inside Markdown."""


def install_extension(settings, extension):
    """Add ``extension`` to MARKDOWN extensions, replacing an earlier instance of its class.

    The settings' MARKDOWN dict is copied, never mutated, because Pelican's defaults share it
    between runs (autoreload, tests).
    """
    markdown = dict(settings.get("MARKDOWN", {}))
    kept = [e for e in markdown.get("extensions", []) if type(e) is not type(extension)]
    markdown["extensions"] = [*kept, extension]
    settings["MARKDOWN"] = markdown


def find_extension(settings, cls):
    """The installed extension of ``cls`` in these settings, or None."""
    for ext in settings.get("MARKDOWN", {}).get("extensions", []):
        if isinstance(ext, cls):
            return ext
    return None


class SettingsError(Exception):
    """A setting in pelicanconf.py is wrong; the build stops with this Dutch message."""

    exitcode = 1


def check_prefixed_settings(settings, prefix, defaults):
    """Raise SettingsError naming every ``PREFIX_*`` setting that is not a known one."""
    unknown = sorted(key for key in settings if key.startswith(prefix) and key not in defaults)
    if unknown:
        raise SettingsError(
            "\n".join(
                f"pelicanconf.py: {key} is geen bekende instelling; "
                f"bedoel je een van: {', '.join(sorted(defaults))}?"
                for key in unknown
            )
        )
