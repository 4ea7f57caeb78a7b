"""Twenty realistic edits to a blog, as an author and a maintainer make them over some weeks.

Works on any project whose content folder has at least six published articles: the articles are
picked by position, and new themes, rubrics and sources come from the posts themselves, so the
same sequence runs on the test's fixture site and on the benchmark's generated corpus. Used by
``tests/test_cache.py`` (every cached build equals a clean one; ``cache/`` stays bounded) and by
``bench/cache_growth.py`` (the size of ``cache/`` after each edit).
"""

import io
import re
from pathlib import Path

from PIL import Image

ARTICLES = Path("content") / "artikelen"
PHOTO = "images/werkplek-bench.png"


def header(path, key):
    """The value of header line ``key`` of the post at ``path`` ('' when absent)."""
    match = re.search(rf"^{key}:[ \t]*(.*)$", _head(path), re.M)
    return match[1].strip() if match else ""


def set_header(path, key, value):
    """Set (or add, or with ``value`` None remove) header line ``key`` of the post at ``path``."""
    head, body = Path(path).read_text(encoding="utf-8").split("\n\n", 1)
    lines = [line for line in head.splitlines() if not line.startswith(f"{key}:")]
    if value is not None:
        lines.append(f"{key}: {value}")
    Path(path).write_text("\n".join(lines) + "\n\n" + body, encoding="utf-8")


def append(path, text):
    """Add ``text`` at the end of the file at ``path``."""
    path = Path(path)
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _head(path):
    return Path(path).read_text(encoding="utf-8").split("\n\n", 1)[0]


def photo(seed, width=900, height=600):
    """PNG bytes of a small generated picture (different pixels for each ``seed``)."""
    im = Image.linear_gradient("L").resize((width, height))
    colour = Image.merge("RGB", (im, im.rotate(90 + seed).resize((width, height)), im))
    out = io.BytesIO()
    colour.save(out, "PNG")
    return out.getvalue()


def picks(project):
    """Published articles for the edits: four, and two that nothing links to (renamed, deleted)."""
    posts = sorted((Path(project) / ARTICLES).glob("*.md"))
    published = [p for p in posts if header(p, "Status").lower() != "draft"]
    texts = {p: p.read_text(encoding="utf-8") for p in posts}
    named = [
        p
        for p in published[6:] + published[:6]
        if not any(
            header(p, "Slug") in t or p.name in t for other, t in texts.items() if other != p
        )
    ]
    if len(published) < 6 or len(named) < 2:
        raise ValueError("the edits need six published articles, two of them linked from nowhere")
    renamed, deleted = named[-2:]
    rest = [p for p in published if p not in (renamed, deleted)]
    return rest[:4], renamed, deleted


def steps(project):
    """The twenty edits as (what, function of no arguments) for ``project``."""
    project = Path(project)
    (a, b, c, e), f, loner = picks(project)
    new = project / ARTICLES / "nieuw-concept-bench.md"
    images = project / "content" / "images"
    themes = {
        t.strip() for p in (project / ARTICLES).glob("*.md") for t in header(p, "Tags").split(",")
    }
    extra_theme = sorted(themes - {t.strip() for t in header(c, "Tags").split(",")})[0]
    draft = (
        f"Title: Een nieuw concept\nDate: 2026-02-02\nCategory: {header(a, 'Category')}\n"
        f"Tags: {header(a, 'Tags')}\nSlug: nieuw-concept-bench\n"
        f"Summary: Een kort nieuw stuk om te zien dat een nieuwe post overal verschijnt.\n"
        f"Bron_site: {header(a, 'Bron_site')}\nStatus: draft\n\nEen eerste alinea.\n"
    )

    def add_photo(seed):
        images.mkdir(exist_ok=True)
        (project / "content" / PHOTO).write_bytes(photo(seed))

    def remove_photo():
        text = e.read_text(encoding="utf-8")
        e.write_text(text.replace(f"\n![Een werkplek met twee schermen](/{PHOTO})\n", ""))
        set_header(e, "Image", None)
        set_header(e, "Image_alt", None)
        (project / "content" / PHOTO).unlink()

    return [
        ("text of an article", lambda: append(a, "\nEen nieuwe alinea met een zin erbij.\n")),
        ("title, first edit", lambda: set_header(a, "Title", header(a, "Title") + " (1)")),
        ("title, second edit", lambda: set_header(a, "Title", header(a, "Title") + " (2)")),
        ("title, third edit", lambda: set_header(a, "Title", header(a, "Title") + " (3)")),
        ("summary", lambda: set_header(b, "Summary", "Een nieuwe, kortere samenvatting.")),
        ("a theme added", lambda: set_header(c, "Tags", f"{header(c, 'Tags')}, {extra_theme}")),
        ("a new draft", lambda: new.write_text(draft, encoding="utf-8")),
        ("the draft's title", lambda: set_header(new, "Title", "Een nieuw concept, herzien")),
        ("the draft published", lambda: set_header(new, "Status", None)),
        (
            "a photo in an article",
            lambda: (
                add_photo(1),
                append(e, f"\n![Een werkplek met twee schermen](/{PHOTO})\n"),
            ),
        ),
        ("the photo replaced", lambda: add_photo(2)),
        (
            "the photo as hero image",
            lambda: (
                set_header(e, "Image", PHOTO),
                set_header(e, "Image_alt", "Een werkplek met twee schermen"),
            ),
        ),
        ("the photo removed", remove_photo),
        (
            "the CSS",
            lambda: append(project / "theme" / "static" / "css" / "base.css", "\n.x { gap: 0; }\n"),
        ),
        (
            "a text of the theme",
            lambda: _replace(
                project / "theme" / "templates" / "_strings.html", "Naar de inhoud", "Naar de tekst"
            ),
        ),
        ("a post's file renamed", lambda: f.rename(f.with_name("hernoemd-" + f.name))),
        ("a post deleted", lambda: loner.unlink()),
        ("a date", lambda: set_header(b, "Date", "2024-06-06")),
        ("the new post's text", lambda: append(new, "\nNog een alinea.\n")),
        ("text of an article again", lambda: append(a, "\nEn nog een zin.\n")),
    ]


def _replace(path, old, new):
    text = Path(path).read_text(encoding="utf-8")
    if old not in text:
        raise ValueError(f"{old!r} not in {path}")
    Path(path).write_text(text.replace(old, new), encoding="utf-8")
