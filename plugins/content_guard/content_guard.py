"""Pelican glue of the content guard: check everything before reading, share the vocabulary.

Errors stop the build before anything is read or written. Problems of drafts are notes: the
draft is left out of the build (Pelican never reads it) and the rest of the site is built.
"""

import logging
from dataclasses import dataclass, replace
from pathlib import Path

from pelican import signals

from plugins.fenced_blocks.pelican_glue import check_prefixed_settings
from plugins.redirects.checks import alias_problems
from plugins.schedule.schedule import post_schedule, scheduled_lines

from .checks import Limits, check_site, is_draft, recheck
from .files import DEFAULT_IGNORE, layout_from
from .page_sources import remember
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


@dataclass
class CheckState:
    """What one full check used and found: enough to check one changed source again."""

    settings: dict
    vocabulary: object
    posts: list
    limits: Limits
    layout: object
    page_dirs: tuple
    schedule: object

    def recheck(self, path):
        """(post or None, problems) of ``path`` after it changed, the other posts as they were.

        The live preview uses this for the one file an author saved; on success it keeps the
        new post for the next save's site-wide checks.
        """
        content = self.settings["PATH"]
        post, problems, posts = recheck(
            Path(path), self.posts, Path(content), self.vocabulary, self.page_dirs,
            self.limits, self.layout, self.schedule,
        )  # fmt: skip
        return post, problems, posts


LAST = {}  # "state": the CheckState of the last check (the live preview reads it after a build)


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
    schedule = post_schedule(settings, now)
    problems, posts = check_site(settings["PATH"], vocabulary, page_dirs, limits, layout, schedule)
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
    LAST["state"] = CheckState(settings, vocabulary, posts, limits, layout, page_dirs, schedule)
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
    # Only a preview server (./blog serve, ./blog livereload) has an address: it sets PREVIEW_URL.
    served = settings.get("PREVIEW_URL")
    lines = []
    for post in (p for p in posts if is_draft(p) and not p.is_page):
        if post.display in unfinished:
            lines.append(f"Concept {post.display}: nog niet te bekijken (zie de notities).")
        elif template and settings.get("DRAFT_SAVE_AS") and served:
            url = (
                f"{served}{settings.get('SITE_ROOT', '')}/{template.format(slug=post.get('slug'))}"
            )
            lines.append(f"Concept {post.display}: te bekijken op {url}")
        elif template and settings.get("DRAFT_SAVE_AS"):
            file = settings["DRAFT_SAVE_AS"].format(slug=post.get("slug"))
            lines.append(
                f"Concept {post.display}: gebouwd als {file}; bekijk het met ./blog livereload"
            )
        else:
            lines.append(f"Concept {post.display}: wordt niet gepubliceerd (Status: draft).")
    return lines


def site_icon(settings, name="favicon.svg"):
    """``name`` if a file of the content folder is published as ``name``, else ''."""
    content = Path(settings["PATH"])
    for source, meta in settings.get("EXTRA_PATH_METADATA", {}).items():
        if meta.get("path") == name and (content / source).is_file():
            return name
    return ""


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
    # The theme links the site's icon only when the content folder has one (EXTRA_PATH_METADATA
    # publishes it as /favicon.svg): a link to a file the site lacks stops the build.
    settings["SITE_ICON"] = site_icon(settings)
    # What the checks ignore, Pelican ignores too (it matches file names, as we do).
    ignore = settings.get("IGNORE_FILES", [])
    extra = [p for p in setting(settings, "CONTENT_GUARD_IGNORE") if p not in ignore]
    settings["IGNORE_FILES"] = [*ignore, *extra]


def register():
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(guard)
    # For the link check of the finished site (sitetools/linkcheck.py): which post made which page.
    signals.all_generators_finalized.connect(remember)
