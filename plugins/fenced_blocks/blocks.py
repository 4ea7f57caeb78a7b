"""Find fenced blocks of given kinds in Markdown text and split them into fields and body."""

import difflib
import re
from dataclasses import dataclass, field

FENCE_OPEN = re.compile(r"^```\s*(?P<kind>[A-Za-z]+)\s*$")
FENCE_CLOSE = re.compile(r"^```\s*$")
FIELD = re.compile(r"^(?P<key>[A-Za-zÀ-ÿ][\wÀ-ÿ-]*)\s*:\s*(?P<value>.*)$")


class BlockError(ValueError):
    """A malformed block; ``line`` is the 1-based line in the post."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class Block:
    """One fenced block: its kind, ``Field: value`` header and body lines (with line numbers)."""

    kind: str
    start: int  # line of the opening fence
    end: int  # line of the closing fence
    fields: dict = field(default_factory=dict)  # lower-case key -> (value, line)
    body: list = field(default_factory=list)  # [(line, text)]

    def value(self, key, default=""):
        """The stripped value of a header field, or ``default``."""
        return self.fields.get(key, (default, 0))[0]


def find_blocks(lines, kinds, field_names=None, first_line=1):
    """Return the blocks of ``kinds`` in ``lines``; raise BlockError for unclosed or bad headers.

    ``field_names`` maps a kind to its allowed header fields; a kind without entry has no
    header and all its lines are body.
    """
    field_names = field_names or {}
    blocks, i = [], 0
    while i < len(lines):
        match = FENCE_OPEN.match(lines[i].rstrip())
        if not match or match["kind"].lower() not in kinds:
            i += 1
            continue
        kind, start = match["kind"].lower(), i
        i += 1
        while i < len(lines) and not FENCE_CLOSE.match(lines[i].rstrip()):
            i += 1
        if i == len(lines):
            raise BlockError(
                start + first_line,
                f"het ```{kind}-blok dat hier begint, wordt nergens gesloten; "
                "zet er een regel met alleen ``` onder",
            )
        inner = [(first_line + j, lines[j].rstrip()) for j in range(start + 1, i)]
        block = Block(kind, start + first_line, i + first_line)
        _split(block, inner, field_names.get(kind))
        blocks.append(block)
        i += 1
    return blocks


def _split(block, inner, allowed):
    if allowed is None:
        block.body = [(n, t) for n, t in inner]
        return
    rest = list(inner)
    while rest and rest[0][1].strip():
        line, text = rest.pop(0)
        if text.lstrip().startswith("|"):  # table rows right after the fields
            rest.insert(0, (line, text))
            break
        match = FIELD.match(text.strip())
        if not match:
            raise BlockError(
                line,
                f"'{text.strip()[:40]}' in het ```{block.kind}-blok is geen regel 'Veld: waarde'; "
                "zet een lege regel tussen de velden en de tekst",
            )
        key = match["key"].lower()
        if key not in allowed:
            hint = difflib.get_close_matches(key, allowed, n=1)
            names = ", ".join(name.capitalize() for name in allowed)
            suggestion = (
                f"bedoel je '{hint[0].capitalize()}'?" if hint else f"gebruik een van: {names}"
            )
            raise BlockError(
                line,
                f"'{match['key']}' is geen veld van het ```{block.kind}-blok; {suggestion}",
            )
        block.fields[key] = (match["value"].strip(), line)
    block.body = [(n, t) for n, t in rest if t.strip()] if allowed is not None else rest
