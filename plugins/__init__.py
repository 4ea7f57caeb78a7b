"""The blog's own Pelican plugins, one module each (listed in ``PLUGINS`` in pelicanconf.py).

The package is installed into .venv with the project (``./blog`` runs ``pip install -e .``), so
plugins and tools import each other as ``plugins.<name>`` without any ``sys.path`` edits.
The order of the build's steps, and which signal each plugin uses, is in README.md beside this.
"""
