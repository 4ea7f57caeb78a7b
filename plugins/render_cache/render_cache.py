"""A Pelican writer that reuses the previous build's page when nothing it can show has changed.

One rule decides reuse: a page is taken from the previous output only if the digest of
(the build's fingerprint, its template, its output file, every render variable its templates
name) equals the one recorded when that very file was written. The fingerprint is
build_cache's (every file under content, theme and plugins except the posts, the settings, the
installed packages), computed here, so this plugin does not rely on another having run.
What a variable contributes is described in signatures.py.
"""

import hashlib
import json
import logging
import os
import shutil
from pathlib import Path

from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from plugins.build_cache.build_cache import fingerprint

from .signatures import Signatures, Uncacheable, template_names

log = logging.getLogger(__name__)
KEYS_FILE = "render-keys.json"
# Arguments of Writer.write_file that are not template variables.
_WRITER_ARGS = {"relative_urls", "paginated", "template_name", "override_output", "url"}


class _CachedTemplate:
    """Wraps a Jinja template: render() returns the previous page when its key is unchanged."""

    def __init__(self, template, writer, context):
        self.template, self.writer, self.context = template, writer, context
        self.name = template.name

    def render(self, localcontext):
        return self.writer.render(self.template, self.context, localcontext)


class CachingWriter(Writer):
    """Pelican's writer with a render cache (active when CACHE_CONTENT is on)."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings)
        self.enabled = bool(settings.get("CACHE_CONTENT"))
        self.previous = settings.get("RENDER_CACHE_PREVIOUS_OUTPUT")
        self.keys_path = Path(settings["CACHE_PATH"]) / KEYS_FILE
        self.old_keys = self._load() if self.enabled and self.previous else {}
        self.new_keys, self.signatures, self.reused, self.rendered = {}, Signatures(), 0, 0
        self.linked = set()
        self.fingerprint = fingerprint(settings) if self.enabled else None
        self.names, self.parsed = {}, {}

    def _open_w(self, filename, encoding, override=False):
        """Pelican's, after unlinking a page this build linked from the previous output."""
        if filename in self.linked:
            os.unlink(filename)
            self.linked.discard(filename)
        return super()._open_w(filename, encoding, override)

    def _load(self):
        try:
            return json.loads(self.keys_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def write_file(self, name, template, context, *args, **kwargs):
        """As Pelican's, with the template wrapped in the cache.

        A single page (an article) whose key matches is linked from the previous output
        without rendering or rewriting it; paginated pages go through the wrapped template.
        """
        if not self.enabled:
            return super().write_file(name, template, context, *args, **kwargs)
        if (
            name
            and not args
            and self._single(kwargs)
            and self._link_unchanged(name, template, context, kwargs)
        ):
            return None
        return super().write_file(
            name, _CachedTemplate(template, self, context), context, *args, **kwargs
        )

    def _single(self, kwargs):
        """True when Pelican writes one page with absolute URLs (as in its write_file)."""
        if kwargs.get("relative_urls"):
            return False
        paginated = kwargs.get("paginated")
        if paginated is None:
            paginated = {k: v for k, v in kwargs.items() if k in {"articles", "dates"}}
        paginated_templates = self.settings.get("PAGINATED_TEMPLATES", {})
        return not (paginated and kwargs.get("template_name") in paginated_templates)

    def _link_unchanged(self, name, template, context, kwargs):
        """Link ``name`` from the previous output if its key is unchanged."""
        if not self.previous:
            return False
        variables = {k: v for k, v in kwargs.items() if k not in _WRITER_ARGS}
        # The local context exactly as Pelican's write_file builds it for a single page.
        local = {
            **context,
            "localsiteurl": context.get("localsiteurl"),
            "output_file": name,
            **variables,
        }
        key = self.key(template, context, local)
        if key is None:
            return False
        self.new_keys[name] = key
        old = Path(self.previous) / name
        if not self._unchanged(name, key, old):
            return False
        new = Path(sanitised_join(self.output_path, name))
        new.parent.mkdir(parents=True, exist_ok=True)
        # A hard link costs one directory entry, not a copy of the page; _open_w breaks the
        # link before any later write, so the previous output is never written through it.
        try:
            os.link(old, new)
            self.linked.add(str(new))
        except OSError:
            shutil.copyfile(old, new)
        self._written_files.add(str(new))
        self.reused += 1
        signals.content_written.send(str(new), context=local)
        return True

    def key(self, template, context, localcontext):
        """Digest of everything this page can show, or None when that cannot be told."""
        del context  # the page sees localcontext, which holds the whole build context
        if template.name not in self.names:
            try:
                self.names[template.name] = template_names(
                    template.environment, template.name, self.parsed
                )
            except Uncacheable:
                self.names[template.name] = None
        names = self.names[template.name]
        if names is None:
            return None
        try:
            parts = [
                (k, self.describe(template.environment, localcontext[k], attrs))
                for k, attrs in sorted(names.items())
                if k in localcontext
            ]
        except Uncacheable:
            return None
        return hashlib.sha256(
            repr((self.fingerprint, template.name, localcontext["output_file"], parts)).encode()
        ).hexdigest()

    def describe(self, env, value, uses):
        """The variable as a whole, or only what the templates read of it (see _uses)."""
        if uses is None:
            return self.signatures.value(value)
        out = []
        for use in sorted(uses):
            if use[0] == "bool":
                out.append((use, bool(value)))
                continue
            try:
                found = env.getattr(value, use[1])
                if callable(found) and not isinstance(found, type):
                    if use[0] != "call":
                        return self.signatures.value(value)  # a method passed on: all of it
                    found = found()  # what x.a() returns; templates call side-effect-free ones
            except Exception:  # noqa: BLE001 (the template may never reach this; count it all)
                return self.signatures.value(value)
            out.append((use, self.signatures.value(found)))
        return tuple(out)

    def render(self, template, context, localcontext):
        """Reuse the previous page when its key matches, else render it."""
        name = localcontext["output_file"]
        key = self.key(template, context, localcontext)
        if key is not None:
            self.new_keys[name] = key
            old = Path(self.previous or "") / name
            if self.previous and self._unchanged(name, key, old):
                self.reused += 1
                return old.read_text(encoding="utf-8")
        self.rendered += 1
        return template.render(localcontext)

    def _unchanged(self, name, key, old):
        """True when the previous page was written by the build that recorded ``key`` for it.

        The recorded size and modification time tell that the file in the previous output is
        the very one (another build into another folder, e.g. by the tests, records other keys).
        """
        recorded = self.old_keys.get(name)
        if not recorded or recorded[0] != key:
            return False
        try:
            stat = old.stat()
        except OSError:
            return False
        return [stat.st_size, stat.st_mtime_ns] == recorded[1:]

    def save(self):
        """Store this build's keys, with each written file's size and time, for the next one."""
        if not self.enabled:
            return
        entries = {}
        for name, key in self.new_keys.items():
            try:
                stat = (Path(self.output_path) / name).stat()
            except OSError:
                continue
            entries[name] = [key, stat.st_size, stat.st_mtime_ns]
        self.keys_path.parent.mkdir(parents=True, exist_ok=True)
        self.keys_path.write_text(json.dumps(entries, sort_keys=True), encoding="utf-8")
        log.debug("render_cache: %d pages reused, %d rendered", self.reused, self.rendered)


def get_writer(pelican):
    """Pelican asks for its writer class here; the instance reports back for save_keys."""

    class BoundWriter(CachingWriter):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            pelican._render_cache_writer = self

    return BoundWriter


def save_keys(pelican):
    """After a successful build, remember the keys (a failed build keeps the old ones)."""
    writer = getattr(pelican, "_render_cache_writer", None)
    if writer is not None:
        writer.save()


def register():
    """Connect the plugin to Pelican's signals."""
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(save_keys)
