"""Pelican glue of share cards: an og:image for every article, theme, rubric and the home page.

While reading, every page gets its card's data (path, size, alt) in ``SHARE_CARDS``, keyed by
the page's output file; the images are drawn (or taken from the cache) after Pelican's run, by
``publish``, a step of the build's post-build pipeline (``sitetools/build.py``), in parallel,
and copied into the output folder.
"""

import hashlib
import logging
import os
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pelican import signals

from plugins.fenced_blocks.pelican_glue import check_prefixed_settings
from plugins.images.derive import publish_file, sweep, touch, usable_cache

from .card import CODE_VERSION, HEIGHT, WIDTH, CardSpec, crop_hero, draw_card, read_colours

log = logging.getLogger(__name__)

DEFAULTS = {
    "SHARE_CARDS_OUTPUT_DIR": "deelkaarten",
    "SHARE_CARDS_CACHE_DIR": None,  # default: <the project's cache folder>/share_cards
    "SHARE_CARDS_THEME_LABEL": "Thema",
    "SHARE_CARDS_CATEGORY_LABEL": "Rubriek",
}
HOME = "index.html"
RASTER_CROPPABLE = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".bmp")


def setting(settings, name):
    """A SHARE_CARDS_* setting, or its default."""
    return settings.get(name, DEFAULTS[name])


@dataclass(frozen=True)
class Job:
    """One card file to make: a drawn card (``spec``) or a cropped hero photo (``source``)."""

    name: str
    spec: CardSpec | None = None
    source: str = ""
    background: str = "#ffffff"


class _State:
    def __init__(self, settings=None):
        self.settings = settings or {}
        self.started = time.time()  # cache entries not used since then are swept
        self.jobs = {}  # file name -> Job
        self.cards = {}  # output file -> template data
        self.colours = ()


STATE = _State()


def cache_dir(settings):
    """SHARE_CARDS_CACHE_DIR, or ``share_cards/`` in the project's cache folder."""
    chosen = setting(settings, "SHARE_CARDS_CACHE_DIR")
    if chosen:
        return Path(chosen)
    root = settings.get("BUILD_CACHE_ROOT") or settings.get("CACHE_PATH", "cache")
    return Path(root) / "share_cards"


def start(pelican):
    """A new build: check the settings, read the theme's colours, forget the previous cards."""
    global STATE  # noqa: PLW0603 (one build at a time; reset here, read by the other signals)
    settings = pelican.settings
    check_prefixed_settings(settings, "SHARE_CARDS_", DEFAULTS)
    STATE = _State(settings)
    tokens = Path(settings["THEME"]) / "static" / "css" / "tokens.css"
    STATE.colours = read_colours(tokens) if tokens.is_file() else read_colours_default()


def read_colours_default():
    """The built-in colours, for a theme without tokens.css."""
    from .card import COLOURS  # noqa: PLC0415

    return tuple(COLOURS.items())


def _key(*parts):
    return hashlib.sha256(repr((CODE_VERSION, *parts)).encode()).hexdigest()[:12]


def _card(output_file, stem, title, label, alt):
    """Plan a drawn card for the page written to ``output_file``; return its template data."""
    spec = CardSpec(title, label, STATE.settings.get("SITENAME", ""), STATE.colours)
    name = f"{stem}-{_key(spec)}.png"
    STATE.jobs[name] = Job(name, spec=spec)
    return _register(output_file, name, alt, "image/png")


def _register(output_file, name, alt, mime):
    folder = setting(STATE.settings, "SHARE_CARDS_OUTPUT_DIR")
    data = {"path": f"{folder}/{name}", "width": WIDTH, "height": HEIGHT, "alt": alt, "type": mime}
    STATE.cards[output_file] = data
    return data


def _article_card(article):
    hero = getattr(article, "hero_image", None)
    stem = f"artikel-{article.slug}"
    if hero and hero.get("source", "").lower().endswith(RASTER_CROPPABLE):
        name = f"{stem}-{_key(hero['key'], STATE.colours)}.jpg"
        background = dict(STATE.colours)["bg"]
        STATE.jobs[name] = Job(name, source=hero["source"], background=background)
        alt = hero["alt"] or article.title
        return _register(article.save_as, name, alt, "image/jpeg")
    label = " · ".join(str(tag) for tag in getattr(article, "tags", []))
    return _card(article.save_as, stem, article.title, label, article.title)


def plan_article_cards(generator):
    """Every article, theme and rubric page and the home page get their card."""
    settings = generator.settings
    site = settings.get("SITENAME", "")
    articles = [
        *generator.articles,
        *generator.translations,
        *getattr(generator, "hidden_articles", []),
        *getattr(generator, "hidden_translations", []),
        *generator.drafts,
        *generator.drafts_translations,
    ]
    for article in articles:
        if article.save_as:  # not a draft in a publish (DRAFT_SAVE_AS = ""): it has a page
            article.share_image = _article_card(article)
    theme_label = setting(settings, "SHARE_CARDS_THEME_LABEL")
    for tag, _ in generator.tags.items():
        _card(tag.save_as, f"thema-{tag.slug}", tag.name, theme_label, f"{theme_label}: {tag}")
    category_label = setting(settings, "SHARE_CARDS_CATEGORY_LABEL")
    for category, _ in generator.categories:
        _card(
            category.save_as,
            f"rubriek-{category.slug}",
            category.name,
            category_label,
            f"{category_label}: {category}",
        )
    _card(HOME, "home", site, settings.get("SITESUBTITLE", ""), site)
    generator.context["SHARE_CARDS"] = STATE.cards


def plan_page_cards(generator):
    """Every page (like 'Over') gets a card with its title."""
    for page in [*generator.pages, *generator.hidden_pages, *generator.draft_pages]:
        if page.save_as:  # as for articles: no page written, no card
            page.share_image = _card(
                page.save_as, f"pagina-{page.slug}", page.title, "", page.title
            )
    generator.context["SHARE_CARDS"] = STATE.cards


def make(job, cache):
    """The bytes of ``job`` into ``cache/<name>`` unless they are there already (atomic)."""
    path = Path(cache) / job.name
    if path.is_file():
        return path
    data = draw_card(job.spec) if job.spec else crop_hero(job.source, job.background)
    fd, tmp = tempfile.mkstemp(prefix=".card-", dir=cache)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, path)
    return path


def publish(settings):
    """Draw or reuse every planned card, copy it into the output folder, sweep the cache.

    A step of the build's post-build pipeline (``sitetools/build.py``), after Pelican's run.
    """
    target = Path(settings["OUTPUT_PATH"]) / setting(settings, "SHARE_CARDS_OUTPUT_DIR")
    with usable_cache(cache_dir(settings), settings["OUTPUT_PATH"]) as cache:
        if STATE.jobs:
            target.mkdir(parents=True, exist_ok=True)
            cache.mkdir(parents=True, exist_ok=True)
            _make_all([STATE.jobs[name] for name in sorted(STATE.jobs)], cache, target)
        sweep(cache, set(STATE.jobs), STATE.started)


def _make_all(jobs, cache, target):
    missing = [job for job in jobs if not (cache / job.name).is_file()]
    workers = min(len(missing), os.cpu_count() or 1)
    if workers > 1 and len(missing) > 8:
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(make, missing, [cache] * len(missing), chunksize=16))
    else:
        for job in missing:
            make(job, cache)
    for job in jobs:
        touch(cache / job.name)
        publish_file(cache / job.name, target / job.name)


def register():
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(start)
    signals.article_generator_finalized.connect(plan_article_cards)
    signals.page_generator_finalized.connect(plan_page_cards)
