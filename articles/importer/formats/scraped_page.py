"""Text scraped from a news site's article page: the story wrapped in the site's chrome.

Above the story a breadcrumb (`当前位置:`, `首页 > 新闻`); a headline, perhaps with a subtitle
after `——`; labelled metadata (`来源:永州日报`, `作者:彭沛 黎俊`, `编辑:陈小婷`, `发布时间:`) above
or below the text; below it navigation (`相关链接`, `频道精选`, bullet lists of channels,
`阅读下一篇`, `返回红网首页`). The site naming itself (`返回XX首页`, `XX版权所有`) is the via when
the story came from another outlet.
"""

from __future__ import annotations

import re

from articles.importer import bylines, html, text
from articles.importer.errors import NoStoryFound
from articles.importer.records import SourceRecord, StoryRecord

NAME = "scraped_page"
TITLE_MAX = 80
STORY_BODY_MIN = 60

_BREADCRUMB_RE = re.compile(
    r"^(?:当前位置|您的位置|你的位置|您现在的位置|所在位置|位置)\s*[:：]|^首页\s*[>»/＞]"
)
_NAVIGATION_RE = re.compile(
    r"^(?:相关链接|相关新闻|相关阅读|相关文章|延伸阅读|推荐阅读|热点推荐|频道精选|精彩推荐|热门排行|猜你喜欢"
    r"|阅读下一篇|阅读上一篇|上一篇|下一篇|分享到|打印本页|打印|关闭窗口|关闭|【纠错】|纠错|收藏|字号|【字体"
    r"|返回顶部|网站地图|联系我们|关于我们)"
)
_HOME_LINK_RE = re.compile(r"返回\s*([^\s返回首页]{2,12}?)\s*首页")
_COPYRIGHT_RE = re.compile(
    r"(?:©|Copyright|版权所有)[^\n]{0,20}?([\u4e00-\u9fff]{2,12}(?:网|报|社))"
    r"|([\u4e00-\u9fff]{2,12}(?:网|报|社))\s*版权所有"
)
_BULLET_RE = re.compile(r"^[•·●▪◆■□○◇>》\-*]\s*\S")
_CHROME_MARKERS = (_BREADCRUMB_RE, _NAVIGATION_RE, _HOME_LINK_RE)


def _is_chrome(line: str) -> bool:
    if len(line) > 60:
        return False
    return any(pattern.search(line) for pattern in _CHROME_MARKERS) or bool(
        _BULLET_RE.match(line) and len(line) <= 20
    )


def sniff(source_text: str) -> bool:
    """A breadcrumb, or at least two kinds of site chrome (navigation, home links, channel bullets)."""
    lines = [line.text for line in text.non_blank_lines(source_text)]
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
        for match in _HOME_LINK_RE.finditer(line):
            if bylines.is_outlet_name(match.group(1)):
                return match.group(1)
    for line in lines:
        match = _COPYRIGHT_RE.search(line)
        if match:
            return match.group(1) or match.group(2)
    return ""


def parse(source_text: str) -> list[StoryRecord]:
    """The page's one story; NoStoryFound for a page of links or chrome only."""
    lines = text.non_blank_lines(source_text)
    content: list[text.Line] = []
    kept: list[text.Line] = []  # the story's lines with its metadata, as printed
    credits: list = []
    source_name = ""
    reported_at, precision = None, "unknown"
    started = False
    for line in lines:
        if _is_chrome(line.text):
            if started and not _BREADCRUMB_RE.search(line.text):
                break  # the story is over once the site's navigation begins
            continue
        kept.append(line)
        meta = text.read_meta_line(line.text)
        named_source = bylines.parse_source_line(line.text)
        if meta or named_source:
            if meta:
                credits.extend(meta.credits)
                if reported_at is None and meta.reported_at:
                    reported_at, precision = meta.reported_at, meta.date_precision
            source_name = source_name or (meta.source if meta else "") or named_source or ""
            continue
        found = bylines.parse_credit_line(line.text)
        if found:
            credits.extend(found)
            continue
        started = True
        content.append(line)
    paragraphs = [line.text for line in content]
    if not paragraphs:
        raise NoStoryFound("页面只有导航和链接，没有正文")
    title_line = paragraphs[0] if text.is_heading_like(paragraphs[0], limit=TITLE_MAX) else ""
    body = paragraphs[1:] if title_line else paragraphs
    edges = text.strip_story_edges(body)
    body = [paragraph for paragraph in edges.paragraphs if paragraph]
    credits = [*edges.opening_credits, *credits, *edges.closing_credits]
    source_name = source_name or edges.outlet
    blocks = []
    for index, paragraph in enumerate(body):
        previous = body[index - 1] if index else None
        following = body[index + 1] if index + 1 < len(body) else None
        blocks.append(("h2" if text.is_subhead(previous, paragraph, following) else "p", paragraph))
    if sum(len(p) for tag, p in blocks if tag == "p") < STORY_BODY_MIN or not any(
        text.is_body_paragraph(p) for p in body
    ):
        raise NoStoryFound("页面没有成段的正文（只有标题、链接或站点导航）")
    title, subtitle = text.split_subtitle(title_line) if title_line else ("", "")
    inferred = not title
    if inferred:
        title = text.infer_title(body)
    site = site_name([line.text for line in lines])
    if not source_name and site:
        source_name, site = site, ""
    source = SourceRecord(source_name, bylines.outlet_kind(source_name)) if source_name else None
    via = SourceRecord(site, bylines.outlet_kind(site)) if site and site != source_name else None
    return [
        StoryRecord(
            title=title,
            original_text=text.original_span(
                source_text, [line for line in kept if line.start >= content[0].start]
            ),
            position=1,
            subtitle=subtitle,
            lead=text.first_lead(blocks),
            dateline=edges.place,
            body_html=html.render_blocks(blocks),
            reported_at=reported_at,
            date_precision=precision if reported_at else "unknown",
            source=source,
            via=via,
            credits=text.unique_credits(credits),
            warnings=text.story_warnings(
                title_inferred=inferred, reported_at=reported_at, source=source
            ),
        )
    ]
