"""Images: photos in posts as responsive, metadata-free <picture> figures, and hero images."""

from .images import register

__all__ = ["register"]
