"""Make the published files of an image: clean (no metadata, upright, sRGB), several widths.

Derivatives are kept in a cache folder keyed by the source's bytes, the settings and the code
version (this file and Pillow's version), never by modification time: a cached file is always the
file a fresh build would make. Writing into the cache is atomic (a temporary folder, renamed).
"""

import contextlib
import ctypes
import hashlib
import io
import math
import os
import shutil
import signal
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import PIL
from PIL import Image, ImageCms, ImageOps, features

from .rules import derivative_widths, output_name, scaled_height

_CODE = Path(__file__).read_bytes() + PIL.__version__.encode()
CODE_VERSION = hashlib.sha256(_CODE).hexdigest()[:16]
MODERN = "avif" if features.check("avif") else "webp"
SAVE_OPTIONS = {
    # max_threads=1 and fixed speed: the same pixels always give the same bytes.
    "avif": ("AVIF", {"quality": 60, "speed": 9, "max_threads": 1}),
    "webp": ("WEBP", {"quality": 78, "method": 4}),
    "jpg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
    "png": ("PNG", {"optimize": False, "compress_level": 6}),
}
# File times come from a coarser clock than time.time(): an entry touched just after a build
# started may look a little older than the start.
CLOCK_SLACK_S = 2
# Pool workers beside Pelican's run: Pelican's process first when the machine is busy.
WORKER_NICENESS = 5
PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies
MIME = {"avif": "image/avif", "webp": "image/webp", "jpg": "image/jpeg", "png": "image/png"}


@dataclass(frozen=True)
class Variant:
    """One published file: its size, format and file name."""

    width: int
    height: int
    fmt: str
    name: str


@dataclass(frozen=True)
class Plan:
    """Everything needed to make (or find in the cache) the files of one source."""

    source: str
    key: str
    variants: tuple

    def of(self, fmt):
        """The variants of one format, narrowest first."""
        return [v for v in self.variants if v.fmt == fmt]


def make_plan(path, info, widths):
    """The files to publish for the source at ``path`` (its SourceInfo ``info``)."""
    path = Path(path)
    digest = hashlib.sha256(f"{CODE_VERSION} {MODERN} {sorted(widths)}".encode())
    digest.update(path.read_bytes())
    key = digest.hexdigest()[:12]
    if info.kind == "svg":
        name = output_name(path.stem, key, info.width, "svg")
        return Plan(str(path), key, (Variant(info.width, info.height, "svg", name),))
    fallback = "png" if info.alpha else "jpg"
    variants = []
    for width in derivative_widths(info.width, widths):
        height = scaled_height(info.width, info.height, width)
        for fmt in (MODERN, fallback):
            variants.append(Variant(width, height, fmt, output_name(path.stem, key, width, fmt)))
    return Plan(str(path), key, tuple(variants))


def clean(im):
    """The pixels only: upright by EXIF orientation, in sRGB, without any metadata."""
    im = ImageOps.exif_transpose(im)
    icc = im.info.get("icc_profile")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGBA" if im.mode in ("RGBA", "LA", "PA") else "RGB"
            if im.mode not in ("RGB", "RGBA", "CMYK", "L"):
                im = im.convert(mode)
            im = ImageCms.profileToProfile(
                im, source, ImageCms.createProfile("sRGB"), outputMode=mode
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: treat the pixels as sRGB
    alpha = im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info
    im = im.convert("RGBA" if alpha else "RGB")
    pixels = Image.new(im.mode, im.size)
    pixels.paste(im)
    return pixels  # a fresh image: no info, no EXIF, no XMP, no ICC


def render(plan, cache_dir):
    """Make the files of ``plan`` in ``cache_dir/<key>/`` unless they are there already."""

    def fill(tmp):
        if plan.variants[0].fmt == "svg":
            shutil.copyfile(plan.source, tmp / plan.variants[0].name)
        else:
            _render_raster(plan, tmp)

    return cache_entry(cache_dir, plan.key, fill)


def cache_entry(cache_dir, key, fill):
    """The folder ``cache_dir/<key>``, made by ``fill(tmp)`` in a temporary folder first.

    The rename makes an entry appear whole or not at all, also with two builds at once.
    """
    folder = Path(cache_dir) / key
    if folder.is_dir():
        return folder
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=cache_dir))
    try:
        fill(tmp)
        os.replace(tmp, folder)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if not folder.is_dir():  # another process finished first, else a real failure
            raise
    return folder


def _render_raster(plan, tmp):
    widest = max(v.width for v in plan.variants)
    with Image.open(plan.source) as im:
        rotated = im.getexif().get(0x0112, 1) in (5, 6, 7, 8)
        scale = widest / (im.height if rotated else im.width)
        im.draft(im.mode, (math.ceil(im.width * scale), math.ceil(im.height * scale)))
        pixels = clean(im)
    for variant in plan.variants:
        size = (variant.width, variant.height)
        resized = pixels if pixels.size == size else pixels.resize(size, Image.Resampling.LANCZOS)
        fmt, options = SAVE_OPTIONS[variant.fmt]
        resized.save(tmp / variant.name, fmt, **options)


def background_worker(build_process):
    """Start a pool worker of a build: a little below the build's own priority (Pelican's
    single-threaded run keeps its core), deaf to Ctrl-C (the build stops its pools itself) and
    ended with the build if that is killed outright (Linux's PR_SET_PDEATHSIG)."""
    os.nice(WORKER_NICENESS)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != build_process:  # it died before the line above
        os._exit(1)


def background_pool(workers=None):
    """A pool for work beside Pelican's run: one worker fewer than the cores (Pelican keeps one)."""
    workers = workers or max(1, (os.cpu_count() or 1) - 1)
    return ProcessPoolExecutor(workers, initializer=background_worker, initargs=(os.getpid(),))


class Rendering:
    """The derivatives of ``plans`` made in a background pool while Pelican writes its pages."""

    def __init__(self, plans, cache_dir, workers=None):
        self.cache_dir = Path(cache_dir)
        missing = [p for p in plans if not (self.cache_dir / p.key).is_dir()]
        self.pool = background_pool(workers) if missing else None
        self.started = [(p, self.pool.submit(render, p, self.cache_dir)) for p in missing]

    def finish(self):
        """Wait for every derivative; this process renders what is still queued, from the last
        one back, while the workers go on from the first."""
        try:
            for plan, future in reversed(self.started):
                if future.cancel():
                    render(plan, self.cache_dir)
            for _, future in self.started:
                if not future.cancelled():
                    future.result()
        finally:
            self.stop()

    def stop(self):
        """Cancel what has not started, wait for what is being made, end the workers."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def render_all(plans, cache_dir, workers=None):
    """Make every plan's files that are not cached yet, in parallel; return {key: folder}."""
    missing = [p for p in plans if not (Path(cache_dir) / p.key).is_dir()]
    workers = min(len(missing), workers or os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(render, missing, [cache_dir] * len(missing)))
    else:
        for plan in missing:
            render(plan, cache_dir)
    return {p.key: Path(cache_dir) / p.key for p in plans}


@contextlib.contextmanager
def usable_cache(folder, output):
    """``folder``, unless it lies inside the output folder: then a throwaway one (no cache),
    so a cache never ends up published."""
    folder, output = Path(folder).resolve(), Path(output).resolve()
    if folder.is_relative_to(output):
        with tempfile.TemporaryDirectory(prefix=".cache-") as tmp:
            yield Path(tmp)
    else:
        yield folder


def publish_file(cached, published):
    """Put the cache file ``cached`` into the output as ``published``: a hard link (no copy of
    the bytes; cache entries are never changed in place), a copy on another file system."""
    try:
        os.link(cached, published)
    except OSError:
        shutil.copyfile(cached, published)


def touch(path):
    """Mark a cache entry as used now, so a sweep by a build running beside this one keeps it."""
    with contextlib.suppress(OSError):
        os.utime(path)


def sweep(folder, used, since):
    """Delete the entries of cache ``folder`` this build did not use; return how many.

    ``used`` holds the names this build used, ``since`` the time it started (``time.time()``):
    an entry used or made after that (by a build running beside this one) stays, and so does
    every used entry. A half-written temporary entry of a killed build goes once it is old.
    """
    removed = 0
    folder = Path(folder)
    if not folder.is_dir():
        return 0
    for entry in folder.iterdir():
        if entry.name in used:
            continue
        try:
            if entry.stat().st_mtime >= since - CLOCK_SLACK_S:
                continue
        except FileNotFoundError:
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
        removed += 1
    return removed
