"""Pelican glue of the content guard: check everything before reading, share the vocabulary."""

import logging
from pathlib import Path

from pelican import signals

from fenced_blocks.pelican_glue import check_prefixed_settings

from .checks import Limits, check_site
from .files import DEFAULT_IGNORE, layout_from
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
    """The content has problems; the build must stop before anything is written."""

    exitcode = 1


def setting(settings, name):
    """A CONTENT_GUARD_* setting, or its default."""
    return settings.get(name, DEFAULTS[name])


def vocabulary_path(settings):
    """Where the vocabulary file lives (relative to the content folder)."""
    return Path(settings["PATH"]) / setting(settings, "CONTENT_GUARD_VOCABULARY")


def run_checks(settings):
    """Load the vocabulary and check all content; return (vocabulary, problems)."""
    vocabulary = load_vocabulary(vocabulary_path(settings))
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
    return vocabulary, check_site(settings["PATH"], vocabulary, page_dirs, limits, layout)


def guard(pelican):
    """Stop the build before any reading or writing if the content has problems."""
    check_prefixed_settings(pelican.settings, "CONTENT_GUARD_", DEFAULTS)
    vocabulary, problems = run_checks(pelican.settings)
    if problems:
        log.error(
            "content_guard: %d problem(s) in the content:\n%s",
            len(problems),
            "\n".join(str(p) for p in problems),
        )
        raise ContentError(f"{len(problems)} problem(s) in the content; nothing was written")
    # Templates render theme and rubric descriptions from this (data, not markup).
    pelican.settings["VOCABULARY"] = vocabulary
    # What the checks ignore, Pelican ignores too (it matches file names, as we do).
    ignore = pelican.settings.get("IGNORE_FILES", [])
    extra = [p for p in setting(pelican.settings, "CONTENT_GUARD_IGNORE") if p not in ignore]
    pelican.settings["IGNORE_FILES"] = [*ignore, *extra]


def register():
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(guard)
