"""Pelican glue of the images plugin: rewrite <img> into <picture>, publish only derivatives.

Compute while reading (sizes come from the image headers, so the HTML is known at once), make
the files while Pelican writes its pages (a background pool started once every post is read,
``start_rendering``) and put them into the output after its run (``publish``, a step of the
build's post-build pipeline in ``sitetools/build.py``; from the cache when possible), and never
let the static generator copy a source image.
"""

import logging
import time
from pathlib import Path, PurePosixPath

from pelican import signals
from pelican.contents import Static

from plugins.fenced_blocks.pelican_glue import check_prefixed_settings
from plugins.nl_site import typographer

from .derive import (
    MIME,
    MODERN,
    Rendering,
    make_plan,
    publish_file,
    render_all,
    sweep,
    touch,
    usable_cache,
)
from .img_tags import find_images, splice
from .rules import DECORATIVE, RASTER, VECTOR, source_path
from .sources import ImageProblem, inspect

log = logging.getLogger(__name__)

DEFAULTS = {
    "IMAGES_WIDTHS": (360, 672, 1008, 1344),
    # The article column is 68ch of 1.125rem serif (about 42rem) inside 1.25rem side padding.
    "IMAGES_SIZES": "(min-width: 45rem) 42rem, calc(100vw - 2.5rem)",
    "IMAGES_OUTPUT_DIR": "images",
    "IMAGES_CACHE_DIR": None,  # default: <the project's cache folder>/images
    "IMAGES_TEMPLATE": "partials/figure.html",
}


def setting(settings, name):
    """An IMAGES_* setting, or its default."""
    return settings.get(name, DEFAULTS[name])


class _State:
    """What one build collected: the Jinja environment and the plans of every used image."""

    def __init__(self, settings=None):
        self.settings = settings or {}
        self.started = time.time()  # cache entries not used since then are swept
        self.env = None
        self.plans = {}  # key -> Plan
        self.used_by = {}  # key -> display name of the first post that uses it
        self.used_in = {}  # display name of a post -> keys of the images it uses
        self.private = {}  # output path ('images/x.jpg') -> source path, of sources not copied
        self.rendering = None  # derivatives made while Pelican writes (derive.Rendering)


STATE = _State()


def cache_dir(settings):
    """Where derivatives are kept: IMAGES_CACHE_DIR, or ``images/`` in the project's cache."""
    chosen = setting(settings, "IMAGES_CACHE_DIR")
    if chosen:
        return Path(chosen)
    return Path(settings.get("BUILD_CACHE_ROOT") or settings.get("CACHE_PATH", "cache")) / "images"


def start(pelican):
    """A new build: check the settings and forget the previous build's images."""
    global STATE  # noqa: PLW0603 (one build at a time; reset here, read by the other signals)
    check_prefixed_settings(pelican.settings, "IMAGES_", DEFAULTS)
    stop()  # a previous build that ended without publishing
    STATE = _State(pelican.settings)


def start_rendering(generators):
    """Every post is read and every image planned: make the missing derivatives in a background
    pool while Pelican writes its pages (``publish`` waits for them)."""
    settings = STATE.settings
    cache = cache_dir(settings).resolve()
    if STATE.plans and not cache.is_relative_to(Path(settings["OUTPUT_PATH"]).resolve()):
        STATE.rendering = Rendering([STATE.plans[k] for k in sorted(STATE.plans)], cache)


def stop():
    """Stop the background rendering of a build that failed or was interrupted (no orphans)."""
    if STATE.rendering is not None:
        STATE.rendering.stop()
        STATE.rendering = None


def share_environment(generator):
    """Keep the generator's Jinja environment to render figures with the theme."""
    if hasattr(generator, "env"):
        STATE.env = generator.env


def picture(path, alt, settings, lazy=True, display="", root=None):
    """Template data of one image: its sources, fallback, size and loading; plans its files."""
    info = inspect(path)
    plan = make_plan(path, info, tuple(setting(settings, "IMAGES_WIDTHS")))
    STATE.plans[plan.key] = plan
    STATE.used_by.setdefault(plan.key, display)
    STATE.used_in.setdefault(display, set()).add(plan.key)
    base = f"{settings.get('SITE_ROOT', '') if root is None else root}/" + setting(
        settings, "IMAGES_OUTPUT_DIR"
    )
    if plan.variants[0].fmt == "svg":
        only = plan.variants[0]
        fallback, sources = [only], []
    else:
        fallback = plan.of("png") or plan.of("jpg")
        modern = plan.of(MODERN)
        sources = [{"type": MIME[MODERN], "srcset": _srcset(base, modern)}]
    widest = fallback[-1]
    src = ([v for v in fallback if v.width <= 1024] or fallback)[-1]
    return {
        "sources": sources,
        "src": f"{base}/{src.name}",
        "srcset": _srcset(base, fallback) if len(fallback) > 1 else "",
        "sizes": setting(settings, "IMAGES_SIZES"),
        "width": widest.width,
        "height": widest.height,
        "alt": "" if alt.strip().lower() == DECORATIVE else alt,
        "lazy": lazy,
        "key": plan.key,
        "source": plan.source,
    }


def _srcset(base, variants):
    return ", ".join(f"{base}/{v.name} {v.width}w" for v in variants)


def rewrite(content):
    """Turn every local <img> of a post into a <figure>/<picture> with derivatives."""
    if isinstance(content, Static) or not getattr(content, "_content", None):
        return
    settings = content.settings
    root = Path(settings["PATH"])
    source = Path(content.source_path)
    inside = source.is_relative_to(root)
    folder = source.parent.relative_to(root).as_posix() if inside else ""
    display = str(Path(root.name) / source.relative_to(root)) if inside else source.name
    hero = content.metadata.get("image")
    if hero:
        rel = source_path(str(hero), "", root)
        alt = str(content.metadata.get("image_alt", ""))
        content.hero_image = picture(root / rel, alt, settings, lazy=False, display=display)
    if "<img" not in content._content:
        return
    first = [not hero]

    def replace(image):
        rel = source_path(image.attrs.get("src", ""), folder, root)
        if rel is None or not (root / rel).is_file():
            return None  # not ours (the content guard has named any missing file)
        img = picture(root / rel, image.attrs.get("alt", ""), settings, not first[0], display)
        first[0] = False
        caption = typographer(settings)(image.attrs.get("title", ""))  # an attribute: not typeset
        return STATE.env.get_template(setting(settings, "IMAGES_TEMPLATE")).render(
            img=img, caption=caption, figure=image.alone
        )

    try:
        html = content._content
        content._content = splice(html, find_images(html), replace)
    except ImageProblem as err:  # the guard checks first; this is a file changed meanwhile
        log.error("%s: %s", display, err)


def keep_sources_private(generator):
    """Drop source images from the static copy: only processed derivatives are published."""
    extra = set(generator.settings.get("EXTRA_PATH_METADATA", {}))
    kept = []
    for f in generator.staticfiles:
        if (
            PurePosixPath(f.relative_source_path).suffix.lower() not in RASTER | VECTOR
            or f.relative_source_path in extra
        ):
            kept.append(f)
        else:  # a post may still link to it: see originals.py
            STATE.private[PurePosixPath(f.save_as).as_posix()] = f.source_path
    generator.staticfiles[:] = kept


class ImagesError(Exception):
    """The image files could not be made; the message is Dutch and says what to do."""


def publish(settings):
    """Make (or reuse) every planned file, copy it into the output folder, sweep the cache.

    A step of the build's post-build pipeline (``sitetools/build.py``), after Pelican's run:
    the plans were made while the posts were read.
    """
    target = Path(settings["OUTPUT_PATH"]) / setting(settings, "IMAGES_OUTPUT_DIR")
    plans = [STATE.plans[k] for k in sorted(STATE.plans)]
    with usable_cache(cache_dir(settings), settings["OUTPUT_PATH"]) as cache:
        if plans:
            target.mkdir(parents=True, exist_ok=True)
            rendering, STATE.rendering = STATE.rendering, None
            try:
                if rendering is not None:
                    rendering.finish()
                folders = render_all(plans, cache)  # what is still missing (nothing, normally)
            except (OSError, ValueError, SyntaxError) as err:
                raise ImagesError(
                    f"de afbeeldingen konden niet worden gemaakt ({err}); sla de foto's opnieuw "
                    "op als JPEG of PNG en draai ./blog build opnieuw"
                ) from err
            for plan in plans:
                touch(folders[plan.key])
                for variant in plan.variants:
                    publish_file(folders[plan.key] / variant.name, target / variant.name)
        sweep(cache, set(STATE.plans), STATE.started)


def register():
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(start)
    signals.generator_init.connect(share_environment)
    signals.content_object_init.connect(rewrite)
    signals.static_generator_finalized.connect(keep_sources_private)
    signals.all_generators_finalized.connect(start_rendering)
