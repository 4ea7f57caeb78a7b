"""Read a Markdown post's metadata header the way Python-Markdown's meta extension does.

Keeps line numbers, so every problem can point at its line. A header line that looks like a
field but that Markdown cannot read as one (``Thema's: AI``, ``Meer lezen: x``) is kept in
``loose_fields`` with its line, so it is named where it stands instead of as missing fields.
"""

import re
from dataclasses import dataclass, field

META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
META_MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
# 'Thema’s: AI', 'Meer lezen: x': up to three words before a colon, as an author types a field.
LOOSE = re.compile(r"^[ ]{0,3}(?P<key>[^\s:]+(?: [^\s:]+){0,2}):\s*(?P<value>.*)$")


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
    lines: list = field(default_factory=list)  # every line of the file
    body_start: int = 1  # 1-based line where the body begins
    loose_fields: list = field(default_factory=list)  # [(line, key as written, value)]
    repeated: list = field(default_factory=list)  # [(line, key as written, first line)]

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
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise PostError(
            line,
            f"het bestand is geen UTF-8-tekst (teken 0x{data[err.start]:02x} op regel {line}); "
            "sla het op als UTF-8 (in je editor: Opslaan als, codering UTF-8)",
        ) from None


def parse_post(text, display):
    """Split text into metadata fields and body, as Pelican will read it."""
    if not text.strip():
        raise PostError(
            1, "het bestand is leeg; begin met de velden bovenaan (Title:, Date:, Tags:, …)"
        )
    post = Post(display, lines=text.splitlines())
    key = None
    for n, line in enumerate(post.lines, 1):
        if not line.strip():
            post.body_start = n + 1
            break
        match = META.match(line)
        if match:
            key = match["key"].lower()
            if key in post.fields:  # Markdown would make a list of both: Pelican cannot read it
                post.repeated.append((n, match["key"], post.fields[key][1]))
                key = None
                continue
            post.fields[key] = (match["value"].strip(), n, match["key"])
            continue
        more = META_MORE.match(line)
        if more and key:
            value, start, written = post.fields[key]
            post.fields[key] = (f"{value} {more['value'].strip()}", start, written)
            continue
        loose = LOOSE.match(line)
        if loose:
            # Markdown would end the header here; the author meant a field. Read on, so the
            # fields below it are not reported as missing.
            post.loose_fields.append((n, loose["key"], loose["value"].strip()))
            key = None
            continue
        post.body_start = n
        break
    else:
        post.body_start = len(post.lines) + 1
    return post
