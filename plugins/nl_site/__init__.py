"""Dutch presentation helpers: Babel dates and reading time, for the theme."""

from .nl_site import register

__all__ = ["register"]
