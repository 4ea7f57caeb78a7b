"""Read a Markdown post's metadata header exactly as Pelican does, keeping line numbers.

Pelican's MarkdownReader takes the header from Python-Markdown's ``meta`` extension. This module
walks the lines with that extension's own patterns and in its order (an optional ``---`` fence,
fields, continuation lines indented four spaces, and the end at a blank line, ``---`` or ``...``),
on the lines Markdown sees (universal newlines, tabs expanded, blank-looking lines blank), so a
header Pelican reads is read the same here, line for line (``tests/test_headers.py`` proves it on
generated headers against the extension itself).

On top of that, for clearer messages only: a header line that looks like a field Markdown cannot
read (``Thema's: AI``, ``Meer lezen: x``) is kept in ``loose_fields`` and reading goes on; and when
the header stops at a plain line with fields below it (a summary that runs on without indent), the
fields below are read too and ``stopped`` names the line, so the author hears where Pelican's
reading stopped instead of being told that those fields are missing.
"""

from dataclasses import dataclass, field

from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE

from .fields import LOOSE


class PostError(ValueError):
    """The file cannot be read as a post at all (empty, not UTF-8)."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Post:
    """A post's metadata (lower-case key -> (value, line, key as written)) and body lines."""

    display: str
    fields: dict = field(default_factory=dict)
    lines: list = field(default_factory=list)  # every line of the file, as Markdown splits them
    body_start: int = 1  # 1-based line where the body begins
    loose_fields: list = field(default_factory=list)  # [(line, key as written, value)]
    repeated: list = field(default_factory=list)  # [(line, key as written, first line)]
    stopped: tuple = ()  # (line where Markdown stopped reading fields, next field's line, its key)

    def get(self, key, default=""):
        """The value of a metadata field, or ``default``."""
        return self.fields[key][0] if key in self.fields else default

    def line(self, key):
        """The line of a metadata field, or 1."""
        return self.fields[key][1] if key in self.fields else 1

    @property
    def status(self):
        """The post's status in lower case ('published' when not given)."""
        return self.get("status", "published").strip().lower()


def decode(data):
    """Bytes -> text; raise PostError with the line of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")  # as Pelican opens a post: a BOM is dropped
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise PostError(
            line,
            f"het bestand is geen UTF-8-tekst (teken 0x{data[err.start]:02x} op regel {line}); "
            "sla het op als UTF-8 (in je editor: Opslaan als, codering UTF-8)",
        ) from None


def split_lines(text):
    """The lines of ``text`` as Pelican and Markdown split them (universal newlines, '\\n' only)."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def markdown_line(line, tab_length=4):
    """One line as Markdown's whitespace normalisation leaves it (before the meta extension)."""
    line = line.replace("\x02", "").replace("\x03", "").expandtabs(tab_length)
    return "" if not line.strip(" ") else line


def read_header(lines, start=0, fence=True):
    """Python-Markdown's meta extension with line numbers, from index ``start`` of ``lines``.

    Returns (fields, body_start, stop): fields as [(line, key as written, [values])], the 1-based
    line where the body starts, and ``stop``: 'blank', 'fence' (``---``/``...``), 'text' (a line
    that is no field) or 'end' (the file ended). ``fence``: an opening ``---`` may come first.
    """
    fields, key = [], None
    if fence and start < len(lines) and BEGIN_RE.match(lines[start]):
        start += 1
    for n in range(start, len(lines)):
        line = lines[n]
        if line.strip() == "":
            return fields, n + 2, "blank"
        if END_RE.match(line):
            return fields, n + 2, "fence"
        match = META_RE.match(line)
        if match:
            key = match["key"]
            fields.append((n + 1, key, [match["value"].strip()]))
            continue
        more = META_MORE_RE.match(line)
        if more and key:
            fields[-1][2].append(more["value"].strip())
            continue
        return fields, n + 1, "text"
    return fields, len(lines) + 1, "end"


def _add(post, found):
    """Record fields as Pelican reads them: a repeated key is a problem (Markdown makes a list)."""
    for line, written, values in found:
        key = written.lower()
        if key in post.fields:
            post.repeated.append((line, written, post.fields[key][1]))
            continue
        post.fields[key] = (" ".join(values), line, written)


def parse_post(text, display):
    """Split text into metadata fields and body, as Pelican will read it."""
    if not text.strip():
        raise PostError(
            1, "het bestand is leeg; begin met de velden bovenaan (Title:, Date:, Tags:, …)"
        )
    post = Post(display, lines=split_lines(text))
    seen = [markdown_line(line) for line in post.lines]
    found, post.body_start, stop = read_header(seen)
    _add(post, found)
    # Markdown stopped at a line that is no field. For messages only, look on up to the first
    # blank line: fields there mean the author meant a longer header.
    while stop == "text":
        n = post.body_start  # the line Markdown stopped at (1-based)
        loose = LOOSE.match(seen[n - 1])
        if loose:
            post.loose_fields.append((n, loose["key"], loose["value"].strip()))
            more = n
        else:
            ends = (i for i in range(n, len(seen)) if not seen[i] or META_RE.match(seen[i]))
            more = next(ends, n)
            if not seen[more:] or not META_RE.match(seen[more]):
                break  # the text begins here, as Markdown reads it
            post.stopped = post.stopped or (n, more + 1, META_RE.match(seen[more])["key"])
        found, post.body_start, stop = read_header(seen, more, fence=False)
        _add(post, found)
    return post
