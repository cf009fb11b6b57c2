"""The labelled lines a site prints around a story (`来源：X 作者：Y`, `发布时间：…`) and the
credit, source and date lines gathered out of a story's own lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.importer import bylines, dates
from articles.importer.lines import Line
from articles.importer.prose import is_dated_line

_META_LABEL_RE = re.compile(
    r"(来源|稿源|作者|责任编辑|责编|编辑|记者|通讯员|审核|校对|发布时间|发布日期|发表时间|更新时间|时间|日期"
    r"|浏览次数|浏览|阅读|点击数|点击|字号|字体)\s*[:：]"
)


_CREDIT_LABELS = {"作者", "责任编辑", "责编", "编辑", "记者", "通讯员", "审核", "校对"}


_DATE_LABELS = {"发布时间", "发布日期", "发表时间", "更新时间", "时间", "日期"}


META_LINE_MAX = 120


@dataclass(frozen=True)
class MetaLine:
    """What a labelled metadata line says: `来源:永州日报`, `作者:彭沛 黎俊`, `发布时间:2022-11-16 10:52`."""

    credits: tuple = ()
    source: str = ""
    reported_at: object = None
    date_precision: str = "unknown"


def read_meta_line(line: str) -> MetaLine | None:
    """A line of labelled fields a site prints around a story, or None if `line` is not one.

    `来源：永州日报 作者：彭沛 黎俊 2022-11-16 10:52` → source, credits and a moment.
    """
    stripped = line.strip()
    plain = bylines.simplified(stripped)
    labels = list(_META_LABEL_RE.finditer(plain))
    if not labels or len(stripped) > META_LINE_MAX or re.search(r"[。？！?!]", stripped):
        return None
    if labels[0].start() > 0 and not dates.is_date_line(stripped[: labels[0].start()]):
        return None
    credits: list = []
    source = ""
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(stripped)
        value = stripped[label.end() : end].strip(" |｜/")
        name = label.group(1)
        if name in ("来源", "稿源"):
            source = bylines.parse_source_line(f"来源:{value}") or source
        elif name in _CREDIT_LABELS:
            credits.extend(
                bylines.parse_credit_line(value) or bylines.parse_credit_line(f"{name}:{value}")
            )
    reported_at, precision = dates.parse_date(stripped)
    if not (credits or source or reported_at):
        return None  # `记者：你们每天工作多久` is a question in an interview, not metadata
    return MetaLine(tuple(dict.fromkeys(credits)), source, reported_at, precision)


@dataclass
class Gathered:
    """A story's own lines, apart from the credit, source and date lines printed around them."""

    lines: list
    credits: tuple = ()
    source: str = ""
    reported_at: object = None
    date_precision: str = "unknown"


def gather_meta(lines: list[Line]) -> Gathered:
    """Take credit lines (`编辑 | 王芳`), labelled meta lines (`来源：X 作者：Y`), source lines
    (`【来源：人民网】`) and date lines out of `lines`; the rest is the story."""
    gathered = Gathered([])
    credits: list = []
    for line in lines:
        found = bylines.parse_credit_line(line.text)
        meta = None if found else read_meta_line(line.text)
        named_source = bylines.parse_source_line(line.text) or bylines.original_post_account(
            line.text
        )
        dated = is_dated_line(line.text) or dates.is_date_line(line.text)
        if not (found or meta or dated or bylines.is_source_line(line.text)):
            gathered.lines.append(line)
            continue
        credits.extend(found or (meta.credits if meta else ()))
        gathered.source = gathered.source or (meta.source if meta else "") or named_source or ""
        if gathered.reported_at is None:
            gathered.reported_at, gathered.date_precision = dates.parse_date(line.text)
    gathered.credits = bylines.unique_credits(credits)
    return gathered
