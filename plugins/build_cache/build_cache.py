"""Key Pelican's content cache by every input of the build except the posts' own files.

Pelican reuses a cached post when the post's file is unchanged. What it read, though, also
depends on other inputs: the plugins and the theme's partials (tables and cards are rendered
while reading), the settings, the vocabulary and any other file in the content folder, and
the installed packages. So the cache lives in a folder named after a fingerprint of all of
those: every file under the theme (except its static files: CSS, fonts and scripts are copied,
never read while reading posts), the plugin folders and the content folder (except the
article and page sources, which Pelican checks one by one), the settings (functions by
their code), and the name and version of every installed package. Change any of them and the
build starts with an empty cache. Older cache folders are removed.

With ``CONTENT_CACHING_LAYER = "generator"`` Pelican caches whole post objects, and each
carries the site context of the build that cached it; Pelican resolves ``{filename}`` links
against that context, so a renamed target would keep its old address. ``refresh_context``
hands every post the context of the current build before anything reads its text. (With the
default reader layer, used here, only the text and metadata are cached and links resolve at
render time in every build.)
"""

import hashlib
import importlib.metadata
import logging
import marshal
import os
import shutil
import sys
from pathlib import Path

from pelican import signals
from pelican.contents import Content

log = logging.getLogger(__name__)
# Settings that name where things go, or that plugins add while running (the vocabulary is
# covered by its file, which is in the content folder): not inputs.
VOLATILE = {
    "OUTPUT_PATH",
    "CACHE_PATH",
    "VOCABULARY",
    "BUILD_CACHE_ROOT",
    "RENDER_CACHE_PREVIOUS_OUTPUT",
    "PREVIEW_URL",  # only in the draft lines of the log: ./blog build and livereload share a cache
    # Only the preview's search page reads it (rendered in every build, never cached).
    "SEARCH_STATUS_FILE",
}
# Extensions Pelican's readers take as posts; such files in ARTICLE_PATHS or PAGE_PATHS are
# checked by Pelican itself, file by file.
_PACKAGES = {}
SOURCE_SUFFIXES = {".md", ".markdown", ".mkd", ".mdown", ".rst", ".htm", ".html"}


def stable(value, depth=0):
    """A repr that is the same in every run and differs when the value does.

    Functions are described by their code, defaults and closure; other objects by their
    class.
    """
    if depth > 6:
        return type(value).__qualname__
    nested = depth + 1
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda kv: repr(kv[0]))
        return "{" + ",".join(f"{k!r}:{stable(v, nested)}" for k, v in items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(stable(v, nested) for v in value) + "]"
    if isinstance(value, set | frozenset):
        return "{" + ",".join(sorted(stable(v, nested) for v in value)) + "}"
    if value is None or isinstance(value, str | int | float | bool | bytes):
        return repr(value)
    code = getattr(value, "__code__", None)
    if code is not None:
        cells = [c.cell_contents for c in value.__closure__ or () if _filled(c)]
        return (
            "fn:"
            + hashlib.sha256(
                marshal.dumps(code)
                + stable(getattr(value, "__defaults__", None), nested).encode()
                + stable(cells, nested).encode()
            ).hexdigest()
        )
    if isinstance(value, type):
        return f"class:{value.__module__}.{value.__qualname__}"
    name = f"{type(value).__module__}.{type(value).__qualname__}"
    text = repr(value)
    if type(value).__repr__ is not object.__repr__ and " at 0x" not in text:
        return f"{name}:{text}"  # dates, paths, patterns: their repr is their value
    # Other objects (a Markdown extension a plugin adds): their class's code is in the
    # fingerprint (plugin files, package versions) and their configuration in the settings.
    return f"object:{name}"


def _filled(cell):
    try:
        cell.cell_contents  # noqa: B018 (an empty cell raises)
    except ValueError:
        return False
    return True


def packages():
    """Name and version of every installed distribution, and Python's version.

    Remembered per process while no folder on the import path changed (installing or
    removing a package changes its folder), for the preview that builds again and again.
    """
    stamp = tuple((p, os.stat(p).st_mtime_ns) for p in sys.path if os.path.isdir(p))
    if _PACKAGES.get("stamp") != stamp:
        found = sorted(
            f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()
        )
        _PACKAGES.update(stamp=stamp, text="\n".join([sys.version, *found]))
    return _PACKAGES["text"]


def is_source(relative, settings):
    """True for a post or page file that Pelican checks itself, file by file."""
    if relative.suffix.lower() not in SOURCE_SUFFIXES:
        return False
    folders = [*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", [])]
    parts = relative.parts
    for folder in folders:
        prefix = Path(folder).parts
        if not prefix or parts[: len(prefix)] == prefix:
            return True
    return False


def files_digest(folder, digest, skip=None):
    """Feed every file's path and bytes under ``folder`` into ``digest`` (``skip`` excepted)."""
    folder = Path(folder)
    if not folder.is_dir():
        digest.update(f"missing {folder}".encode())
        return
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for name in sorted(filenames):
            path = Path(dirpath, name)
            relative = path.relative_to(folder)
            if skip and skip(relative):
                continue
            digest.update(f"\0{relative}\0".encode())
            with open(path, "rb") as handle:
                digest.update(hashlib.file_digest(handle, "sha256").digest())


# The project's plugin package: every plugin's code decides what a cached post looks like.
PLUGINS_FOLDER = Path(__file__).resolve().parent.parent


def theme_static(relative, settings):
    """True for a file of the theme's static folders (THEME_STATIC_PATHS), copied as it is."""
    folders = settings.get("THEME_STATIC_PATHS", ["static"])
    return any(relative.is_relative_to(folder) for folder in folders)


def fingerprint(settings):
    """Hex digest of every input that decides what a cached post looks like.

    The theme's static files (CSS, fonts, scripts) are left out: no reader or plugin reads them
    while reading a post (the static generator copies them in every build), so a CSS edit keeps
    the cache.
    """
    digest = hashlib.sha256()
    digest.update(packages().encode())
    digest.update(stable({k: v for k, v in settings.items() if k not in VOLATILE}).encode())
    files_digest(settings["THEME"], digest, skip=lambda rel: theme_static(rel, settings))
    files_digest(PLUGINS_FOLDER, digest)
    files_digest(settings["PATH"], digest, skip=lambda rel: is_source(rel, settings))
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


def refresh_context(generator):
    """Give every post the context (and settings) of this build, cached ones included."""
    for value in list(vars(generator).values()):
        if isinstance(value, list):
            for item in value:
                if isinstance(item, Content):
                    item._context = generator.context
                    item.settings = generator.settings


def register():
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(key_cache)
    signals.article_generator_pretaxonomy.connect(refresh_context)
    signals.page_generator_finalized.connect(refresh_context)
