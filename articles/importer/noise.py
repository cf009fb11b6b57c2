"""One noise registry for every container: what the platform or the site adds around a story.

Platform prompts (`点击蓝字关注我们`, `长按识别二维码`, `阅读原文`), reposting notices
(`版权归原作者所有`), and the tail after a story's end mark (`- END -`, `（完）`) when it holds
no more running text — there only credit and source lines still belong to the story. The
plain-text readers apply the same rules to their lines; this applies them to any block stream.
"""

from __future__ import annotations

from . import bylines
from .blocks import Block
from .formats.wechat_post import is_platform_prompt
from .prose import is_body_paragraph, is_end_mark
from .provenance import is_repost_notice, read_notice

MAX_LINK_SHARE = 0.5  # of a block's or a body's text, above which it is links, not a story


def without_noise(blocks: list[Block]) -> list[Block]:
    """`blocks` less prompts, notices, and a prose-free tail's chrome after the last end mark."""
    end = next(
        (index for index in range(len(blocks) - 1, -1, -1) if is_end_mark(blocks[index].text)),
        None,
    )
    tail = blocks[end + 1 :] if end is not None else []
    if end is not None and not any(is_body_paragraph(block.text) for block in tail):
        blocks = blocks[:end] + [block for block in tail if _belongs_after_the_end(block)]
    return [block for block in blocks if not (_is_noise(block.text) or _is_links(block))]


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
