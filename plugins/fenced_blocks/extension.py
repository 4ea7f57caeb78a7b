"""A Python-Markdown extension that replaces fenced blocks by HTML from a renderer."""

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from .blocks import find_blocks

# Run before Markdown's own fenced_code (25) and meta (27) so our fences are not taken as code;
# line numbers then count from the top of the file, header included.
PRIORITY = 30


class BlockExtension(Extension):
    """Render blocks of the given kinds with ``render(block) -> html``."""

    def __init__(self, kinds, field_names, render, **kwargs):
        self.kinds = set(kinds)
        self.field_names = field_names
        self.render = render
        super().__init__(**kwargs)

    def __getstate__(self):
        """Pickle without the Jinja environment (Pelican's content cache pickles settings)."""
        state = self.__dict__.copy()
        state["env"] = None
        return state

    def extendMarkdown(self, md):  # noqa: N802 (Markdown's API name)
        """Register the block preprocessor."""
        name = "blocks_" + "_".join(sorted(self.kinds))
        md.preprocessors.register(_BlockPreprocessor(md, self), name, PRIORITY)


class _BlockPreprocessor(Preprocessor):
    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

    def run(self, lines):
        if not any(line.startswith("```") for line in lines):  # most texts have no blocks
            return lines
        blocks = find_blocks(lines, self.ext.kinds, self.ext.field_names)
        if not blocks:
            return lines
        out, pos = [], 0
        for block in blocks:
            out.extend(lines[pos : block.start - 1])
            html = self.ext.render(block)
            out.extend(["", self.md.htmlStash.store(html), ""])
            pos = block.end
        out.extend(lines[pos:])
        return out
