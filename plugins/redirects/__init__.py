"""Redirects: every former address of an article or page leads to where it lives now."""

from .redirects import register

__all__ = ["register"]
