"""Maintainer tools behind tasks.py: check, build (all or nothing), new post, publish, deploy."""
