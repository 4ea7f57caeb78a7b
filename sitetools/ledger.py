"""The ledger of published addresses: a page that was online never disappears silently.

Readers reach the blog through links in newsletters, on LinkedIn and on other sites. Every
reader-facing address a publish produced (articles, pages, theme, rubric and archive pages,
feeds) is kept in ``content/adressen.txt``, sorted, one per line, committed with the content.
``./blog check`` and every build stop when an address in it would have no file any more, unless
``content/weg.txt`` says it is gone on purpose. A redirect page (``Alias:``) is a file at the old
address, so it satisfies the ledger by itself. Assets (the search index, share cards, image
sizes, CSS) are not addresses anyone links to and are left out.
"""

import re
from pathlib import Path, PurePosixPath

LEDGER = "adressen.txt"  # in the content folder
GONE = "weg.txt"  # in the content folder: addresses removed on purpose
LEDGER_HEADER = (
    "# Alle adressen die de site ooit heeft gepubliceerd (bijgehouden door ./blog publish en\n"
    "# ./blog deploy). Niet met de hand inkorten: een adres dat verdwijnt, zet je in weg.txt.\n"
)
PAGE_SUFFIXES = (".html", ".xml")  # pages and feeds; everything else is an asset


def _pattern(template):
    """A regex for the paths a ``*_SAVE_AS`` template writes ('{slug}' matches any name)."""
    parts = re.split(r"\{[^}]*\}", template)
    return re.compile(".*".join(re.escape(p) for p in parts) + r"\Z")


def _save_as(settings, name):
    value = settings.get(name)
    return value if isinstance(value, str) and value else None


def skipped_patterns(settings):
    """Paths that are never published addresses: drafts and the pages 2, 3, … of a list."""
    templates = [_save_as(settings, "DRAFT_SAVE_AS"), _save_as(settings, "DRAFT_PAGE_SAVE_AS")]
    for minimum, _, save_as in settings.get("PAGINATION_PATTERNS", ()):
        if minimum > 1:
            templates.append(save_as)
    return [_pattern(t) for t in templates if t]


def address(rel):
    """'thema/ai/index.html' -> '/thema/ai/'; 'artikelen/x.html' -> '/artikelen/x.html'."""
    rel = str(PurePosixPath(rel))
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def file_of(addr):
    """The inverse of ``address``: '/thema/ai/' -> 'thema/ai/index.html'."""
    rel = addr.lstrip("/")
    return rel + "index.html" if not rel or rel.endswith("/") else rel


def reader_address(rel, settings):
    """The address of the file ``rel`` of a built site if readers may know it, else None."""
    rel = str(PurePosixPath(rel))
    if not rel.endswith(PAGE_SUFFIXES):
        return None
    # '/pagina/2/index.html': Pelican formats the pages of the home page with an empty base name.
    if any(p.match(rel) or p.match("/" + rel) for p in skipped_patterns(settings)):
        return None
    return address(rel)


def built_addresses(folder, settings):
    """Every reader-facing address of the site built in ``folder``."""
    folder = Path(folder)
    found = (reader_address(p.relative_to(folder).as_posix(), settings) for p in folder.rglob("*"))
    return {a for a in found if a}


def normalise(value, settings=None):
    """An address as the ledger writes it: from the site root, with a leading '/'."""
    value = value.strip()
    siteurl = (settings or {}).get("SITEURL", "")
    for prefix in (siteurl, (settings or {}).get("SITE_ROOT", "")):
        if prefix and value.startswith(prefix):
            value = value[len(prefix) :]
    value = value.split("#", 1)[0].split("?", 1)[0]
    return "/" + value.lstrip("/") if value else ""


def read_list(path):
    """{address: line number} of a ledger-style file; '#' starts a comment. Missing: {}."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return {}
    found = {}
    for n, line in enumerate(text.splitlines(), 1):
        value = line.split("#", 1)[0].strip()
        if value:
            found.setdefault(normalise(value), n)
    return found


def ledger_path(settings):
    return Path(settings["PATH"]) / LEDGER


def gone_path(settings):
    return Path(settings["PATH"]) / GONE


def shown(path, settings):
    """'content/adressen.txt': the path an author recognises."""
    content = Path(settings["PATH"])
    return f"{content.name}/{Path(path).relative_to(content).as_posix()}"


def missing(settings, produced):
    """[(line in the ledger, address)] of ledger addresses the build has no file for.

    Addresses in weg.txt are gone on purpose and never missing.
    """
    gone = read_list(gone_path(settings))
    ledger = read_list(ledger_path(settings))
    return sorted((n, a) for a, n in ledger.items() if a not in produced and a not in gone)


LIST_TEMPLATES = (
    "TAG_SAVE_AS",
    "CATEGORY_SAVE_AS",
    "YEAR_ARCHIVE_SAVE_AS",
    "MONTH_ARCHIVE_SAVE_AS",
    "DAY_ARCHIVE_SAVE_AS",
    "FEED_ALL_ATOM",
    "FEED_ALL_RSS",
    "TAG_FEED_ATOM",
    "TAG_FEED_RSS",
    "CATEGORY_FEED_ATOM",
    "CATEGORY_FEED_RSS",
)


def kind(rel, settings):
    """'artikel', 'pagina' or 'overzicht' (lists, themes, rubrics, archives, feeds) for the file
    ``rel`` of a built site; None when it is no reader-facing address."""
    if not reader_address(rel, settings):
        return None
    names = [*LIST_TEMPLATES, *(f"{t.upper()}_SAVE_AS" for t in settings["DIRECT_TEMPLATES"])]
    if any(_pattern(settings[n]).match(rel) for n in names if _save_as(settings, n)):
        return "overzicht"
    if _pattern(settings.get("ARTICLE_SAVE_AS") or "{slug}.html").match(rel):
        return "artikel"
    return "pagina"  # a page of ours, or one the site no longer knows


def fix(addr, settings):
    """How to keep ``addr`` working, or let it go on purpose, in Dutch (one clause)."""
    gone = shown(gone_path(settings), settings)
    if kind(file_of(addr), settings) == "overzicht":
        return (
            "geen artikel hoort er nog bij; geef een artikel dat thema, die rubriek of dat jaar "
            f"terug, of zet het adres in {gone} als het bewust verdwijnt"
        )
    return (
        f"zet het artikel terug (of de oude Slug), zet 'Alias: {addr}' bij het artikel dat "
        f"ervoor in de plaats komt (dan stuurt de site lezers door), of zet het adres in {gone} "
        "als het bewust verdwijnt"
    )


def problem_message(addr, settings):
    """The Dutch message for one address that would disappear."""
    return (
        f"{addr} is gepubliceerd, maar de nieuwe site heeft er niets meer (wie een link ernaar "
        f"volgt, krijgt 'Pagina niet gevonden'); {fix(addr, settings)}"
    )


def problems(settings, produced):
    """content_guard Problems for every ledger address the build would lose."""
    from plugins.content_guard.problems import Problem  # noqa: PLC0415

    display = shown(ledger_path(settings), settings)
    lost = missing(settings, produced)
    return [Problem(display, n, problem_message(a, settings)) for n, a in lost]


def update(settings, produced):
    """Add the addresses of a publish to the ledger (sorted); return the new ones."""
    path = ledger_path(settings)
    known = read_list(path)
    new = sorted(set(produced) - set(known))
    if new or not path.exists():
        lines = sorted({*known, *produced})
        path.write_text(LEDGER_HEADER + "".join(f"{a}\n" for a in lines), encoding="utf-8")
    return new


def _formatted(settings, name, **values):
    template = _save_as(settings, name)
    return template.format(**values) if template else None


def expected_addresses(settings, posts, now=None):
    """The reader-facing addresses a build of ``posts`` would write, from their metadata alone.

    ``./blog check`` builds nothing, so it derives the addresses the way Pelican names its files
    (the ``*_SAVE_AS`` settings, Pelican's own slugs for themes and rubrics); a test proves this
    equals the addresses of a real publish. ``posts`` are content_guard's parsed posts.
    """
    from pelican.urlwrappers import Category, Tag  # noqa: PLC0415
    from pelican.utils import get_date  # noqa: PLC0415

    from plugins.content_guard.fields import DUTCH_STATUSES  # noqa: PLC0415
    from plugins.redirects.addresses import FIELD, parse_aliases  # noqa: PLC0415

    files = {
        _formatted(settings, f"{name.upper()}_SAVE_AS") or f"{name}.html"
        for name in settings.get("DIRECT_TEMPLATES", ())
        if settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
    }
    files |= {_save_as(settings, n) for n in ("FEED_ALL_ATOM", "FEED_ALL_RSS")}
    aliases = set()
    for post in posts:
        status = DUTCH_STATUSES.get(post.status, post.status)
        slug = post.get("slug")
        if status not in ("published", "hidden") or not slug:
            continue
        try:
            date = get_date(post.get("date")) if post.get("date") else None
        except ValueError:
            date = None
        # Held back until its date: the schedule plugin marks it, or Pelican's WITH_FUTURE_DATES.
        if getattr(post, "scheduled", None) or _scheduled(date, settings, now):
            continue
        aliases |= set(parse_aliases(post.get(FIELD)))
        if post.is_page:
            files.add(_formatted(settings, "PAGE_SAVE_AS", slug=slug))
            continue
        files.add(_formatted(settings, "ARTICLE_SAVE_AS", slug=slug, date=date))
        if status == "hidden":  # online, but in no list, theme, rubric, archive or feed
            continue
        for tag in filter(None, (t.strip() for t in post.get("tags").split(","))):
            tag_slug = Tag(tag, settings).slug
            for name in ("TAG_SAVE_AS", "TAG_FEED_ATOM", "TAG_FEED_RSS"):
                files.add(_formatted(settings, name, slug=tag_slug))
        category = post.get("category").strip() or settings.get("DEFAULT_CATEGORY", "misc")
        for name in ("CATEGORY_SAVE_AS", "CATEGORY_FEED_ATOM", "CATEGORY_FEED_RSS"):
            files.add(_formatted(settings, name, slug=Category(category, settings).slug))
        if date:
            for name in ("YEAR_ARCHIVE_SAVE_AS", "MONTH_ARCHIVE_SAVE_AS", "DAY_ARCHIVE_SAVE_AS"):
                files.add(_formatted(settings, name, date=date))
    found = {reader_address(f, settings) for f in files if f}
    return {a for a in found if a} | {normalise(a, settings) for a in aliases}


def _scheduled(date, settings, now):
    """True when Pelican leaves a dated post out because its date lies ahead."""
    if date is None or settings.get("WITH_FUTURE_DATES", True):
        return False
    from datetime import datetime  # noqa: PLC0415
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    zone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    now = now or datetime.now(zone)
    return (date if date.tzinfo else date.replace(tzinfo=zone)) > now


def report(lost):
    """The Dutch report of lost addresses, worded as ``./blog check`` words it."""
    from plugins.content_guard.problems import report_lines, summary_line  # noqa: PLC0415

    return "\n".join([*report_lines(lost), summary_line(len(lost), 0)])
