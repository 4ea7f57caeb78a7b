"""Content guard: checks every post before Pelican reads it, and stops the build on problems."""

from .content_guard import register

__all__ = ["register"]
