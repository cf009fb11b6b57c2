"""Assertions shared by the parser tests."""

import html
import re
import unicodedata

from bs4 import BeautifulSoup

from articles.importer import bylines, datelines, meta_lines
from articles.importer.captions import glued_caption
from articles.importer.formats import scraped_page, wechat_post
from articles.importer.lines import non_blank_lines
from articles.importer.provenance import is_repost_notice

_TAGS_RE = re.compile(r"<[^>]+>")
_SENTENCE_RE = re.compile(r"[^。！？!?]+[。！？!?]?")
_SPACE_RE = re.compile(r"\s+")
_HAN_RE = re.compile(r"[\u3400-\u9fff]")
_MARKUP_RE = re.compile(r"<(?:p|div|br|img|span|section)\b|!\[[^\]]*\]\(", re.IGNORECASE)
# Markdown's block marks at a line's start: a quote, a heading, a list item.
_MARKDOWN_MARK_RE = re.compile(r"^(?:>\s*|#{1,6}\s+|[-*+]\s+|\d{1,2}[.)]\s+)+")
_MARKDOWN_EMPHASIS_RE = re.compile(r"\*{1,3}|_{2,3}")  # `**编者按：**`


def assert_none_in(haystack, needles):
    """No needle (chrome, a credit, a headline) appears in the body text."""
    found = [needle for needle in needles if needle in haystack]
    assert found == [], f"left in the body: {found}"


def assert_all_in(haystack, needles):
    missing = [needle for needle in needles if needle not in haystack]
    assert missing == [], f"missing from the body: {missing}"


def readable_text(story):
    """Everything a reader of the story sees: headings, body and image captions, spaces removed."""
    body = html.unescape(_TAGS_RE.sub("\n", story.body_html))
    captions = [image.caption for image in story.images] + [
        image.alt_text for image in story.images
    ]
    parts = [story.kicker, story.title, story.subtitle, story.lead, body, *captions]
    return _SPACE_RE.sub("", "\n".join(parts))


def is_furniture(line):
    """A line that is no part of any story: the page's or site's or platform's own, or a line
    whose meaning went into a story's fields (credits, source, date)."""
    return bool(
        scraped_page.is_site_chrome(line)
        or wechat_post.is_platform_prompt(line)
        or bylines.parse_credit_line(line)
        or bylines.is_source_line(line)
        or meta_lines.read_meta_line(line)
        or is_repost_notice(line)
    )


def is_prose(line):
    """A line of running Chinese text: it holds a sentence."""
    return len(_HAN_RE.findall(line)) >= 4 and bool(re.search(r"[。！？!?]", line))


def story_sentences(line):
    """The sentences of a prose line a reader must find in some story, once the parts that
    become fields are off it: the dateline, a closing byline, a photo credit, a bracketed
    headline run into the text."""
    rest = re.sub(r"^【[^【】]{2,30}】", "", line)
    glued = glued_caption(rest)
    if glued:  # `志愿者清理河道。（张三 摄）当天，…`: the caption, then the story's text
        (caption, _credit, _credits), after = glued
        return story_sentences(caption) + story_sentences(after)
    rest = datelines.split_dateline(rest)[0]
    rest = bylines.split_closing_credit(rest)[0]
    rest = bylines.split_photo_credit(rest)[0].lstrip("▲△↑▼↓ ")
    sentences = (_SPACE_RE.sub("", sentence) for sentence in _SENTENCE_RE.findall(rest))
    return [sentence for sentence in sentences if len(sentence) >= 4]


def document_lines(source_text):
    """The readable lines of a document: its text lines, or the text of its markup, without
    Markdown's block marks (`> 编者按：…` reads `编者按：…`)."""
    if _MARKUP_RE.search(source_text):
        source_text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", source_text)
        source_text = BeautifulSoup(source_text, "lxml").get_text("\n")
    return [
        _MARKDOWN_EMPHASIS_RE.sub("", _MARKDOWN_MARK_RE.sub("", line.text))
        for line in non_blank_lines(source_text)
    ]


def lost_sentences(source_text, stories):
    """Sentences of the document's prose that are in no story: what an import would lose.
    Punctuation width is folded (NFKC): `，` set for `,` loses nothing."""
    seen = unicodedata.normalize("NFKC", "\n".join(readable_text(story) for story in stories))
    lost = []
    for line in document_lines(source_text):
        if not is_prose(line) or is_furniture(line):
            continue
        lost += [
            sentence
            for sentence in story_sentences(line)
            if unicodedata.normalize("NFKC", sentence) not in seen
        ]
    return lost


def lines_outside_stories(source_text, stories):
    """Plain-text lines neither inside some story's original text nor page furniture."""
    spans = []
    for story in stories:
        start = source_text.find(story.original_text)
        assert start >= 0, f"original text not in the file: {story.original_text[:40]}"
        spans.append((start, start + len(story.original_text)))
    return [
        line.text
        for line in non_blank_lines(source_text)
        if not any(start <= line.start and line.end <= end for start, end in spans)
        and is_prose(line.text)
        and not is_furniture(line.text)
    ]


def assert_nothing_lost(source_text, stories):
    """Every sentence of the input is in some story, or its line is chrome or a field's source."""
    lost = lost_sentences(source_text, stories)
    assert lost == [], f"sentences in no story: {lost}"
    if not _MARKUP_RE.search(source_text):
        outside = lines_outside_stories(source_text, stories)
        assert outside == [], f"prose lines outside every story: {outside}"
