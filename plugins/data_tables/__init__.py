"""Data tables: ```tabel blocks in posts become accessible tables with build-time SVG charts."""

from .data_tables import register

__all__ = ["register"]
