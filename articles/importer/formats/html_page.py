"""A saved web page or an HTML fragment holding one story.

The title comes from `og:title`, the first `<h1>` or `<title>` (less a trailing `_站名`); the date
from `article:published_time`-like meta tags, `<time datetime>` or a publish-time element; the
story from `<article>` or the element whose id or class says it is the content, with site chrome
(`header`, `footer`, `nav`, `aside`) removed. The site (`og:site_name`, a WeChat account's name)
is the source, or the `via` when the story names another source. A page whose text is mostly
links (a list of headlines) holds no story.

A WeChat article saved from the browser (`mp.weixin.qq.com`) keeps its account in `#js_name`,
its author in `#js_author_name` and its time in `#publish_time` or the page script's `var ct`
(seconds since the epoch).
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from .. import bylines, classify, dates, structure
from ..blocks import Block, html_blocks, is_web_address, tidy
from ..records import Credit, SourceRecord
from ..story import TITLE_INFERRED, story_warnings
from . import markdown_post

DOCUMENT_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html\b|<body\b|<article\b)", re.I)
BLOCK_TAG = re.compile(r"<(?:p|div|h[1-6]|article|section)\b", re.I)
DATE_META = (
    "article:published_time",
    "og:published_time",
    "pubdate",
    "publishdate",
    "publish_date",
    "date",
    "dc.date",
)
CONTENT_HINT = re.compile(
    r"(?:^|[-_\s])(?:article|content|post|story|text|main|detail)(?:$|[-_\s])", re.I
)
CHROME_TAGS = ["header", "footer", "nav", "aside"]
ACCOUNT_SELECTORS = ("#js_name", ".profile_nickname", ".account_nickname_inner")
AUTHOR_SELECTORS = ("#js_author_name", ".rich_media_meta_text.author", "[itemprop=author]")
TIME_SELECTORS = ("#publish_time", ".publish_time", ".pubtime", ".pub-time", ".article-time")
EPOCH_IN_SCRIPT = re.compile(r"\bvar\s+ct\s*=\s*[\"'](\d{10})[\"']")
WECHAT_HOST = re.compile(r"^https?://mp\.weixin\.qq\.com/", re.I)
TITLE_SITE_SUFFIX = re.compile(r"\s*[_|｜\-—–]+\s*(?P<site>[^_|｜\-—–]{2,20})$")


def sniff(text):
    """A whole HTML document, or a fragment of HTML blocks that is not Markdown embedding them."""
    if DOCUMENT_START.match(text):
        return True
    if markdown_post.is_markdown(text):
        return False
    # a fragment: several blocks, or a text that opens with one (`<p>…</p>` and no more)
    return len(BLOCK_TAG.findall(text[:5000])) >= 3 or BLOCK_TAG.match(text.lstrip()) is not None


def parse(document_text):
    soup = BeautifulSoup(
        document_text, "html.parser"
    )  # libxml2 drops what is nested deeper than 256
    printed_title, page_title = _titles(soup)
    reported_at, precision = _date(soup, document_text)
    base_url = next(filter(is_web_address, (_meta(soup, "og:url"), _canonical(soup))), "")
    site_name = _meta(soup, "og:site_name") or _element_text(soup, ACCOUNT_SELECTORS)
    site_kind = "wechat" if WECHAT_HOST.search(base_url) else bylines.outlet_kind(site_name)
    authors = _page_authors(soup)
    for element in soup.find_all(CHROME_TAGS):
        element.decompose()
    root = _content_root(soup)
    blocks = _absolute_images(html_blocks(str(root)), base_url)
    blocks = [*_head_lines(soup, root), *blocks]
    blocks = structure.with_title(blocks, printed_title)
    site = SourceRecord(name=site_name, kind=site_kind) if site_name else None
    context = structure.PageContext(reported_at, precision, source=site)
    # a page printing its headline (`og:title`, an `<h1>`) vouches for its story, however short
    described = any(block.kind == "heading" and block.level == 1 for block in blocks)
    stories = structure.stories_of_body(blocks, context, headline_given=described)
    stories = [replace(story, original_url=base_url) for story in stories]
    if len(stories) > 1:
        return structure.with_original_spans(stories, document_text)
    return [_with_page_metadata(stories[0], page_title, authors, site, document_text)]


def _with_page_metadata(story, page_title, authors, site, document_text):
    """The page's one story completed by what the page's head says of it."""
    title, inferred = story.title, TITLE_INFERRED in story.warnings
    if inferred and page_title:
        title, inferred = page_title, False
    source, via = story.source, story.via
    if site and source is None:
        source = site
    elif site and site.name != source.name:
        via = via or site
    return replace(
        story,
        title=title,
        original_text=document_text,
        source=source,
        via=via,
        credits=bylines.unique_credits(authors, story.credits),
        warnings=story_warnings(
            title_inferred=inferred, reported_at=story.reported_at, source=source, story=story
        ),
    )


# The leaf elements a page's head prints its meta lines in.
HEAD_LINE_TAGS = {"p", "div", "span", "em", "small", "time"}


def _head_lines(soup, root):
    """The meta lines a page prints between its `<h1>` and the story's text, outside the content
    element: `2024-11-18 10:20　来源：某某日报　作者：张三` in a `<div class="info">`."""
    heading = soup.find("h1")
    if heading is None or root is soup or heading in root.descendants:
        return []
    lines, taken = [], set()
    for element in heading.find_all_next(HEAD_LINE_TAGS):
        if element is root or element in root.descendants:
            break
        if element.find(HEAD_LINE_TAGS - {"span", "em", "small", "time"}) or any(
            id(parent) in taken for parent in element.parents
        ):
            continue
        taken.add(id(element))
        text = tidy(element.get_text(" "))
        if text and classify.is_meta_line(text):
            lines.append(Block("paragraph", text))
    return lines


def _absolute_images(blocks, base_url):
    """Images addressed relative to the page, made absolute: `/img/1.jpg` → `https://…/img/1.jpg`."""
    if not base_url:
        return blocks
    absolute = []
    for block in blocks:
        if block.image is not None:
            with contextlib.suppress(ValueError):
                url = urljoin(base_url, block.image.url)
                block = replace(block, image=replace(block.image, url=url))
        absolute.append(block)
    return absolute


def _meta(soup, name):
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    return (tag.get("content") or "").strip() if tag else ""


def _canonical(soup):
    link = soup.find("link", rel="canonical")
    href = (link.get("href") or "").strip() if link else ""
    return href


def _titles(soup):
    """(the headline the page declares — `og:title`, else an `<h1>` outside the story's text —,
    the browser title less its `_站名`, used only when the story prints no headline)."""
    printed = _meta(soup, "og:title")
    heading = soup.find("h1")
    if not printed and heading is not None and heading.find_parent(CHROME_TAGS) is None:
        printed = (
            heading.get_text(" ", strip=True)
            if heading.find_parent("article") is None and not _inside_content(heading)
            else ""
        )
    page_title = ""
    if soup.title:
        page_title = _without_site_name(
            soup.title.get_text(" ", strip=True), _meta(soup, "og:site_name")
        )
    if CHANNEL_TITLE.fullmatch(bylines.simplified(page_title.strip())):
        page_title = ""  # `新闻中心`, `文章详情`: the page's channel, no headline
    return re.sub(r"\s+", " ", printed).strip(), re.sub(r"\s+", " ", page_title).strip()


# A browser title naming the site's channel or page kind rather than a story.
CHANNEL_TITLE = re.compile(
    r"[\u4e00-\u9fff]{0,4}(?:中心|频道|详情页?|正文|首页|栏目|列表|动态|资讯|新闻|要闻|阅读)"
)


def _inside_content(element):
    return any(
        CONTENT_HINT.search(" ".join([parent.get("id") or "", *parent.get("class", [])]))
        for parent in element.find_parents(["div", "section", "main"])
    )


def _without_site_name(title, site_name):
    """`核酸检测有序进行_某某新闻网` → `核酸检测有序进行`; `抗疫故事_党徽亮` keeps its second half."""
    suffix = TITLE_SITE_SUFFIX.search(title)
    if suffix and (suffix["site"] == site_name or bylines.is_outlet_name(suffix["site"])):
        return title[: suffix.start()]
    return title


def _date(soup, document_text):
    candidates = [_meta(soup, name) for name in DATE_META]
    candidates += [time.get("datetime") or time.get_text() for time in soup.find_all("time")]
    candidates.append(_element_text(soup, TIME_SELECTORS))
    for candidate in filter(None, candidates):
        reported_at, precision = dates.parse_date(candidate)
        if reported_at is not None:
            return reported_at, precision
    epoch = EPOCH_IN_SCRIPT.search(document_text)
    if epoch:
        return datetime.fromtimestamp(int(epoch[1]), tz=UTC), "moment"
    return None, "unknown"


def _element_text(soup, selectors):
    for selector in selectors:
        element = soup.select_one(selector)
        if element is not None and element.get_text(strip=True):
            return re.sub(r"\s+", " ", element.get_text(" ", strip=True))
    return ""


def _page_authors(soup):
    """People the page names as its author (`<meta name="author">`, a byline element)."""
    named = _meta(soup, "author") or _element_text(soup, AUTHOR_SELECTORS)
    if not named or bylines.is_outlet_name(named):
        return ()
    credits = bylines.parse_credit_line(named)
    if credits:
        return credits
    names = [name for name in re.split(r"[\s,，、/]+", named) if bylines.is_person_name(name)]
    return tuple(Credit(name, "author") for name in names)


def _content_root(soup):
    article = soup.find("article")
    if article is not None:
        return article
    hinted = [
        element
        for element in soup.find_all(["div", "section", "main"])
        if CONTENT_HINT.search(" ".join([element.get("id") or "", *element.get("class", [])]))
    ]
    if hinted:
        # the most paragraphs, and of equals the innermost (the least text around them)
        return max(
            hinted, key=lambda element: (len(element.find_all("p")), -len(element.get_text()))
        )
    return soup.body or soup
