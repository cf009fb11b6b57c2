"""A WeChat-style post: one story, one paragraph per line, no blank lines between them.

Such a post often prints no headline (the title lived in the share card), opens with
verse-like short lines, carries short subheads between paragraphs and closes with a credit
such as `(通讯员:王清波、贾向飞、邢娜、张美霞)`; the platform adds chrome (`点击蓝字关注我们`,
`长按识别二维码`, `阅读原文`) around it.
"""

from __future__ import annotations

import re

from articles.importer import bylines, dates, html, text
from articles.importer.errors import NoStoryFound
from articles.importer.records import SourceRecord, StoryRecord

NAME = "wechat_post"
MIN_LINES = 6
VERSE_LINE_MAX = 20
OPENING_VERSE_LINES = 3
STORY_BODY_MIN = 60

_CHROME_RE = re.compile(
    r"点击.{0,8}关注|关注我们|长按.{0,8}(?:识别|关注|二维码)|扫码关注|二维码|阅读原文|点个?在看|点亮.{0,4}在看"
    r"|分享.{0,4}朋友圈|点赞|转发|^[▼▲↓↑👇☝️]+$|^-*\s*(?:END|end|完)\s*-*$"
)
_TAIL_RE = re.compile(r"^(?:往期推荐|往期回顾|推荐阅读|相关阅读|精彩推荐|-+\s*END\s*-+)")
_PLATFORM_RE = re.compile(r"公众号|微信号|点击.{0,8}关注|长按.{0,8}二维码|阅读原文|点个?在看")


def _is_chrome(line: str) -> bool:
    return len(line) <= 40 and bool(_CHROME_RE.search(line))


def _multiple_stories(lines: list[str]) -> bool:
    """A closing byline in mid-text, or several `XX讯` openings: a page of stories, not a post."""
    datelines = sum(1 for line in lines if bylines.split_opening_credit(line)[1])
    inner_credits = sum(
        1
        for line in lines[:-1]
        if (found := bylines.parse_credit_line(line)) and not bylines.is_staff_credit(found)
    )
    return datelines >= 2 or inner_credits >= 1


def sniff(source_text: str) -> bool:
    """Lines packed with no blank line between them, opening with verse-like short lines or
    carrying WeChat's own chrome; never a page of several stories."""
    lines = [line.text for line in text.non_blank_lines(source_text)]
    if len(lines) < MIN_LINES or _multiple_stories(lines):
        return False
    if _PLATFORM_RE.search(source_text):
        return True
    raw = source_text.replace("\r\n", "\n").strip("\n").split("\n")
    blank = sum(1 for line in raw if not text.clean_line(line))
    packed = blank <= len(lines) // 10
    verse = all(
        len(line) <= VERSE_LINE_MAX
        and not dates.is_date_line(line)
        and not bylines.parse_credit_line(line)
        for line in lines[:OPENING_VERSE_LINES]
    )
    return packed and verse


def _title_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    """A printed headline: a heading line followed by running text or a meta line, not by verse."""
    if len(lines) >= 2 and text.is_heading_like(lines[0]):
        following = lines[1]
        if text.is_body_paragraph(following) or text.read_meta_line(following):
            return [lines[0]], lines[1:]
    return [], lines


def parse(source_text: str) -> list[StoryRecord]:
    """The one story of a post; NoStoryFound when the text holds no article."""
    all_lines = text.non_blank_lines(source_text)
    kept: list[text.Line] = []
    for line in all_lines:
        if _TAIL_RE.match(line.text):
            break
        if not _is_chrome(line.text):
            kept.append(line)
    credits: list = []
    source_name = ""
    reported_at, precision = None, "unknown"
    body_lines: list[text.Line] = []
    for line in kept:
        found = bylines.parse_credit_line(line.text)
        meta = None if found else text.read_meta_line(line.text)
        named_source = bylines.parse_source_line(line.text)
        if found:
            credits.extend(found)
        elif meta:
            credits.extend(meta.credits)
            source_name = source_name or meta.source
            if reported_at is None and meta.reported_at:
                reported_at, precision = meta.reported_at, meta.date_precision
        elif named_source:
            source_name = source_name or named_source
        elif dates.is_date_line(line.text) and reported_at is None:
            reported_at, precision = dates.parse_date(line.text)
        else:
            body_lines.append(line)
    lines = [line.text for line in body_lines]
    title_lines, lines = _title_lines(lines)
    edges = text.strip_story_edges(lines)
    lines = [line for line in edges.paragraphs if line]
    credits = [*edges.opening_credits, *credits, *edges.closing_credits]
    source_name = source_name or edges.outlet
    blocks = []
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else None
        following = lines[index + 1] if index + 1 < len(lines) else None
        blocks.append(("h2" if text.is_subhead(previous, line, following) else "p", line))
    body_length = sum(len(line) for tag, line in blocks if tag == "p")
    if body_length < STORY_BODY_MIN or not any(text.is_body_paragraph(line) for line in lines):
        raise NoStoryFound("帖子里没有成段的正文（只有短句或平台提示）")
    kicker, title, subtitle = text.split_title_block(title_lines)
    inferred = not title
    if inferred:
        title = text.infer_title(lines)
    source = SourceRecord(source_name, bylines.outlet_kind(source_name)) if source_name else None
    lead = next((line for tag, line in blocks if tag == "p" and text.is_body_paragraph(line)), "")
    return [
        StoryRecord(
            title=title,
            original_text=text.original_span(source_text, kept),
            position=1,
            kicker=kicker,
            subtitle=subtitle,
            lead=lead,
            dateline=edges.place,
            body_html=html.render_blocks(blocks),
            reported_at=reported_at,
            date_precision=precision if reported_at else "unknown",
            source=source,
            credits=text.unique_credits(credits),
            warnings=text.story_warnings(
                title_inferred=inferred, reported_at=reported_at, source=source
            ),
        )
    ]
