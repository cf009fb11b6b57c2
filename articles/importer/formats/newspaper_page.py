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

from django.utils.translation import gettext as _

from articles.importer import bylines, dates, html, text
from articles.importer.errors import NoStoryFound
from articles.importer.formats.scraped_page import is_site_chrome
from articles.importer.records import SourceRecord, StoryRecord

NAME = "newspaper_page"
_MARKUP_RE = re.compile(r"<(?:p|div|html|body|br|img|span|table|article)\b", re.IGNORECASE)
_PAGE_NUMBER_RE = re.compile(r"^(?:第\s*\d+\s*版|[A-Z]?\d{1,2}\s*版|[A-Z]\d{1,2})(?:\s|$)")
TITLE_BLOCK_MAX = 4
WRITER_ROLES = frozenset({"reporter", "special_reporter", "correspondent", "intern", "author"})
# a kicker and headline open a story with a real paragraph, not with a verse line
OPENING_PARAGRAPH_MIN = 40
STORY_BODY_MIN = 60
UNTITLED_PARAGRAPHS_MIN = 3
UNTITLED_BODY_MIN = 200
DATELINED_BODY_MIN = 20  # a digest brief under its headline and `本报讯` may be one short paragraph


def sniff(source_text: str) -> bool:
    """Any plain prose (no markup): the format tried last."""
    return bool(source_text.strip()) and not _MARKUP_RE.search(source_text)


@dataclass
class Unit:
    """A paragraph once column breaks are undone, with the file lines it came from."""

    text: str
    lines: list[text.Line]
    kind: str = "body"  # heading, body, credit, staff, source, date, ellipsis, end
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
    lines = [
        line
        for line in text.non_blank_lines(source_text)
        if not is_site_chrome(line.text, bullets=False)  # a page copied from a site, chrome and all
    ]
    groups = text.column_break_groups([line.text for line in lines])
    units = []
    for group in groups:
        members = [lines[index] for index in group]
        joined = "".join(line.text for line in members)
        for part in _inline_headline(joined):
            unit = Unit(part, members)
            _classify(unit)
            units.append(unit)
    return units


_INLINE_HEADLINE_RE = re.compile(r"^【(?P<headline>[^【】]{6,30})】\s*(?P<text>.{20,})$")
# Bracketed labels that open a paragraph of the same story rather than a new brief.
_PARAGRAPH_LABEL_RE = re.compile(
    r"(?:编者按|编者的话|导读|摘要|提要|核心提示|链接|手记|短评|评论|点评|背景|延伸阅读)$"
)


def _inline_headline(paragraph: str) -> list[str]:
    """`【我市新增两条公交线路】本报讯 …。` → the headline and the text: a brief whose headline
    runs into its first line."""
    match = _INLINE_HEADLINE_RE.match(paragraph)
    if (
        match is None
        or _PARAGRAPH_LABEL_RE.search(match.group("headline"))
        or bylines.split_dateline(paragraph)[1:3] != ("", "")
        or bylines.is_source_line(paragraph)
        or not text.has_sentence([match.group("text")])
    ):
        return [paragraph]
    return [match.group("headline"), match.group("text")]


def _classify(unit: Unit) -> None:
    credits = bylines.parse_credit_line(unit.text)
    if credits:
        unit.kind = "staff" if bylines.is_staff_credit(credits) else "credit"
        unit.credits = credits
    elif bylines.is_source_line(unit.text) or text.read_meta_line(unit.text):
        unit.kind = "source"  # a source, or a line of labelled fields: `2023-06-10 来源：X`
    elif dates.is_date_line(unit.text) or text.is_dated_line(unit.text):
        unit.kind = "date"
    elif text.is_ellipsis_line(unit.text):
        unit.kind = "ellipsis"
    elif text.is_end_mark(unit.text):
        unit.kind = "end"
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
    header, rest = units[: meta[-1] + 1], units[meta[-1] + 1 :]
    if rest and rest[0].kind != "heading" and header[0].kind == "heading":
        # no headline after the meta lines: the headline stood above them (`标题` / `2022-04-20 来源：X`)
        run = next(index for index, unit in enumerate(header) if unit.kind != "heading")
        return header[run:], header[:run] + rest
    return header, rest


def _drafts(units: list[Unit]) -> list[Draft]:
    """Stories as the page prints them, each closed by its byline."""
    drafts: list[Draft] = []
    current: Draft | None = None
    for index, unit in enumerate(units):
        if unit.kind == "staff":
            continue
        if unit.kind in ("source", "date"):
            if current or drafts:
                (current or drafts[-1]).meta.append(unit)
            continue
        if unit.kind == "end":
            if current is not None and current.body:
                current.closing.append(unit)
                current = None
            continue
        if unit.kind == "credit" and current is not None:
            headline = _trailing_headings(current.body)
            following = units[index + 1].kind if index + 1 < len(units) else None
            if following == "body" and all(c.role == "photographer" for c in unit.credits):
                current.byline_credits += unit.credits  # a photo credit standing in the text
            elif headline and len(headline) < len(current.body) and following == "body":
                # a byline printed under the next story's headline, not closing this one
                del current.body[-len(headline) :]
                current = Draft(headline, byline_credits=unit.credits)
                drafts.append(current)
            elif current.body:
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


def _trailing_headings(body: list[Unit]) -> list[Unit]:
    count = 0
    while count < len(body) and body[-1 - count].kind == "heading":
        count += 1
    return body[len(body) - count :] if count else []


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

    A heading run followed by a `XX讯` dateline, or two to four heading lines (kicker and
    headline) followed by a full paragraph, open a new story. A story that credited its reporter in its opening dateline
    does not close with a byline too, so when such a story is followed by a byline, that byline
    belongs to a later story whose headline is the last heading line before it.
    """
    cuts = [
        (start, end)
        for start, end in _heading_blocks(draft.body)
        if _opens_with_dateline(draft.body[end])
        or (
            2 <= end - start <= TITLE_BLOCK_MAX
            and len(draft.body[end].text) >= OPENING_PARAGRAPH_MIN
        )
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
    writers_close = any(credit.role in WRITER_ROLES for credit in last.closing_credits)
    if writers_close and blocks and bylines.split_opening_credit(_first_text(last))[2]:
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
    credits: tuple = ()  # named in the header's labelled fields: `作者：记者 李娜`
    reported_at: object = None
    date_precision: str = "unknown"
    year_missing: bool = False
    outlet: str = ""


def _read_page(header: list[Unit], units: list[Unit], drafts: list[Draft]) -> Page:
    page = Page()
    page.reported_at, page.date_precision = next(
        (
            found
            for unit in header
            if unit.kind in ("date", "source") and (found := dates.parse_date(unit.text))[0]
        ),
        dates.UNKNOWN,
    )
    page.year_missing = page.reported_at is None and any(
        unit.kind == "date" and dates.has_month_day_without_year(unit.text) for unit in header
    )
    page.staff = text.unique_credits(
        *(unit.credits for unit in header + units if unit.kind == "staff")
    )
    section_lines = []
    for unit in header:
        if unit.kind == "source":
            meta = text.read_meta_line(unit.text)
            named = bylines.parse_source_line(unit.text) or (meta.source if meta else "")
            page.outlet = page.outlet or named
            page.credits += meta.credits if meta else ()
        elif unit.kind in ("heading", "date") and _names_outlet(unit.text):
            page.outlet = page.outlet or unit.text.split()[0]
        elif unit.kind == "heading" and not _PAGE_NUMBER_RE.match(unit.text):
            section_lines.append(unit.text)
    page.section = " / ".join(section_lines)
    if not page.outlet:
        page.outlet = next(
            (
                outlet
                for draft in drafts
                if (outlet := bylines.split_dateline(_first_text(draft))[1])
                and bylines.outlet_kind(outlet) == "newspaper"
                and not bylines.is_local_outlet_word(outlet)
            ),
            "",
        )
    return page


def _names_outlet(line: str) -> bool:
    first = line.split()[0]
    return bylines.outlet_kind(first) != "unknown" and len(first) <= 12


def _story(source_text: str, draft: Draft, page: Page, position: int) -> StoryRecord | None:
    title_units = draft.title_units
    paragraphs = [unit for unit in draft.body if unit.kind != "staff"]
    if len(title_units) > TITLE_BLOCK_MAX:
        # a run of short lines too long for a headline: verse opening the text, not a title
        title_units, paragraphs = [], title_units + paragraphs
    edges = text.strip_story_edges([unit.text for unit in paragraphs])
    texts, kinds = edges.paragraphs, [unit.kind for unit in paragraphs]
    blocks = []
    for index, paragraph in enumerate(texts):
        if not paragraph:
            continue
        following = kinds[index + 1] if index + 1 < len(kinds) else None
        previous = kinds[index - 1] if index else None
        is_subhead = kinds[index] == "heading" and following == "body" and previous == "body"
        blocks.append(("h2", text.heading_text(paragraph)) if is_subhead else ("p", paragraph))
    body_length = sum(len(paragraph) for tag, paragraph in blocks if tag == "p")
    minimum = DATELINED_BODY_MIN if edges.datelined and title_units else STORY_BODY_MIN
    if body_length < minimum:
        return None
    if not text.has_sentence(paragraph for tag, paragraph in blocks if tag == "p"):
        return None
    if (
        not title_units
        and len(blocks) < UNTITLED_PARAGRAPHS_MIN
        and body_length < UNTITLED_BODY_MIN
    ):
        return None  # a blurb, not an article that lost its headline
    kicker, title, subtitle = text.split_title_block([unit.text for unit in title_units])
    inferred = not title
    if inferred:
        title = text.infer_title([paragraph for _, paragraph in blocks])
    own_source, own_credits = "", []
    reported_at, precision = page.reported_at, page.date_precision
    for unit in draft.meta:
        meta = text.read_meta_line(unit.text)
        own_source = own_source or bylines.parse_source_line(unit.text) or ""
        if meta:
            own_credits.extend(meta.credits)
        if reported_at is None:
            reported_at, precision = dates.parse_date(unit.text)
    source_name = own_source or edges.outlet or page.outlet
    source = SourceRecord(source_name, bylines.outlet_kind(source_name)) if source_name else None
    credits = text.unique_credits(
        draft.byline_credits,
        edges.opening_credits,
        edges.closing_credits,
        draft.closing_credits,
        own_credits,
        page.credits,
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
        raise NoStoryFound(_("文本为空，没有稿件"))
    if len(units) == 1:
        raise NoStoryFound(_("只有一段文字，没有标题和正文（像是简介或摘要）"))
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
            raise NoStoryFound(_("全是短行，没有正文段落（像是标题或链接列表）"))
        raise NoStoryFound(_("找不到带标题和正文的稿件（正文过短）"))
    return stories
