"""Render cache: a rebuild re-renders only the pages whose data changed."""

from .render_cache import register

__all__ = ["register"]
