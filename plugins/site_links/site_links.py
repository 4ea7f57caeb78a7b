"""Prefix the links authors write to the site itself ('/artikelen/x.html') with SITE_ROOT.

Authors write one form for links to other articles, pages and images: a path from the root of the
site, starting with '/'. Templates prefix their own links with SITE_ROOT; this Markdown extension
does the same for the links and images in the text, so a site published under '/blog' works.
"""

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from pelican import signals

from plugins.fenced_blocks.pelican_glue import install_extension

# Links only: images in the text are turned into <picture> by the images plugin, which writes
# their addresses with SITE_ROOT itself (it must still see the author's '/images/x.jpg').
ATTRIBUTES = ("href",)


def with_root(url, site_root):
    """'/x' -> site_root + '/x'; other URLs ('//host', 'https:', '#id', 'x.html') unchanged."""
    if site_root and url.startswith("/") and not url.startswith("//"):
        return site_root + url
    return url


class _RootLinks(Treeprocessor):
    def __init__(self, md, site_root):
        super().__init__(md)
        self.site_root = site_root

    def run(self, root):
        if not self.site_root:
            return
        for element in root.iter():
            for attribute in ATTRIBUTES:
                value = element.get(attribute)
                if value:
                    element.set(attribute, with_root(value, self.site_root))


class SiteLinksExtension(Extension):
    """Markdown extension: root-relative links get the SITE_ROOT prefix (images: see ATTRIBUTES)."""

    def __init__(self, site_root=""):
        super().__init__()
        self.site_root = site_root.rstrip("/")

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API)
        # After the inline patterns (priority 20) have turned [text](url) into elements.
        md.treeprocessors.register(_RootLinks(md, self.site_root), "site_links", 5)


def add_extension(pelican):
    """Install the extension with this run's SITE_ROOT."""
    install_extension(pelican.settings, SiteLinksExtension(pelican.settings.get("SITE_ROOT", "")))


def register():
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(add_extension)
