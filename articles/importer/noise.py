"""One noise registry for every container: what the platform or the site adds around a story.

Platform prompts (`点击蓝字关注我们`, `长按识别二维码`, `阅读原文`), reposting notices
(`版权归原作者所有`), and the tail after a story's end mark (`- END -`, `（完）`) when it holds
no more running text — there only credit and source lines still belong to the story. The
plain-text readers apply the same rules to their lines; this applies them to any block stream.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from . import bylines
from .blocks import Block
from .formats.wechat_post import is_platform_prompt
from .prose import is_body_paragraph, is_end_mark
from .provenance import is_repost_notice, read_notice

MAX_LINK_SHARE = 0.5  # of a block's or a body's text, above which it is links, not a story
# Smaller than this on a side, an image is an icon, a divider or a logo, never a news photo.
EDITORIAL_IMAGE_MIN_SIDE = 100
# What a platform's or a site's own pictures are called in their address or alt text: the
# account's QR code, a follow or share button, a logo, an avatar, an advertisement.
CHROME_IMAGE = re.compile(
    r"二维码|扫码|关注|分享|点赞|在看|头像|logo|qr_?code|\bqr\b|icon|avatar|share|follow"
    r"|banner|\bads?\b|advert|guanggao|广告|底图|分割线|divider",
    re.IGNORECASE,
)


def without_noise(blocks: list[Block]) -> list[Block]:
    """`blocks` less prompts, notices, and a prose-free tail's chrome after the last end mark."""
    end = next(
        (index for index in range(len(blocks) - 1, -1, -1) if is_end_mark(blocks[index].text)),
        None,
    )
    tail = blocks[end + 1 :] if end is not None else []
    if end is not None and not any(is_body_paragraph(block.text) for block in tail):
        blocks = blocks[:end] + [block for block in tail if _belongs_after_the_end(block)]
    prompts = [block.kind != "image" and is_platform_prompt(block.text) for block in blocks]
    return [
        block
        for index, block in enumerate(blocks)
        if not (
            _is_noise(block.text)
            or _is_links(block)
            or is_chrome_image(block)
            or (block.kind == "image" and _beside(prompts, index))
        )
    ]


def _beside(flags, index):
    """The block at `index` is next to one flagged: a QR code under `长按识别二维码关注`."""
    return (index > 0 and flags[index - 1]) or (index + 1 < len(flags) and flags[index + 1])


def is_chrome_image(block: Block) -> bool:
    """A picture of the platform's or the site's, not the story's: the account's QR code
    (`qrcode.jpg`, alt `长按识别二维码`), a follow or share button, a logo, an advertisement, a
    thumbnail linking to another page, an icon or divider too small to be a photo (`width="30"`)."""
    if block.kind != "image" or block.image is None:
        return False
    image = block.image
    if block.linked:
        return True  # a related story's thumbnail, an advertiser's banner
    sides = [side for side in (image.width, image.height) if side]
    if sides and min(sides) < EDITORIAL_IMAGE_MIN_SIDE:
        return True
    try:
        path = urlsplit(image.url).path
    except ValueError:  # `http://img.example.com／a.jpg`: dropped later as no web address
        path = image.url
    return bool(
        CHROME_IMAGE.search(path) or CHROME_IMAGE.search(bylines.simplified(image.alt_text))
    )


def _is_noise(words: str) -> bool:
    """Read before it goes: a republication notice's origin is the story's source."""
    return bool(words) and (
        is_platform_prompt(words) or is_repost_notice(words) or read_notice(words) is not None
    )


def _is_links(block: Block) -> bool:
    """Links to other stories (`相关阅读` items, `阅读原文`), not the story's own sentences."""
    return block.linked > 0 and block.linked >= len(block.text.replace(" ", "")) * MAX_LINK_SHARE


def _belongs_after_the_end(block: Block) -> bool:
    return bool(bylines.parse_credit_line(block.text) or bylines.is_source_line(block.text))
