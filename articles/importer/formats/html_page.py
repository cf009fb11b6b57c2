"""A saved web page or an HTML fragment holding one story.

The title comes from `og:title`, the first `<h1>` or `<title>` (less a trailing `_站名`); the date
from `article:published_time`-like meta tags or `<time datetime>`; the story from `<article>` or
the element whose id or class says it is the content, with site chrome (`header`, `footer`, `nav`,
`aside`) removed. A page whose text is mostly links (a list of headlines) holds no story.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from django.utils.translation import gettext as _

from .. import bylines, dates
from ..errors import NoStoryFound
from ..html_body import read_html_body
from ..records import SourceRecord

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
TITLE_SITE_SUFFIX = re.compile(r"\s*[_|｜\-—–]\s*[^_|｜\-—–]{2,20}$")
MIN_STORY_CHARS = 40
MAX_LINK_SHARE = 0.5


def sniff(text):
    return bool(DOCUMENT_START.match(text)) or len(BLOCK_TAG.findall(text[:5000])) >= 3


def parse(document_text):
    soup = BeautifulSoup(document_text, "lxml")
    title = _title(soup)
    reported_at, precision = _date(soup)
    site_name = _meta(soup, "og:site_name")
    base_url = _meta(soup, "og:url") or _canonical(soup)
    for element in soup.find_all(CHROME_TAGS):
        element.decompose()
    root = _content_root(soup)
    _refuse_link_lists(root)
    read = read_html_body(str(root), title=title)
    if sum(len(paragraph) for paragraph in read.paragraphs) < MIN_STORY_CHARS:
        raise NoStoryFound(_("网页中找不到成段的正文。"))
    source, via = read.source, None
    if site_name:
        site = SourceRecord(name=site_name, kind=bylines.outlet_kind(site_name), url=base_url)
        if source is None:
            source = site
        elif site.name != source.name:
            via = site
    story = read.story(
        title=title,
        original_text=document_text,
        reported_at=reported_at,
        date_precision=precision,
        source=source,
        via=via,
        original_url=base_url,
    )
    return [story]


def _meta(soup, name):
    tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
    return (tag.get("content") or "").strip() if tag else ""


def _canonical(soup):
    link = soup.find("link", rel="canonical")
    href = (link.get("href") or "").strip() if link else ""
    return href if href.startswith(("http://", "https://")) else ""


def _title(soup):
    title = _meta(soup, "og:title")
    if not title and soup.find("h1"):
        title = soup.find("h1").get_text(" ", strip=True)
    if not title and soup.title:
        title = TITLE_SITE_SUFFIX.sub("", soup.title.get_text(" ", strip=True))
    return re.sub(r"\s+", " ", title).strip()


def _date(soup):
    candidates = [_meta(soup, name) for name in DATE_META]
    candidates += [time.get("datetime") or time.get_text() for time in soup.find_all("time")]
    for candidate in filter(None, candidates):
        reported_at, precision = dates.parse_date(candidate)
        if reported_at is not None:
            return reported_at, precision
    return None, "unknown"


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
        return max(hinted, key=lambda element: len(element.find_all("p", recursive=False)))
    return soup.body or soup


def _refuse_link_lists(root):
    text = re.sub(r"\s+", "", root.get_text())
    linked = sum(len(re.sub(r"\s+", "", a.get_text())) for a in root.find_all("a"))
    if text and linked / len(text) > MAX_LINK_SHARE:
        raise NoStoryFound(_("网页大部分是链接（标题列表或导航），不是一篇稿件。"))
