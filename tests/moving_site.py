"""A small site written by the tests: articles that move (redirects) and posts dated ahead.

Never the real content: the vocabulary and the about page come from the golden site.
"""

import shutil

from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "content"
POST = """Title: {title}
Date: {date}
Category: Arbeidsmarkt
Tags: Arbeidsmarkt, AI
Slug: {slug}
Summary: Een artikel over {title}.
{extra}
{body}
"""


def post(slug, date="2025-03-01", extra="", body="Gewone tekst van het artikel.", title=None):
    """The text of an article with every required field; ``extra`` adds header lines."""
    extra = extra.strip("\n")
    return POST.format(
        title=title or slug.replace("-", " ").capitalize(),
        date=date,
        slug=slug,
        extra=extra + "\n" if extra else "",
        body=body,
    )


def write_site(content, posts):
    """Write ``content/`` with the golden vocabulary and about page, and ``posts`` (name -> text)."""
    (content / "artikelen").mkdir(parents=True, exist_ok=True)
    shutil.copy(GOLDEN / "themas.toml", content / "themas.toml")
    shutil.copytree(GOLDEN / "pages", content / "pages", dirs_exist_ok=True)
    for name, text in posts.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return content


def build_site(content, output, config="pelicanconf.py", **override):
    """Build ``content`` into ``output`` in-process, caches off; returns the output folder."""
    from sitetools.build import build  # noqa: PLC0415

    return build(
        config,
        output,
        PATH=str(content),
        CACHE_CONTENT=False,
        LOAD_CONTENT_CACHE=False,
        **override,
    )
