"""Originals that a post links to ('[download](/images/x.jpg)'): published as a clean copy.

Sources are never copied as they are (they carry EXIF, GPS and other metadata). When a page of the
finished site links to a source image itself, the link check (``sitetools/linkcheck.py``) asks for
it here, and the file is published at its own address as a fresh image of the same pixels: upright,
in sRGB, in the same format and at full size, without any metadata (``derive.clean``). A JPEG keeps
the source's quantization tables, so the copy has the quality of the original. A checked SVG is
published as it is, as the figures do. Copies are cached by the source's bytes, like derivatives.
"""

import hashlib
import shutil
from pathlib import Path

from PIL import Image, JpegImagePlugin

from . import images
from .derive import CODE_VERSION, cache_entry, clean, usable_cache

FORMATS = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".webp": "WEBP",
    ".gif": "GIF",
    ".tif": "TIFF",
    ".tiff": "TIFF",
    ".bmp": "BMP",
}


def private_source(path):
    """The source file of output path ``path`` ('images/x.jpg') if it is an unpublished source."""
    return images.STATE.private.get(path)


def publish_originals(paths, output, settings):
    """Write a clean copy of the source of each output path in ``paths`` into ``output``."""
    if not paths:
        return
    with usable_cache(images.cache_dir(settings) / "originals", output) as cache:
        for path in sorted(paths):
            copy = clean_copy(Path(images.STATE.private[path]), cache)
            target = Path(output) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(copy, target)


def clean_copy(source, cache):
    """The cached clean copy of ``source`` (made now if it is not cached yet)."""
    name = source.name.lower()  # in the key too: the same photo under two names is two copies
    data = source.read_bytes()
    key = hashlib.sha256(f"{CODE_VERSION} original {name} ".encode() + data).hexdigest()[:12]

    def fill(tmp):
        if source.suffix.lower() == ".svg":
            shutil.copyfile(source, tmp / name)
        else:
            _save_clean(source, tmp / name)

    return cache_entry(cache, key, fill) / name


def _save_clean(source, target):
    fmt = FORMATS[source.suffix.lower()]
    with Image.open(source) as im:
        options = {}
        if fmt == "JPEG" and isinstance(im, JpegImagePlugin.JpegImageFile):
            # The source's own tables: the copy is as sharp as the original, not re-compressed.
            options = {
                "qtables": im.quantization,
                "subsampling": JpegImagePlugin.get_sampling(im),
                "optimize": True,
            }
        elif fmt == "WEBP":
            options = {"lossless": im.info.get("lossless", False), "quality": 90}
        pixels = clean(im)
    if fmt in ("JPEG", "BMP") and pixels.mode == "RGBA":
        pixels = pixels.convert("RGB")
    pixels.save(target, fmt, **options)
