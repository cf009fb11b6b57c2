"""Structure: whether a body holds one story or a page of them, whatever container it came in.

Every container's body is read as one block stream (`blocks.py`) and laid out as plain text, then
segmented by the conventions of a Chinese news page (`formats/newspaper_page.py`: title blocks,
bylines, datelines, page headers). When that finds two or more stories the body is a page of
stories: each becomes an article, with the container's metadata as the page context (its date,
outlet and tags for every story that does not print its own). Otherwise the container's
single-story reader goes on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import bylines
from .blocks import Block, linear_text
from .errors import NoStoryFound
from .formats import newspaper_page, wechat_post
from .html_body import caption_parts, captioned
from .records import ImageRecord, SourceRecord, StoryRecord
from .text import has_sentence, non_blank_lines

PROSE_KINDS = ("paragraph", "line", "quote", "item")
# `### 1`, `一、`, `（二）`: a story's numbered parts, never a digest's items.
NUMBERED_HEAD = re.compile(
    r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:[、.．:：\s]|$)|^[（(][一二三四五六七八九十\d]{1,3}[)）]"
)


@dataclass(frozen=True)
class PageContext:
    """What a container's metadata says of the page: the default for each story on it."""

    reported_at: object = None
    date_precision: str = "unknown"
    source: SourceRecord | None = None
    via: SourceRecord | None = None
    tags: tuple[str, ...] = ()


def page_of_stories(blocks: list[Block], context: PageContext) -> list[StoryRecord] | None:
    """The stories of a body that prints several, each with its images; None for one story."""
    sections = digest_sections(blocks)
    if sections:
        stories = [story for section in sections for story in _stories_of(section, context)]
        if len(stories) >= 2:
            return [replace(story, position=n) for n, story in enumerate(stories, start=1)]
    linear = linear_text(blocks)
    if wechat_post.is_single_post(non_blank_lines(linear.text)):
        return None
    try:
        stories = newspaper_page.parse(linear.text, context=context)
    except NoStoryFound:
        return None
    if len(stories) < 2:
        return None
    return _with_images(stories, blocks, linear, context)


def digest_sections(blocks: list[Block]) -> list[list[Block]] | None:
    """A digest's items: the runs between rules (`---`), or under headings of one level, when
    at least two of them hold running text — and, cut by headings alone, at least two open like
    a story (a dateline or a byline), for a story's own subheads open nothing.

    The part before the first item is kept with it (a page header); a part with no prose (a
    rundown of the headlines below, a programme entry) is no story."""
    rules = [index for index, block in enumerate(blocks) if block.kind == "rule"]
    if len(rules) >= 2:
        parts = _cut(blocks, rules, keep_cut=False)
    else:
        parts = None
        for level in sorted({block.level for block in blocks if block.kind == "heading"}):
            heads = [
                index
                for index, block in enumerate(blocks)
                if block.kind == "heading"
                and block.level == level
                and not NUMBERED_HEAD.match(block.text)
            ]
            if len(heads) >= 2:
                parts = _cut(blocks, heads, keep_cut=True)
                break
        if parts is None:
            return None
    items = [part for part in parts if _has_prose(part)]
    if len(items) < 2:
        return None
    if not rules and sum(1 for part in items if _opens_like_story(part)) < 2:
        return None
    return items


def _cut(blocks, at, *, keep_cut):
    edges = [0, *at, len(blocks)]
    parts = [
        blocks[start + (0 if keep_cut or start == 0 else 1) : end]
        for start, end in zip(edges, edges[1:], strict=False)
    ]
    return [part for part in parts if part]


def _has_prose(part):
    return has_sentence(block.text for block in part if block.kind in PROSE_KINDS)


def _opens_like_story(part):
    prose = [block.text for block in part if block.kind in PROSE_KINDS]
    return bool(prose) and (
        bylines.split_opening_credit(prose[0])[1] != ""
        or any(bylines.parse_credit_line(text) for text in prose[:2] + prose[-2:])
    )


def _stories_of(section, context):
    linear = linear_text(section)
    try:
        stories = newspaper_page.parse(linear.text, context=context, digest_item=True)
    except NoStoryFound:
        return []
    return _with_images(stories, section, linear, context)


def _with_images(stories, blocks, linear, context):
    """Each image goes to the story whose text it stands in (or precedes), captioned by the line
    printed right after it when that line reads as a caption."""
    spans = _story_spans(stories, linear.text)
    images: list[list[ImageRecord]] = [[] for _ in stories]
    for index, block in enumerate(blocks):
        if block.kind != "image":
            continue
        image = block.image
        following = next((b for b in blocks[index + 1 :] if b.kind != "rule"), None)
        if following is not None and following.kind in ("caption", "paragraph", "line"):
            parts = caption_parts(following.text)
            if parts:
                image = captioned(image, *parts)
        images[_story_at(spans, linear.starts[index])].append(image)
    return [
        replace(
            story,
            images=tuple(found),
            via=story.via or (context.via if context.via != story.source else None),
            tags=story.tags or context.tags,
        )
        for story, found in zip(stories, images, strict=True)
    ]


def _story_spans(stories, text):
    """(start, end) of each story's original text within `text`, searched in print order."""
    spans, offset = [], 0
    for story in stories:
        start = text.find(story.original_text, offset)
        start = offset if start < 0 else start
        spans.append((start, start + len(story.original_text)))
        offset = max(offset, start + len(story.original_text))
    return spans


def _story_at(spans, offset):
    """The story an offset falls in; between two stories, the next one (a photo above its head)."""
    for index, (_start, end) in enumerate(spans):
        if offset < end:
            return index
    return len(spans) - 1
