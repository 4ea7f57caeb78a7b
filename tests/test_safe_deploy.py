"""Deploys and builds never delete what they must not: hostile targets and output folders are
refused before anything is built or written, live pages are never deleted silently, --dry-run
changes nothing, and every external command ends in time with a Dutch message."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_task, snapshot
from small_sites import small_project

from sitetools.deploy import rsync_command
from sitetools.deploy_changes import Changes
from sitetools.deploy_target import MARKER, TargetError, checked_target, itemized


@pytest.mark.unit
def test_rsync_gets_every_path_after_the_double_dash():
    command = rsync_command("/tmp/output", "--rsh=sh -c evil", extra_sources=["/tmp/marks"])
    paths = command[command.index("--") + 1 :]
    assert paths == ["/tmp/output/", "/tmp/marks/", "--rsh=sh -c evil/"]
    assert all(not arg.startswith("--rsh") for arg in command[: command.index("--")])
    assert "--dry-run" in rsync_command("o", "t", dry_run=True)
    assert "--dry-run" not in rsync_command("o", "t")


@pytest.mark.unit
def test_rsync_gives_up_on_a_silent_connection_and_ssh_never_asks_for_a_password():
    remote = rsync_command("/tmp/output", "deploy@server:/var/www/blog")
    assert "--timeout=120" in remote
    rsh = [arg for arg in remote if arg.startswith("--rsh=")]
    assert rsh == ["--rsh=ssh -o BatchMode=yes -o ConnectTimeout=20"]
    assert not [arg for arg in rsync_command("/tmp/output", "/srv/www") if "--rsh" in arg]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("", "geen deploy-doel opgegeven"),
        ("   ", "geen deploy-doel opgegeven"),
        ("/", "bevat de projectmap"),
        (str(ROOT), "is de projectmap"),
        (str(ROOT.parent), "bevat de projectmap"),
        (str(ROOT / "content"), "is de contentmap"),
        (str(ROOT / "content" / "images"), "ligt in de projectmap"),
        (str(ROOT / "output"), "ligt in de projectmap"),
        ("~", "de thuismap"),
        (str(Path.home()), "de thuismap"),
        ("-rf", "begint met een streepje"),
        ("user@host:", "de thuismap of de hoofdmap op de server"),
        ("host:/", "de thuismap of de hoofdmap op de server"),
        ("host:~/", "de thuismap of de hoofdmap op de server"),
        ("host:.", "de thuismap of de hoofdmap op de server"),
        ("host://", "de thuismap of de hoofdmap op de server"),
        ("host:..", "de thuismap of de hoofdmap op de server"),
        ("host:~andere", "de thuismap of de hoofdmap op de server"),
        ("host:./", "de thuismap of de hoofdmap op de server"),
    ],
)
def test_hostile_targets_are_refused(target, reason):
    with pytest.raises(TargetError, match=reason):
        checked_target(target)


@pytest.mark.unit
def test_safe_targets_pass_and_local_ones_are_resolved(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert checked_target("www") == str(tmp_path / "www")
    assert checked_target("user@host:/var/www/blog") == "user@host:/var/www/blog"
    assert checked_target("host:~/www/blog") == "host:~/www/blog"
    assert checked_target("host:www") == "host:www"
    assert checked_target("./-rare-map") == str(tmp_path / "-rare-map")


@pytest.mark.unit
def test_itemized_rsync_output_is_split_into_removed_and_changed():
    out = (
        "*deleting   verouderd.html\n"
        ">f+++++++++ nieuw.html\n"
        ">fcst...... index.html\n"
        "cd+++++++++ artikelen/\n"
        ".d..t...... ./\n"
        f">f+++++++++ {MARKER}\n"
    )
    assert itemized(out) == Changes(
        added=["nieuw.html"], changed=["index.html"], removed=["verouderd.html"]
    )


@pytest.fixture
def project(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))  # the tasks' home folder: a throw-away one
    monkeypatch.delenv("DEPLOY_TARGET", raising=False)
    monkeypatch.delenv("DEPLOY_TIMEOUT", raising=False)
    return small_project(tmp_path)


def _refused(project, args, message):
    content = snapshot(project / "content")
    result = run_task(project, "deploy", *args)
    assert result.returncode == 1, result.stderr
    assert message in result.stderr
    assert not (project / "output").exists()  # refused before anything was built
    assert snapshot(project / "content") == content
    return result


def test_deploy_without_target_says_so_before_building(project):
    _refused(project, [], "geen deploy-doel opgegeven; geef --target mee of zet DEPLOY_TARGET")


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("/", "het deploy-doel / bevat de projectmap"),
        (".", "is de projectmap"),
        ("content", "is de contentmap"),
        ("content/images", "ligt in de projectmap"),
        ("..", "bevat de projectmap"),
        ("~", "is de thuismap"),
        ("HOME", "is de thuismap"),
    ],
)
def test_deploy_refuses_hostile_local_targets(project, target, message):
    home = Path(project.parent / "home")
    (home / "brief.txt").write_text("van mij", encoding="utf-8")
    target = str(home) if target == "HOME" else target
    _refused(project, ["--target", target], message)
    assert (home / "brief.txt").read_text(encoding="utf-8") == "van mij"


def test_deploy_deletes_nothing_in_a_strangers_folder_unless_forced(project, tmp_path):
    www = tmp_path / "www"
    www.mkdir()
    (www / "foto.jpg").write_bytes(b"niet van de blog")
    before = snapshot(www)
    result = _refused(project, ["--target", str(www)], f"het bestand {MARKER} ontbreekt")
    assert "--force" in result.stderr
    assert snapshot(www) == before

    forced = run_task(project, "deploy", "--target", str(www), "--force")
    assert forced.returncode == 0, forced.stderr
    assert not (www / "foto.jpg").exists()
    assert "verwijderd: foto.jpg" in forced.stderr
    assert (www / MARKER).is_file() and (www / "index.html").is_file()


def test_a_live_page_is_never_deleted_silently_and_dry_run_says_so(project, tmp_path):
    www = tmp_path / "www"  # new: a first deploy creates it and leaves the marker
    first = run_task(project, "deploy", "--target", str(www))
    assert first.returncode == 0, first.stderr
    assert (www / MARKER).is_file()
    assert "  artikel nieuw: /artikelen/blijft.html" in first.stderr.splitlines()
    # A page that is live but that no build has any more (and the ledger never heard of).
    (www / "verouderd.html").write_text("een oude pagina", encoding="utf-8")
    article = project / "content" / "artikelen" / "blijft.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nEen nieuwe zin.\n", "utf-8")
    site, output = snapshot(www), snapshot(project / "output")

    for args in ([], ["--dry-run"]):
        refused = run_task(project, "deploy", "--target", str(www), *args)
        assert refused.returncode == 1, refused.stderr
        assert (
            f"fout: Niets geüpload: op {www} staat een pagina die deze build niet meer heeft; een "
            "gepubliceerd adres mag niet zomaar verdwijnen:" in refused.stderr
        )
        assert (
            "  /verouderd.html: zet het artikel terug (of de oude Slug), zet 'Alias: "
            "/verouderd.html' bij het artikel dat ervoor in de plaats komt (dan stuurt de site "
            "lezers door), of zet het adres in content/weg.txt als het bewust verdwijnt"
            in refused.stderr.splitlines()
        )
        assert snapshot(www) == site and snapshot(project / "output") == output

    (project / "content" / "weg.txt").write_text("/verouderd.html\n", encoding="utf-8")
    dry = run_task(project, "deploy", "--target", str(www), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    lines = dry.stderr.splitlines()
    assert f"Proefrun: op {www} is niets veranderd. Een deploy zou dit doen:" in lines
    assert "  artikel bijgewerkt: /artikelen/blijft.html" in lines
    assert (
        "let op: /verouderd.html zou verdwijnen van de site (het staat in content/weg.txt)" in lines
    )
    # routine files in one line, never one by one, never as a warning
    assert [line for line in lines if "zoekindex" in line] == [
        next(line for line in lines if line.startswith("  andere bestanden (nieuw, bijgewerkt"))
    ]
    assert not [line for line in lines if "pagefind/" in line or "verwijderd:" in line]
    assert ".output" not in dry.stderr and "staging" not in dry.stderr  # no private folders
    assert snapshot(www) == site
    assert snapshot(project / "output") == output  # the dry run published somewhere else

    real = run_task(project, "deploy", "--target", str(www))
    assert real.returncode == 0, real.stderr
    assert "let op: /verouderd.html is verdwenen van de site (het staat in content/weg.txt)" in (
        real.stderr.splitlines()
    )
    assert not (www / "verouderd.html").exists()
    assert "Een nieuwe zin." in (www / "artikelen" / "blijft.html").read_text("utf-8")
    assert snapshot(project / "output") == {  # output/ is the very site that went online
        name: data for name, data in snapshot(www).items() if name != MARKER
    }


def _fake(folder, name, script):
    """An executable ``name`` in ``folder`` (put first on PATH) running the shell ``script``."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)
    return {**os.environ, "PATH": f"{folder}{os.pathsep}{os.environ['PATH']}"}


def test_a_preview_build_during_a_slow_upload_never_reaches_the_target(project, tmp_path):
    """The deploy uploads its own publish, not output/, which a preview rebuilds at any time."""
    www, flags = tmp_path / "www", tmp_path / "flags"
    flags.mkdir()
    env = _fake(  # the upload (not the dry run) waits until the preview's build has finished
        tmp_path / "bin",
        "rsync",
        f'case " $* " in *" --dry-run "*|*" --list-only "*) ;;\n'
        f"*) touch {flags}/upload; i=0\n"
        f"   while [ ! -e {flags}/go ] && [ $i -lt 900 ]; do sleep 0.1; i=$((i+1)); done;;\n"
        f'esac\nexec {shutil.which("rsync")} "$@"\n',
    )
    deploy = subprocess.Popen(
        [sys.executable, "-m", "invoke", "deploy", "--target", str(www)],
        cwd=project,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(1200):
            if (flags / "upload").exists() or deploy.poll() is not None:
                break
            time.sleep(0.1)
        assert (flags / "upload").exists(), "the upload never started"
        preview = run_task(project, "build")  # what ./blog livereload does on every save
        assert preview.returncode == 0, preview.stderr
        assert (project / "output" / "concepten" / "een-concept.html").is_file()
        assert b"localhost" in (project / "output" / "index.html").read_bytes()
    finally:
        (flags / "go").touch()
        _, stderr = deploy.communicate(timeout=180)
    assert deploy.returncode == 0, stderr
    online = snapshot(www)
    assert "artikelen/blijft.html" in online
    assert not [name for name in online if "concept" in name]
    assert not [name for name, data in online.items() if b"localhost" in data]
    assert b"https://werkinbeweging.nl/artikelen/blijft.html" in online["artikelen/blijft.html"]
    # the local copy is the deploy's own site again
    assert not (project / "output" / "concepten").exists()
    assert not list(project.glob(".output.deploy-*"))


def test_a_hanging_rsync_is_stopped_in_dutch_before_anything_is_built(project, tmp_path):
    env = _fake(tmp_path / "bin", "rsync", "sleep 60\n")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "deploy", "--target", str(tmp_path / "www")],
        cwd=project,
        env={**env, "DEPLOY_TIMEOUT": "2"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert time.monotonic() - started < 30
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"fout: Niets geüpload: rsync was na 2 seconden nog niet klaar met het lezen van het "
        f"deploy-doel {tmp_path / 'www'} en is gestopt; controleer de verbinding en probeer het "
        "opnieuw, of geef het meer tijd met DEPLOY_TIMEOUT=1800 ./blog deploy …"
    ]
    assert not (project / "output").exists()


def test_ssh_never_waits_for_a_password(project, tmp_path):
    log = tmp_path / "ssh-args"
    env = _fake(
        tmp_path / "bin", "ssh", f'echo "$@" > {log}\necho "Permission denied" >&2\nexit 255\n'
    )
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "deploy", "--target", "deploy@server.invalid:/srv/www"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "-o BatchMode=yes -o ConnectTimeout=20" in log.read_text(encoding="utf-8")
    assert (
        "fout: Niets geüpload: rsync kan het deploy-doel deploy@server.invalid:/srv/www niet lezen"
        in result.stderr
    )
    assert "controleer het adres en je rechten" in result.stderr


def test_a_hanging_git_is_stopped_in_dutch(project, tmp_path):
    env = _fake(tmp_path / "bin", "git", "sleep 60\n")
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "deploy", "--github"],
        cwd=project,
        env={**env, "DEPLOY_TIMEOUT": "1,5"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "fout: Niets geüpload: git was na 1,5 seconden nog niet klaar met het ophalen van de tak "
        "gh-pages en is gestopt; controleer de verbinding en probeer het opnieuw, of geef het meer "
        "tijd met DEPLOY_TIMEOUT=1800 ./blog deploy …"
    ]


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ('"."', "is de projectmap"),
        ('".."', "bevat de projectmap"),
        ('"content"', "is de contentmap"),
        ('"content/site"', "ligt in de contentmap"),
        ('"theme"', "is de themamap"),
        ("__import__('os').environ['HOME']", "is de thuismap"),
    ],
)
def test_build_refuses_an_output_folder_that_holds_sources(project, output, message):
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as conf:
        conf.write(f"\nOUTPUT_PATH = {output}\n")
    content, theme = snapshot(project / "content"), snapshot(project / "theme")
    home = snapshot(project.parent / "home")
    for task in ("build", "publish"):
        result = run_task(project, task)
        assert result.returncode == 1, result.stderr
        assert "de uitvoermap" in result.stderr and message in result.stderr
        assert "Kies een eigen map voor de uitvoer" in result.stderr
    assert snapshot(project / "content") == content
    assert snapshot(project / "theme") == theme
    assert snapshot(project.parent / "home") == home
    assert list(project.parent.glob(".*staging*")) == list(project.glob(".*staging*")) == []


@pytest.mark.unit
def test_a_hanging_search_indexer_is_stopped_in_dutch(tmp_path, monkeypatch):
    from sitetools import search_index  # noqa: PLC0415

    monkeypatch.setattr(search_index, "pagefind_command", lambda site: ["sleep", "30"])
    monkeypatch.setattr(search_index, "TIMEOUT_S", 0.5)
    started = time.monotonic()
    with pytest.raises(search_index.SearchIndexError) as caught:
        search_index.run_pagefind(tmp_path)
    assert time.monotonic() - started < 10
    assert str(caught.value) == (
        "de zoekfunctie kon niet worden bijgewerkt: de indexer (Pagefind) was na 0,5 seconden "
        "nog niet klaar en is gestopt; bouw de site opnieuw met `./blog build`, en gebeurt het "
        "weer, meld het dan aan de beheerder van de blog"
    )
