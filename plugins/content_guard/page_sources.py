"""Which post made which page of the output, so a check of the finished site can name the post.

Recorded from Pelican's own content objects once all generators have read everything
(``all_generators_finalized``): cached posts are included, and nothing is read again.
"""

from pathlib import Path

SOURCES = {}  # output path ('artikelen/x.html') -> (source path, status)


def remember(generators):
    """Record the output path, source and status of every article and page Pelican read."""
    SOURCES.clear()
    if not generators:
        return
    for content in generators[0].context.get("generated_content", {}).values():
        if content is not None and getattr(content, "save_as", ""):
            SOURCES[Path(content.save_as).as_posix()] = (content.source_path, content.status)


def source_of(page):
    """(source path, status) of the post that made output page ``page``, or None (theme pages)."""
    return SOURCES.get(page)


def sources():
    """Every source path that made a page."""
    return sorted({source for source, _ in SOURCES.values()})
