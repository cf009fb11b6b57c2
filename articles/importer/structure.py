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
from html import escape
from urllib.parse import quote

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from . import bylines, datelines, provenance
from .blocks import Block, is_web_address, linear_text
from .bylines import credits_in_order, unique_credits
from .captions import with_captions
from .errors import NoStoryFound
from .formats import newspaper_page, scraped_page, wechat_post
from .leads import editors_note_length
from .lines import non_blank_lines
from .noise import MAX_LINK_SHARE, without_noise
from .prose import NUMBERED_HEADING_RE, has_sentence, is_heading_like
from .records import Credit, ImageRecord, SourceRecord, StoryRecord
from .script import squeezed
from .story import IMAGE_UNADDRESSED, SOURCE_UNKNOWN, PageFacts
from .titles import TitleLine, split_title_block

PROSE_KINDS = ("paragraph", "line", "quote", "item")
KICKER_LINES_MAX = 2


@dataclass(frozen=True)
class PageContext:
    """What a container's metadata says of the page: the default for each story on it."""

    reported_at: object = None
    date_precision: str = "unknown"
    source: SourceRecord | None = None
    via: SourceRecord | None = None
    tags: tuple[str, ...] = ()

    def page_facts(self) -> PageFacts:
        return PageFacts(
            outlet=self.source.name if self.source else "",
            reported_at=self.reported_at,
            date_precision=self.date_precision,
        )


def with_title(blocks: list[Block], title: str) -> list[Block]:
    """The body under the headline its container declares (a post's `title:`, a page's
    `og:title`), unless the body already opens with it."""
    if not title or (blocks and squeezed(blocks[0].text) == squeezed(title)):
        return blocks
    return [Block("heading", title, level=1), *blocks]


def stories_of_body(
    blocks: list[Block], context: PageContext, *, headline_given: bool = False
) -> list[StoryRecord]:
    """Every story of a body, read the way its plain text would be: a page of stories, or the
    one story the plain-text readers make of it (a scraped page, a post, a story). Raises
    `NoStoryFound` when the body holds none. `headline_given`: the container printed the title.
    """
    _refuse_link_lists(blocks)
    chain = provenance.read_provenance(block.text for block in blocks if block.text)
    blocks, unaddressed = _addressed(without_noise(blocks))
    blocks = with_captions(blocks)
    stories = page_of_stories(blocks, context) or _stories_of_one_body(
        blocks, context, chain, headline_given
    )
    if unaddressed:
        stories = [
            replace(story, warnings=(*story.warnings, IMAGE_UNADDRESSED)) for story in stories
        ]
    return stories


def _addressed(blocks: list[Block]) -> tuple[list[Block], bool]:
    """The blocks less the images with no web address (`/uploads/1.jpg` on a page saved without
    its address), whose captions then stay in the text; and whether there were any."""
    kept, unaddressed = [], False
    for block in blocks:
        if block.kind == "image" and not is_web_address(block.image.url):
            unaddressed = True
            continue
        if block.kind == "image" and not block.image.url.isascii():
            block = replace(
                block, image=replace(block.image, url=quote(block.image.url, safe=URL_SAFE))
            )
        kept.append(block)
    return kept, unaddressed


# What `quote` leaves of an address whose path holds Chinese: `https://a.cn/图片/1.jpg`.
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def _stories_of_one_body(blocks, context, chain, headline_given):
    linear, packed = linear_text(blocks), linear_text(blocks, separator="\n")
    if scraped_page.sniff(linear.text):
        stories = scraped_page.parse(linear.text)
    elif wechat_post.sniff(packed.text) or wechat_post.is_single_post(non_blank_lines(linear.text)):
        # a container keeps no trace of blank lines: a post is judged as its packed lines read
        linear = packed
        stories = wechat_post.parse(linear.text)
    else:
        stories = newspaper_page.parse(
            linear.text, context=context.page_facts(), headline_given=headline_given
        )
    return [
        with_provenance(story, chain) for story in _with_images(stories, blocks, linear, context)
    ]


def with_provenance(story: StoryRecord, chain: provenance.Provenance) -> StoryRecord:
    """A story whose republication notices name its origin (`本文来自微信公众号“X”`, `原载X`):
    the origin is its source, whoever passed it on its via."""
    if not chain.origin:
        return story
    kind = "wechat" if chain.origin_is_wechat else bylines.outlet_kind(chain.origin)
    source = SourceRecord(chain.origin, kind)
    via_name = chain.via or (story.source.name if story.source else "")
    via = story.via
    if via_name and via_name != chain.origin:
        via = SourceRecord(via_name, bylines.outlet_kind(via_name))
    return replace(
        story,
        source=source,
        via=via,
        original_url=story.original_url or chain.original_url,
        warnings=tuple(warning for warning in story.warnings if warning != SOURCE_UNKNOWN),
    )


def _refuse_link_lists(blocks):
    """A body that is mostly the text of links is a list of headlines or navigation."""
    length = sum(len(block.text.replace(" ", "")) for block in blocks if block.kind != "image")
    linked = sum(block.linked for block in blocks)
    if length and linked / length > MAX_LINK_SHARE:
        raise NoStoryFound(_("正文大部分是链接（标题列表或导航），不是一篇稿件。"))


def page_of_stories(blocks: list[Block], context: PageContext) -> list[StoryRecord] | None:
    """The stories of a body that prints several, each with its images; None for one story."""
    sections = digest_sections(blocks)
    if sections:
        page = _page_header_facts(blocks, sections[0]).filled_from(context.page_facts())
        stories = [story for section in sections for story in _stories_of(section, page, context)]
        if len(stories) >= 2:
            return [replace(story, position=n) for n, story in enumerate(stories, start=1)]
    linear = linear_text(blocks)
    if wechat_post.is_single_post(non_blank_lines(linear.text)):
        return None
    try:
        stories = newspaper_page.parse(linear.text, context=context.page_facts())
    except NoStoryFound:
        return None
    if len(stories) < 2 or any(_is_only_a_note(story) for story in stories):
        return None  # a standfirst over a byline opens one story, it is no story of its own
    return _with_images(stories, blocks, linear, context)


def _is_only_a_note(story):
    paragraphs = [line.text for line in non_blank_lines(strip_tags(story.body_html))]
    return bool(paragraphs) and editors_note_length(paragraphs) >= len(paragraphs)


def digest_sections(blocks: list[Block]) -> list[list[Block]] | None:
    """A digest's items: the runs between rules (`---`), or under headings of one level, when
    at least two of them hold running text — and, cut by headings alone, at least two open like
    a story (a dateline or a byline), for a story's own subheads open nothing.

    A part with no prose (a page header, a rundown of the headlines below, a programme entry)
    is no story; the page header is read by `_page_header_facts`."""
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
                and not NUMBERED_HEADING_RE.match(block.text)  # a story's parts
            ]
            if len(heads) >= 2:
                parts = _cut(blocks, heads, keep_cut=True)
                break
        if parts is None:
            return None
    if not rules:
        parts = _with_kickers_moved_down(parts)
    items = [part for part in parts if _has_prose(part)]
    if len(items) < 2:
        return None
    if not rules and sum(1 for part in items if _opens_like_story(part)) < 2:
        return None
    return items


def _page_header_facts(blocks, first_item) -> PageFacts:
    """What the page header printed above a digest's first item says of every item: its
    publisher, issue date, section and staff (`《岚川日报》（2024年03月08日 第 05 版）` /
    `责任编辑：宁晓岚`)."""
    start = next(index for index, block in enumerate(blocks) if block is first_item[0])
    return newspaper_page.read_page_facts(linear_text(blocks[:start] + first_item).text)


def _with_kickers_moved_down(parts):
    """Parts cut at headings, each short heading-like line that closes a part moved down to
    open the next: a kicker (引题) prints above its headline (`溪口镇引入专业合作社统一管护` /
    `## 老茶园种出“新花样”`), never at the end of the story before."""
    moved = [list(part) for part in parts]
    for index in range(len(moved) - 1):
        part = moved[index]
        tail = 0
        while (
            tail < min(len(part) - 1, KICKER_LINES_MAX)
            and part[-1 - tail].kind in ("paragraph", "line")
            and is_heading_like(part[-1 - tail].text)
        ):
            tail += 1
        # the page header above the first item gives up its last lines as well
        if tail and (index == 0 or _has_prose(part[:-tail])):
            moved[index + 1] = part[-tail:] + moved[index + 1]
            del part[-tail:]
    return moved


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
    """A part printing a dateline or a writer's byline at its head or foot; staff lines alone
    (`编辑：X　审核：Y`) close a post as well as a page's items."""
    prose = [block.text for block in part if block.kind in PROSE_KINDS]
    return bool(prose) and (
        datelines.split_opening_credit(prose[0])[1] != ""
        or any(
            (credits := bylines.parse_credit_line(text)) and not bylines.is_staff_credit(credits)
            for text in prose[:2] + prose[-2:]
        )
    )


def _stories_of(section, page, context):
    linear = linear_text(section)
    try:
        stories = newspaper_page.parse(linear.text, context=page, headline_given=True)
    except NoStoryFound:
        return []
    return _with_images(stories, section, linear, context)


def _with_images(stories, blocks, linear, context):
    """Each image goes to the story whose text it stands in (or precedes), as a figure at its
    place in the body; a photographer its caption credits is credited on the story."""
    spans = _story_spans(stories, linear.text)
    images: list[list[tuple[int, ImageRecord]]] = [[] for _ in stories]
    for index, block in enumerate(blocks):
        if block.kind == "image":
            images[_story_at(spans, linear.starts[index])].append((index, block.image))
    placed = []
    for story, found in zip(stories, images, strict=True):
        kept = _unique([image for _, image in found])
        body_html = _with_markup(story.body_html, blocks)
        for index, image in found:
            if image in kept:
                body_html = _with_figure(body_html, image, blocks, index)
        placed.append(
            replace(
                with_heading_levels(story, blocks),
                images=kept,
                body_html=body_html,
                credits=credits_in_order(
                    unique_credits(
                        story.credits,
                        [
                            Credit(image.credit_name, "photographer")
                            for image in kept
                            if image.credit_name
                        ],
                    )
                ),
                via=story.via or (context.via if context.via != story.source else None),
                tags=story.tags or context.tags,
            )
        )
    return placed


ANCHOR_CHARS = 12  # of a paragraph's edge, to find it again in the story's body


def _with_figure(body_html: str, image: ImageRecord, blocks: list[Block], index: int) -> str:
    """The body with the image as a `<figure>` where the story printed it: after the paragraph
    printed above it, else before the one printed below it. A body that no longer holds either
    (both were a headline or a dateline) is left as it was: the page shows the image first."""
    before = next((b.text for b in reversed(blocks[:index]) if b.text and b.kind != "image"), "")
    after = next((b.text for b in blocks[index + 1 :] if b.text and b.kind != "image"), "")
    elements = body_html.split("\n")
    texts = [strip_tags(element).strip() for element in elements]
    at = None
    tail = before.strip()[-ANCHOR_CHARS:]
    if tail:
        at = next((i + 1 for i, text in enumerate(texts) if tail in text), None)
    if at is None and after:
        at = next(
            (i for i, text in enumerate(texts) if text and text[:ANCHOR_CHARS] in after), None
        )
    if at is None:
        return body_html
    caption = " ".join(filter(None, (image.caption, image.credit)))
    figure = (
        f'<figure><img src="{escape(image.url)}" alt="{escape(image.caption)}">'
        + (f"<figcaption>{escape(caption, quote=False)}</figcaption>" if caption else "")
        + "</figure>"
    )
    return "\n".join([*elements[:at], figure, *elements[at:]])


def with_original_spans(stories: list[StoryRecord], document_text: str) -> list[StoryRecord]:
    """Each story of a page with, as its original text, the part of the file it was read from
    (whole lines, from its first line to its last, found in print order), not its laid-out
    text; a story whose lines the file does not hold as written keeps its laid-out text."""
    placed, cursor = [], 0
    for story in stories:
        lines = [line.text for line in non_blank_lines(story.original_text)]
        start = document_text.find(lines[0], cursor) if lines else -1
        end = document_text.find(lines[-1], start) if start >= 0 else -1
        if end < 0:
            placed.append(story)
            continue
        start = document_text.rfind("\n", 0, start) + 1
        line_end = document_text.find("\n", end + len(lines[-1]))
        end = len(document_text) if line_end < 0 else line_end
        placed.append(replace(story, original_text=document_text[start:end].rstrip("\r")))
        cursor = end
    return placed


def with_heading_levels(story: StoryRecord, blocks: list[Block]) -> StoryRecord:
    """A story's title block read again with the levels its container gave its lines: under
    `溪口镇引入专业合作社统一管护` / `## 老茶园种出“新花样”` the `##` line is the headline and the
    plain line above it the kicker, however long each is."""
    levels = {}
    for block in blocks:
        if block.kind == "heading" and block.level is not None:
            levels.setdefault(squeezed(block.text), block.level)
    parts = [part for part in (story.kicker, story.title, story.subtitle) if part]
    if len(parts) < 2 or not any(squeezed(part) in levels for part in parts):
        return story
    lines = [TitleLine(part, levels.get(squeezed(part))) for part in parts]
    kicker, title, subtitle = split_title_block(lines)
    return replace(story, kicker=kicker, title=title, subtitle=subtitle)


def _unique(images):
    seen, kept = set(), []
    for image in images:
        if image.url not in seen:
            seen.add(image.url)
            kept.append(image)
    return tuple(kept)


def _with_markup(body_html, blocks):
    """The body with each paragraph printed as it was marked up (bold, links), where the story
    kept it whole."""
    for block in blocks:
        if block.markup:
            plain = f"<p>{escape(block.text, quote=False)}</p>"
            body_html = body_html.replace(plain, f"<p>{block.markup}</p>", 1)
    return body_html


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
