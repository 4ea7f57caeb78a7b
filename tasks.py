"""Tasks of the blog, run through ./blog (which sets up .venv): ./blog without a task lists them.

The docstrings are the one-line Dutch descriptions that ./blog shows; messages go through
logging (sitetools.logs) in Dutch.
"""

import functools
import logging
import sys
import tempfile
from pathlib import Path

from invoke import Collection, Exit, task

from sitetools import logs

ROOT = Path(__file__).resolve().parent

log = logging.getLogger("tasks")
PY = sys.executable


def reports(body):
    """Run a task body with Dutch messages: known problems exit 1, a real bug prints its traceback.

    A bug gets a Dutch line saying it is not the author's fault, then the traceback.
    """

    @functools.wraps(body)
    def run(c, *args, **kwargs):
        logs.setup(logging.INFO)
        from sitetools.build import BuildCrash, BuildError  # noqa: PLC0415

        try:
            return body(c, *args, **kwargs)
        except BuildError as err:
            log.error("%s", err, extra={"plain": True})
            log.error("De site is niet bijgewerkt; de vorige versie blijft staan.")
            raise Exit(code=1) from None
        except BuildCrash as err:
            log.error("%s", err, exc_info=err.__cause__)
            raise Exit(code=2) from None
        except (Exit, KeyboardInterrupt):
            raise
        except Exception:
            log.exception(
                "Er ging iets mis in de bouwsoftware zelf, niet in jouw tekst. Meld het "
                "aan de beheerder van de blog en stuur de melding hieronder mee."
            )
            raise Exit(code=2) from None

    return run


def _report(found, scheduled=()):
    """Print errors, draft notes and scheduled posts, then the one-line summary."""
    from plugins.content_guard.problems import report_lines, summary_line  # noqa: PLC0415

    errors = sum(1 for p in found if not p.draft)
    if scheduled:
        scheduled = ["Ingepland (nog niet op de site):", *scheduled]
    lines = [*report_lines(found), *scheduled, summary_line(errors, len(found) - errors)]
    (log.error if errors else log.info)("%s", "\n".join(lines), extra={"plain": True})
    return errors


def _build(config, **override):
    from sitetools.build import build as run_build  # noqa: PLC0415
    from sitetools.publish import shown_folder  # noqa: PLC0415

    target = run_build(config, **override)
    log.info("Site gebouwd in %s.", shown_folder(target))
    return target


@task
@reports
def check(c):
    """Controleer alle artikelen (velden, thema's, tips, tabellen, links) zonder iets te bouwen."""
    from plugins.content_guard.vocabulary import VocabularyError  # noqa: PLC0415
    from sitetools.check import overview  # noqa: PLC0415

    try:
        found, scheduled = overview("pelicanconf.py")
    except VocabularyError as err:
        log.error("%s", err, extra={"plain": True})
        raise Exit(code=1) from None
    if _report(found, scheduled):
        raise Exit(code=1)


@task
@reports
def build(c):
    """Controleer alles en bouw de site in output/ (alles of niets)."""
    _build("pelicanconf.py")
    log.info(
        "Bekijk haar met ./blog serve, of met ./blog livereload (bouwt opnieuw bij elke wijziging)."
    )


@task(help={"port": "de poort op localhost (standaard 8000)"})
@reports
def serve(c, port=8000):
    """Bouw de site en bekijk haar op http://localhost:8000 (--port kiest een andere poort)."""
    from sitetools.preview import served_at  # noqa: PLC0415
    from sitetools.serve import serve_folder  # noqa: PLC0415

    serve_folder(_build("pelicanconf.py", **served_at(port)), port)


@task(help={"port": "de poort op localhost (standaard 8000)"})
@reports
def livereload(c, port=8000):
    """Voorbeeld dat bij elke opgeslagen wijziging opnieuw bouwt en de browser ververst."""
    from sitetools.preview import preview  # noqa: PLC0415

    preview(port)


@task
@reports
def clean(c):
    """Gooi output/ en alle caches (cache/) weg; de volgende build begint van niets."""
    from sitetools.cleanup import clean as remove  # noqa: PLC0415
    from sitetools.settings import load  # noqa: PLC0415

    gone = remove(load("pelicanconf.py"))
    shown = ", ".join(f"{p.relative_to(ROOT) if p.is_relative_to(ROOT) else p}/" for p in gone)
    log.info("Opgeruimd: %s.", shown or "er was niets om op te ruimen")


@task
@reports
def publish(c):
    """Bouw de site voor publicatie (publishconf.py); mislukt het, dan verandert er niets."""
    from sitetools.publish import publish as run_publish  # noqa: PLC0415
    from sitetools.publish import shown_folder, update_ledger  # noqa: PLC0415

    folder, settings, lines = run_publish()
    for line in lines:
        log.info("%s", line)
    update_ledger(folder, settings)
    log.info("De site staat in %s; zet haar online met ./blog deploy.", shown_folder(folder))


@task(
    help={
        "target": "waarheen: gebruiker@host:/var/www/blog of een map (anders $DEPLOY_TARGET)",
        "dry-run": "laat zien wat er zou verdwijnen of veranderen; verander niets",
        "force": "ook naar een map met bestanden die nooit een deploy van deze site was",
        "github": "publiceer op de tak gh-pages (GitHub Pages) in plaats van met rsync",
    }
)
@reports
def deploy(c, target=None, github=False, dry_run=False, force=False):
    """Publiceer en zet de site online: --target gebruiker@host:/map, of --github."""
    from sitetools.deploy import DeployError  # noqa: PLC0415
    from sitetools.deploy import deploy as run_deploy  # noqa: PLC0415

    try:
        run_deploy(target, github=github, dry_run=dry_run, force=force)
    except DeployError as err:
        log.error("%s: %s", "Upload afgebroken" if err.partial else "Niets geüpload", err)
        raise Exit(code=1) from None


@task(
    name="bewaar-adressen",
    help={"push": "stuur de vastgelegde wijziging ook door (git push), zoals de workflow doet"},
)
@reports
def bewaar_adressen(c, push=False):
    """Leg na een publicatie het adressenboek vast in git (content/adressen.txt)."""
    from sitetools.keep_ledger import KeepLedgerError, keep_ledger  # noqa: PLC0415
    from sitetools.ledger import ledger_path, shown  # noqa: PLC0415
    from sitetools.settings import load  # noqa: PLC0415

    settings = load("publishconf.py")
    ledger = ledger_path(settings)
    try:
        kept = keep_ledger(ledger, push)
    except KeepLedgerError as err:
        log.error("%s", err)
        raise Exit(code=1) from None
    what = shown(ledger, settings)
    if not kept:
        log.info("%s is al vastgelegd: er is niets nieuw gepubliceerd.", what)
    else:
        log.info("%s vastgelegd%s.", what, " en doorgestuurd" if push else "")


@task
@reports
def new(c, title):
    """Maak een nieuw artikel (concept) met alle velden: ./blog new "Titel van het artikel"."""
    from sitetools.newpost import NewPostError, create_post  # noqa: PLC0415

    try:
        path = create_post(title)
    except NewPostError as err:
        log.error("%s", err)
        raise Exit(code=1) from None
    log.info("Nieuw concept: %s", path.relative_to(ROOT))
    log.info("Vul de velden bovenaan in en bekijk het met ./blog livereload.")
    log.info("Een foto? Zet hem in content/images/ en schrijf ![beschrijving](/images/naam.jpg).")


@task(
    help={
        "oud": "de huidige slug van het artikel (Slug: bovenaan)",
        "nieuw": "de nieuwe slug: kleine letters, cijfers en streepjes",
    }
)
@reports
def hernoem(c, oud, nieuw):
    """Geef een artikel een nieuwe slug, links en tips gaan mee: ./blog hernoem oud nieuw."""
    from sitetools.rename import RenameError, rename  # noqa: PLC0415

    try:
        done = rename(oud, nieuw)
    except RenameError as err:
        log.error("Niets veranderd: %s", err)
        raise Exit(code=1) from None
    old, new = done.old_path.relative_to(ROOT), done.new_path.relative_to(ROOT)
    log.info("Hernoemd: %s heet nu %s (Slug: %s).", old, new, nieuw)
    if done.alias_added:
        log.info("Het oude adres %s blijft werken: het staat nu bij Alias.", done.old_address)
    for path in done.edited:
        log.info("Links of tips bijgewerkt in %s.", path.relative_to(ROOT))
    log.info("Controleer alles met ./blog check en bekijk het met ./blog livereload.")


@task(help={"unit": "alleen de snelle unittests (pytest -m unit), zonder sites of browser"})
@reports
def test(c, unit=False):
    """Draai alle tests (ook de browser- en validatortests); --unit alleen de snelle."""
    from sitetools.testdeps import MissingTools, ensure_all  # noqa: PLC0415

    if not unit:
        try:
            ensure_all()
        except MissingTools as err:
            log.error("%s", err)
            raise Exit(code=1) from None
    # A failing test is a finding, not a crash of our tools: pytest's own report says it all.
    result = c.run(f"{PY} -m pytest{' -m unit' if unit else ''}", pty=False, warn=True)
    if result.exited:
        raise Exit(code=result.exited)


@task
def lint(c):
    """Controleer de codestijl met ruff."""
    c.run(f"{PY} -m ruff check .")
    c.run(f"{PY} -m ruff format --check .")


@task(
    help={
        "testsite": "de testsite van de layouttest (tests/layout_site) in plaats van de echte site",
        "zoek": "het zoekwoord voor de zoekpagina",
    }
)
@reports
def screenshots(c, testsite=False, zoek="arbeidsmarkt"):
    """Maak schermafbeeldingen (320 tot 1280 px, licht en donker) in screenshots/."""
    from sitetools import screenshots as shots  # noqa: PLC0415
    from sitetools.testdeps import MissingTools, ensure_system_tools  # noqa: PLC0415

    try:
        ensure_system_tools()
    except MissingTools as err:
        log.error("%s", err)
        raise Exit(code=1) from None
    folder = ROOT / "screenshots"
    if testsite:
        with tempfile.TemporaryDirectory() as scratch:
            site = shots.build_layout_site(Path(scratch) / "output")
            shots.take(site, shots.LAYOUT_PAGES, folder)
        return
    site = _build("pelicanconf.py")
    shots.take(site, shots.site_pages(site, zoek), folder)


@task(name="update-golden")
@reports
def update_golden(c):
    """Neem de huidige uitvoer van de testsite over (tests/golden/expected), na een review."""
    from sitetools.golden import update_golden as update  # noqa: PLC0415

    log.info("Testsite geschreven naar %s", update().relative_to(ROOT))


@task
def bench(c, n=1000, rounds=3, extras=False):
    """Meet bouwen en voorbeeld naast standaard-Pelican (+ Pagefind) (bench/results.json)."""
    more = " --extras" if extras else ""
    c.run(f"{PY} -m bench.run --articles {n} --rounds {rounds}{more}")


@task(name="meet-installatie")
@reports
def meet_installatie(c):
    """Meet tijd en grootte van de installaties op een verse kloon (bench/install-results.json)."""
    from sitetools.install_figures import RESULTS, run  # noqa: PLC0415

    log.info("Een verse kloon installeren en meten; dit duurt een paar minuten ...")
    figures = run()
    for name, value in figures.items():
        log.info("%s: %s", name, value)
    log.info("Geschreven naar %s.", RESULTS.relative_to(ROOT))


@task(default=True)
def taken(c):
    """Toon deze lijst met taken."""
    tasks = Collection.from_module(sys.modules[__name__]).tasks
    width = max(map(len, tasks))
    lines = ["Gebruik: ./blog <taak>   (bijvoorbeeld: ./blog check)", "", "Taken:"]
    for name in sorted(tasks):
        doc = (tasks[name].__doc__ or "").strip().splitlines()[0]
        lines.append(f"  {name.ljust(width)}  {doc}")
    sys.stdout.write("\n".join(lines) + "\n")
