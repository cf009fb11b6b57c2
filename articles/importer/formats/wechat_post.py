"""A WeChat-style post: one story, one paragraph per line, no blank lines between them.

Such a post often prints no headline (the title lived in the share card), opens with
verse-like short lines, carries short subheads between paragraphs and closes with a credit
such as `(通讯员:王清波、贾向飞、邢娜、张美霞)`; the platform adds chrome (`点击蓝字关注我们`,
`长按识别二维码`, `阅读原文`) around it.
"""

from __future__ import annotations

import itertools
import re

from django.utils.translation import gettext_lazy

from articles.importer import bylines, classify, datelines, dates, leads, meta_lines, prose
from articles.importer.lines import Line, non_blank_lines, original_span
from articles.importer.records import StoryRecord
from articles.importer.story import StoryDraft, only_story

NAME = "wechat_post"
MIN_LINES = 6
VERSE_LINE_MAX = 20
OPENING_VERSE_LINES = 3

_CHROME_RE = re.compile(
    r"点击.{0,8}关注|关注我们|长按.{0,8}(?:识别|关注|二维码)|扫码关注|二维码|阅读原文|点个?[“\"「]?在看|点亮.{0,4}在看"
    r"|分享.{0,4}朋友圈|点赞|转发|^[▼▲↓↑👇☝️]+$|^-*\s*(?:END|end|完)\s*-*$"
)
# Other articles recommended after the post: nothing after them is the post's.
_TAIL_RE = re.compile(r"^(?:往期推荐|往期回顾|推荐阅读|相关阅读|精彩推荐)")
# The post's own end: only its credit and source lines may follow (`- END -` / `编辑：王芳`).
_END_RE = re.compile(r"^-*\s*(?:END|end|完)\s*-*$")
_PLATFORM_RE = re.compile(
    r"公众号|微信号|点击.{0,8}关注|长按.{0,8}二维码|阅读原文|点个?[“\"「]?在看"
    r"|^原[创創]\s+\S+.*(?:19|20)\d{2}[-/.年]"
)


# A prompt speaks to the reader (`欢迎转发`, `记得点赞哦`); a sentence reporting that people
# liked or shared something (`网友纷纷为他点赞。`) is the story's.
_CALL_RE = re.compile(r"^(?:欢迎|请|记得|别忘|快|点击|动动|长按|扫码|扫描|觉得|喜欢|如果)")


def is_platform_prompt(line: str) -> bool:
    """`点击蓝字关注我们`, `觉得不错，点个“在看”吧`, `▼`: the platform's prompts around a post."""
    if len(line) > 40 or not _CHROME_RE.search(line):
        return False
    return "。" not in line or bool(_CALL_RE.match(line))


def _post_lines(lines: list[Line]) -> list[Line]:
    """The post without the platform's prompts and what follows `往期推荐`; after `-END-` only
    its credit and source lines (`- END -` / `编辑：王芳`)."""
    kept = []
    ended = False
    for line in lines:
        if _TAIL_RE.match(line.text):
            break
        ended = ended or bool(_END_RE.match(line.text))
        if _is_credit_or_source(line.text) or not (ended or is_platform_prompt(line.text)):
            kept.append(line)
    return kept


def _is_credit_or_source(line: str) -> bool:
    return bool(
        bylines.parse_credit_line(line)
        or bylines.is_source_line(line)
        or meta_lines.read_meta_line(line)
    )


def _multiple_stories(lines: list[str]) -> bool:
    """A closing byline in mid-text, or several `XX讯` openings: a page of stories, not a post.
    Credits above everything (`文 | 张三` / `图 | 李四`) or below it are the post's own."""
    openings = sum(1 for line in lines if datelines.split_opening_credit(line)[1])
    # the head zone: credits, the platform's header and an editor's note before the running text
    opening = next(
        (
            index
            for index, line in enumerate(lines)
            if prose.is_body_paragraph(line) and not leads.editors_note_length([line])
        ),
        len(lines),
    )
    closing = len(list(itertools.takewhile(_is_credit_or_source, reversed(lines))))
    inner_credits = sum(
        1
        for line in lines[opening : len(lines) - max(closing, 1)]
        if (found := bylines.parse_credit_line(line)) and not bylines.is_staff_credit(found)
    )
    return openings >= 2 or inner_credits >= 1


def is_single_post(lines: list[Line]) -> bool:
    """The platform's own prompts (`点击蓝字关注我们`) around one story, whatever container holds
    the lines: a post, not a page of stories."""
    content = [line.text for line in _post_lines(lines)]
    has_prompts = any(len(line.text) <= 40 and _PLATFORM_RE.search(line.text) for line in lines)
    return has_prompts and not _multiple_stories(content)


def sniff(source_text: str) -> bool:
    """A post opening with verse-like short lines or carrying WeChat's own chrome; never a page
    of several stories. Blank lines say nothing: containers keep no trace of them."""
    lines = [line.text for line in non_blank_lines(source_text)]
    content = [line.text for line in _post_lines(non_blank_lines(source_text))]
    if len(lines) < MIN_LINES or _multiple_stories(content) or not prose.has_sentence(content):
        return False  # a list of headlines is no post, however packed
    if any(len(line) <= 40 and _PLATFORM_RE.search(line) for line in lines):
        return True  # the platform's own prompts, not a story that mentions a 公众号
    opening = list(itertools.dropwhile(bylines.parse_credit_line, lines))  # `文 | 张三` first
    short_lines = list(itertools.takewhile(_is_verse_line, opening))
    if len(short_lines) < OPENING_VERSE_LINES:
        return False
    return not _is_title_block(short_lines, opening[len(short_lines) : len(short_lines) + 1])


def _is_verse_line(line: str) -> bool:
    return (
        len(line) <= VERSE_LINE_MAX
        and not dates.is_date_line(line)
        and not bylines.parse_credit_line(line)
        and not datelines.read_dateline(line)
    )


def _is_title_block(short_lines: list[str], following: list[str]) -> bool:
    """Short lines that are a news story's title block, not a post's verse: they print a
    subtitle (`——教育医疗养老成为关注焦点`), or the desk's byline or a dateline follows them
    (`本报记者 张三`, `本报讯…`)."""
    if any(line.startswith("——") for line in short_lines[1:]):
        return True
    if not following:
        return False
    desk_credit = any(
        credit.role in ("reporter", "correspondent")
        for credit in bylines.parse_credit_line(following[0])
    )
    return desk_credit or bool(datelines.read_dateline(following[0]))


def _title_lines(lines: list[str]) -> tuple[list[str], list[str]]:
    """A printed headline: a short line (`社区志愿者的一天`, `致敬!最美逆行者!`) followed by running
    text, not by more verse-like short lines."""
    if len(lines) >= 2 and prose.is_body_paragraph(lines[1]):
        first = lines[0]
        if prose.is_heading_like(first) or (
            len(first) <= prose.HEADLINE_MAX and "。" not in first and prose.ends_sentence(first)
        ):
            return [first], lines[1:]
    return [], lines


_NO_BODY = gettext_lazy("帖子里没有成段的正文（只有短句或平台提示）")


def parse(source_text: str) -> list[StoryRecord]:
    """The one story of a post; NoStoryFound when the text holds no article."""
    kept = _post_lines(non_blank_lines(source_text))
    gathered = classify.gather_meta(kept)
    title_lines, paragraphs = _title_lines([line.text for line in gathered.lines])
    draft = StoryDraft(
        original_text=original_span(source_text, kept),
        title_lines=tuple(title_lines),
        paragraphs=tuple(paragraphs),
        meta_lines=gathered.meta,
    )
    return [only_story(draft, empty_reason=_NO_BODY)]
