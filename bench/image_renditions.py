"""What renditions cost to make, and what they save an article page and a card.

Photo-like pictures (gradients, blurred noise and shapes, JPEG quality 90) at three sizes are
stored in a temporary directory through Django's file storage; each is drawn as the article
page's `<picture>` (WebP and JPEG at 480/800/1200) and a card's (400), first when nothing is
made (Pillow works), then again (everything remembered). Bytes: the original against the
candidate a browser picks from the srcset (`sizes`: the 42rem column).

Re-run:  nice .venv/bin/python bench/image_renditions.py [--repeat 3]
"""

import argparse
import statistics
import tempfile
import time
from io import BytesIO

from harness import ROOT  # noqa: F401 – Django set up from this checkout

# isort: split

from django.core.cache import cache
from django.core.files.storage import FileSystemStorage
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFilter

from articles import renditions

SIZES = ((1080, 720), (2000, 1333), (4000, 3000))
# CSS pixels the picture is drawn at × device pixel ratio: which srcset candidate is loaded.
VIEWERS = {"desktop 1x (672 px)": 672, "desktop 2x (1344 px)": 1344, "phone 2x (750 px)": 750}


def photo_like(width, height, seed):
    """A picture that compresses like a photograph: smooth light, texture and edges."""
    noise = PillowImage.effect_noise((width, height), 60 + seed).filter(ImageFilter.GaussianBlur(2))
    light = PillowImage.linear_gradient("L").resize((width, height))
    picture = PillowImage.merge(
        "RGB", (light, noise, light.transpose(PillowImage.Transpose.ROTATE_180))
    )
    draw = ImageDraw.Draw(picture)
    for index in range(12):
        x, y = (index * 997 * (seed + 1)) % width, (index * 613) % height
        draw.ellipse(
            (x, y, x + width // 6, y + height // 5), fill=(index * 20, 90, 200 - index * 10)
        )
    picture = PillowImage.blend(
        picture, PillowImage.effect_noise((width, height), 30).convert("RGB"), 0.15
    )
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def chosen(candidates, pixels):
    """The smallest candidate at least `pixels` wide, else the widest (as browsers choose)."""
    for url, width in candidates:
        if width >= pixels:
            return url
    return candidates[-1][0]


def candidates(srcset):
    return [(url, int(width[:-1])) for url, width in (part.split() for part in srcset.split(", "))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        storage = FileSystemStorage(location=directory, base_url="/media/")
        print(
            "| original | bytes | first drawing: 6 article + 2 card renditions | again (remembered) | "
            + " | ".join(VIEWERS)
            + " | card (400w WebP) |"
        )
        print("|---|---|---|---|" + "---|" * len(VIEWERS) + "---|")
        for width, height in SIZES:
            first, again = [], []
            for seed in range(arguments.repeat):
                content = photo_like(width, height, seed)
                stored = renditions.store_original(storage, content, "photo.jpg")
                started = time.perf_counter()
                page = renditions.picture(
                    storage, stored.name, stored.sha256, width, renditions.ARTICLE_WIDTHS, ""
                )
                card = renditions.picture(
                    storage, stored.name, stored.sha256, width, (renditions.CARD_WIDTH,), ""
                )
                first.append(time.perf_counter() - started)
                started = time.perf_counter()
                renditions.picture(
                    storage, stored.name, stored.sha256, width, renditions.ARTICLE_WIDTHS, ""
                )
                renditions.picture(
                    storage, stored.name, stored.sha256, width, (renditions.CARD_WIDTH,), ""
                )
                again.append(time.perf_counter() - started)
            size = storage.size
            loaded = [
                size(chosen(candidates(page.webp_srcset), pixels).removeprefix("/media/"))
                for pixels in VIEWERS.values()
            ]
            card_bytes = size(card.webp_srcset.split()[0].removeprefix("/media/"))
            print(
                f"| {width}×{height} JPEG | {len(content):,} | {statistics.median(first) * 1000:.0f} ms "
                f"| {statistics.median(again) * 1e6:.0f} µs | "
                + " | ".join(f"{b:,} ({b / len(content):.0%})" for b in loaded)
                + f" | {card_bytes:,} ({card_bytes / len(content):.1%}) |"
            )
            cache.clear()


if __name__ == "__main__":
    main()
