"""Deploys and builds never delete what they must not: hostile targets and output folders are
refused before anything is built or written, and --dry-run changes nothing."""

from pathlib import Path

import pytest
from conftest import ROOT, make_project, run_task, snapshot

from sitetools.deploy import rsync_command
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
    assert itemized(out) == (["verouderd.html"], ["nieuw.html", "index.html"])


@pytest.fixture
def project(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))  # the tasks' home folder: a throw-away one
    monkeypatch.delenv("DEPLOY_TARGET", raising=False)
    return make_project(tmp_path)


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


def test_dry_run_lists_what_would_change_and_changes_nothing(project, tmp_path):
    www = tmp_path / "www"  # new: a first deploy creates it and leaves the marker
    first = run_task(project, "deploy", "--target", str(www))
    assert first.returncode == 0, first.stderr
    assert (www / MARKER).is_file()
    (www / "verouderd.html").write_text("weg ermee", encoding="utf-8")
    (www / "index.html").write_text("oud", encoding="utf-8")
    article = project / "content" / "artikelen" / "personeelstekort.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nEen nieuwe zin.\n", "utf-8")
    site, output = snapshot(www), snapshot(project / "output")

    dry = run_task(project, "deploy", "--target", str(www), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "Proefrun: op" in dry.stderr and "niets veranderd" in dry.stderr
    assert "zou verwijderen: verouderd.html" in dry.stderr
    assert "zou toevoegen of bijwerken: index.html" in dry.stderr
    assert "zou toevoegen of bijwerken: artikelen/personeelstekort.html" in dry.stderr
    assert "zou toevoegen of bijwerken: artikelen/cao-uitzendkrachten-2026.html" not in dry.stderr
    assert snapshot(www) == site
    assert snapshot(project / "output") == output  # the dry run published somewhere else

    real = run_task(project, "deploy", "--target", str(www))
    assert real.returncode == 0, real.stderr
    assert "verwijderd: verouderd.html" in real.stderr
    assert not (www / "verouderd.html").exists()
    assert "Een nieuwe zin." in (www / "artikelen" / "personeelstekort.html").read_text("utf-8")


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
