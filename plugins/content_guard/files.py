"""Every file under the content folder has a place: nothing is left out of the site silently.

A file is an article (under ARTICLE_PATHS), a page (PAGE_PATHS), a static file (STATIC_PATHS),
the vocabulary, or matches one of the ignore rules (CONTENT_GUARD_IGNORE, file names with
wildcards). Anything else is a problem that names the file and says where it belongs.
"""

import fnmatch
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .problems import Problem

POST_SUFFIXES = (".md", ".markdown")  # case matters: Pelican does not read 'x.MD'
# Debris of operating systems and editors: never part of the site, never worth a word.
DEFAULT_IGNORE = (
    ".DS_Store",
    "Thumbs.db",
    "desktop.ini",
    ".gitkeep",
    "*~",
    ".*.swp",
    ".*.swo",
    ".#*",
)


@dataclass(frozen=True)
class Layout:
    """Which folders of the content folder hold what (paths relative to it, posix style)."""

    articles: tuple = ("artikelen",)
    pages: tuple = ("pages",)
    static: tuple = ("images", "extra")
    vocabulary: str = "themas.toml"
    ignore: tuple = DEFAULT_IGNORE


def layout_from(settings, vocabulary, ignore):
    """The layout that Pelican's settings describe; its IGNORE_FILES are ignore rules too."""
    return Layout(
        tuple(settings.get("ARTICLE_PATHS", ["artikelen"])),
        tuple(settings.get("PAGE_PATHS", ["pages"])),
        tuple(settings.get("STATIC_PATHS", [])),
        str(vocabulary),
        (*ignore, *settings.get("IGNORE_FILES", ())),
    )


def _under(rel, folders):
    """True if ``rel`` lies in one of ``folders`` ('' is the whole content folder)."""
    return any(not f.strip("/") or PurePosixPath(f.strip("/")) in rel.parents for f in folders)


def is_ignored(rel, layout):
    """True if the file's name, or a folder it is in, matches an ignore rule (as Pelican does)."""
    return any(fnmatch.fnmatch(part, pattern) for part in rel.parts for pattern in layout.ignore)


def classify(rel, layout):
    """'page', 'article', 'static', 'vocabulary', 'ignored', or None: no place in the site."""
    rel = PurePosixPath(rel)
    if is_ignored(rel, layout):
        return "ignored"
    if str(rel) == layout.vocabulary:
        return "vocabulary"
    post = rel.suffix in POST_SUFFIXES
    if post and _under(rel, layout.pages):  # pages first: Pelican keeps them out of articles
        return "page"
    if post and _under(rel, layout.articles):
        return "article"
    if not post and _under(rel, layout.static):
        return "static"
    return None


def _advice(rel, layout):
    """Where a misplaced file belongs, in words an author understands."""
    articles = " of ".join(f"content/{f}/" for f in layout.articles)
    pages = " of ".join(f"content/{f}/" for f in layout.pages)
    static = " of ".join(f"content/{f}/" for f in layout.static) or "een map voor afbeeldingen"
    if rel.suffix in POST_SUFFIXES:
        if _under(rel, layout.static):
            return (
                f"dit artikel staat in een map voor afbeeldingen en bestanden; zet een artikel "
                f"in {articles} en een pagina in {pages}"
            )
        return (
            f"dit bestand staat niet in een map die de site leest; zet een artikel in "
            f"{articles} en een pagina in {pages}"
        )
    if _under(rel, (*layout.articles, *layout.pages)):
        return (
            f"de site leest hier alleen bestanden die op .md eindigen; geef een artikel de "
            f"extensie .md, zet afbeeldingen en andere bestanden in {static}, of haal het "
            "bestand weg"
        )
    return (
        f"de site gebruikt dit bestand niet; zet afbeeldingen en andere bestanden in {static}, "
        f"artikelen in {articles}, of haal het bestand weg"
    )


def sort_files(content, layout):
    """(posts to check, problems): every file under ``content`` either has a place or a problem."""
    content = Path(content)
    posts, problems = [], []
    for path in sorted(p for p in content.rglob("*") if p.is_file()):
        rel = PurePosixPath(path.relative_to(content).as_posix())
        kind = classify(rel, layout)
        if kind in ("article", "page"):
            posts.append(path)
        elif kind is None:
            display = str(PurePosixPath(content.name) / rel)
            problems.append(Problem(display, 1, _advice(rel, layout)))
    return posts, problems


def article_as_page(post, layout):
    """A post in a page folder with an article's Category or Tags: an article in the wrong place."""
    if not post.is_page:
        return []
    found = [post.fields[key] for key in ("category", "tags") if key in post.fields]
    if not found:
        return []
    _, line, written = min(found, key=lambda field: field[1])
    articles = " of ".join(f"content/{f}/" for f in layout.articles)
    return [
        Problem(
            post.display,
            line,
            f"een pagina heeft geen {written}, een artikel wel; is dit een artikel, zet het dan "
            f"in {articles}; is het een pagina, haal de regel '{written}:' weg",
        )
    ]
