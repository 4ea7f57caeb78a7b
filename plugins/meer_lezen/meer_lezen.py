"""Pelican glue of Meer lezen: validate picks, compute the block's items, hand them to templates."""

from dataclasses import dataclass
from pathlib import Path

from pelican import signals

from plugins.fenced_blocks.pelican_glue import check_prefixed_settings

from .picks import parse_picks, pick_problems
from .selection import Doc, Options, related, terms

DEFAULTS = {
    "MEER_LEZEN_COUNT": 3,
    "MEER_LEZEN_TEXT_WEIGHT": 1.0,
    "MEER_LEZEN_TERMS_PER_ARTICLE": 10,
    "MEER_LEZEN_WORDS_PER_ARTICLE": 200,
    "MEER_LEZEN_POSTING_CAP": 12,
}


class MeerLezenError(Exception):
    """An author's pick cannot be honoured; the build stops with these Dutch lines."""

    exitcode = 1


@dataclass
class MeerLezenItem:
    """One link of the block: the article, why it was chosen, the themes it shares."""

    article: object
    kind: str
    shared_tags: tuple


def options(settings):
    """Options from MEER_LEZEN_* settings."""
    value = {k: settings.get(k, v) for k, v in DEFAULTS.items()}
    return Options(
        count=value["MEER_LEZEN_COUNT"],
        text_weight=value["MEER_LEZEN_TEXT_WEIGHT"],
        terms_per_doc=value["MEER_LEZEN_TERMS_PER_ARTICLE"],
        words_per_doc=value["MEER_LEZEN_WORDS_PER_ARTICLE"],
        posting_cap=value["MEER_LEZEN_POSTING_CAP"],
    )


def to_doc(article):
    """The selection's view of a Pelican article."""
    return Doc(
        slug=article.slug,
        date=article.date.timestamp(),
        tags=tuple(str(t) for t in getattr(article, "tags", []) or []),
        category=str(getattr(article, "category", "")),
        text=f"{article.title} {getattr(article, 'summary', '')} {article._content}",
        picks=parse_picks(getattr(article, "meer_lezen", "")),
    )


def selection_input(article, settings):
    """What the selection reads of ``article``'s text (its counted words): if a save leaves this
    and the metadata as they were, every article's Meer lezen stays as it was."""
    return terms(to_doc(article).text, options(settings).words_per_doc)


def validate_picks(generator):
    """Raise MeerLezenError naming every pick of a published article that cannot be shown.

    The content guard reports these before the build with file and line; this is the last
    line of defence. Drafts are not checked here: their problems are notes, never errors.
    """
    statuses = {a.slug: "published" for a in generator.articles}
    statuses.update(
        {
            a.slug: "scheduled" if getattr(a, "scheduled", False) else "draft"
            for a in generator.drafts
        }
    )
    statuses.update({a.slug: "hidden" for a in generator.hidden_articles})
    failures, folder = [], Path(generator.settings["PATH"]).name
    for article in [*generator.articles, *generator.hidden_articles]:
        for message in pick_problems(
            article.slug, parse_picks(getattr(article, "meer_lezen", "")) or [], statuses
        ):
            failures.append(f"{folder}/{article.relative_source_path}: {message}")
    if failures:
        raise MeerLezenError("\n".join(failures))


def attach(generator):
    """Give every published article its ``meer_lezen_items``."""
    check_prefixed_settings(generator.settings, "MEER_LEZEN_", DEFAULTS)
    validate_picks(generator)
    articles = list(generator.articles)
    chosen = related([to_doc(a) for a in articles], options(generator.settings))
    by_slug = {a.slug: a for a in articles}
    for article, items in zip(articles, chosen, strict=True):
        article.meer_lezen_items = [
            MeerLezenItem(by_slug[r.slug], r.kind, r.shared_tags) for r in items
        ]
    for article in [*generator.drafts, *generator.hidden_articles]:
        article.meer_lezen_items = []


def register():
    """Connect the plugin to Pelican's signals."""
    signals.article_generator_finalized.connect(attach)
