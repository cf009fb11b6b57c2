"""Mastheads and page references: the line naming the paper, issue date, page and section.

An item from a paper's digital edition opens with a page reference (`《某某日报》（2024年03月08日
第 07 版）`); a page printed whole carries a masthead (`某某日报 2024年3月8日 星期五 第3版 要闻`).
Either may follow the story's byline on the same line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from articles.importer import bylines, dates, script
from articles.importer.records import Credit

_DATE = (
    r"(?P<date>(?:19|20)\d{2}\s*(?:年|[-/.])\s*\d{1,2}\s*(?:月|[-/.])\s*\d{1,2}(?!\d)\s*[日号]?)"
)
_WEEKDAY = r"(?:\s*[/|｜·,，]?\s*(?P<weekday>(?:星期|周|礼拜)[一二三四五六日天]))?"
_PAGE = r"(?:\s*[/|｜·,，]?\s*第?\s*(?P<page>[A-Za-z]?\s*\d{1,3}|[A-Za-z])\s*版)"
_SECTION = r"(?:\s*[:：/|｜·]?\s*(?P<section>[^\s（）()《》，,。；;：:]{2,12}))?"
# `《某某日报》（2024年03月08日 第 07 版）`, `来源：《某某日报》 2024-03-08 第07版：要闻`
_REFERENCE_RE = re.compile(
    r"(?:(?:来源|稿源|出处)\s*[:：]\s*)?《(?P<publisher>[^《》]{2,20})》\s*[（(]?\s*"
    + _DATE
    + _WEEKDAY
    + f"{_PAGE}?"
    + _SECTION
    + r"\s*[)）]?\s*$"
)
# `某某日报 2024年3月8日 星期五 第3版 要闻`: the publisher is the word before the date.
_MASTHEAD_RE = re.compile(
    r"(?:^|(?<=\s))(?P<publisher>[^\s《》（）()]{2,16}?)讯?\s*"
    + _DATE
    + _WEEKDAY
    + _PAGE
    + _SECTION
    + r"\s*$"
)
# `青禾日报 · 民生版`, `《青禾晚报》｜第A3版 要闻`: a page's masthead that prints no date.
_UNDATED_PUBLISHER = r"^《?(?P<publisher>[^\s《》（）()·・|｜/]{2,16}?)》?"
_UNDATED_PAGE_RE = re.compile(_UNDATED_PUBLISHER + _PAGE + _SECTION + r"\s*$")
_UNDATED_SECTION_RE = re.compile(
    _UNDATED_PUBLISHER
    + r"(?:\s*[·・|｜/]\s*|\s+)(?P<section>[^\s（）()《》，,。；;：:·・|｜/]{1,8}?(?:专版|副刊|周刊)|"
    + r"[^\s（）()《》，,。；;：:·・|｜/]{2,8}?(?=版))版?\s*$"
)


@dataclass(frozen=True)
class Masthead:
    """What a masthead or page reference says; `byline` is the credit printed before it."""

    publisher: str
    issue_date: date | None = None
    page: str = ""
    section: str = ""
    byline: str = ""
    credits: tuple[Credit, ...] = ()


def parse_masthead(line: str) -> Masthead | None:
    """A masthead or page reference line → its parts; None if `line` is not one.

    `本报记者 张三 《某某日报》（2024年03月08日 第 07 版）` → publisher `某某日报`, issue date
    2024-03-08, page `7`, byline `本报记者 张三` (credits 张三 reporter); `某某日报 2024年3月8日
    星期五 第3版 要闻` → page `3`, section `要闻`; `某某日报 · 民生版` → section `民生` and no
    issue date. The publisher of `本报讯 …` is `本报`, for the caller to resolve
    (`datelines.resolve_outlet`).
    """
    stripped = line.strip()
    if not stripped or len(stripped) > bylines.MAX_CREDIT_LINE:
        return None
    plain = script.to_simplified(stripped)
    undated = _UNDATED_PAGE_RE.match(plain) or _UNDATED_SECTION_RE.match(plain)
    if undated and bylines.is_outlet_name(undated.group("publisher")):
        return _masthead(stripped, undated)
    match = _REFERENCE_RE.search(plain)
    if match and not (match.group("page") or bylines.is_outlet_name(match.group("publisher"))):
        return None  # `《某书》（2024年03月08日）`: a title and a date, no paper's page
    if match is None:
        match = _MASTHEAD_RE.search(plain)
        if match is None or not bylines.is_outlet_name(match.group("publisher")):
            return None
    byline = stripped[: match.start()].strip(" 　|｜/,，")
    credits = bylines.parse_credit_line(byline) if byline else ()
    if byline and not credits:
        return None  # a sentence ending in a date and a page is no masthead
    issued, _ = dates.parse_date(match.group("date"))
    if issued is None:
        return None
    return _masthead(stripped, match, issue_date=issued.date(), byline=byline, credits=credits)


def _masthead(printed: str, match: re.Match, **parts) -> Masthead:
    return Masthead(
        publisher=_printed(printed, match, "publisher").strip(),
        page=_page_number(match.groupdict().get("page") or ""),
        section=_printed(printed, match, "section"),
        **parts,
    )


def _printed(original: str, match: re.Match, group: str) -> str:
    """A group's text in the original characters (the match ran on the simplified copy)."""
    return original[match.start(group) : match.end(group)] if match.group(group) else ""


def _page_number(printed: str) -> str:
    """`07` → `7`, `A03` → `A3`, `A 3` → `A3`, `B` → `B`."""
    letters = "".join(char for char in printed if char.isalpha()).upper()
    digits = "".join(char for char in printed if char.isdigit())
    return letters + (str(int(digits)) if digits else "")
