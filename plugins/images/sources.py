"""Read an image source's header (cheap) and say in Dutch what is wrong with it, if anything.

The content guard calls ``image_problems`` for every image in every post; the renderer calls
``inspect`` for the sizes. Both share one cached header read per file version.
"""

import difflib
import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .rules import EXTERNAL, RASTER, VECTOR, alt_problem, source_path

MAX_PIXELS = 40_000_000  # 40 megapixels: more than any phone camera; a scan or panorama is too big
MAX_BYTES = 25_000_000  # 25 MB
ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
SVG_FORBIDDEN = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video"}
SVG_NS = re.compile(r"^\{[^}]*\}")


class ImageProblem(ValueError):
    """An image cannot be published; the message says why and how to fix it, in Dutch."""


@dataclass(frozen=True)
class SourceInfo:
    """What the header of a source says: kind, size as shown (after rotation), transparency."""

    kind: str  # "raster" or "svg"
    width: int
    height: int
    alpha: bool = False


def inspect(path, max_pixels=MAX_PIXELS, max_bytes=MAX_BYTES):
    """SourceInfo of the image at ``path``; raise ImageProblem if it cannot be published."""
    path = Path(path)
    stat = path.stat()
    return _inspect(str(path), stat.st_mtime_ns, stat.st_size, max_pixels, max_bytes)


@functools.lru_cache(maxsize=4096)
def _inspect(path, _mtime, size, max_pixels, max_bytes):
    name = Path(path).name
    suffix = Path(path).suffix.lower()
    if suffix in (".heic", ".heif"):
        raise ImageProblem(
            f"'{name}' is een HEIC-foto (iPhone); zet hem om naar JPEG (op de iPhone: "
            "Instellingen › Camera › Formaten › Meest compatibel)"
        )
    if suffix not in RASTER | VECTOR:
        raise ImageProblem(
            f"'{name}' is geen afbeelding die de site kan tonen; "
            "gebruik JPEG, PNG, WebP, GIF of SVG"
        )
    if size > max_bytes:
        raise ImageProblem(
            f"'{name}' is {size / 1e6:.0f} MB; een afbeelding mag hoogstens "
            f"{max_bytes / 1e6:.0f} MB zijn (maak hem kleiner, bijvoorbeeld 3000 pixels breed)"
        )
    if suffix in VECTOR:
        return _inspect_svg(Path(path))
    try:
        with Image.open(path) as im:
            width, height = im.size
            if width * height > max_pixels:
                raise ImageProblem(
                    f"'{name}' is {width}×{height} pixels ({width * height / 1e6:.0f} megapixel); "
                    f"hoogstens {max_pixels / 1e6:.0f} megapixel mag (maak hem kleiner, "
                    "bijvoorbeeld 3000 pixels breed)"
                )
            orientation = im.getexif().get(0x0112, 1)
            alpha = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
        with Image.open(path) as im:
            im.verify()  # structure and checksums, without decoding the pixels
    except ImageProblem:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as err:
        raise ImageProblem(
            f"'{name}' is geen geldige afbeelding of is beschadigd; sla hem opnieuw op als JPEG "
            "of PNG"
        ) from err
    except Image.DecompressionBombError as err:
        raise ImageProblem(f"'{name}' is veel te groot; maak hem kleiner") from err
    if orientation in ROTATED:
        width, height = height, width
    return SourceInfo("raster", width, height, alpha)


def _inspect_svg(path):
    name = path.name
    try:
        root = ET.parse(path).getroot()  # expat refuses entity expansion attacks
    except ET.ParseError as err:
        raise ImageProblem(f"'{name}' is geen geldige SVG ({err}); sla hem opnieuw op") from err
    for element in root.iter():
        tag = SVG_NS.sub("", str(element.tag)).lower()
        if tag in SVG_FORBIDDEN:
            raise ImageProblem(
                f"'{name}' bevat <{tag}>; een SVG op de site mag geen scripts of ingesloten "
                "inhoud hebben (exporteer hem opnieuw als gewone SVG)"
            )
        for key, value in element.attrib.items():
            attr = SVG_NS.sub("", key).lower()
            if attr.startswith("on"):
                raise ImageProblem(
                    f"'{name}' bevat de scriptopdracht '{attr}'; een SVG op de site mag geen "
                    "scripts hebben (exporteer hem opnieuw als gewone SVG)"
                )
            if attr == "href" and not value.startswith(("#", "data:image/")):
                raise ImageProblem(
                    f"'{name}' verwijst naar '{value}'; een SVG op de site mag niets van buiten "
                    "laden (sluit de afbeelding in of laat hem weg)"
                )
        if tag == "style" and re.search(r"@import|url\(\s*['\"]?(?!#)", element.text or ""):
            raise ImageProblem(
                f"'{name}' laadt stijlen of bestanden van buiten; een SVG op de site mag niets "
                "van buiten laden"
            )
    size = _svg_size(root)
    if size is None:
        raise ImageProblem(
            f"'{name}' heeft geen afmetingen; geef de SVG een viewBox of width en height"
        )
    return SourceInfo("svg", *size, alpha=True)


def _svg_size(root):
    def number(value):
        match = re.match(r"^\s*([0-9.]+)\s*(px)?\s*$", value or "")
        return round(float(match[1])) if match else None

    width, height = number(root.get("width")), number(root.get("height"))
    if width and height:
        return width, height
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            width, height = round(float(box[2])), round(float(box[3]))
        except ValueError:
            return None
        return (width, height) if width > 0 and height > 0 else None
    return None


def suggestion(path, content):
    """The existing image file most like the missing ``path``, relative to ``content``, or None."""
    content = Path(content)
    folder = (content / path).parent
    candidates = [
        p
        for p in (folder.iterdir() if folder.is_dir() else ())
        if p.suffix.lower() in RASTER | VECTOR
    ]
    if not candidates:
        images = content / "images"
        candidates = [p for p in images.rglob("*") if p.suffix.lower() in RASTER | VECTOR]
    names = {p.relative_to(content).as_posix(): p for p in candidates}
    match = difflib.get_close_matches(path, list(names), n=1, cutoff=0.6)
    if not match:
        lowered = {n.lower(): n for n in names}
        match = [lowered[path.lower()]] if path.lower() in lowered else []
    return match[0] if match else None


def image_problems(ref, post_folder, content, max_pixels=MAX_PIXELS, max_bytes=MAX_BYTES):
    """Dutch messages for one image reference in a post (empty when it can be published)."""
    if EXTERNAL.match(ref.target) or ref.target.startswith("data:"):
        return [
            f"de afbeelding '{ref.target}' staat op een andere site; de blog laadt niets van "
            "andere sites: zet het bestand in content/images/ en verwijs naar /images/naam.jpg"
        ]
    problems = []
    alt = alt_problem(ref)
    if alt:
        problems.append(alt)
    rel = source_path(ref.target, post_folder, content)
    if rel is None or not (Path(content) / rel).is_file():
        hint = suggestion(rel, content) if rel else None
        fix = f"bedoel je '/{hint}'?" if hint else "controleer de naam en de map (content/images/)"
        problems.append(f"de afbeelding '{ref.target}' bestaat niet; {fix}")
        return problems
    try:
        inspect(Path(content) / rel, max_pixels, max_bytes)
    except ImageProblem as err:
        problems.append(str(err))
    return problems
