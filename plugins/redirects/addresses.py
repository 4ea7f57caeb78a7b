"""Former addresses (``Alias:``): how they are written, where their page goes, the host files.

An address is written as authors write links to the site: the path from the root, without
SITE_ROOT (``/artikelen/oud.html``, ``/oude-pagina/``). Plain data in, plain text out.
"""

import re

FIELD = "alias"
# Lower case only: nginx's map compares addresses without regard to case, so '/Oud.html' would
# also catch a live '/oud.html'.
ADDRESS = re.compile(r"^/(?:[a-z0-9._~-]+/)*(?:[a-z0-9_~-][a-z0-9._~-]*)?$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/]*")
PAGE_SUFFIXES = (".html", ".htm")
HEADER = (
    "# Gemaakt door de bouw (plugins/redirects) uit de velden Alias van de artikelen en "
    "pagina's: oud adres, adres nu. Niet met de hand aanpassen."
)


def parse_aliases(value):
    """'/a.html, /b/' (or Pelican's list of lines) -> ['/a.html', '/b/']."""
    if isinstance(value, list | tuple):
        value = ",".join(value)
    return [part for part in re.split(r"[,\s]+", value or "") if part]


def alias_problem(address):
    """A Dutch message if ``address`` cannot be a former address, else None."""
    example = "bijvoorbeeld '/artikelen/oude-slug.html'"
    if SCHEME.match(address):
        path = SCHEME.sub("", address) or "/"
        return (
            f"het oude adres '{address}' noemt de server; schrijf alleen het pad vanaf de /: "
            f"'{path}'"
        )
    if not address.startswith("/"):
        return f"het oude adres '{address}' mist de / vooraan; schrijf '/{address}'"
    if address == "/":
        return "de homepage ('/') kan geen oud adres zijn; haal '/' weg uit Alias"
    if "#" in address or "?" in address:
        return f"het oude adres '{address}' mag geen # of ? bevatten; schrijf alleen het pad"
    if address != address.lower() and ADDRESS.match(address.lower()):
        return f"schrijf het oude adres in kleine letters: '{address.lower()}'"
    if not ADDRESS.match(address) or "/../" in f"{address}/" or "/./" in f"{address}/":
        return (
            f"het oude adres '{address}' mag alleen kleine letters a-z, cijfers, -, _, . en / "
            f"bevatten; {example}"
        )
    last = address.rstrip("/").rsplit("/", 1)[-1]
    if not address.endswith("/") and "." in last and not last.endswith(PAGE_SUFFIXES):
        return (
            f"het oude adres '{address}' eindigt niet op .html of /; de site kan alleen "
            "webpagina's doorsturen"
        )
    return None


def output_file(address):
    """The redirect page's file: '/a.html' -> 'a.html', '/b/' -> 'b/index.html'.

    An address without a file name ('/b') is a folder, as Hugo writes its aliases.
    """
    path = address.lstrip("/")
    if path.endswith(PAGE_SUFFIXES):
        return path
    return f"{path.rstrip('/')}/index.html"


def netlify_redirects(moves):
    """The ``_redirects`` file of Netlify and Cloudflare Pages: 'former now 301' per line.

    ``moves`` are (former public path, public path now) pairs, SITE_ROOT included.
    """
    return "".join([HEADER, "\n", *(f"{old} {new} 301\n" for old, new in sorted(moves))])


def nginx_map(moves):
    """Entries for nginx's ``map $uri $redirect_target { include this-file; }``, one per line."""
    return "".join([HEADER, "\n", *(f'"{old}" "{new}";\n' for old, new in sorted(moves))])
