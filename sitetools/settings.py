"""Load Pelican settings for a config file, with the plugin folder importable."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load(config="pelicanconf.py", **override):
    """Pelican settings of ``config`` (relative to the project root) with overrides."""
    if str(ROOT / "plugins") not in sys.path:
        sys.path.insert(0, str(ROOT / "plugins"))
    from pelican.settings import read_settings  # noqa: PLC0415 (after sys.path is set)

    return read_settings(str(ROOT / config), override=override or None)
