"""Images and share cards at scale: the corpus plus generated phone photos, ours against stock.

The corpus gets ``photos`` JPEG photos (3000x2000, some stored sideways like a phone does), one
in each of the first ``photos`` articles, every fifth also as the article's hero image. Cold
builds make every derivative and share card from nothing; the warm rebuild (after one edit)
takes them from the cache. All figures are medians of alternating rounds in fresh processes,
and ratios to stock Pelican (which copies the photos as they are) in the same run.
"""

import io
import logging
import shutil
import statistics
import tempfile
from pathlib import Path

from PIL import Image

from bench.corpus import generate
from sitetools.settings import ROOT

log = logging.getLogger("bench")
# Targets (see README, Performance): what we promise for 1,000 articles with 100 photos.
TARGET_COLD_RATIO = 6.0  # cold build, every derivative and card made: at most 6x stock
TARGET_WARM_RATIO = 1.5  # warm rebuild after one edit: at most 1.5x a cold stock build


def photo(n, width=3000, height=2000):
    """JPEG bytes of a photo-like image: soft shapes, gradients and sensor grain."""
    shapes = Image.effect_mandelbrot((width, height), (-2.2 + n / 100, -1.2, 1.0, 1.2), 60)
    grain = Image.effect_noise((width, height), 12 + n % 10)
    ramp = Image.linear_gradient("L").resize((width, height))
    im = Image.merge(
        "RGB", (Image.blend(shapes, grain, 0.25), Image.blend(ramp, grain, 0.2), shapes)
    )
    exif = Image.Exif()
    if n % 3 == 0:
        exif[0x0112] = 6  # stored sideways, as phones do
    out = io.BytesIO()
    im.save(out, "JPEG", quality=88, exif=exif.tobytes())
    return out.getvalue()


def add_photos(content, photos):
    """Put ``photos`` photos in content/images and one in each of the first articles."""
    images = Path(content) / "images"
    images.mkdir(exist_ok=True)
    posts = sorted((Path(content) / "artikelen").glob("*.md"))[:photos]
    for n, post in enumerate(posts):
        name = f"foto-{n:03d}.jpg"
        (images / name).write_bytes(photo(n))
        head, body = post.read_text(encoding="utf-8").split("\n\n", 1)
        if n % 5 == 0:
            head += f"\nImage: images/{name}\nImage_alt: Een foto bij artikel {n}"
        body += f'\n\n![Een foto bij artikel {n}](/images/{name} "Bijschrift {n}")\n'
        post.write_text(f"{head}\n\n{body}", encoding="utf-8")


def run(articles, photos, rounds, timed_build, edit_one_article):
    """Cold (ours, stock) and warm figures of the corpus with photos, as a dict."""
    work = Path(tempfile.mkdtemp(prefix=".bench-images-", dir=ROOT))
    try:
        content = generate(work, articles)
        add_photos(content, photos)
        times = {"ours": [], "stock": []}
        for r in range(rounds):
            for kind in ("ours", "stock") if r % 2 == 0 else ("stock", "ours"):
                seconds = timed_build(kind, content, work / f"out-{kind}")["seconds"]
                times[kind].append(seconds)
                log.info("photos round %d %-5s %.2f s", r + 1, kind, seconds)
        ours, stock = statistics.median(times["ours"]), statistics.median(times["stock"])
        cache = work / "cache"
        timed_build("ours", content, work / "out-warm", cache)  # fills every cache
        warm = []
        for _ in range(rounds):
            edit_one_article(content)
            warm.append(timed_build("ours", content, work / "out-warm", cache)["seconds"])
        warm_s = statistics.median(warm)
        published = sum(1 for _ in (work / "out-warm" / "images").iterdir())
        return {
            "photos": photos,
            "photos_ours_s": round(ours, 3),
            "photos_stock_s": round(stock, 3),
            "photos_cold_ratio_vs_stock": round(ours / stock, 3),
            "photos_warm_rebuild_s": round(warm_s, 3),
            "photos_warm_ratio_vs_stock": round(warm_s / stock, 3),
            "photos_files_published": published,
            "photos_targets": {"cold_ratio": TARGET_COLD_RATIO, "warm_ratio": TARGET_WARM_RATIO},
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def summary(r):
    """The figures as lines of the bench table."""
    return [
        f"Corpus + {r['photos']} photos (3000x2000), {r['photos_files_published']} image files:",
        f"  our cold build (derivatives + cards)     {r['photos_ours_s']:8.2f} s",
        f"  stock Pelican (copies the photos)        {r['photos_stock_s']:8.2f} s",
        f"  ratio ours / stock, cold                 {r['photos_cold_ratio_vs_stock']:8.2f}"
        f" (target <= {TARGET_COLD_RATIO})",
        f"  warm rebuild after one edit              {r['photos_warm_rebuild_s']:8.2f} s"
        f" ({r['photos_warm_ratio_vs_stock']:.2f} of stock cold; target <= {TARGET_WARM_RATIO})",
    ]
