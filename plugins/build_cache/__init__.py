"""Build cache: Pelican's content cache, emptied by any change to code, theme or settings."""

from .build_cache import register

__all__ = ["register"]
