"""Pure rules for images: Markdown image syntax, paths, alt text, widths, srcset.

No file access here: everything takes plain values and returns plain values.
"""

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

# ![alt](path "optional caption") -- the Markdown image syntax authors write.
IMAGE = re.compile(
    r'!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+"(?P<title>[^"]*)")?\s*\)'
)
# Alt text that says "this image only decorates": the image gets alt="" and no caption is needed.
DECORATIVE = "decoratief"
RASTER = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff", ".bmp"}
VECTOR = {".svg"}
FILE_NAME = re.compile(
    r"^[\w .()-]*\.(?:jpe?g|png|gif|webp|svg|tiff?|bmp|heic|avif)$"
    r"|^(?:IMG|DSC|DCIM|PXL|Screenshot)[\w -]*$",
    re.IGNORECASE,
)
AUTO_ALT = re.compile(
    r"Automatisch gegenereerde beschrijving|Automatically generated description", re.I
)
EXTERNAL = re.compile(r"^(?:https?:)?//", re.I)


@dataclass(frozen=True)
class ImageRef:
    """One image as written in a post: alt text, the path as written, optional caption."""

    alt: str
    target: str
    title: str = ""

    @property
    def decorative(self):
        """The author marked the image as decoration only."""
        return self.alt.strip().lower() == DECORATIVE


def find_images(text):
    """Every image written in ``text``, in order."""
    return [
        ImageRef(m["alt"].strip(), m["target"], (m["title"] or "").strip())
        for m in IMAGE.finditer(text)
    ]


def source_path(target, post_folder, content):
    """The file an image target names, as a relative POSIX path under ``content``, or None.

    ``/images/x.jpg`` and ``{static}/images/x.jpg`` are relative to the content folder; any other
    path is relative to the post's own folder (``post_folder``, relative to ``content``).
    """
    target = target.split("#")[0].split("?")[0]
    match = re.match(r"^\{(?:static|attach|filename)\}(.*)$", target)
    if match:
        target = match[1]
    if target.startswith("/"):
        path = PurePosixPath(target.lstrip("/"))
    else:
        path = PurePosixPath(post_folder) / target
    parts = []
    for part in path.parts:
        if part == "..":
            if not parts:
                return None  # outside the content folder
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts) if parts else None


def alt_problem(ref):
    """A Dutch message if the alt text of ``ref`` is missing or useless, else None."""
    name = PurePosixPath(ref.target).name
    if ref.decorative:
        return None
    if not ref.alt:
        return (
            f"de afbeelding '{name}' heeft geen beschrijving; schrijf tussen [ ] wat er te zien "
            f"is, of [{DECORATIVE}] als de afbeelding alleen versiert"
        )
    if AUTO_ALT.search(ref.alt):
        return (
            f"de beschrijving van '{name}' is automatisch gemaakt door een tekstverwerker; "
            "schrijf zelf in een zin wat er te zien is"
        )
    if FILE_NAME.match(ref.alt) or ref.alt.lower() == PurePosixPath(name).stem.lower():
        return (
            f"de beschrijving van '{name}' is een bestandsnaam ('{ref.alt}'); "
            "schrijf in een zin wat er te zien is"
        )
    return None


def derivative_widths(width, candidates):
    """The widths to publish for a source ``width`` px wide: candidates below it, plus itself
    when it is smaller than the largest candidate (never upscaled)."""
    out = sorted({w for w in candidates if w < width})
    if width <= max(candidates):
        out.append(width)
    else:
        out.append(max(candidates))
    return sorted(set(out))


def scaled_height(width, height, new_width):
    """Height of a ``width``x``height`` image scaled to ``new_width`` (at least 1 px)."""
    return max(1, round(height * new_width / width))


def srcset(entries):
    """'a.jpg 480w, b.jpg 960w' for (url, width) pairs."""
    return ", ".join(f"{url} {width}w" for url, width in entries)


def output_name(stem, key, width, extension):
    """File name of one derivative: readable stem, content key, width."""
    stem = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "afbeelding"
    return f"{stem}-{key}-{width}.{extension}"
