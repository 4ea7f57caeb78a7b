"""Pelican glue of share cards: an og:image for every article, theme, rubric and the home page.

While reading, every page gets its card's data (path, size, alt) in ``SHARE_CARDS``, keyed by
the page's output file. Each card's drawing starts in the background as soon as its article is
read or its page planned (``drawing.py``: into the cache, on the cores Pelican leaves idle);
``publish``, a step of the build's post-build pipeline (``sitetools/build.py``), waits for them
and links them into the output folder.
"""

import hashlib
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.contents import Article

from plugins.fenced_blocks.pelican_glue import check_prefixed_settings
from plugins.images.derive import publish_file, sweep, touch, usable_cache

from .card import CODE_VERSION, HEIGHT, WIDTH, CardSpec, read_colours
from .drawing import Drawing, make  # noqa: F401 (make: also for sitetools/quick_update.py)

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
        self.drawing = None  # the cards being drawn in the background (None: no cache to use)


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
    stop()  # a previous build that ended without publishing (the preview builds again and again)
    STATE = _State(settings)
    tokens = Path(settings["THEME"]) / "static" / "css" / "tokens.css"
    STATE.colours = read_colours(tokens) if tokens.is_file() else read_colours_default()
    cache = cache_dir(settings).resolve()
    if not cache.is_relative_to(Path(settings["OUTPUT_PATH"]).resolve()):  # see usable_cache
        STATE.drawing = Drawing(cache)


def stop():
    """Stop the background drawing of a build that failed or was interrupted (no orphans)."""
    if STATE.drawing is not None:
        STATE.drawing.stop()
        STATE.drawing = None  # nothing read after this build starts drawing again


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
    _draw_soon(STATE.jobs[name])
    return _register(output_file, name, alt, "image/png")


def _draw_soon(job):
    if STATE.drawing is not None:
        STATE.drawing.start(job)


def _send_queued():
    if STATE.drawing is not None:
        STATE.drawing.flush()


def _register(output_file, name, alt, mime):
    folder = setting(STATE.settings, "SHARE_CARDS_OUTPUT_DIR")
    data = {"path": f"{folder}/{name}", "width": WIDTH, "height": HEIGHT, "alt": alt, "type": mime}
    STATE.cards[output_file] = data
    return data


def _article_job(article):
    """The card of ``article`` (a Job), its alt text and its type."""
    hero = getattr(article, "hero_image", None)
    stem = f"artikel-{article.slug}"
    if hero and hero.get("source", "").lower().endswith(RASTER_CROPPABLE):
        name = f"{stem}-{_key(hero['key'], STATE.colours)}.jpg"
        background = dict(STATE.colours)["bg"]
        job = Job(name, source=hero["source"], background=background)
        return job, hero["alt"] or article.title, "image/jpeg"
    label = " · ".join(str(tag) for tag in getattr(article, "tags", []))
    spec = CardSpec(article.title, label, STATE.settings.get("SITENAME", ""), STATE.colours)
    return Job(f"{stem}-{_key(spec)}.png", spec=spec), article.title, "image/png"


def draw_early(content):
    """Start drawing an article's card as soon as it is read (its plan follows after reading).

    Runs after the images plugin's ``rewrite`` (``hero_image``) and nl_site's title. A card
    that the build ends up not using (a post held back as a draft in a publish) is deleted by
    ``publish``.
    """
    if isinstance(content, Article) and STATE.drawing is not None:
        STATE.drawing.start(_article_job(content)[0])


def _article_card(article):
    job, alt, mime = _article_job(article)
    STATE.jobs[job.name] = job
    _draw_soon(job)
    return _register(article.save_as, job.name, alt, mime)


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
    _send_queued()
    generator.context["SHARE_CARDS"] = STATE.cards


def plan_page_cards(generator):
    """Every page (like 'Over') gets a card with its title."""
    for page in [*generator.pages, *generator.hidden_pages, *generator.draft_pages]:
        if page.save_as:  # as for articles: no page written, no card
            page.share_image = _card(
                page.save_as, f"pagina-{page.slug}", page.title, "", page.title
            )
    _send_queued()
    generator.context["SHARE_CARDS"] = STATE.cards


def publish(settings):
    """Wait for every planned card (drawing what is missing), link it into the output folder,
    sweep the cache.

    A step of the build's post-build pipeline (``sitetools/build.py``), after Pelican's run.
    """
    target = Path(settings["OUTPUT_PATH"]) / setting(settings, "SHARE_CARDS_OUTPUT_DIR")
    jobs = [STATE.jobs[name] for name in sorted(STATE.jobs)]
    with usable_cache(cache_dir(settings), settings["OUTPUT_PATH"]) as cache:
        drawing = STATE.drawing if STATE.drawing is not None else Drawing(cache)
        STATE.drawing = None  # this build's drawing ends here (a later plan draws on its own)
        drawing.finish(jobs)
        if jobs:
            target.mkdir(parents=True, exist_ok=True)
        for job in jobs:
            touch(cache / job.name)
            publish_file(cache / job.name, target / job.name)
        sweep(cache, set(STATE.jobs), STATE.started)


def register():
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(start)
    signals.content_object_init.connect(draw_early)
    signals.article_generator_finalized.connect(plan_article_cards)
    signals.page_generator_finalized.connect(plan_page_cards)
