"""Load Pelican settings for a config file of the project."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load(config="pelicanconf.py", **override):
    """Pelican settings of ``config`` (relative to the project root) with overrides."""
    from pelican.settings import read_settings  # noqa: PLC0415 (Pelican is slow to import)

    return read_settings(str(ROOT / config), override=override or None)
