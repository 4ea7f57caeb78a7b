"""Reuse the previous build's search index when no indexed article page changed.

A rebuild after a template, style or draft edit writes the same article pages; indexing them again
would cost seconds for the same index. A small record in the cache folder lists what was
indexed (every article page's path and the digest of its bytes, in the order they were handed to
the indexer, with the indexer's version and our own index code) and the digest of the index folder
that came out. The previous output's index is reused only when both match: the same input, and an
index folder that is exactly the one that input produced.
"""

import hashlib
import json
import os
import shutil
from importlib import metadata
from pathlib import Path

RECORD = "search-index.json"
CODE = ("search_index.py", "search_live.py", "search_reuse.py", "search_stable.py")


def code_digest():
    """Digest of the indexer's version and of our own index code."""
    here = Path(__file__).parent
    digest = hashlib.sha256(metadata.version("pagefind-bin").encode())
    for name in CODE:
        digest.update((here / name).read_bytes())
    return digest.hexdigest()


def bundle_digest(bundle):
    """Digest of every file's path and bytes in the index folder ``bundle``."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(bundle).rglob("*") if p.is_file()):
        digest.update(path.relative_to(bundle).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _load(record):
    try:
        saved = json.loads(Path(record).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return saved if isinstance(saved, dict) and saved.get("code") == code_digest() else {}


def last_pages(record):
    """The pages the previous index holds, ``[[path, sha256], ...]`` in indexing order, or None."""
    return _load(record).get("pages") if record else None


def bundle_matches(record, bundle):
    """Whether ``bundle`` is exactly the index folder the record was written for."""
    saved = _load(record)
    return bool(saved) and Path(bundle).is_dir() and saved.get("bundle") == bundle_digest(bundle)


def save(record, bundle, pages):
    """Remember that ``bundle`` is the index of ``pages`` (written whole or not at all)."""
    record = Path(record)
    record.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(
        {
            "code": code_digest(),
            "pages": list(map(list, pages.items())),
            "bundle": bundle_digest(bundle),
        }
    )
    part = record.with_name(f".{record.name}.{os.getpid()}")
    part.write_text(text, encoding="utf-8")
    os.replace(part, record)


def copy_bundle(source, target):
    """Copy the index folder, by hard links where the disk allows (nothing writes into it later)."""
    for path in sorted(Path(source).rglob("*")):
        new = Path(target) / path.relative_to(source)
        if path.is_dir():
            new.mkdir(parents=True, exist_ok=True)
            continue
        new.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, new)
        except OSError:
            shutil.copyfile(path, new)
