"""Quote cards: ```uitgelicht pull quotes and ```tiktok cards (no third-party embed)."""

from .quote_cards import register

__all__ = ["register"]
