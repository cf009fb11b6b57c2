"""Download remote images, refusing what is too big, too slow or not an image.

Pure of the database: `persist` stores what this returns (`Image.set_file_content`), keyed by its
SHA-256 so the same picture is stored once. Offline, or when a site is down, a run costs at
most one timeout per host: the other images of a host that could not be reached fail at once
with the same reason.
"""

from __future__ import annotations

import hashlib
import http.client
import posixpath
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from articles import renditions

from .errors import ImageFetchFailed

USER_AGENT = "Newsroom-importer/1.0"


class HostUnreachable(ImageFetchFailed):
    """No answer from the image's host: no such name, refused, timed out or cut off."""


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
        raise HostUnreachable(_("连接失败：%(error)s") % {"error": error}) from error
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
        return renditions.measure(content)
    except ValidationError as error:
        raise ImageFetchFailed(_("文件不是有效的图片")) from error


def fetch_images(urls):
    """Every image of `urls` downloaded: ({url: FetchedImage}, {url: why it failed}).

    A host that cannot be reached (no name resolution, refused, timed out) is tried once: its
    other images are not waited for again.
    """
    fetched, failures, unreachable = {}, {}, {}
    for url in sorted(urls):
        host = urlsplit(url).netloc
        if host in unreachable:
            failures[url] = unreachable[host]
            continue
        try:
            fetched[url] = fetch_image(url)
        except HostUnreachable as failure:
            failures[url] = unreachable[host] = str(failure)
        except ImageFetchFailed as failure:
            failures[url] = str(failure)
    return fetched, failures


def _filename(url, sha256, image_format):
    stem = posixpath.basename(urlsplit(url).path).rsplit(".", 1)[0] or sha256[:16]
    return stem[:80] + renditions.EXTENSIONS.get(image_format, ".img")
