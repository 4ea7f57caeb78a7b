"""Load Pelican settings for a config file; importing this makes the plugins importable."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The tools reuse the plugins' pure functions (checks, vocabulary), as pelicanconf.py does.
if str(ROOT / "plugins") not in sys.path:
    sys.path.insert(0, str(ROOT / "plugins"))


def load(config="pelicanconf.py", **override):
    """Pelican settings of ``config`` (relative to the project root) with overrides."""
    from pelican.settings import read_settings  # noqa: PLC0415 (Pelican is slow to import)

    return read_settings(str(ROOT / config), override=override or None)
