"""The command line as authors meet it: ./blog lists its tasks, unknown tasks and missing titles
are answered in Dutch, and success is never labelled as a warning."""

import subprocess

from conftest import ROOT, make_project, run_task


def blog(*args):
    """Run the real ./blog script of this checkout (its .venv exists: the tests run in it)."""
    return subprocess.run(
        [str(ROOT / "blog"), *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_blog_without_a_task_lists_every_task_with_its_description():
    result = blog()
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Gebruik: ./blog <taak>   (bijvoorbeeld: ./blog check)"
    names = [line.split()[0] for line in lines[3:]]
    for task in ("build", "check", "deploy", "livereload", "new", "publish", "serve", "test"):
        assert task in names
    for line in lines[3:]:
        assert len(line.split(None, 1)) == 2, line  # every task has its one-line description


def test_unknown_task_is_answered_in_dutch_with_the_list():
    result = blog("bouw")
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "'bouw' is geen taak van ./blog."
    assert "  check " in result.stderr


def test_new_without_a_title_says_how():
    result = blog("new")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        'fout: geef het artikel een titel: ./blog new "Titel van het artikel"'
    )


def test_new_with_an_empty_title_says_how(tmp_path):
    result = run_task(make_project(tmp_path), "new", " ")
    assert result.returncode == 1
    assert "fout: geef het artikel een titel" in result.stderr


def test_success_is_not_a_warning(tmp_path):
    project = make_project(tmp_path)
    for task in ("check", "build"):
        result = run_task(project, task)
        assert result.returncode == 0, result.stderr
        assert "WARNING" not in result.stderr and "let op" not in result.stderr
        assert result.stdout == ""  # Pelican's English 'Done: Processed …' is not shown
    assert run_task(project, "build").stderr.strip().splitlines()[-2:] == [
        "Site gebouwd in output/.",
        "Bekijk haar met ./blog serve, of met ./blog livereload (bouwt opnieuw bij elke wijziging).",
    ]
