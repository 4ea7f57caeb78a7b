"""Site links: links to the site itself work at the root and in a sub-folder (SITE_ROOT)."""

from .site_links import register

__all__ = ["register"]
