"""Share cards: a 1200x630 og:image for every article, theme, rubric and the home page."""

from .share_cards import register

__all__ = ["register"]
