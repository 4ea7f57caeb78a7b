"""The finished site links only to itself where it means to: every internal address resolves.

One build step, after Pelican wrote the staging folder and before it is swapped in. Every
``href``, ``src`` and ``srcset`` of every page (and the ``og:image``/``og:url`` addresses) that
points into the site (root-relative, relative, or starting with ``SITEURL``) must name a file of
the site, or a folder with an ``index.html`` (an anchor, ``#kop``, is not checked: see _problem).
Links of every form an author can write end up here the same way (inline, reference links, raw
HTML, images, tables), and so do the theme's own (navigation, Meer lezen, list pages).

A link to an image source (``/images/foto.jpg``, which is never copied as it is) gets a clean
copy of that file published (``plugins/images/originals.py``). Any other broken link stops the
build with a Dutch report that names the post and the line where the address is written (found
by searching the post for it), or the theme when no post contains it. Links in a draft's preview
page are notes, as every problem of a draft is.
"""

import html
import logging
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from plugins.content_guard.page_sources import source_of, sources
from plugins.content_guard.problems import plural
from plugins.content_guard.vocabulary import closest
from plugins.images.originals import private_source, publish_originals
from plugins.images.sources import ImageProblem, inspect

log = logging.getLogger(__name__)

# Every attribute that holds an address of a page, and the social cards' addresses.
ADDRESSES = etree.XPath(
    "//@href | //@src | //@srcset | //meta[@property='og:image' or @property='og:url' "
    "or @name='twitter:image']/@content"
)
# The element the theme puts a post's own text in (theme/templates/article.html and page.html).
BODY = etree.XPath("//div[@class='article-body']")
IN_BODY = etree.XPath(".//@href | .//@src | .//@srcset")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
PARSER = etree.HTMLParser(encoding="utf-8")
HEADING = "Links die nergens heen wijzen (los ze op en typ dan opnieuw ./blog build):"


@dataclass(frozen=True)
class Broken:
    """One address on one page that does not resolve, and why (Dutch)."""

    page: str  # output path, 'artikelen/x.html'
    url: str  # as written in the page
    why: str
    in_text: bool  # in the post's text on the page (not in the theme around it)


def check_links(staging, settings, pages=None):
    """Stop the build (BuildError, Dutch report) if a page links to something the site lacks.

    Publishes a clean copy of every image original that a page links to. ``pages`` ({output
    path: HTML bytes}) checks only those pages against the files of ``staging`` (the live
    preview's quick update: the pages it rendered again); by default every page of it.
    """
    staging = Path(staging)
    if pages is None:
        pages = read_pages(staging)
    else:
        pages = {name: read_page(data) for name, data in sorted(pages.items())}
    site = _Site(staging, settings)
    broken = [
        item
        for page, (text, theme) in pages.items()
        for item in [*site.check(page, text, True), *site.check(page, theme, False)]
    ]
    publish_originals(site.originals, staging, settings)
    errors, notes = report(broken, settings)
    for line in notes:
        log.info("%s", line)
    if errors:
        from .build import BuildError  # noqa: PLC0415 (build.py calls this module)

        raise BuildError("\n".join(errors))


def read_pages(staging):
    """{output path: read_page(...)} of every HTML page under ``staging``, in path order."""
    pages = sorted(staging.rglob("*.html"))
    return {p.relative_to(staging).as_posix(): read_page(p.read_bytes()) for p in pages}


def read_page(data):
    """(addresses in the post's text, other addresses) of one HTML page.

    Parsed with a real HTML parser (libxml2, through lxml). The post's text is what the theme puts
    in ``<div class="article-body">`` (BODY); everything else comes from the theme.
    """
    root = etree.fromstring(data, PARSER)
    if root is None:
        return [], []
    body = Counter()
    for element in BODY(root):
        body.update(_addresses(IN_BODY(element)))
    elsewhere = Counter(_addresses(ADDRESSES(root))) - body
    return list(body), list(elsewhere)


def _addresses(values):
    urls = []
    for value in values:
        if value.attrname == "srcset":  # 'a.jpg 360w, b.jpg 672w'
            urls += [entry.split()[0] for entry in value.split(",") if entry.strip()]
        else:
            urls.append(str(value).strip())
    return urls


class _Site:
    """The staging folder as the published site: which addresses resolve, with SITE_ROOT."""

    def __init__(self, staging, settings):
        self.staging = staging
        self.root = settings.get("SITE_ROOT", "").rstrip("/")
        self.siteurl = settings.get("SITEURL", "").rstrip("/")
        self.originals = set()
        self.files, self.folders = set(), {""}
        for folder, dirs, files in os.walk(staging):
            rel = Path(folder).relative_to(staging).as_posix()
            rel = "" if rel == "." else rel
            self.folders.update(f"{rel}/{d}".lstrip("/") for d in dirs)
            self.files.update(f"{rel}/{f}".lstrip("/") for f in files)
        self._seen = {}
        self._judged = {}

    def check(self, page, urls, in_text):
        """The broken addresses among ``urls`` of ``page``."""
        out = []
        for url in dict.fromkeys(urls):
            why = self.problem(page, url)
            if why:
                out.append(Broken(page, url, why, in_text))
        return out

    def problem(self, page, url):
        """Why ``url`` on ``page`` does not resolve (Dutch), or None."""
        # Most addresses are root-relative and repeat on every page: judge each once.
        key = url if url.startswith("/") else (page.rpartition("/")[0], url)
        if key not in self._judged:
            self._judged[key] = self._problem(page, url)
        return self._judged[key]

    def _problem(self, page, url):
        if not url or url.startswith(("//", "data:", "mailto:", "tel:")):
            return None
        if self.siteurl and (url == self.siteurl or url.startswith(self.siteurl + "/")):
            url = self.root + "/" + url[len(self.siteurl) :].lstrip("/")
        elif SCHEME.match(url):
            return None  # another site
        parts = urlsplit(url)
        if url.startswith("/"):
            if self.root and not (parts.path + "/").startswith(self.root + "/"):
                return (
                    f"maar dat ligt buiten de site, die in {self.root}/ staat; schrijf de link als "
                    f"Markdown-link [tekst]({url}), dan zet de bouw {self.root} ervoor"
                )
            path = parts.path[len(self.root) :]
        else:
            path = urljoin("/" + page, parts.path) if parts.path else "/" + page
        # An anchor ('#kop') is not checked: headings carry no id on this site (no toc
        # extension), so a link to one lands at the top of a page that exists.
        key = unquote(path)
        if key not in self._seen:
            self._seen[key] = self._resolve(key)
        return self._seen[key]

    def _resolve(self, path):
        rel = path.lstrip("/")
        if not rel or rel.endswith("/"):
            rel += "index.html"
        elif rel in self.folders:  # a static host redirects 'x' to 'x/'
            rel += "/index.html"
        if rel not in self.files:
            if private_source(rel):  # a photo's original: published clean, if it is sound
                try:
                    inspect(private_source(rel))
                except ImageProblem as err:
                    return f"maar dat bestand kan niet op de site: {err}"
                self.originals.add(rel)
                return None
            return self._missing(rel)
        return None

    def _missing(self, rel):
        rel = PurePosixPath(rel)
        if rel.name == "index.html":  # a folder: the closest folder beside it
            rel, inside = rel.parent, _folder(rel.parent.parent)
            names = [f.rpartition("/")[2] for f in self.folders if f.rpartition("/")[0] == inside]
            hint = closest(rel.name, names)
            hint = hint and f"{hint}/"
        else:
            inside = _folder(rel.parent)
            names = [f.rpartition("/")[2] for f in self.files if f.rpartition("/")[0] == inside]
            stems = {PurePosixPath(name).stem: name for name in names}
            hint = stems.get(closest(rel.stem, stems) or "")
        shown = f"{self.root}/{inside}/{hint}".replace("//", "/") if hint else ""
        if rel.parts[:1] == ("artikelen",):
            fix = f"bedoel je '{shown}'?" if hint else "controleer de Slug van het artikel"
            return f"maar dat artikel bestaat niet; {fix}"
        fix = f"bedoel je '{shown}'?" if hint else "controleer het adres"
        return f"maar dat bestaat niet op de site; {fix}"


def _folder(path):
    """'a/b' for a folder of the site, '' for its root."""
    return "" if str(path) == "." else path.as_posix()


def report(broken, settings):
    """(error lines, draft notes): each broken link named at the post and line that write it.

    A link in a post's text is searched in that post; a link elsewhere on a page that no post
    made (a list page: summaries) in every post; what no post writes comes from the theme, and
    is named once with the number of pages it is on.
    """
    content = Path(settings["PATH"])
    root, siteurl = settings.get("SITE_ROOT", ""), settings.get("SITEURL", "")
    texts, errors, notes, theme = {}, [], [], defaultdict(list)
    for item in broken:
        made_by = source_of(item.page)
        forms = _written_forms(item.url, root, siteurl)
        if item.in_text and made_by:
            candidates = [made_by[0]]
        elif made_by:
            candidates = []  # the theme around a post's text
        else:
            candidates = sources()
        where = None
        for source in candidates:
            lines = texts.setdefault(source, _lines(source))
            line = _find(lines, forms)
            if line or item.in_text:
                where = (source, line, _as_written(lines, line, forms))
                break
        if not where:
            theme[(item.url, item.why)].append(item.page)
            continue
        source, line, written = where
        shown = _display(content, source) + (f":{line}" if line else "")
        message = f"{shown}: linkt naar '{written}', {item.why}"
        target = notes if made_by and made_by[1] == "draft" else errors
        if message not in target:
            target.append(message)
    for (url, why), pages in theme.items():
        pages = sorted(set(pages))
        where = pages[0] if len(pages) == 1 else f"{pages[0]} en {len(pages) - 1} andere pagina's"
        errors.append(
            f"{where}: het thema linkt naar '{url}', {why}; dit is een fout in het thema "
            "(theme/templates), niet in een bericht: meld het aan de beheerder van de blog"
        )
    lines = [HEADING, *errors] if errors else []
    if errors:
        lines.append(f"{plural(len(errors), 'fout', 'fouten')} (die houden de site tegen).")
    if notes:
        notes = ["Notities bij concepten (Status: draft; nog niet op de site):", *notes]
    return lines, notes


def _written_forms(url, root, siteurl):
    """How an address found in a page may be written in its post, most literal first."""
    forms = [url]
    if root and url.startswith(root + "/"):
        forms.append(url[len(root) :])  # site_links added SITE_ROOT
    if siteurl and url.startswith(siteurl + "/"):
        forms.append(url[len(siteurl) :])
    forms += [html.escape(f, quote=False) for f in forms if "&" in f]
    return forms


def _lines(source):
    try:
        return Path(source).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def _find(lines, forms):
    """The first line (1-based) where one of ``forms`` is written as a whole address, or None."""
    for form in forms:
        pattern = re.compile(r"(?<![\w/.~%-])" + re.escape(form) + r"(?![\w/~%-])")
        for n, line in enumerate(lines, 1):
            if pattern.search(line):
                return n
    return None


def _as_written(lines, line, forms):
    """The address as the post writes it on ``line``; else as an author would write it."""
    for form in forms if line else ():
        if form in lines[line - 1]:
            return form
    return forms[1] if len(forms) > 1 and "&amp;" not in forms[1] else forms[0]


def _display(content, source):
    source = Path(source)
    try:
        return str(Path(content.name) / source.relative_to(content))
    except ValueError:
        return str(source)
