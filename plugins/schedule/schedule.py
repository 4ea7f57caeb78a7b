"""Scheduled posts: a post dated in the future is held back, like a draft, until that moment.

Pelican's own ``WITH_FUTURE_DATES = False`` does the same with the real clock, at read time:
a post read from Pelican's content cache would keep the status of the build that cached it.
Here the decision is taken in every build, after reading (``article_generator_pretaxonomy``),
from the status the post's file gives and one moment per build (``clock.now``, which tests set
with ``WIB_NOW``). A held-back post is a draft for Pelican: previewed at ``DRAFT_URL``
(``/concepten/<slug>.html``) by a local build, never written by a publish
(``DRAFT_SAVE_AS = ""``), and absent from lists, feeds, the sitemap and the search index.
"""

from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date
from pelican import signals
from pelican.utils import order_content

from . import clock

DEFAULT_TIMEZONE = "Europe/Amsterdam"
# Statuses that put a post online; only those can be scheduled (a draft is never online).
ONLINE = ("published", "hidden")


class _Build:
    """The moment this build publishes at: read once, shared by the checks and the generator."""

    settings = None
    now = None


BUILD = _Build()


def timezone(settings):
    """The site's time zone name (TIMEZONE)."""
    return settings.get("TIMEZONE") or DEFAULT_TIMEZONE


def build_now(settings):
    """The moment of the build these ``settings`` belong to (the clock is read once per build)."""
    if BUILD.settings is not settings:
        BUILD.settings, BUILD.now = settings, clock.now(timezone(settings))
    return BUILD.now


def publication_moment(value, zone):
    """'2026-12-15' -> 15 December 2026 00:00 in ``zone``, as Pelican reads a Date; else None."""
    from pelican.utils import get_date, set_date_tzinfo  # noqa: PLC0415 (Pelican's own parser)

    try:
        return set_date_tzinfo(get_date(value), zone)
    except (ValueError, OverflowError):
        return None


def scheduled_for(status, date_value, zone, now):
    """When a post with this status and Date goes online, if that is after ``now``; else None."""
    if status not in ONLINE or not date_value:
        return None
    moment = publication_moment(date_value, zone)
    return moment if moment is not None and moment > now else None


def dutch_moment(moment, zone=DEFAULT_TIMEZONE):
    """'15 december 2026', or '15 december 2026 om 09:30' when the post has a time (Babel)."""
    local = moment.astimezone(ZoneInfo(zone))
    day = format_date(local.date(), format="d MMMM y", locale="nl_NL")
    return day if (local.hour, local.minute) == (0, 0) else f"{day} om {local:%H:%M}"


def post_schedule(settings, now=None):
    """A function: content_guard Post -> the moment it goes online if scheduled, else None."""
    zone, now = timezone(settings), now or build_now(settings)

    def when(post):
        if post.is_page:  # pages have no publication date
            return None
        return scheduled_for(post.status, post.get("date"), zone, now)

    return when


def scheduled_lines(settings, posts):
    """One Dutch line per scheduled post: when it appears, and where to preview it until then."""
    base = f"{settings.get('SITEURL', '')}{settings.get('SITE_ROOT', '')}"
    preview = settings.get("DRAFT_SAVE_AS") and settings.get("DRAFT_URL")
    lines = []
    for post in sorted((p for p in posts if getattr(p, "scheduled", None)), key=_soonest):
        line = f"{post.display}: ingepland voor {dutch_moment(post.scheduled, timezone(settings))}"
        if preview:
            url = settings["DRAFT_URL"].format(slug=post.get("slug"))
            line += f"; tot dan niet op de site, wel te bekijken op {base}/{url}"
        else:
            line += "; komt op de site bij de eerste publicatie op of na dat moment"
        lines.append(line)
    return lines


def _soonest(post):
    return (post.scheduled, post.display)


@dataclass(frozen=True)
class ScheduledPost:
    """A post that is not on the site yet: its file, slug and the moment it goes online."""

    display: str
    slug: str
    moment: object


def scheduled_posts(settings, now=None):
    """Every article scheduled at ``now`` (default: this build's moment), soonest first.

    Reads the sources' headers only; for summaries such as 'left out of this publish'.
    """
    from plugins.content_guard.content_guard import setting  # noqa: PLC0415 (no import cycle)
    from plugins.content_guard.files import layout_from, sort_files  # noqa: PLC0415
    from plugins.content_guard.posts import PostError, decode, parse_post  # noqa: PLC0415

    content = Path(settings["PATH"])
    layout = layout_from(
        settings,
        setting(settings, "CONTENT_GUARD_VOCABULARY"),
        setting(settings, "CONTENT_GUARD_IGNORE"),
    )
    when, found = post_schedule(settings, now), []
    for path in sort_files(content, layout)[0]:
        display = str(Path(content.name) / path.relative_to(content))
        try:
            post = parse_post(decode(path.read_bytes()), display)
        except PostError:
            continue  # the checks report it
        post.is_page = path.relative_to(content).parts[0] in layout.pages
        moment = when(post)
        if moment:
            found.append(ScheduledPost(display, post.get("slug"), moment))
    return sorted(found, key=lambda p: (p.moment, p.display))


def _intended_status(article):
    """The status the post's file gives (Pelican's default: published)."""
    return str(article.metadata.get("status", "published")).strip().lower()


def hold_back(generator):
    """Make every scheduled article a draft for this build; give every article ``scheduled``.

    Decided from the file's status in every build, so an article from Pelican's cache that
    was held back yesterday is published today.
    """
    settings = generator.settings
    zone, now = ZoneInfo(timezone(settings)), build_now(settings)
    lists = {"published": [], "hidden": [], "draft": []}
    changed = False
    for article in [*generator.articles, *generator.hidden_articles, *generator.drafts]:
        intended = _intended_status(article)
        if intended not in lists:  # not a status Pelican lists; keep what it decided
            intended = article.status
        date = article.date if article.date.tzinfo else article.date.replace(tzinfo=zone)
        article.scheduled = intended in ONLINE and date > now
        status = "draft" if article.scheduled else intended
        changed |= status != article.status
        article.status = status
        lists[status].append(article)
    if changed:
        order = settings["ARTICLE_ORDER_BY"]
        generator.articles = order_content(lists["published"], order)
        generator.hidden_articles = order_content(lists["hidden"], order)
        generator.drafts = order_content(lists["draft"], order)


def register():
    """Connect the plugin to Pelican's signals."""
    signals.article_generator_pretaxonomy.connect(hold_back)
