"""A plain-text newspaper page or digest: a page header, then several stories.

The page header holds title lines (the section), the page date and the page staff
(`责任编辑 … / 美编 … / 校对 …`). Each story is an optional kicker, a headline, perhaps a
`XX讯` dateline opening its first paragraph, body paragraphs (cut by column breaks, with
subheads) and a closing byline (`记者 王耀`, `(杨希)`) — or none, when the dateline credited the
reporter. This is also the fallback for any plain prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from articles.importer import bylines, dates, html, text
from articles.importer.errors import NoStoryFound
from articles.importer.records import SourceRecord, StoryRecord

NAME = "newspaper_page"
_MARKUP_RE = re.compile(r"<(?:p|div|html|body|br|img|span|table|article)\b", re.IGNORECASE)
_PAGE_NUMBER_RE = re.compile(r"^(?:第\s*\d+\s*版|[A-Z]?\d{1,2}\s*版|[A-Z]\d{1,2})(?:\s|$)")
TITLE_BLOCK_MAX = 4
STORY_BODY_MIN = 60
DATELINED_BODY_MIN = 20  # a digest brief under its headline and `本报讯` may be one short paragraph


def sniff(source_text: str) -> bool:
    """Any plain prose (no markup): the format tried last."""
    return bool(source_text.strip()) and not _MARKUP_RE.search(source_text)


@dataclass
class Unit:
    """A paragraph once column breaks are undone, with the file lines it came from."""

    text: str
    lines: list[text.Line]
    kind: str = "body"  # heading, body, credit, staff, source, date, ellipsis
    credits: tuple = ()


@dataclass
class Draft:
    title_units: list[Unit] = field(default_factory=list)
    body: list[Unit] = field(default_factory=list)
    byline_credits: tuple = ()  # a byline printed under the headline
    closing: list[Unit] = field(default_factory=list)
    meta: list[Unit] = field(default_factory=list)  # source and date lines printed with the story

    def units(self):
        return sorted(
            self.title_units + self.body + self.closing + self.meta,
            key=lambda unit: unit.lines[0].start,
        )

    @property
    def closing_credits(self):
        return text.unique_credits(*(unit.credits for unit in self.closing))


def _units(source_text: str) -> list[Unit]:
    lines = text.non_blank_lines(source_text)
    groups = text.column_break_groups([line.text for line in lines])
    units = []
    for group in groups:
        members = [lines[index] for index in group]
        unit = Unit("".join(line.text for line in members), members)
        _classify(unit)
        units.append(unit)
    return units


def _classify(unit: Unit) -> None:
    credits = bylines.parse_credit_line(unit.text)
    if credits:
        unit.kind = "staff" if bylines.is_staff_credit(credits) else "credit"
        unit.credits = credits
    elif bylines.parse_source_line(unit.text):
        unit.kind = "source"
    elif dates.is_date_line(unit.text):
        unit.kind = "date"
    elif text.is_ellipsis_line(unit.text):
        unit.kind = "ellipsis"
    elif text.is_heading_like(unit.text):
        unit.kind = "heading"


def _split_header(units: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """The page header: the opening short lines up to the last page date, staff or source line."""
    opening_end = next(
        (index for index, unit in enumerate(units) if unit.kind in ("body", "ellipsis", "credit")),
        len(units),
    )
    meta = [
        index for index in range(opening_end) if units[index].kind in ("date", "staff", "source")
    ]
    if not meta:
        return [], units
    return units[: meta[-1] + 1], units[meta[-1] + 1 :]


def _drafts(units: list[Unit]) -> list[Draft]:
    """Stories as the page prints them, each closed by its byline."""
    drafts: list[Draft] = []
    current: Draft | None = None
    for unit in units:
        if unit.kind == "staff":
            continue
        if unit.kind in ("source", "date"):
            if current or drafts:
                (current or drafts[-1]).meta.append(unit)
            continue
        if unit.kind == "credit" and current is not None:
            if current.body:
                current.closing.append(unit)
                current = None
            else:
                current.byline_credits += unit.credits
            continue
        if current is None:
            current = Draft()
            drafts.append(current)
            if (
                len(unit.text) <= text.HEADLINE_MAX
                and unit.kind != "ellipsis"
                and not _opens_with_dateline(unit)
            ):
                current.title_units.append(unit)
                continue
        if not current.body and unit.kind == "heading":
            current.title_units.append(unit)
        else:
            current.body.append(unit)
    return [part for draft in drafts for part in _split_run_on(draft)]


def _opens_with_dateline(unit: Unit) -> bool:
    return bool(bylines.split_opening_credit(unit.text)[1])


def _heading_blocks(body: list[Unit]) -> list[tuple[int, int]]:
    """(start, end) of each run of heading lines followed by more body."""
    blocks, start = [], None
    for index, unit in enumerate(body):
        if unit.kind == "heading":
            start = index if start is None else start
            continue
        if start is not None and unit.kind == "body":
            blocks.append((start, index))
        start = None
    return blocks


def _split_run_on(draft: Draft) -> list[Draft]:
    """Undo stories the page ran on without a closing byline between them.

    A heading run followed by a `XX讯` dateline, or two heading lines together (kicker and
    headline), open a new story. A story that credited its reporter in its opening dateline
    does not close with a byline too, so when such a story is followed by a byline, that byline
    belongs to a later story whose headline is the last heading line before it.
    """
    cuts = [
        (start, end)
        for start, end in _heading_blocks(draft.body)
        if end - start >= 2 or _opens_with_dateline(draft.body[end])
    ]
    parts = []
    previous = 0
    titles = draft.title_units
    for start, end in cuts:
        parts.append(Draft(titles, draft.body[previous:start], draft.byline_credits))
        titles, previous = draft.body[start:end], end
    last = Draft(titles, draft.body[previous:], (), draft.closing, draft.meta)
    if not parts:
        last.byline_credits = draft.byline_credits
    blocks = _heading_blocks(last.body)
    if last.closing and blocks and bylines.split_opening_credit(_first_text(last))[2]:
        start, end = blocks[-1]
        parts.append(Draft(last.title_units, last.body[:start], last.byline_credits))
        last = Draft(last.body[start:end], last.body[end:], (), last.closing, last.meta)
    return [*parts, last]


def _first_text(draft: Draft) -> str:
    return draft.body[0].text if draft.body else ""


@dataclass
class Page:
    section: str = ""
    staff: tuple = ()
    reported_at: object = None
    date_precision: str = "unknown"
    year_missing: bool = False
    outlet: str = ""


def _read_page(header: list[Unit], units: list[Unit], drafts: list[Draft]) -> Page:
    page = Page()
    header_lines = [unit.text for unit in header]
    page.reported_at, page.date_precision = dates.find_page_date(header_lines)
    page.year_missing = page.reported_at is None and any(
        unit.kind == "date" and dates.has_month_day_without_year(unit.text) for unit in header
    )
    page.staff = text.unique_credits(
        *(unit.credits for unit in header + units if unit.kind == "staff")
    )
    section_lines = []
    for unit in header:
        if unit.kind == "source":
            page.outlet = page.outlet or bylines.parse_source_line(unit.text) or ""
        elif unit.kind == "heading" and not _PAGE_NUMBER_RE.match(unit.text):
            if _names_outlet(unit.text) and not page.outlet:
                page.outlet = unit.text.split()[0]
            else:
                section_lines.append(unit.text)
    page.section = " / ".join(section_lines)
    if not page.outlet:
        page.outlet = next(
            (
                outlet
                for draft in drafts
                if (outlet := bylines.split_dateline(_first_text(draft))[1])
                and not bylines.is_local_outlet_word(outlet)
            ),
            "",
        )
    return page


def _names_outlet(line: str) -> bool:
    first = line.split()[0]
    return bylines.outlet_kind(first) != "unknown" and len(first) <= 12


def _story(source_text: str, draft: Draft, page: Page, position: int) -> StoryRecord | None:
    paragraphs = [unit for unit in draft.body if unit.kind != "staff"]
    edges = text.strip_story_edges([unit.text for unit in paragraphs])
    texts, kinds = edges.paragraphs, [unit.kind for unit in paragraphs]
    blocks = []
    for index, paragraph in enumerate(texts):
        if not paragraph:
            continue
        following = kinds[index + 1] if index + 1 < len(kinds) else None
        tag = "h2" if kinds[index] == "heading" and following == "body" and index > 0 else "p"
        blocks.append((tag, paragraph))
    body_length = sum(len(paragraph) for tag, paragraph in blocks if tag == "p")
    minimum = DATELINED_BODY_MIN if edges.datelined and draft.title_units else STORY_BODY_MIN
    if body_length < minimum or len(draft.title_units) > TITLE_BLOCK_MAX:
        return None
    if not draft.title_units and len(blocks) < 2:
        return None
    kicker, title, subtitle = text.split_title_block([unit.text for unit in draft.title_units])
    inferred = not title
    if inferred:
        title = text.infer_title([paragraph for _, paragraph in blocks])
    own_source = next(
        (bylines.parse_source_line(unit.text) for unit in draft.meta if unit.kind == "source"), ""
    )
    reported_at, precision = page.reported_at, page.date_precision
    for unit in draft.meta:
        if unit.kind == "date" and reported_at is None:
            reported_at, precision = dates.parse_date(unit.text)
    source_name = own_source or page.outlet or edges.outlet
    source = SourceRecord(source_name, bylines.outlet_kind(source_name)) if source_name else None
    credits = text.unique_credits(
        draft.byline_credits,
        edges.opening_credits,
        edges.closing_credits,
        draft.closing_credits,
        page.staff,
    )
    return StoryRecord(
        title=title,
        original_text=text.original_span(
            source_text, [line for unit in draft.units() for line in unit.lines]
        ),
        position=position,
        kicker=kicker,
        subtitle=subtitle,
        lead=text.first_lead(blocks),
        body_html=html.render_blocks(blocks),
        section=page.section,
        dateline=edges.place,
        reported_at=reported_at,
        date_precision=precision,
        source=source,
        credits=credits,
        warnings=text.story_warnings(
            title_inferred=inferred,
            reported_at=reported_at,
            source=source,
            year_missing=page.year_missing,
        ),
    )


def parse(source_text: str) -> list[StoryRecord]:
    """Every story of a page, in print order; NoStoryFound when the text holds none."""
    units = _units(source_text)
    if not units:
        raise NoStoryFound("文本为空，没有稿件")
    if len(units) == 1:
        raise NoStoryFound("只有一段文字，没有标题和正文（像是简介或摘要）")
    header, rest = _split_header(units)
    drafts = _drafts(rest)
    page = _read_page(header, rest, drafts)
    stories = []
    for draft in drafts:
        story = _story(source_text, draft, page, len(stories) + 1)
        if story is not None:
            stories.append(story)
    if not stories:
        if all(unit.kind != "body" for unit in units):
            raise NoStoryFound("全是短行，没有正文段落（像是标题或链接列表）")
        raise NoStoryFound("找不到带标题和正文的稿件（正文过短）")
    return stories
