"""The labelled lines a site prints around a story (`来源：X 作者：Y`, `发布时间：…`), and what a
story's meta lines say of it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.importer import bylines, dates

_META_LABEL_RE = re.compile(
    r"(来源|稿源|作者|责任编辑|责编|编辑|记者|通讯员|审核|校对|发布时间|发布日期|发表时间|更新时间|时间|日期"
    r"|浏览次数|浏览|阅读|点击数|点击|字号|字体)\s*[:：]"
)


_CREDIT_LABELS = {"作者", "责任编辑", "责编", "编辑", "记者", "通讯员", "审核", "校对"}


_DATE_LABELS = {"发布时间", "发布日期", "发表时间", "更新时间", "时间", "日期"}


META_LINE_MAX = 120


@dataclass(frozen=True)
class MetaFacts:
    """What a labelled metadata line (`来源:永州日报`, `作者:彭沛 黎俊`, `发布时间:2022-11-16
    10:52`), or all the meta lines printed around a story, say of it."""

    credits: tuple = ()
    source: str = ""
    reported_at: object = None
    date_precision: str = "unknown"


def read_meta_line(line: str) -> MetaFacts | None:
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
    return MetaFacts(tuple(dict.fromkeys(credits)), source, reported_at, precision)


def read_meta_facts(texts) -> MetaFacts:
    """The credits, source and date that a story's meta lines name, the first of each kind
    winning: `["来源：樊城发布公众号", "编辑 | 王芳"]` → source 樊城发布公众号, editor 王芳."""
    credits: list = []
    source = ""
    reported_at, precision = None, "unknown"
    for text in texts:
        found = bylines.parse_credit_line(text)
        meta = None if found else read_meta_line(text)
        credits.extend(found or (meta.credits if meta else ()))
        source = (
            source
            or (meta.source if meta else "")
            or bylines.parse_source_line(text)
            or bylines.original_post_account(text)
            or ""
        )
        if reported_at is None:
            reported_at, precision = dates.parse_date(text)
    return MetaFacts(bylines.unique_credits(credits), source, reported_at, precision)
