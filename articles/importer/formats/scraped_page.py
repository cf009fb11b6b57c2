"""Text scraped from a news site's article page: the story wrapped in the site's chrome.

Above the story a breadcrumb (`当前位置:`, `首页 > 新闻`); a headline, perhaps with a subtitle
after `——`; labelled metadata (`来源:永州日报`, `作者:彭沛 黎俊`, `编辑:陈小婷`, `发布时间:`) above
or below the text; below it navigation (`相关链接`, `频道精选`, bullet lists of channels,
`阅读下一篇`, `返回红网首页`). The site naming itself (`返回XX首页`, `XX版权所有`) is the via when
the story came from another outlet.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from articles.importer import bylines, classify, datelines, prose
from articles.importer.errors import NoStoryFound
from articles.importer.lines import Line, non_blank_lines, original_span
from articles.importer.provenance import is_repost_notice
from articles.importer.records import StoryRecord
from articles.importer.story import PageFacts, StoryDraft, only_story

NAME = "scraped_page"
TITLE_MAX = 80

_BREADCRUMB_RE = re.compile(
    r"^(?:当前位置|您的位置|你的位置|您现在的位置|所在位置|位置)\s*[:：]|^首页\s*[>»/＞]"
)
# Navigation that follows the story: once it starts, the story is over.
_STORY_END_RE = re.compile(
    r"^(?:相关链接|相关新闻|相关阅读|相关文章|相关稿件|延伸阅读|推荐阅读|热点推荐|热点新闻|频道精选|精彩推荐"
    r"|热门排行|热门推荐|热门文章|为您推荐|相关推荐|编辑推荐|更多新闻|猜你喜欢|阅读下一篇|阅读上一篇|上一篇|下一篇|【纠错】|纠错$|返回顶部|网站地图|联系我们|关于我们)"
)
# A toolbar that may stand above or below the story: skipped wherever it is.
_TOOLBAR_RE = re.compile(
    r"^(?:分享到|分享\s*[:：]|【?打印(?:本页|此文)?】?(?:\s|$)|【?关闭(?:窗口|本页)?】?(?:\s|$)"
    r"|【?收藏(?:本文|本页)?】?(?:\s|$)|【?字[号体]\s*[:：]|扫一扫|(?:浏览|阅读|点击)(?:次数|数|量)\s*[:：]?\s*\d*$)"
)
_HOME_LINK_RE = re.compile(r"返回\s*([^\s返回首页]{2,12}?)\s*首页")
_COPYRIGHT_RE = re.compile(
    r"(?:©|Copyright|版权所有)[^\n]{0,20}?([\u4e00-\u9fff]{2,12}(?:网|报|社))"
    r"|([\u4e00-\u9fff]{2,12}(?:网|报|社))\s*版权所有"
)
_BULLET_RE = re.compile(r"^[•·●▪◆■□○◇>》\-*]\s*\S")
# `首页 | 新闻 | 体育 | 娱乐`: a menu of short channel names.
_MENU_RE = re.compile(
    r"^(?:[\u4e00-\u9fffA-Za-z]{1,5}\s*[\s|｜·/]\s*){3,}[\u4e00-\u9fffA-Za-z]{1,5}$"
)
# The site's footer: `滨江新闻网版权所有`, `湘ICP备12345678号`, `主办单位：…`.
_FOOTER_RE = re.compile(
    r"版权所有|Copyright|©|ICP[备证]|公网安备|网站标识码|^(?:主办|承办|协办)单位|^技术支持",
    re.IGNORECASE,
)
# `声明：转载此文是出于传递更多信息之目的…`: the site's notice on what it reposts.
_DISCLAIMER_RE = re.compile(r"^[【\[]?(?:免责)?声明[】\]]?\s*[:：]|转载(?:此|本)文|传递更多信息")
_CHROME_MARKERS = (_BREADCRUMB_RE, _STORY_END_RE, _HOME_LINK_RE, _TOOLBAR_RE, _MENU_RE, _FOOTER_RE)


def is_site_chrome(line: str, *, bullets: bool = True) -> bool:
    """A line of the site's own: `当前位置:`, `相关链接`, `返回红网首页`, `【打印】`, `• 重要新闻`
    (short bullet lines only when `bullets`: a list in a story may use them too)."""
    if is_repost_notice(line) or (
        len(line) <= 200 and _DISCLAIMER_RE.search(bylines.simplified(line))
    ):
        return True  # `声明：转载此文是出于传递更多信息之目的…`
    if (
        len(line) > 60
        or bylines.parse_credit_line(line)
        or datelines.split_dateline(line)[1:3] != ("", "")
    ):
        return False  # `本报记者 李娜 通讯员 王强`, `本報訊 記者 陳志明 報導` are spaced like menus
    words = line.split()
    if len(words) >= 3 and all(map(bylines.is_person_name, words)):
        return False  # `张三 李四 王五 赵六`: a list of people in the story, not a menu
    line = bylines.simplified(line)
    return any(pattern.search(line) for pattern in _CHROME_MARKERS) or bool(
        bullets and _BULLET_RE.match(line) and len(line) <= 20
    )


def _title_and_body(paragraphs: list[str]) -> tuple[int, int]:
    """(first, end) of the headline lines: the last short line before the text begins (with a line
    opening with `——` below it, its subtitle); short lines above it are the site's own chrome."""
    opening = 0
    while opening < len(paragraphs) and _is_title_candidate(paragraphs[opening]):
        opening += 1
    if opening >= 2 and re.match(r"^\s*(?:——|──|--)", paragraphs[opening - 1]):
        return opening - 2, opening
    return max(opening - 1, 0), opening


def _is_title_candidate(line: str) -> bool:
    pauses = sum(line.count(mark) for mark in "，,；;")
    return len(line) <= TITLE_MAX and "。" not in line and pauses <= 1


def sniff(source_text: str) -> bool:
    """A breadcrumb, or at least two kinds of site chrome (navigation, home links, channel bullets)."""
    lines = [bylines.simplified(line.text) for line in non_blank_lines(source_text)]
    if any(_BREADCRUMB_RE.search(line) for line in lines[:5]):
        return True
    kinds = {
        index
        for line in lines
        if len(line) <= 60
        for index, pattern in enumerate(_CHROME_MARKERS)
        if pattern.search(line)
    }
    bullets = sum(1 for line in lines if _BULLET_RE.match(line) and len(line) <= 20)
    return len(kinds) + (bullets >= 3) >= 2


def site_name(lines: list[str]) -> str:
    """The site naming itself in its chrome: `返回红网首页 返回永州站首页` → `红网`; `©2022 XX网 版权所有`."""
    for line in lines:
        for match in _HOME_LINK_RE.finditer(bylines.simplified(line)):
            if bylines.is_outlet_name(match.group(1)):
                return line[match.start(1) : match.end(1)]
    for line in lines:
        match = _COPYRIGHT_RE.search(bylines.simplified(line))
        if match:
            group = 1 if match.group(1) else 2
            return line[match.start(group) : match.end(group)]
    return ""


_NO_BODY = gettext_lazy("页面没有成段的正文（只有标题、链接或站点导航）")


def parse(source_text: str) -> list[StoryRecord]:
    """The page's one story; NoStoryFound for a page of links or chrome only."""
    lines = non_blank_lines(source_text)
    story_lines: list[Line] = []
    body_seen = False
    for line in lines:
        plain = bylines.simplified(line.text)
        if body_seen and len(plain) <= 60 and _STORY_END_RE.search(plain):
            # `【纠错】 责任编辑：张三`: a credit may share the line that ends the story
            remainder = _STORY_END_RE.sub("", plain).strip()
            if remainder and bylines.parse_credit_line(remainder):
                kept_text = line.text[len(line.text) - len(remainder) :]
                story_lines.append(Line(kept_text, line.end - len(remainder), line.end))
            break
        if not is_site_chrome(line.text):
            story_lines.append(line)
            body_seen = body_seen or prose.is_body_paragraph(line.text)
    gathered = classify.gather_meta(story_lines)
    content = gathered.lines
    paragraphs = [line.text for line in content]
    if not paragraphs:
        raise NoStoryFound(_("页面只有导航和链接，没有正文"))
    first, end = _title_and_body(paragraphs)
    draft = StoryDraft(
        original_text=original_span(
            source_text, [line for line in story_lines if line.start >= content[first].start]
        ),
        title_lines=tuple(paragraphs[first:end]),
        paragraphs=tuple(paragraphs[end:]),
        meta_lines=gathered.meta,
        page=PageFacts(outlet=site_name([line.text for line in lines])),
    )
    return [only_story(draft, empty_reason=_NO_BODY)]
