"""Meer lezen: related articles under every article, the author's own picks first."""

from .meer_lezen import register

__all__ = ["register"]
