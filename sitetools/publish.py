"""The production build (publishconf.py), ending with a Dutch summary of what it holds.

A maintainer reads the summary before anything goes online: for which address the site was
built, how many articles and pages it has, which posts were left out (drafts, and posts
scheduled for later), and how big the site is. Every publish also brings the ledger of
published addresses (content/adressen.txt) up to date.
"""

import contextlib
import logging
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from . import ledger
from .build import build
from .settings import ROOT, load

log = logging.getLogger(__name__)
CONFIG = "publishconf.py"


@contextlib.contextmanager
def recording():
    """Yield a dict that Pelican's finished generators fill: the sources of what is online."""
    from pelican import signals  # noqa: PLC0415

    seen = {"articles": [], "pages": []}

    def record(generators):
        for generator in generators:
            for kind, names in (
                ("articles", ("articles", "hidden_articles")),
                ("pages", ("pages", "hidden_pages")),
            ):
                for name in names:
                    seen[kind] += [c.source_path for c in getattr(generator, name, ())]

    signals.all_generators_finalized.connect(record)
    try:
        yield seen
    finally:
        signals.all_generators_finalized.disconnect(record)


def publish(output=None):
    """Build for production into ``output`` (default OUTPUT_PATH), all or nothing.

    Returns (folder, settings, the summary's lines). Nothing is logged here, so a deploy can
    say where the folder goes.
    """
    settings = load(CONFIG)
    with recording() as seen:
        folder = build(CONFIG, output)
    return folder, settings, summary(folder, settings, seen)


def left_out(settings, online):
    """[(source as an author names it, why)] of posts the publish left out."""
    from pelican.utils import get_date  # noqa: PLC0415

    from plugins.content_guard.checks import is_draft  # noqa: PLC0415
    from plugins.content_guard.content_guard import run_checks  # noqa: PLC0415

    online = {str(Path(p).resolve()) for p in online}
    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    out = []
    for post in run_checks(settings)[2]:
        if str(Path(post.path).resolve()) in online:
            continue
        if is_draft(post):
            out.append((post.display, "concept"))
            continue
        if getattr(post, "scheduled", None):  # held back by the schedule plugin
            out.append((post.display, f"ingepland voor {dutch_day(post.scheduled)}"))
            continue
        try:
            date = get_date(post.get("date"))
        except ValueError:
            continue
        date = date if date.tzinfo else date.replace(tzinfo=zone)
        if date > datetime.now(zone):
            out.append((post.display, f"ingepland voor {dutch_day(date)}"))
    return out


def dutch_day(date):
    """'15 december 2026'."""
    from babel.dates import format_date  # noqa: PLC0415

    return format_date(date, "d MMMM y", locale="nl_NL")


def size(folder):
    """(bytes, files) of everything under ``folder``."""
    files = [p.stat().st_size for p in Path(folder).rglob("*") if p.is_file()]
    return sum(files), len(files)


def count(n, one, many):
    return f"{n} {one if n == 1 else many}"


def summary(folder, settings, seen):
    """The Dutch lines that end a publish."""
    total, files = size(folder)
    megabytes = f"{total / 1e6:.1f}".replace(".", ",")
    lines = [
        f"Productiebouw voor {settings['SITEURL'] or '/'}: "
        f"{count(len(seen['articles']), 'artikel', 'artikelen')} en "
        f"{count(len(seen['pages']), 'pagina', 'pagina’s')}, {megabytes} MB in "
        f"{count(files, 'bestand', 'bestanden')}."
    ]
    skipped = left_out(settings, seen["articles"] + seen["pages"])
    if skipped:
        lines.append("Niet gepubliceerd: " + "; ".join(f"{n} ({why})" for n, why in skipped) + ".")
    else:
        lines.append("Niets achtergehouden: er zijn geen concepten en niets is ingepland.")
    return lines


def update_ledger(folder, settings):
    """Add the new addresses of the publish in ``folder`` to content/adressen.txt; say so."""
    new = ledger.update(settings, ledger.built_addresses(folder, settings))
    if new:
        shown = ledger.shown(ledger.ledger_path(settings), settings)
        log.info(
            "%s: %s erbij (%s); commit het bestand met de content.",
            shown,
            count(len(new), "nieuw adres", "nieuwe adressen"),
            ", ".join(new[:5]) + (", …" if len(new) > 5 else ""),
        )


def shown_folder(folder):
    """'output/' for a folder in the project, else its full path."""
    folder = Path(folder)
    return f"{folder.relative_to(ROOT)}/" if folder.is_relative_to(ROOT) else f"{folder}/"
