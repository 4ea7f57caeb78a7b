"""Scheduled posts: a post dated in the future stays off the site until that moment."""

from .schedule import register, scheduled_posts

__all__ = ["register", "scheduled_posts"]
