"""Structure: whether a body holds one story or a page of them, whatever container it came in.

Every container's body is read as one block stream (`blocks.py`) and laid out as plain text, then
segmented by the conventions of a Chinese news page (`formats/newspaper_page.py`: title blocks,
bylines, datelines, page headers). When that finds two or more stories the body is a page of
stories: each becomes an article, with the container's metadata as the page context (its date,
outlet and tags for every story that does not print its own). Otherwise the container's
single-story reader goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .blocks import Block, linear_text
from .errors import NoStoryFound
from .formats import newspaper_page, wechat_post
from .html_body import caption_parts, captioned
from .records import ImageRecord, SourceRecord, StoryRecord
from .text import non_blank_lines


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
