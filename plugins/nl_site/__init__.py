"""Dutch presentation helpers: Babel dates and reading time, for the theme."""

from .nl_site import register, typographer

__all__ = ["register", "typographer"]
