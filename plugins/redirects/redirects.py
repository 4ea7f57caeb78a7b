"""Pelican glue of redirects: a page at every former address, and the host's redirect files.

For every published or hidden article and page, each address in its ``Alias`` field gets a
small page of the theme (``verhuisd.html``: refresh, canonical, a visible link, noindex), and
the output root gets ``_redirects`` (Netlify, Cloudflare Pages) and an nginx map, so hosts
that can answer with a real 301 do. Drafts and scheduled posts get theirs once they are online.
"""

from dataclasses import dataclass
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from plugins.fenced_blocks.pelican_glue import check_prefixed_settings

from .addresses import FIELD, netlify_redirects, nginx_map, output_file, parse_aliases

DEFAULTS = {
    "REDIRECTS_TEMPLATE": "verhuisd",
    "REDIRECTS_NETLIFY_FILE": "_redirects",
    "REDIRECTS_NGINX_MAP_FILE": "nginx-redirects.map",
}


def setting(settings, name):
    """A REDIRECTS_* setting, or its default."""
    return settings.get(name, DEFAULTS[name])


class RedirectError(Exception):
    """A former address cannot get its page; the build stops with these Dutch lines."""

    exitcode = 1


@dataclass(frozen=True)
class Redirect:
    """One former address: where its page goes, and the post it leads to (template data)."""

    old: str  # the former address as written, '/artikelen/oud.html'
    file: str  # its output file, 'artikelen/oud.html'
    url: str  # the post's address now, relative to the site root: 'artikelen/nieuw.html'
    title: str
    kind: str  # 'article' or 'page'
    source: str  # 'content/artikelen/nieuw.md'


def redirects_of(context, settings):
    """Every former address of every post that is online, sorted by output file."""
    folder = Path(settings["PATH"]).name
    found = []
    for key, kind in (
        ("articles", "article"),
        ("hidden_articles", "article"),
        ("pages", "page"),
        ("hidden_pages", "page"),
    ):
        for post in context.get(key, []):
            for old in parse_aliases(post.metadata.get(FIELD)):
                found.append(
                    Redirect(
                        old,
                        output_file(old),
                        post.url,
                        post.title,
                        kind,
                        f"{folder}/{post.relative_source_path}",
                    )
                )
    return sorted(found, key=lambda r: r.file)


def alias_line(source, content_root):
    """The line of the Alias field in ``source`` (for messages), or 1."""
    from plugins.content_guard.posts import PostError, decode, parse_post  # noqa: PLC0415

    path = Path(content_root).parent / source
    try:
        return parse_post(decode(path.read_bytes()), source).line(FIELD)
    except (OSError, PostError):
        return 1


class RedirectsGenerator(Generator):
    """Writes the redirect pages after the posts' own pages, and the two host files."""

    def generate_context(self):
        """Nothing to read: the addresses come from the posts' metadata."""
        check_prefixed_settings(self.settings, "REDIRECTS_", DEFAULTS)

    def generate_output(self, writer):
        """Write a page per former address, then ``_redirects`` and the nginx map."""
        redirects = redirects_of(self.context, self.settings)
        self._refuse_clashes(redirects)
        template = self.get_template(setting(self.settings, "REDIRECTS_TEMPLATE"))
        for redirect in redirects:
            writer.write_file(
                redirect.file,
                template,
                self.context,
                redirect=redirect,
                SHARE_CARDS=None,  # a page that moves on at once has nothing to share
            )
        root = self.settings.get("SITE_ROOT", "")
        moves = [(root + r.old, f"{root}/{r.url}") for r in redirects]
        for key, render in (
            ("REDIRECTS_NETLIFY_FILE", netlify_redirects),
            ("REDIRECTS_NGINX_MAP_FILE", nginx_map),
        ):
            name = setting(self.settings, key)
            if name:  # always written, also empty: a server's include must find the file
                Path(self.output_path, name).write_text(render(moves), encoding="utf-8")

    def _refuse_clashes(self, redirects):
        """Raise RedirectError for a former address that another page of the site has."""
        taken, folders = self._generated_files(), self._generated_folders()
        problems, seen = [], {}
        for redirect in redirects:
            other = taken.get(redirect.file) or taken.get(redirect.file.split("/", 1)[0])
            if other is None and redirect.file.startswith(folders):
                folder = redirect.file.split("/", 1)[0]
                other = f"een adres in de map {folder}/, die de bouw zelf vult"
            if other is None and Path(self.output_path, redirect.file).exists():
                other = f"het adres van een pagina die de site zelf maakt ({redirect.file})"
            if other is None and redirect.file in seen:
                other = f"een oud adres van {seen[redirect.file].source}"
            if other is not None:
                line = alias_line(redirect.source, self.settings["PATH"])
                problems.append(
                    f"{redirect.source}:{line}: het oude adres '{redirect.old}' is al {other}; "
                    "haal het weg uit Alias"
                )
            seen.setdefault(redirect.file, redirect)
        if problems:
            raise RedirectError("\n".join(problems))

    def _generated_files(self):
        """Output files that other parts of the build write: static files and the host files."""
        folder = Path(self.settings["PATH"]).name
        taken = {
            static.save_as: f"het adres van het bestand {folder}/{static.relative_source_path}"
            for static in self.context.get("staticfiles", [])
        }
        for key in ("REDIRECTS_NETLIFY_FILE", "REDIRECTS_NGINX_MAP_FILE"):
            if setting(self.settings, key):
                name = setting(self.settings, key)
                taken[name] = f"het adres van {name}, een bestand dat de bouw zelf maakt"
        return taken

    def _generated_folders(self):
        """Folders the build fills wholesale: the theme's files, the search index, share cards."""
        folders = [
            self.settings.get("THEME_STATIC_DIR", "theme"),
            "pagefind",  # the search index (sitetools/search_index.py)
            self.settings.get("SHARE_CARDS_OUTPUT_DIR", "deelkaarten"),
        ]
        return tuple(f"{f.strip('/')}/" for f in folders if f)


def add_generator(pelican):
    """Pelican's ``get_generators``: ours runs after the posts' pages are written."""
    return RedirectsGenerator


def register():
    """Connect the plugin to Pelican's signals."""
    signals.get_generators.connect(add_generator)
