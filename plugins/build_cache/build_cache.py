"""Key Pelican's content cache by everything that shapes the HTML of a post.

Pelican reuses a cached post when the post's file is unchanged, even if the plugins, the
theme's partials (tables and cards are rendered while reading) or the settings changed: the
site would then publish stale pages. Here the cache lives in a folder named after a
fingerprint of Pelican's and Python's versions, the plugin and theme files and the settings;
change any of them and the build starts with an empty cache. Older cache folders are removed.
"""

import hashlib
import logging
import platform
import shutil
from pathlib import Path

import pelican
from pelican import signals

log = logging.getLogger(__name__)
# Settings that name where things go, or that plugins add while running: not inputs.
VOLATILE = {
    "OUTPUT_PATH",
    "CACHE_PATH",
    "VOCABULARY",
    "BUILD_CACHE_ROOT",
    "RENDER_CACHE_PREVIOUS_OUTPUT",
}


def stable(value):
    """A repr that is the same in every run (objects by type, collections in order)."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{k!r}:{stable(v)}" for k, v in sorted(value.items(), key=str)) + "}"
    if isinstance(value, list | tuple | set | frozenset):
        items = (
            sorted(map(stable, value)) if isinstance(value, set | frozenset) else map(stable, value)
        )
        return "[" + ",".join(items) + "]"
    if value is None or isinstance(value, str | int | float | bool):
        return repr(value)
    return type(value).__qualname__


def files_digest(folders, digest):
    """Feed every file's path and bytes under ``folders`` into ``digest``."""
    for folder in folders:
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())


def fingerprint(settings):
    """Hex digest of all inputs that decide what a cached post looks like."""
    digest = hashlib.sha256()
    digest.update(f"{pelican.__version__} {platform.python_version()}".encode())
    digest.update(stable({k: v for k, v in settings.items() if k not in VOLATILE}).encode())
    files_digest([settings["THEME"], *settings.get("PLUGIN_PATHS", [])], digest)
    return digest.hexdigest()[:32]


def key_cache(pelican_obj):
    """Point CACHE_PATH at the folder of this fingerprint; drop folders of older ones."""
    settings = pelican_obj.settings
    if not (settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE")):
        return
    root = Path(settings.setdefault("BUILD_CACHE_ROOT", settings["CACHE_PATH"]))
    current = root / fingerprint(settings)
    if root.is_dir():
        for old in root.iterdir():
            if old.is_dir() and old != current and len(old.name) == 32:
                shutil.rmtree(old, ignore_errors=True)
    settings["CACHE_PATH"] = str(current)


def register():
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(key_cache)
