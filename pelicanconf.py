"""Pelican settings for building and previewing the blog locally (production: publishconf.py)."""

# --- Site -----------------------------------------------------------------------------------
SITENAME = "Werk in beweging"
SITESUBTITLE = "Over arbeidsmarkt, werving en loopbaanbegeleiding"
SITEDESCRIPTION = (
    "Een Nederlandse blog voor loopbaanprofessionals, recruiters en HR: artikelen over de "
    "arbeidsmarkt, werving en selectie, AI en het loopbaanvak."
)
AUTHOR = "Redactie Werk in beweging"
# SITEURL is the absolute address: canonical links, Open Graph, JSON-LD, sitemap, robots.txt
# and feeds use it. Locally that is the preview server; publishconf.py sets the public one.
SITEURL = "http://localhost:8000"
# Pages link to each other root-relative (SITE_ROOT + "/artikelen/x.html"), so the same build works
# on any host and port, also from the 404 page. Set it to "/blog" for a site in a sub-folder.
SITE_ROOT = ""
RELATIVE_URLS = False
TIMEZONE = "Europe/Amsterdam"
DEFAULT_LANG = "nl"

# --- Content --------------------------------------------------------------------------------
PATH = "content"
ARTICLE_PATHS = ["artikelen"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {
    "extra/favicon.svg": {"path": "favicon.svg"},
}
# Host configuration copied into the site root by the build (sitetools/build.py, add_host_files):
# security headers and caching for Netlify and Cloudflare Pages (nginx: hosting/nginx/).
HOST_FILES = ["hosting/netlify/_headers"]
# No part of the site: a one-line Dutch note in content/images/ says what goes there; the ledger
# of published addresses and the addresses removed on purpose are read by ./blog check and the
# build (sitetools/ledger.py).
IGNORE_FILES = ["**/.*", "LEESMIJ.txt", "adressen.txt", "weg.txt"]
DEFAULT_DATE = None
ARTICLE_ORDER_BY = "reversed-date"
DEFAULT_PAGINATION = 20
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/pagina/{number}/", "{base_name}/pagina/{number}/index.html"),
)

# --- URLs (Dutch, readable, stable) ---------------------------------------------------------
# One file per article, no folder each: a folder per page costs a metadata write per article,
# which dominated rebuilds on a slow disk (see README, Performance).
ARTICLE_URL = "artikelen/{slug}.html"
ARTICLE_SAVE_AS = "artikelen/{slug}.html"
DRAFT_URL = "concepten/{slug}.html"
DRAFT_SAVE_AS = "concepten/{slug}.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
TAG_URL = "thema/{slug}/"
TAG_SAVE_AS = "thema/{slug}/index.html"
TAGS_URL = "themas/"
TAGS_SAVE_AS = "themas/index.html"
CATEGORY_URL = "rubriek/{slug}/"
CATEGORY_SAVE_AS = "rubriek/{slug}/index.html"
CATEGORIES_URL = "rubrieken/"
CATEGORIES_SAVE_AS = "rubrieken/index.html"
ARCHIVES_URL = "archief/"
ARCHIVES_SAVE_AS = "archief/index.html"
YEAR_ARCHIVE_URL = "archief/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "archief/{date:%Y}/index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DIRECT_TEMPLATES = [
    "index",
    "tags",
    "categories",
    "archives",
    "niet_gevonden",
    "sitemap",
    "robots",
    "zoeken",
]
NIET_GEVONDEN_SAVE_AS = "404.html"
SITEMAP_SAVE_AS = "sitemap.xml"
ROBOTS_SAVE_AS = "robots.txt"
ZOEKEN_SAVE_AS = "zoeken/index.html"  # site search; its index is built by sitetools/search_index.py

# --- Feeds (Atom, full content) ---------------------------------------------------------------
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/alles.atom.xml"
TAG_FEED_ATOM = "feeds/thema/{slug}.atom.xml"
TAG_FEED_ATOM_URL = "feeds/thema/{slug}.atom.xml"
FEED_ATOM = None
FEED_RSS = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
RSS_FEED_SUMMARY_ONLY = False
FEED_MAX_ITEMS = 20  # the newest 20, each with its full text

# --- Markdown and typography -------------------------------------------------------------------
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.meta": {},
    },
    "output_format": "html5",
}
# Typography (curly quotes, dashes, ellipses, Dutch elisions like ’s avonds) is one fast pass of
# the nl_site plugin: typogrify's smartypants cost as much as the Markdown conversion itself.
# Titles are therefore plain text, escaped by the templates.
TYPOGRIFY = False

# --- Theme ------------------------------------------------------------------------------------
THEME = "theme"
JINJA_ENVIRONMENT = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    # Metadata (titles, summaries) lands in <title>, attributes and JSON-LD: escape by default.
    "autoescape": True,
    "extensions": [],
}

# --- Plugins ----------------------------------------------------------------------------------
# The plugins are modules of the project's own package `plugins` (installed into .venv by
# ./blog, so importable without PLUGIN_PATHS). Their order is the order Pelican connects their
# signal handlers: see plugins/README.md for what each step needs before it.
PLUGINS = [
    "plugins.build_cache",
    "plugins.content_guard",
    "plugins.schedule",
    "plugins.nl_site",
    "plugins.quote_cards",
    "plugins.data_tables",
    "plugins.meer_lezen",
    "plugins.site_links",
    "plugins.redirects",
    "plugins.images",
    "plugins.share_cards",
]
MEER_LEZEN_COUNT = 3

# --- Build ------------------------------------------------------------------------------------
OUTPUT_PATH = "output"
DELETE_OUTPUT_DIRECTORY = True
# Reuse posts that did not change (previews and rebuilds). build_cache throws the cache away
# whenever any other input changes (content files other than posts, templates, plugins,
# settings, installed packages). publishconf.py builds without it.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
GZIP_CACHE = False  # compressing the cache costs more than it saves on a local disk
CHECK_MODIFIED_METHOD = "sha1"  # content, not modification time, decides what changed
