"""Fenced content blocks (```tabel, ```tiktok, ```uitgelicht) shared by our plugins.

Not a Pelican plugin itself: ``data_tables`` and ``quote_cards`` use it to find their
blocks in a post (for checks, with line numbers) and to render them inside Markdown.
"""

from .blocks import Block, BlockError, find_blocks
from .extension import BlockExtension

__all__ = ["Block", "BlockError", "BlockExtension", "find_blocks"]
