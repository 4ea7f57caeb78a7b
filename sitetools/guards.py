"""Folders that a build or a deploy must never replace or delete: the project, its sources, home.

A build swaps its output folder out and deletes the old one; a deploy mirrors the site into its
target with --delete. Both first ask ``clash`` whether that folder is safe to replace.
"""

from pathlib import Path

from .settings import ROOT


def protected_folders(settings=None):
    """(Dutch name, resolved path) of every folder whose loss would hurt."""
    settings = settings or {}
    folders = [
        ("de projectmap", ROOT),
        ("de contentmap", Path(settings.get("PATH") or ROOT / "content")),
        ("de thuismap", Path.home()),
    ]
    if settings.get("THEME"):
        folders.append(("de themamap", Path(settings["THEME"])))
    folders.append(("de pluginmap", ROOT / "plugins"))
    return [(name, path.resolve()) for name, path in folders]


def clash(folder, protected, inside=()):
    """Why ``folder`` may not be replaced, or None if it may.

    A folder may not be, or contain, a protected folder; nor lie inside one of the folders named
    in ``inside`` (a subset of the protected names).
    """
    folder = Path(folder).resolve()
    for name, path in protected:
        if folder == path:
            return f"is {name} ({path})"
        if folder in path.parents:
            return f"bevat {name} ({path})"
    for name, path in protected:
        if name in inside and path in folder.parents:
            return f"ligt in {name} ({path})"
    return None
