"""./blog bewaar-adressen commits the ledger of published addresses (and pushes it with --push)."""

import subprocess

from conftest import make_project, run_task


def git(cwd, *args):
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_ledger_is_committed_and_pushed_and_nothing_else(tmp_path):
    project = make_project(tmp_path)
    remote = tmp_path / "remote.git"
    git(tmp_path, "init", "--quiet", "--bare", "--initial-branch=main", str(remote))
    ledger = project / "content" / "adressen.txt"
    ledger.write_text("/artikelen/personeelstekort.html\n", encoding="utf-8")
    git(project, "init", "--quiet", "--initial-branch=main")
    git(project, "add", ".")
    git(project, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "begin")
    git(project, "remote", "add", "origin", str(remote))
    git(project, "push", "--quiet", "--set-upstream", "origin", "main")

    same = run_task(project, "bewaar-adressen", "--push")
    assert same.returncode == 0, same.stderr
    assert "content/adressen.txt is al vastgelegd" in same.stderr

    # A publish added an address; an author's unrelated edit is not the task's to commit.
    ledger.write_text("/artikelen/nieuw.html\n/artikelen/personeelstekort.html\n", encoding="utf-8")
    (project / "content" / "themas.toml").write_text("# half af\n", encoding="utf-8")
    kept = run_task(project, "bewaar-adressen", "--push")
    assert kept.returncode == 0, kept.stderr
    assert "content/adressen.txt vastgelegd en doorgestuurd." in kept.stderr
    assert git(remote, "show", "main:content/adressen.txt").startswith("/artikelen/nieuw.html")
    assert git(remote, "show", "--name-only", "--format=", "main").split() == [
        "content/adressen.txt"
    ]
    assert "themas.toml" in git(project, "status", "--porcelain")  # left as it was
