"""What a deploy changes on the target, said as a maintainer reads it.

Articles and pages are listed one by one (new, updated, removed); overview pages and feeds are
counted; assets (the search index, image sizes, share cards, CSS) fit in one line, because they
change with every publish and nobody links to them. A reader-facing page that disappears is the
only warning, and the deploy refuses it unless content/weg.txt marks it as gone on purpose.
"""

import logging
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from . import ledger

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".svg")


@dataclass
class Changes:
    """Relative paths (posix) on the target: new, updated and removed files."""

    added: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    removed: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.added or self.changed or self.removed)


class Kinds:
    """Sorts the files of a built site into articles, pages, overviews and kinds of assets."""

    def __init__(self, settings):
        self.settings = settings
        self.cards = settings.get("SHARE_CARDS_OUTPUT_DIR", "deelkaarten")
        self.index = "pagefind"

    def of(self, rel):
        """'artikel', 'pagina', 'overzicht' (reader-facing) or an asset kind."""
        page = ledger.kind(rel, self.settings)
        if page:
            return page
        top = PurePosixPath(rel).parts[0]
        if top == self.index:
            return "zoekindex"
        if top == self.cards:
            return "deelkaarten"
        if rel.lower().endswith(IMAGE_SUFFIXES):
            return "afbeeldingen"
        return "overig"


def files_only(paths):
    """Leave out folders ('thema/oud/'), which rsync lists besides their files."""
    return [p for p in paths if not p.endswith("/")]


def lost_pages(changes, settings):
    """Addresses of reader-facing pages the deploy would delete that are not marked as gone."""
    gone = ledger.read_list(ledger.gone_path(settings))
    found = (ledger.reader_address(p, settings) for p in files_only(changes.removed))
    return sorted(a for a in found if a and a not in gone)


def refusal(lost, where, settings):
    """The Dutch reason a deploy that would delete live pages stops (nothing is uploaded)."""
    lines = [
        f"op {where} {'staat een pagina' if len(lost) == 1 else 'staan pagina’s'} die deze "
        "build niet meer heeft; een gepubliceerd adres mag niet zomaar verdwijnen:"
    ]
    lines += [f"  {addr}: {ledger.fix(addr, settings)}" for addr in lost]
    lines.append("Controleer het daarna met ./blog deploy --dry-run.")
    return "\n".join(lines)


ASSET_WORDS = {
    "zoekindex": ("bestand van de zoekindex", "bestanden van de zoekindex"),
    "afbeeldingen": ("afbeelding", "afbeeldingen"),
    "deelkaarten": ("deelkaart", "deelkaarten"),
    "overig": ("ander bestand", "andere bestanden"),
}
LISTED = 25  # articles and pages named one by one; a first deploy of a big site is counted


def report(changes, settings, where, dry_run=False, listed_removals=False):
    """Log the changes: new and updated articles and pages one by one, overviews and feeds
    counted, assets in one line; a warning for each reader-facing page that disappears.

    ``listed_removals`` names every removed file (a target that was never ours, with --force).
    """
    kinds = Kinds(settings)
    if not changes:
        log.info("Geen wijzigingen: %s is al gelijk aan deze build.", where)
        return
    if dry_run:
        log.info("Proefrun: op %s is niets veranderd. Een deploy zou dit doen:", where)
    else:
        log.info("Gewijzigd op %s:", where)
    pages, overviews, assets = [], {"nieuw": 0, "bijgewerkt": 0}, dict.fromkeys(ASSET_WORDS, 0)
    for word, paths in (("nieuw", changes.added), ("bijgewerkt", changes.changed)):
        for rel in sorted(files_only(paths)):
            kind = kinds.of(rel)
            if kind in ("artikel", "pagina"):
                pages.append(f"  {kind} {word}: {ledger.reader_address(rel, settings)}")
            elif kind == "overzicht":
                overviews[word] += 1
            else:
                assets[kind] += 1
    removed = sorted(files_only(changes.removed))
    for rel in removed:
        kind = kinds.of(rel)
        if kind in assets:
            assets[kind] += 1
    for line in pages[:LISTED]:
        log.info("%s", line)
    if len(pages) > LISTED:
        log.info("  … en nog %d artikelen en pagina’s", len(pages) - LISTED)
    counted = [f"{n} {w}" for w, n in overviews.items() if n]
    if counted:
        log.info("  overzichtspagina’s en feeds: %s", ", ".join(counted))
    parts = [f"{n} {ASSET_WORDS[k][n != 1]}" for k, n in assets.items() if n]
    if parts:
        log.info("  andere bestanden (nieuw, bijgewerkt of verwijderd): %s", ", ".join(parts))
    if listed_removals:  # a folder that was never ours: every file it loses is named
        for rel in removed:
            log.warning("%s: %s", "zou verwijderen" if dry_run else "verwijderd", rel)
        return
    gone = (ledger.reader_address(p, settings) for p in removed)
    for addr in sorted(a for a in gone if a):  # only pages marked as gone get this far
        log.warning(
            "%s %s van de site (het staat in %s)",
            addr,
            "zou verdwijnen" if dry_run else "is verdwenen",
            ledger.shown(ledger.gone_path(settings), settings),
        )
