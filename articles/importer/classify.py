"""Line classification: what one line of a story or a page is by itself, by the conventions of
Chinese news pages, the same for every container.

Kinds a line shows on its own: a masthead or page reference, a byline, a staff line, a source
line, a date line, a signature, an elision mark, an end mark, a heading-like short line, prose.
Which heading-like line is a kicker, a headline, a subtitle, a subhead or a section label is
told by where it stands (`titles.read_title_block`, `story.build_story`, `structure`).
"""

from __future__ import annotations

from dataclasses import dataclass

from articles.importer import bylines, dates, masthead
from articles.importer.lines import Line
from articles.importer.meta_lines import read_meta_line
from articles.importer.prose import (
    is_dated_line,
    is_ellipsis_line,
    is_end_mark,
    is_heading_like,
)

# A page's masthead or an e-paper item's page reference dates the page: it is a date line.
DATE = "date"
BYLINE = "credit"
STAFF = "staff"
SOURCE = "source"  # `来源：人民网`, or a line of labelled fields: `2023-06-10 来源：X 作者：Y`
SIGNATURE = "signature"  # `——编 者`, `——张三（市委书记）`: who signs an editor's note
ELLIPSIS = "ellipsis"
END_MARK = "end"
HEADING = "heading"
PROSE = "body"

# Lines printed around a story that say who wrote it, where it came from and when.
META_KINDS = frozenset({DATE, BYLINE, STAFF, SOURCE})


@dataclass(frozen=True)
class LineClass:
    kind: str
    credits: tuple = ()  # the people a byline or staff line names


def classify_line(text: str) -> LineClass:
    """`记者 王耀` → byline; `编辑 | 王芳  审核 | 张强` → staff; `《某某日报》（2024年03月08日 第 07 版）`
    → date; `——编 者` → signature; `党旗插在最高处` → heading; a sentence → prose."""
    if masthead.parse_masthead(text):
        return LineClass(DATE)
    credits = bylines.parse_credit_line(text)
    if credits:
        return LineClass(STAFF if bylines.is_staff_credit(credits) else BYLINE, credits)
    if bylines.is_source_line(text) or read_meta_line(text):
        return LineClass(SOURCE)
    if dates.is_date_line(text) or is_dated_line(text):
        return LineClass(DATE)
    if is_ellipsis_line(text):
        return LineClass(ELLIPSIS)
    if is_end_mark(text):
        return LineClass(END_MARK)
    if bylines.parse_signature(text):
        return LineClass(SIGNATURE)
    if is_heading_like(text):
        return LineClass(HEADING)
    return LineClass(PROSE)


def is_meta_line(text: str) -> bool:
    """A credit, staff, source or date line, not the story's text."""
    return classify_line(text).kind in META_KINDS


@dataclass(frozen=True)
class Gathered:
    """A story's own lines, apart from the meta lines printed around them."""

    lines: list
    meta: tuple[str, ...] = ()


def gather_meta(lines: list[Line]) -> Gathered:
    """Take the meta lines (`is_meta_line`) out of `lines`; the rest is the story."""
    kept, meta = [], []
    for line in lines:
        (meta if is_meta_line(line.text) else kept).append(line)
    return Gathered(kept, tuple(line.text for line in meta))
