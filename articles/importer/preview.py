"""What the import preview shows of each story: enough of its cut to see where a page was split.

A newspaper page holding several stories is split by the importer; an editor checks the split
by each story's title, credits, source, date, and the first and last paragraphs of its body.
"""

from dataclasses import dataclass

import lxml.html
from lxml.etree import ParserError

from ..services.credits import credit_line
from . import formats
from .records import StoryRecord

BLOCKS = ("p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "pre")
SHOWN_CHARACTERS = 80  # of the first and the last paragraph


@dataclass(frozen=True)
class StoryCut:
    story: StoryRecord
    credits: str
    first_line: str
    last_line: str  # empty when the body is one paragraph
    paragraphs: int
    duplicates: tuple = ()  # the stored articles it may repeat (`reports.FileReport.duplicates`)


def paragraphs(body_html):
    """The text of each block of a sanitised body, in order: `<p>记者 王耀 报道</p><p>…</p>` →
    [`记者 王耀 报道`, …]. A block inside another (a list in a quote) counts once, as its own."""
    if not body_html.strip():
        return []
    try:
        root = lxml.html.fragment_fromstring(body_html, create_parent="div")
    except ParserError:
        return []
    texts = []
    for block in root.iter(*BLOCKS):
        if any(child.tag in BLOCKS for child in block.iterdescendants()):
            continue
        if text := " ".join(block.text_content().split()):
            texts.append(text)
    return texts


def head(text):
    return text if len(text) <= SHOWN_CHARACTERS else text[:SHOWN_CHARACTERS] + "…"


def tail(text):
    return text if len(text) <= SHOWN_CHARACTERS else "…" + text[-SHOWN_CHARACTERS:]


def story_cut(story, duplicates=()):
    """`story` with its credits as one line (`记者 王耀；摄影 寇雅楠`), its body's ends and the
    stored articles it may repeat."""
    lines = paragraphs(story.body_html) or ([story.lead] if story.lead else [])
    return StoryCut(
        story=story,
        credits=credit_line((credit.role, credit.name) for credit in story.credits),
        first_line=head(lines[0]) if lines else "",
        last_line=tail(lines[-1]) if len(lines) > 1 else "",
        paragraphs=len(lines),
        duplicates=tuple(duplicates),
    )


def cuts(report):
    """Each story of a dry run's `FileReport`, as the preview shows it."""
    if not report.document:
        return []
    return [
        story_cut(story, [note for note in report.duplicates if note["story"] == story.title])
        for story in report.document.stories
    ]


def format_label(name):
    """The Chinese name of an importer format (`newspaper_page` → 纯文本报纸版面)."""
    return formats.LABELS.get(name, name)
