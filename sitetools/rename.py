"""`./blog hernoem oud-slug nieuw-slug`: give an article a new slug without breaking a link.

The article gets its new ``Slug`` and file name, and its old address in ``Alias`` (so the old
address becomes a redirect page); every link to it (``/artikelen/oud-slug.html``,
``{filename}`` links) and every ``Meer_lezen`` pick of it, in every post, follows. Only link
destinations and metadata values change: the text is edited line by line, never re-rendered,
and code (fenced blocks, `code spans`) is left alone.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .settings import load

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Link destinations: inline '[text](dest "title")' or '(<dest>)', and reference definitions.
INLINE = re.compile(r"\]\(\s*<?(?P<dest>[^\s)>]+)")
REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(?P<dest>[^\s>]+)")
FENCE = re.compile(r"^[ ]{0,3}(?P<fence>`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?P<ticks>`+).*?(?P=ticks)")
MORE = re.compile(r"^[ ]{4,}\S")  # a metadata value continued on the next line


class RenameError(Exception):
    """Nothing was changed; the message says why and what to do."""


@dataclass
class Source:
    """One post: its file, its text as lines (line ends kept), and what the checks read of it."""

    path: Path
    post: object
    lines: list
    bom: bool
    changed: bool = False


@dataclass
class Renamed:
    """What a rename did, for the task's report."""

    old_path: Path
    new_path: Path
    old_address: str
    alias_added: bool
    edited: list = field(default_factory=list)  # other files whose links or picks changed


def rename(old, new, settings=None):
    """Rename the article with Slug ``old`` to ``new``; return what changed (Renamed)."""
    from plugins.content_guard.checks import display_name, is_draft  # noqa: PLC0415

    settings = settings or load()
    content = Path(settings["PATH"])
    sources = read_sources(content, settings)
    target = _target(old, new, sources)
    template = settings["ARTICLE_URL"]
    old_address, new_address = f"/{template.format(slug=old)}", f"/{template.format(slug=new)}"
    _refuse_taken(new, new_address, target, sources, content)
    new_path = target.path.with_name(f"{new}{target.path.suffix}")
    if target.path.stem != old:
        new_path = target.path  # a file name of the author's own choosing stays
    elif new_path.exists():
        raise RenameError(
            f"{display_name(content, new_path)} bestaat al; kies een andere nieuwe slug of "
            "ruim dat bestand op"
        )
    # Links and picks first: they edit lines in place, the header edits below may add or drop one.
    for source in sources:
        links = _retarget_links(source, content, old_address, new_address, target.path, new_path)
        picks = _retarget_picks(source, old, new)
        source.changed |= links or picks
    _set_field(target, "slug", new)
    keep_old = not is_draft(target.post)  # a draft was never online: no address to keep
    _set_aliases(target, old_address, new_address, keep_old)
    edited = [s.path for s in sources if s.changed and s is not target]
    for source in sources:
        if source.changed:
            _write(source, new_path if source is target else source.path)
    if new_path != target.path:
        target.path.unlink()
    return Renamed(target.path, new_path, old_address, keep_old, edited)


def read_sources(content, settings):
    """Every post under ``content`` that can be read (others are the checks' business)."""
    from plugins.content_guard.checks import display_name  # noqa: PLC0415
    from plugins.content_guard.content_guard import setting  # noqa: PLC0415
    from plugins.content_guard.files import layout_from, sort_files  # noqa: PLC0415
    from plugins.content_guard.posts import PostError, decode, parse_post  # noqa: PLC0415

    layout = layout_from(
        settings,
        setting(settings, "CONTENT_GUARD_VOCABULARY"),
        setting(settings, "CONTENT_GUARD_IGNORE"),
    )
    sources = []
    for path in sort_files(content, layout)[0]:
        data = path.read_bytes()
        try:
            text = decode(data)
            post = parse_post(text, display_name(content, path))
        except PostError:
            continue
        post.is_page = path.relative_to(content).parts[0] in layout.pages
        sources.append(
            Source(path, post, text.splitlines(keepends=True), data[:3] == b"\xef\xbb\xbf")
        )
    return sources


def _target(old, new, sources):
    from plugins.content_guard.vocabulary import closest  # noqa: PLC0415

    if not SLUG.match(new):
        raise RenameError(
            f"'{new}' kan geen slug zijn: gebruik alleen a-z, 0-9 en losse streepjes "
            "(zoals 'mijn-artikel')"
        )
    if new == old:
        raise RenameError(f"de oude en de nieuwe slug zijn allebei '{old}'; er is niets te doen")
    articles = [s for s in sources if not s.post.is_page]
    found = [s for s in articles if s.post.get("slug") == old]
    if not found:
        hint = closest(old, [s.post.get("slug") for s in articles if s.post.get("slug")])
        fix = f"bedoel je '{hint}'?" if hint else "kijk bij 'Slug:' bovenaan het artikel"
        raise RenameError(f"er is geen artikel met Slug '{old}'; {fix}")
    if len(found) > 1:
        raise RenameError(
            f"Slug '{old}' staat bij {' en '.join(s.post.display for s in found)}; geef eerst "
            "een van beide een eigen slug (./blog check zegt welke)"
        )
    return found[0]


def _refuse_taken(new, new_address, target, sources, content):
    from plugins.redirects.addresses import FIELD, parse_aliases  # noqa: PLC0415

    for source in sources:
        if not source.post.is_page and source.post.get("slug") == new:
            raise RenameError(
                f"er is al een artikel met Slug '{new}' ({source.post.display}); kies een "
                "andere nieuwe slug"
            )
        if source is not target and new_address in parse_aliases(source.post.get(FIELD)):
            raise RenameError(
                f"'{new_address}' is een oud adres van {source.post.display} (Alias) en leidt "
                "naar dat artikel; kies een andere nieuwe slug"
            )


def _field_key(post, key):
    """The lower-case key under which ``post`` has field ``key`` (also a Dutch name), or None."""
    from plugins.content_guard.fields import meant_field  # noqa: PLC0415

    if key in post.fields:
        return key
    written = [k for k, (_, _, name) in post.fields.items() if meant_field(name) == key]
    return written[0] if written else None


def _field_span(source, key):
    """(first, last) 0-based line indexes of a metadata field, continuation lines included."""
    first = source.post.fields[key][1] - 1
    last = first
    while last + 1 < len(source.lines) and MORE.match(source.lines[last + 1]):
        last += 1
    return first, last


def _line_end(line):
    return line[len(line.rstrip("\r\n")) :] or "\n"


def _set_field(source, key, value):
    """Give field ``key`` the value ``value`` on one line, its name as the author wrote it."""
    first, last = _field_span(source, key)
    written = source.post.fields[key][2]
    source.lines[first : last + 1] = [f"{written}: {value}{_line_end(source.lines[last])}"]
    source.changed = True


def _set_aliases(source, old_address, new_address, keep_old):
    """Add the old address to Alias; drop the new one (an article renamed back)."""
    from plugins.redirects.addresses import FIELD, parse_aliases  # noqa: PLC0415

    key = _field_key(source.post, FIELD)
    aliases = parse_aliases(source.post.fields[key][0]) if key else []
    wanted = [a for a in aliases if a != new_address]
    if keep_old and old_address not in wanted:
        wanted.append(old_address)
    if wanted == aliases:
        return
    if key is None:  # a new line under the Slug line
        at = source.post.fields["slug"][1]
        end = _line_end(source.lines[at - 1])
        source.lines.insert(at, f"Alias: {', '.join(wanted)}{end}")
    elif wanted:
        _set_field(source, key, ", ".join(wanted))
    else:
        first, last = _field_span(source, key)
        del source.lines[first : last + 1]
    source.changed = True


def _retarget_links(source, content, old_address, new_address, old_file, new_file):
    """Point every link to the renamed article at its new address or file; True if any changed."""

    def retarget(dest):
        path, rest = re.match(r"^([^#?]*)(.*)$", dest).groups()
        if path == old_address:
            return new_address + rest
        if path.startswith("{filename}"):
            written = path[len("{filename}") :]
            base = content if written.startswith("/") else source.path.parent
            if (base / written.lstrip("/")).resolve() == old_file.resolve():
                if written.startswith("/"):
                    moved = "/" + new_file.relative_to(content).as_posix()
                else:
                    moved = Path(os.path.relpath(new_file, source.path.parent)).as_posix()
                return "{filename}" + moved + rest
        return None

    changed, fence = False, None
    for n in range(source.post.body_start - 1, len(source.lines)):
        line = source.lines[n]
        opening = FENCE.match(line)
        if fence:
            if opening and opening["fence"][0] == fence[0] and len(opening["fence"]) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening["fence"]
            continue
        masked = CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
        spans = [m.span("dest") for m in INLINE.finditer(masked)]
        spans += [m.span("dest") for m in REFERENCE.finditer(masked)]
        for start, end in sorted(spans, reverse=True):  # from the right: offsets stay valid
            new = retarget(line[start:end])
            if new is not None:
                line = line[:start] + new + line[end:]
                changed = True
        source.lines[n] = line
    return changed


def _retarget_picks(source, old, new):
    """Replace the pick ``old`` by ``new`` in the Meer_lezen field; True if it was there."""
    key = _field_key(source.post, "meer_lezen")
    if key is None:
        return False
    first, last = _field_span(source, key)
    pick = re.compile(rf"(?<![a-z0-9-]){re.escape(old)}(?![a-z0-9-])")
    changed = False
    for n in range(first, last + 1):
        line = source.lines[n]
        head, value = (line.split(":", 1) + [""])[:2] if n == first else ("", line)
        edited = pick.sub(new, value)
        if edited != value:
            source.lines[n] = f"{head}:{edited}" if n == first else edited
            changed = True
    return changed


def _write(source, path):
    """Write the edited text next to ``path``, then move it into place (never half a file)."""
    data = "".join(source.lines).encode("utf-8")
    if source.bom:
        data = b"\xef\xbb\xbf" + data
    scratch = path.with_name(f".{path.name}.hernoem")
    scratch.write_bytes(data)
    os.replace(scratch, path)
