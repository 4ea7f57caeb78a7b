"""`invoke new "Titel"`: a new post with every metadata field, never overwriting one."""

from datetime import date
from pathlib import Path

from .settings import ROOT, load

TEMPLATE = """Title: {title}
Date: {today}
Category:
Tags:
Slug: {slug}
Summary:
Bron_site:
Meer_lezen:
Status: draft

Schrijf hier je artikel. Tussenkoppen maak je met ## aan het begin van een regel.

<!--
Vul hierboven in:
- Category: een van: {categories}
- Tags: 1 tot 5 thema's, met komma's ertussen, gekozen uit: {themes}
- Summary: een of twee zinnen voor de lezer (hoogstens 300 tekens)
- Bron_site (mag leeg): {sources}
- Meer_lezen (mag leeg): slugs van artikelen die de lezer hierna moet lezen, of 'geen'
- Foto's: zet ze in de map content/images/ (hoe je ze in de tekst zet: zie hoofdstuk 4a van
  docs/schrijven-voor-de-blog.md)
- Status: haal 'draft' weg (of maak er 'published' van) als het artikel af is.
Dit commentaar mag weg; lezers zien het niet.
-->
"""


class NewPostError(Exception):
    """The post was not created; the message says why."""


def create_post(title, today=None, folder=None):
    """Write content/artikelen/<slug>.md for ``title`` and return its path."""
    from pelican.utils import slugify  # noqa: PLC0415

    from plugins.content_guard.content_guard import vocabulary_path  # noqa: PLC0415
    from plugins.content_guard.vocabulary import load_vocabulary  # noqa: PLC0415

    title = " ".join(title.split())
    if not title:
        raise NewPostError('geef het artikel een titel: ./blog new "Titel van het artikel"')
    settings = load()
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    folder = Path(folder or ROOT / settings["PATH"] / settings["ARTICLE_PATHS"][0])
    path = folder / f"{slug}.md"
    if path.exists():
        raise NewPostError(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path} "
            "bestaat al; kies een andere titel of werk dat artikel verder uit"
        )
    vocab = load_vocabulary(vocabulary_path(settings))
    text = TEMPLATE.format(
        title=title,
        today=(today or date.today()).isoformat(),
        slug=slug,
        categories=", ".join(vocab.categories),
        themes=", ".join(vocab.themes),
        sources=", ".join(vocab.sources),
    )
    folder.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(text)
    return path
