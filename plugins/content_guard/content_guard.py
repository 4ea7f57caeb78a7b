"""Pelican glue of the content guard: check everything before reading, share the vocabulary.

Errors stop the build before anything is read or written. Problems of drafts are notes: the
draft is left out of the build (Pelican never reads it) and the rest of the site is built.
"""

import logging
from dataclasses import replace
from pathlib import Path

from pelican import signals

from plugins.fenced_blocks.pelican_glue import check_prefixed_settings
from plugins.redirects.checks import alias_problems
from plugins.schedule.schedule import post_schedule, scheduled_lines

from .checks import Limits, check_site, is_draft
from .files import DEFAULT_IGNORE, layout_from
from .problems import report_lines, summary_line
from .vocabulary import load_vocabulary

log = logging.getLogger(__name__)

DEFAULTS = {
    "CONTENT_GUARD_VOCABULARY": "themas.toml",
    "CONTENT_GUARD_MAX_SUMMARY": 300,
    "CONTENT_GUARD_MAX_TAGS": 5,
    "CONTENT_GUARD_MAX_BYTES": 1_000_000,
    "CONTENT_GUARD_IGNORE": list(DEFAULT_IGNORE),
}


class ContentError(Exception):
    """The content has problems; the build must stop before anything is written.

    Its text is the whole Dutch report for the author.
    """

    exitcode = 1


def setting(settings, name):
    """A CONTENT_GUARD_* setting, or its default."""
    return settings.get(name, DEFAULTS[name])


def vocabulary_path(settings):
    """Where the vocabulary file lives (relative to the content folder)."""
    return Path(settings["PATH"]) / setting(settings, "CONTENT_GUARD_VOCABULARY")


def run_checks(settings, now=None):
    """Load the vocabulary and check all content; return (vocabulary, problems, posts).

    ``now`` (default: this build's moment) decides which posts are scheduled (``post.scheduled``).
    """
    path = vocabulary_path(settings)
    vocabulary = load_vocabulary(path, Path(settings["PATH"]).name + "/" + path.name)
    limits = Limits(
        setting(settings, "CONTENT_GUARD_MAX_SUMMARY"),
        setting(settings, "CONTENT_GUARD_MAX_TAGS"),
        setting(settings, "CONTENT_GUARD_MAX_BYTES"),
    )
    page_dirs = tuple(settings.get("PAGE_PATHS", ["pages"]))
    layout = layout_from(
        settings,
        setting(settings, "CONTENT_GUARD_VOCABULARY"),
        setting(settings, "CONTENT_GUARD_IGNORE"),
    )
    problems, posts = check_site(
        settings["PATH"], vocabulary, page_dirs, limits, layout, post_schedule(settings, now)
    )
    drafts = {post.display for post in posts if is_draft(post)}
    problems = sorted(
        [
            *problems,
            *(
                replace(p, draft=p.display in drafts)
                for p in alias_problems(posts, settings, is_draft)
            ),
        ]
    )
    return vocabulary, problems, posts


def leave_out(settings, paths):
    """Have Pelican read every source except ``paths``.

    Pelican excludes folders, not files; so when a draft must be left out, the article and page
    paths become the explicit list of their files (Pelican reads a file path as itself).
    """
    if not paths:
        return
    content = Path(settings["PATH"])
    for key in ("ARTICLE_PATHS", "PAGE_PATHS"):
        files = []
        for entry in settings[key]:
            root = content / entry
            if not root.is_dir():
                files.append(entry)
                continue
            files += [
                str(p.relative_to(content))
                for p in sorted(root.rglob("*"))
                if p.is_file() and p not in paths
            ]
        settings[key] = files


def draft_lines(settings, posts, notes):
    """Where each draft can be previewed, or why it cannot be yet."""
    unfinished = {p.display for p in notes}
    template = settings.get("DRAFT_URL", "")
    base = f"{settings.get('SITEURL', '')}{settings.get('SITE_ROOT', '')}"
    lines = []
    for post in (p for p in posts if is_draft(p) and not p.is_page):
        if post.display in unfinished:
            lines.append(f"Concept {post.display}: nog niet te bekijken (zie de notities).")
        elif template and settings.get("DRAFT_SAVE_AS"):
            url = template.format(slug=post.get("slug"))
            lines.append(f"Concept {post.display}: te bekijken op {base}/{url}")
        else:
            lines.append(f"Concept {post.display}: wordt niet gepubliceerd (Status: draft).")
    return lines


def guard(pelican):
    """Stop the build before any reading or writing if the content has errors."""
    settings = pelican.settings
    check_prefixed_settings(settings, "CONTENT_GUARD_", DEFAULTS)
    vocabulary, problems, posts = run_checks(settings)
    errors = [p for p in problems if not p.draft]
    notes = [p for p in problems if p.draft]
    if errors:
        raise ContentError(
            "\n".join([*report_lines(problems), summary_line(len(errors), len(notes))])
        )
    lines = report_lines(notes) + draft_lines(settings, posts, notes)
    for line in lines + scheduled_lines(settings, posts):
        log.info("%s", line)
    leave_out(settings, {p.path for p in posts if p.display in {n.display for n in notes}})
    # Templates render theme and rubric descriptions from this (data, not markup).
    settings["VOCABULARY"] = vocabulary
    # What the checks ignore, Pelican ignores too (it matches file names, as we do).
    ignore = settings.get("IGNORE_FILES", [])
    extra = [p for p in setting(settings, "CONTENT_GUARD_IGNORE") if p not in ignore]
    settings["IGNORE_FILES"] = [*ignore, *extra]


def register():
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(guard)
