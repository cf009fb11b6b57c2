"""Download a remote image, refusing what is too big, too slow or not an image.

Pure of the database: `persist` stores what this returns (`Image.set_file_content`), keyed by its
SHA-256 so the same picture is stored once.
"""

from __future__ import annotations

import hashlib
import http.client
import posixpath
import urllib.error
import urllib.request
from dataclasses import dataclass
from io import BytesIO
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image as PillowImage
from PIL import UnidentifiedImageError

from .errors import ImageFetchFailed

EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp", "BMP": ".bmp"}
USER_AGENT = "Newsroom-importer/1.0"


@dataclass(frozen=True)
class FetchedImage:
    content: bytes
    filename: str
    width: int
    height: int
    sha256: str


def fetch_image(url, *, timeout=None, max_bytes=None):
    """The image at `url`, verified and measured by Pillow, or `ImageFetchFailed` saying why."""
    timeout = timeout if timeout is not None else settings.NEWSROOM_IMAGE_FETCH_TIMEOUT
    max_bytes = max_bytes if max_bytes is not None else settings.NEWSROOM_IMAGE_MAX_BYTES
    if urlsplit(url).scheme not in {"http", "https"}:
        raise ImageFetchFailed(_("只下载 http(s) 地址"))
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type()
            if not content_type.startswith("image/"):
                raise ImageFetchFailed(_("内容类型是 %(type)s，不是图片") % {"type": content_type})
            declared = int(response.headers.get("Content-Length") or 0)
            if declared > max_bytes:
                raise ImageFetchFailed(_("图片超过 %(limit)s 字节") % {"limit": max_bytes})
            content = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        raise ImageFetchFailed(_("服务器返回 %(status)s") % {"status": error.code}) from error
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise ImageFetchFailed(_("连接失败：%(error)s") % {"error": error}) from error
    if len(content) > max_bytes:
        raise ImageFetchFailed(_("图片超过 %(limit)s 字节") % {"limit": max_bytes})
    image_format, width, height = measure(content)
    sha256 = hashlib.sha256(content).hexdigest()
    return FetchedImage(
        content=content,
        filename=_filename(url, sha256, image_format),
        width=width,
        height=height,
        sha256=sha256,
    )


def measure(content):
    """(format, width, height) of image bytes that Pillow verifies, else `ImageFetchFailed`."""
    try:
        with PillowImage.open(BytesIO(content)) as image:
            image.verify()
        with PillowImage.open(BytesIO(content)) as image:
            return image.format, image.width, image.height
    except (
        UnidentifiedImageError,
        PillowImage.DecompressionBombError,
        OSError,
        SyntaxError,
    ) as error:
        raise ImageFetchFailed(_("文件不是有效的图片")) from error


def _filename(url, sha256, image_format):
    stem = posixpath.basename(urlsplit(url).path).rsplit(".", 1)[0] or sha256[:16]
    return stem[:80] + EXTENSIONS.get(image_format, ".img")
