"""Picture files: how stored images are measured and named, and their renditions.

One rule for every way a picture arrives (an editor's upload, the importer's download): Pillow
verifies and measures the bytes, the file is named by their SHA-256 with the extension of the
format Pillow found (`images/3f/3f9c…e1.jpg`, so it is served with its content type), and the
same picture is stored once.

Renditions are smaller copies made once with Pillow and kept through the storage API (any
backend: the file system, S3 through django-storages) beside the originals, named by the
original's hash, the width and the format (`renditions/3f/3f9c…e1-800w.webp`). They are made
when the picture is stored, by a task queued when its transaction commits
(`tasks.make_renditions`, about 0.6 s for a 2,000-pixel photo); a page that finds one missing
(the task not run yet) makes it then. A rendition present in storage is never made again; which
ones exist is remembered in Django's cache so that a page asks the storage nothing (an S3
`exists` is a request).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from io import BytesIO

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image as PillowImage
from PIL import UnidentifiedImageError

# Pillow's format names → the extension a browser and `mimetypes` know the type by.
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp", "BMP": ".bmp"}

# The story column is 42rem (672 CSS pixels): 480 for phones, 800 for the column, 1200 for
# the column on a 2x screen. A card's picture is 12rem wide (192 pixels; 400 for 2x screens).
ARTICLE_WIDTHS = (480, 800, 1200)
CARD_WIDTH = 400
ARTICLE_SIZES = "(min-width: 44rem) 42rem, 100vw"
CARD_SIZES = "12rem"
# What a link shared on a social network or read by a search engine shows (og:image, JSON-LD):
# 1200 pixels wide, the width Facebook and Google ask for, in JPEG or PNG (not every reader of
# og:image knows WebP).
SHARED_WIDTH = 1200

# Pillow's encoder and its options for each rendition format.
ENCODERS = {
    "webp": ("WEBP", {"quality": 80, "method": 4}),
    "jpg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}),
    "png": ("PNG", {"optimize": True}),
}
TRANSPARENT_MODES = ("RGBA", "LA", "P", "PA")
CACHE_PREFIX = "rendition:"


def measure(content):
    """(Pillow format, width, height) of image bytes Pillow verifies, or `ValidationError`.

    A truncated PNG (`\\x89PNG\\r\\n\\x1a\\nbroken`) or an HTML error page is no picture.
    """
    try:
        with PillowImage.open(BytesIO(content)) as picture:
            picture.verify()
        with PillowImage.open(BytesIO(content)) as picture:
            return picture.format, picture.width, picture.height
    except (
        UnidentifiedImageError,
        PillowImage.DecompressionBombError,
        OSError,
        SyntaxError,
    ) as error:
        raise ValidationError(_("文件不是有效的图片。"), code="invalid_image") from error


def extension_of(filename):
    dot = filename.rfind(".")
    return filename[dot:].lower() if dot != -1 and "/" not in filename[dot:] else ""


def original_name(sha256, extension):
    """`images/3f/3f9c…e1.jpg`: the same picture always gets the same name, so it is stored once."""
    return f"images/{sha256[:2]}/{sha256}{extension}"


@dataclass(frozen=True)
class StoredPicture:
    """What storing picture bytes gives the row: its file name, hash and size."""

    name: str
    sha256: str
    width: int
    height: int


def store_original(storage, content, filename=""):
    """Store `content` under its hash (unless that file is there already); `ValidationError`
    if Pillow finds no picture in it."""
    image_format, width, height = measure(content)
    sha256 = hashlib.sha256(content).hexdigest()
    extension = EXTENSIONS.get(image_format) or extension_of(filename) or ".img"
    name = original_name(sha256, extension)
    if not storage.exists(name):
        name = storage.save(name, ContentFile(content))
    return StoredPicture(name=name, sha256=sha256, width=width, height=height)


def rendition_name(sha256, width, extension):
    return f"renditions/{sha256[:2]}/{sha256}-{width}w.{extension}"


def widths_for(original_width, widths):
    """The widths worth making of a picture: none wider than the original, which stands in
    for the wider ones (a 640-pixel photo: 480 and 640)."""
    smaller = [width for width in widths if width < original_width]
    if original_width and len(smaller) < len(widths):
        smaller.append(original_width)
    return smaller


def rendition_url(storage, original, sha256, width, extension="webp"):
    """The address of the picture stored as `original` at most `width` pixels wide in
    `extension`'s format, made now if it is not in storage; None if the original is unreadable."""
    name = rendition_name(sha256, width, extension)
    key = CACHE_PREFIX + name
    url = cache.get(key)
    if url is None:
        if not storage.exists(name):
            content = render(storage, original, width, extension)
            if content is None:
                return None
            name = storage.save(name, ContentFile(content))
        url = storage.url(name)
        cache.set(key, url, timeout=None)
    return url


def make_all(storage, original, sha256, original_width):
    """Every rendition a page may ask of a stored original: the article page's and the card's
    widths, in WebP and in the original's kind. Returns how many are in storage afterwards."""
    widths = widths_for(original_width, (*ARTICLE_WIDTHS, CARD_WIDTH))
    fallback = fallback_extension(original)
    made = [
        rendition_url(storage, original, sha256, width, extension)
        for extension in ("webp", fallback)
        for width in widths
    ]
    if original_width > SHARED_WIDTH and SHARED_WIDTH not in widths:
        made.append(rendition_url(storage, original, sha256, SHARED_WIDTH, fallback))
    return sum(1 for url in made if url is not None)


def render(storage, original, width, extension):
    """The bytes of the rendition, or None when the stored original is gone or unreadable."""
    pillow_format, options = ENCODERS[extension]
    buffer = BytesIO()
    try:
        with storage.open(original, "rb") as stored, PillowImage.open(stored) as picture:
            picture.thumbnail((width, width * 4))
            if pillow_format == "JPEG" or picture.mode not in TRANSPARENT_MODES:
                picture = picture.convert("RGB")
            else:
                picture = picture.convert("RGBA")
            picture.save(buffer, format=pillow_format, **options)
    except (OSError, UnidentifiedImageError, PillowImage.DecompressionBombError):
        return None
    return buffer.getvalue()


def fallback_extension(original):
    """The format of the `<img>` fallback for browsers without WebP: PNG for pictures that
    may be transparent, JPEG for photographs."""
    return "png" if extension_of(original) in (".png", ".gif") else "jpg"


@dataclass(frozen=True)
class Picture:
    """A `<picture>`'s sources: WebP renditions, and the `<img>`'s in the original's kind."""

    webp_srcset: str
    srcset: str
    src: str
    sizes: str


def picture(storage, original, sha256, original_width, widths, sizes):
    """The `<picture>` of a stored original at `widths`; None if any rendition cannot be made."""
    fallback = fallback_extension(original)
    sources = {}
    for extension in ("webp", fallback):
        candidates = []
        for width in widths_for(original_width, widths):
            url = rendition_url(storage, original, sha256, width, extension)
            if url is None:
                return None
            candidates.append((url, width))
        sources[extension] = candidates
    if not sources[fallback]:
        return None

    def srcset(candidates):
        return ", ".join(f"{url} {width}w" for url, width in candidates)

    return Picture(
        webp_srcset=srcset(sources["webp"]),
        srcset=srcset(sources[fallback]),
        src=sources[fallback][-1][0],
        sizes=sizes,
    )


@dataclass(frozen=True)
class SharedPicture:
    """The picture a shared link shows (og:image, JSON-LD), and its size in pixels."""

    url: str
    width: int
    height: int


def shared_picture(storage, original, sha256, original_width, original_height):
    """The stored original `SHARED_WIDTH` pixels wide at most, in its own kind (JPEG or PNG);
    None if it cannot be made."""
    width = min(SHARED_WIDTH, original_width)
    url = rendition_url(storage, original, sha256, width, fallback_extension(original))
    if url is None:
        return None
    return SharedPicture(url, width, round(original_height * width / original_width))
