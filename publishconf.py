"""Production settings: everything of pelicanconf.py plus the absolute site URL."""

import os
from urllib.parse import urlsplit

from pelicanconf import *  # noqa: F403 (pelicanconf is a module of the installed project)

# The public address of the site; override with the SITEURL environment variable.
SITEURL = os.environ.get("SITEURL", "https://werkinbeweging.nl").rstrip("/")
RELATIVE_URLS = False
SITE_ROOT = os.environ.get("SITE_ROOT", "").strip().strip("/")
SITE_ROOT = f"/{SITE_ROOT}" if SITE_ROOT else ""
# A site in a sub-folder is named once: SITE_ROOT=/blog, or a SITEURL that ends in /blog; the
# other follows, so links (SITE_ROOT) and absolute addresses (SITEURL) always agree.
if SITE_ROOT and not urlsplit(SITEURL).path:
    SITEURL += SITE_ROOT
elif not SITE_ROOT:
    SITE_ROOT = urlsplit(SITEURL).path
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
# Drafts are previewed locally (./blog livereload, /concepten/) but never published.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
# A publish always starts from the sources alone.
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
