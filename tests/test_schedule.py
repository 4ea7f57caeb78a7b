"""Scheduled posts: dated ahead, off the site until that moment in Europe/Amsterdam.

The tests set the clock (WIB_NOW); they never wait. Every site is written by the test.
"""

from datetime import UTC, datetime

import pytest
from conftest import make_project, run_task
from moving_site import build_site, post, write_site

from plugins.content_guard.content_guard import run_checks
from plugins.schedule import clock, scheduled_posts
from plugins.schedule.schedule import dutch_moment, scheduled_for
from sitetools.build import BuildError
from sitetools.settings import load

ZONE = "Europe/Amsterdam"


def utc(*parts):
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("date", "now", "scheduled"),
    [
        # Winter (CET, UTC+1): 15 December 00:00 in Amsterdam is 14 December 23:00 UTC.
        ("2026-12-15", utc(2026, 12, 14, 22, 59, 59), True),
        ("2026-12-15", utc(2026, 12, 14, 23, 0, 0), False),
        ("2026-12-15", utc(2026, 12, 15, 12, 0, 0), False),
        # Summer (CEST, UTC+2): 1 July 00:00 in Amsterdam is 30 June 22:00 UTC.
        ("2026-07-01", utc(2026, 6, 30, 21, 59, 59), True),
        ("2026-07-01", utc(2026, 6, 30, 22, 0, 0), False),
        # A date with a time: 09:30 in Amsterdam in March (before summer time) is 08:30 UTC.
        ("2026-03-02 09:30", utc(2026, 3, 2, 8, 29), True),
        ("2026-03-02 09:30", utc(2026, 3, 2, 8, 30), False),
        # The night summer time starts (29 March 2026, 02:00 -> 03:00): 03:30 is 01:30 UTC.
        ("2026-03-29 03:30", utc(2026, 3, 29, 1, 29), True),
        ("2026-03-29 03:30", utc(2026, 3, 29, 1, 30), False),
    ],
)
def test_a_post_is_scheduled_until_its_moment_in_amsterdam(date, now, scheduled):
    assert (scheduled_for("published", date, ZONE, now) is not None) == scheduled
    assert (scheduled_for("hidden", date, ZONE, now) is not None) == scheduled
    assert scheduled_for("draft", date, ZONE, now) is None  # a draft is never online anyway


@pytest.mark.unit
def test_dates_in_dutch():
    moment = scheduled_for("published", "2026-12-15", ZONE, utc(2026, 1, 1))
    assert dutch_moment(moment, ZONE) == "15 december 2026"
    moment = scheduled_for("published", "2026-07-01 09:30", ZONE, utc(2026, 1, 1))
    assert dutch_moment(moment, ZONE) == "1 juli 2026 om 09:30"


@pytest.mark.unit
def test_the_clock_is_set_by_wib_now(monkeypatch):
    monkeypatch.setenv("WIB_NOW", "2026-12-15T00:00:00+01:00")
    assert clock.now() == utc(2026, 12, 14, 23)
    monkeypatch.setenv("WIB_NOW", "2026-07-01T00:00")  # no offset: the site's time zone
    assert clock.now(ZONE) == utc(2026, 6, 30, 22)
    monkeypatch.setenv("WIB_NOW", "morgen")
    with pytest.raises(clock.ClockError, match="WIB_NOW='morgen' is geen tijdstip"):
        clock.now()
    monkeypatch.delenv("WIB_NOW")
    assert abs((clock.now() - datetime.now(UTC)).total_seconds()) < 5


POSTS = {
    "artikelen/nu.md": post("nu", date="2026-11-01"),
    "artikelen/later.md": post("later", date="2026-12-15", title="Later verschenen"),
}
BEFORE, AT = "2026-12-14T23:59:59+01:00", "2026-12-15T00:00:00+01:00"


def on_site(out, slug="later"):
    """Where the scheduled post shows up in a built site."""
    return {
        "article": (out / "artikelen" / f"{slug}.html").exists(),
        "preview": (out / "concepten" / f"{slug}.html").exists(),
        "home": f"artikelen/{slug}.html" in (out / "index.html").read_text("utf-8"),
        "archive": f"artikelen/{slug}.html" in (out / "archief" / "index.html").read_text("utf-8"),
        "feed": f"artikelen/{slug}.html" in (out / "feeds" / "alles.atom.xml").read_text("utf-8"),
        "sitemap": f"artikelen/{slug}.html" in (out / "sitemap.xml").read_text("utf-8"),
    }


@pytest.mark.parametrize(
    ("now", "config", "expected"),
    [
        (BEFORE, "pelicanconf.py", {"preview": True}),
        (BEFORE, "publishconf.py", {}),
        (AT, "pelicanconf.py", {"article", "home", "archive", "feed", "sitemap"}),
        (AT, "publishconf.py", {"article", "home", "archive", "feed", "sitemap"}),
    ],
    ids=["preview-before", "publish-before", "build-at-midnight", "publish-at-midnight"],
)
def test_the_site_at_several_moments(tmp_path, monkeypatch, now, config, expected):
    monkeypatch.setenv("WIB_NOW", now)
    out = build_site(write_site(tmp_path / "content", POSTS), tmp_path / "output", config)
    assert {k for k, v in on_site(out).items() if v} == set(expected)
    assert on_site(out, "nu")["article"]


def test_a_cached_build_publishes_the_post_when_its_moment_comes(tmp_path, monkeypatch):
    from sitetools.build import build
    from sitetools.golden import differences

    content = write_site(tmp_path / "content", POSTS)
    cached = {"PATH": str(content), "CACHE_PATH": str(tmp_path / "cache")}
    monkeypatch.setenv("WIB_NOW", BEFORE)
    out = build("pelicanconf.py", tmp_path / "output", **cached)
    assert not on_site(out)["article"]
    monkeypatch.setenv("WIB_NOW", AT)  # same sources, same caches, a day later
    out = build("pelicanconf.py", tmp_path / "output", **cached)
    assert on_site(out)["article"] and not on_site(out)["preview"]
    clean = build_site(content, tmp_path / "clean")
    assert differences(out, clean) == []


def test_check_and_build_name_the_scheduled_post(tmp_path, monkeypatch):
    monkeypatch.setenv("WIB_NOW", BEFORE)
    project = make_project(tmp_path, with_content=False)
    write_site(project / "content", POSTS)
    line = "content/artikelen/later.md: ingepland voor 15 december 2026; tot dan niet op de site"
    checked = run_task(project, "check")
    assert checked.returncode == 0, checked.stderr
    assert "Ingepland (nog niet op de site):" in checked.stderr
    assert f"{line}, wel te bekijken op http://localhost:8000/concepten/later.html" in (
        checked.stderr
    )
    built = run_task(project, "build")
    assert built.returncode == 0 and line in built.stderr
    published = run_task(project, "publish")
    assert published.returncode == 0, published.stderr
    assert (
        "content/artikelen/later.md: ingepland voor 15 december 2026; komt op de site bij de "
        "eerste publicatie op of na dat moment"
    ) in published.stderr
    assert not (project / "output" / "concepten").exists()
    monkeypatch.setenv("WIB_NOW", AT)
    published = run_task(project, "publish")
    assert "later.md: ingepland" not in published.stderr
    assert "niets is ingepland" in published.stderr  # the publish summary says so
    assert (project / "output" / "artikelen" / "later.html").exists()


LINKING = {
    **POSTS,
    "artikelen/tip.md": post(
        "tip", extra="Meer_lezen: later", body="[Later](/artikelen/later.html)."
    ),
    # Scheduled after 'later': by its own moment, 'later' is online.
    "artikelen/daarna.md": post(
        "daarna", date="2026-12-20", extra="Meer_lezen: later", body="[L](/artikelen/later.html)."
    ),
    "artikelen/bestand.md": post("bestand", body="Via [het bestand]({filename}later.md)."),
    # Scheduled before 'later': it would appear with a link to a page that is not there yet.
    "artikelen/eerder.md": post("eerder", date="2026-12-10 12:00", extra="Meer_lezen: later"),
}


def messages(content, now):
    settings = load("pelicanconf.py", PATH=str(content))
    return [str(p) for p in run_checks(settings, now)[1] if not p.draft]


@pytest.mark.unit
def test_picks_and_links_of_a_scheduled_post_are_errors_until_its_moment(tmp_path):
    content = write_site(tmp_path / "content", LINKING)
    word = "een ingepland artikel dat nog niet op de site staat"
    assert messages(content, utc(2026, 12, 1)) == [
        f"content/artikelen/bestand.md:8: linkt naar content/artikelen/later.md, {word}; "
        "link naar een gepubliceerd artikel",
        f"content/artikelen/eerder.md:7: Meer_lezen noemt 'later', {word}; kies een "
        "gepubliceerd artikel",
        f"content/artikelen/tip.md:7: Meer_lezen noemt 'later', {word}; kies een "
        "gepubliceerd artikel",
        f"content/artikelen/tip.md:9: linkt naar '/artikelen/later.html', {word}; link naar "
        "een gepubliceerd artikel",
    ]
    assert messages(content, utc(2026, 12, 14, 23)) == []  # midnight in Amsterdam


def test_the_build_stops_on_a_pick_of_a_scheduled_post(tmp_path, monkeypatch):
    monkeypatch.setenv("WIB_NOW", BEFORE)
    posts = {**POSTS, "artikelen/tip.md": post("tip", extra="Meer_lezen: later")}
    with pytest.raises(BuildError, match="tip.md:7: Meer_lezen noemt 'later', een ingepland"):
        build_site(write_site(tmp_path / "content", posts), tmp_path / "output")


@pytest.mark.unit
def test_scheduled_posts_for_summaries(tmp_path):
    content = write_site(tmp_path / "content", LINKING)
    settings = load("pelicanconf.py", PATH=str(content))
    found = scheduled_posts(settings, utc(2026, 12, 12))
    assert [(p.display, p.slug, dutch_moment(p.moment)) for p in found] == [
        ("content/artikelen/later.md", "later", "15 december 2026"),
        ("content/artikelen/daarna.md", "daarna", "20 december 2026"),
    ]


@pytest.mark.unit
def test_a_filename_link_to_a_draft_is_an_error_as_well(tmp_path):
    content = write_site(
        tmp_path / "content",
        {
            "artikelen/concept.md": post("concept", extra="Status: draft"),
            "artikelen/a.md": post("a", body="Zie [het concept]({filename}/artikelen/concept.md)."),
        },
    )
    assert messages(content, utc(2026, 1, 1)) == [
        "content/artikelen/a.md:8: linkt naar content/artikelen/concept.md, een concept; link "
        "naar een gepubliceerd artikel"
    ]
