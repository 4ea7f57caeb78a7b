"""Links to the site itself in the one form that works at the root and in a sub-folder.

Authors write '/artikelen/slug.html' and '/images/foto.png' (site_links adds SITE_ROOT). A link to
a Markdown source, or a path without the leading '/', breaks on some pages or under '/blog/'.
"""

import re

SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
SITE_FOLDERS = ("artikelen/", "images/", "pages/", "thema/", "themas/", "rubriek/", "archief/")


def site_link_problem(target):
    """A Dutch problem for a link to the site in a form that breaks somewhere, or None."""
    path = re.split(r"[#?]", target, maxsplit=1)[0]
    if not path or SCHEME.match(path) or path.startswith(("//", "{")):
        return None
    if path.endswith((".md", ".markdown")):
        slug = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return (
            f"de link '{target}' wijst naar een bronbestand (.md); link naar het artikel "
            f"zelf: '/artikelen/{slug}.html' (met de Slug van dat artikel)"
        )
    if path.startswith(SITE_FOLDERS):
        return (
            f"de link '{target}' mist de / vooraan en werkt daardoor niet op elke pagina; "
            f"schrijf '/{path}'"
        )
    return None
