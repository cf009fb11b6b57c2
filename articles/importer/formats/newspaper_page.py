"""A plain-text newspaper page or digest: a page header, then several stories.

The page header holds title lines (the section), the page date and the page staff
(`责任编辑 … / 美编 … / 校对 …`). Each story is an optional kicker, a headline, perhaps a
`XX讯` dateline opening its first paragraph, body paragraphs (cut by column breaks, with
subheads) and a closing byline (`记者 王耀`, `(杨希)`) — or none, when the dateline credited the
reporter. This is also the fallback for any plain prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from articles.importer import (
    bylines,
    classify,
    datelines,
    dates,
    leads,
    masthead,
    meta_lines,
    prose,
    titles,
)
from articles.importer.errors import NoStoryFound
from articles.importer.formats.scraped_page import is_site_chrome
from articles.importer.lines import Line, non_blank_lines, original_span
from articles.importer.records import StoryRecord
from articles.importer.story import (
    LIMITS,
    PageFacts,
    StoryDraft,
    build_story,
)

NAME = "newspaper_page"
_MARKUP_RE = re.compile(r"<(?:p|div|html|body|br|img|span|table|article)\b", re.IGNORECASE)
_PAGE_NUMBER_RE = re.compile(r"^(?:第\s*\d+\s*版|[A-Z]?\d{1,2}\s*版|[A-Z]\d{1,2})(?:\s|$)")
# a kicker and headline open a story with a real paragraph, not with a verse line
OPENING_PARAGRAPH_MIN = 40


def sniff(source_text: str) -> bool:
    """Any plain prose (no markup): the format tried last."""
    return bool(source_text.strip()) and not _MARKUP_RE.search(source_text)


@dataclass
class Unit:
    """A paragraph once column breaks are undone, with the file lines it came from."""

    text: str
    lines: list[Line]
    kind: str = classify.PROSE  # a `classify` kind
    credits: tuple = ()


@dataclass
class Draft:
    title_units: list[Unit] = field(default_factory=list)
    body: list[Unit] = field(default_factory=list)
    byline_credits: tuple = ()  # a byline printed under the headline
    closing: list[Unit] = field(default_factory=list)
    meta: list[Unit] = field(default_factory=list)  # source and date lines printed with the story
    # text printed before the headline or after the byline, too little to be a story itself
    preface: list[Unit] = field(default_factory=list)
    postscript: list[Unit] = field(default_factory=list)

    def units(self):
        return sorted(
            self.preface
            + self.title_units
            + self.body
            + self.closing
            + self.meta
            + self.postscript,
            key=lambda unit: unit.lines[0].start,
        )

    @property
    def closing_credits(self):
        return bylines.unique_credits(*(unit.credits for unit in self.closing))


def _units(source_text: str) -> list[Unit]:
    lines = [
        line
        for line in non_blank_lines(source_text)
        if not is_site_chrome(line.text, bullets=False)  # a page copied from a site, chrome and all
    ]
    groups = prose.column_break_groups([line.text for line in lines])
    units = []
    for group in groups:
        members = [lines[index] for index in group]
        joined = prose.joined_lines([line.text for line in members])
        for part in _inline_headline(joined):
            unit = Unit(part, members)
            _classify(unit)
            units.append(unit)
    return units


_INLINE_HEADLINE_RE = re.compile(r"^【(?P<headline>[^【】]{6,30})】\s*(?P<text>.{20,})$")
_INLINE_LABEL_RE = re.compile(r"^【(?P<headline>[^【】]{2,8})】\s*(?P<text>.{10,})$")
# Bracketed labels that open a paragraph of the same story rather than a new brief.
_PARAGRAPH_LABEL_RE = re.compile(
    r"(?:编者按|编者的话|导读|摘要|提要|核心提示|链接|手记|短评|评论|点评|背景|延伸阅读)$"
)


def _inline_headline(paragraph: str) -> list[str]:
    """`【我市新增两条公交线路】本报讯 …。` → the headline and the text: a brief whose headline
    runs into its first line."""
    label = _INLINE_LABEL_RE.match(paragraph)
    if label and titles.COLUMN_LABEL_RE.fullmatch(label.group("headline")):
        return [label.group("headline"), label.group("text")]  # `【图片新闻】9月11日，…（张立 摄）`
    match = _INLINE_HEADLINE_RE.match(paragraph)
    if (
        match is None
        or _PARAGRAPH_LABEL_RE.search(match.group("headline"))
        or datelines.split_dateline(paragraph)[1:3] != ("", "")
        or bylines.is_source_line(paragraph)
        or not prose.has_sentence([match.group("text")])
    ):
        return [paragraph]
    return [match.group("headline"), match.group("text")]


def _classify(unit: Unit) -> None:
    found = classify.classify_line(unit.text)
    unit.kind, unit.credits = found.kind, found.credits


def _split_header(units: list[Unit]) -> tuple[list[Unit], list[Unit]]:
    """The page header: the opening short lines up to the last page date, staff or source line."""
    opening_end = next(
        (
            index
            for index, unit in enumerate(units)
            if unit.kind in (classify.PROSE, classify.ELLIPSIS, classify.BYLINE)
        ),
        len(units),
    )
    meta = [
        index
        for index in range(opening_end)
        if units[index].kind in (classify.DATE, classify.STAFF, classify.SOURCE)
    ]
    if not meta:
        return [], units
    header, rest = units[: meta[-1] + 1], units[meta[-1] + 1 :]
    if (
        rest
        and rest[0].kind != classify.HEADING
        and header[0].kind == classify.HEADING
        and _opens_story(rest)
    ):
        # no headline after the meta lines: the headline stood above them (`标题` / `2022-04-20 来源：X`)
        run = next(index for index, unit in enumerate(header) if unit.kind != classify.HEADING)
        return header[run:], header[:run] + rest
    return header, rest


def _opens_story(units: list[Unit]) -> bool:
    """The text after a page's meta lines opens a story rather than standing before its headline:
    not a short note followed by a headline (`【编者按】本版推出系列报道。` / `全市夏粮收购工作启动`)."""
    short_note = len(units[0].text) < OPENING_PARAGRAPH_MIN and not _opens_with_dateline(units[0])
    return not (short_note and len(units) > 1 and units[1].kind == classify.HEADING)


def _drafts(units: list[Unit]) -> list[Draft]:
    """Stories as the page prints them, each closed by its byline."""
    drafts: list[Draft] = []
    current: Draft | None = None
    for index, unit in enumerate(units):
        if unit.kind == classify.STAFF:
            if (current or drafts) and not _names_page_staff(unit):
                # `编辑：张三 校对：李四` after a story is that story's staff, and closes it
                (current or drafts[-1]).closing.append(unit)
                current = None if current and current.body else current
            continue
        if unit.kind in (classify.SOURCE, classify.DATE):
            if current or drafts:
                (current or drafts[-1]).meta.append(unit)
            continue
        if unit.kind == classify.END_MARK:
            if current is not None and current.body:
                current.closing.append(unit)
                current = None
            continue
        if unit.kind == classify.BYLINE and current is not None:
            headline = _trailing_headings(current.body)
            following = units[index + 1].kind if index + 1 < len(units) else None
            if following == classify.PROSE and all(c.role == "photographer" for c in unit.credits):
                current.byline_credits += unit.credits  # a photo credit standing in the text
            elif headline and len(headline) < len(current.body) and following == classify.PROSE:
                # a byline printed under the next story's headline, not closing this one
                del current.body[-len(headline) :]
                current = Draft(headline, byline_credits=unit.credits)
                drafts.append(current)
            elif current.body and not _is_only_a_note(current.body):
                current.closing.append(unit)
                current = None
            else:  # under the headline, or under the editor's note opening the story
                current.byline_credits += unit.credits
            continue
        if unit.kind == classify.BYLINE and drafts:
            drafts[-1].closing.append(
                unit
            )  # after a closing byline or `（完）`: still that story's
            continue
        if unit.kind == classify.BYLINE:  # `文 | 张三` above everything: the coming story's byline
            current = Draft(byline_credits=unit.credits, meta=[unit])
            drafts.append(current)
            continue
        if current is not None and _opens_next_story(current, unit):
            current = None
        if current is None:
            current = Draft()
            drafts.append(current)
            if (
                len(unit.text) <= prose.HEADLINE_MAX
                and unit.kind != classify.ELLIPSIS
                and "。" not in unit.text  # a headline prints no full stop
                and not _opens_with_dateline(unit)
            ):
                current.title_units.append(unit)
                continue
        if not current.body and unit.kind == classify.HEADING:
            current.title_units.append(unit)
        else:
            current.body.append(unit)
    return [part for draft in drafts for part in _split_run_on(draft)]


def _is_only_a_note(body: list[Unit]) -> bool:
    """`【编者按】…`: the story's body so far is the editor's note opening it."""
    texts = [unit.text for unit in body]
    return leads.editors_note_length(texts) >= len(texts)


def _is_photo_item(body: list[Unit], index: int) -> bool:
    """A headline over one caption ending in a photo credit, and nothing more:
    `秋收时节稻飘香` / `图为农民抢收水稻。 本报记者 李华 摄`."""
    following = body[index + 1].kind if index + 1 < len(body) else None
    caption_credits = bylines.split_photo_credit(body[index].text)[2]
    return following in (None, classify.HEADING) and any(
        credit.role == "photographer" for credit in caption_credits
    )


def _names_page_staff(unit: Unit) -> bool:
    """`本版编辑：张三`: staff of the whole page, wherever the line stands."""
    return "本版" in bylines.simplified(unit.text)


def _opens_next_story(draft: Draft, unit: Unit) -> bool:
    """A dateline after a paragraph of text opens the next story, for a dateline only ever opens
    one: `…海邊。（編輯：李大同）1120507` / `本報訊 記者 陳志明 報導`, or a brief run on after a
    story that printed no byline. Not after an editor's note (`【编者按】…` / `本报讯 …`)."""
    if not (draft.body and draft.body[-1].kind == classify.PROSE and _opens_with_dateline(unit)):
        return False
    return not _is_only_a_note(draft.body)


def _trailing_headings(body: list[Unit]) -> list[Unit]:
    count = 0
    while count < len(body) and body[-1 - count].kind == classify.HEADING:
        count += 1
    return body[len(body) - count :] if count else []


def _opens_with_dateline(unit: Unit) -> bool:
    return bool(datelines.split_opening_credit(unit.text)[1])


def _heading_blocks(body: list[Unit]) -> list[tuple[int, int]]:
    """(start, end) of each run of heading lines followed by more body."""
    blocks, start = [], None
    for index, unit in enumerate(body):
        if unit.kind == classify.HEADING:
            start = index if start is None else start
            continue
        if start is not None and unit.kind == classify.PROSE:
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
            2 <= end - start <= LIMITS.title_block_max
            and len(draft.body[end].text) >= OPENING_PARAGRAPH_MIN
        )
        or _is_photo_item(draft.body, end)
    ]
    parts = []
    previous = 0
    titles = draft.title_units
    for start, end in cuts:
        byline = () if parts else draft.byline_credits  # printed under the first headline
        parts.append(Draft(titles, draft.body[previous:start], byline))
        titles, previous = draft.body[start:end], end
    last = Draft(titles, draft.body[previous:], (), draft.closing, draft.meta)
    if not parts:
        last.byline_credits = draft.byline_credits
    blocks = _heading_blocks(last.body)
    writers_close = any(credit.role in bylines.WRITER_ROLES for credit in last.closing_credits)
    if writers_close and blocks and datelines.split_opening_credit(_first_text(last))[2]:
        start, end = blocks[-1]
        parts.append(Draft(last.title_units, last.body[:start], last.byline_credits))
        last = Draft(last.body[start:end], last.body[end:], (), last.closing, last.meta)
    return [*parts, last]


def _first_text(draft: Draft) -> str:
    return draft.body[0].text if draft.body else ""


def _read_page(header: list[Unit], units: list[Unit], drafts: list[Draft]) -> PageFacts:
    reported_at, precision = next(
        (
            found
            for unit in header
            if unit.kind in (classify.DATE, classify.SOURCE)
            and (found := dates.parse_date(unit.text))[0]
        ),
        dates.UNKNOWN,
    )
    year_missing = reported_at is None and any(
        unit.kind == classify.DATE and dates.has_month_day_without_year(unit.text)
        for unit in header
    )
    staff = bylines.unique_credits(
        *(
            unit.credits
            for unit in header + units
            if unit.kind == classify.STAFF and (unit in header or _names_page_staff(unit))
        )
    )
    outlet, credits, section_lines = "", (), []
    for unit in header:
        if unit.kind == classify.SOURCE:
            meta = meta_lines.read_meta_line(unit.text)
            named = bylines.parse_source_line(unit.text) or (meta.source if meta else "")
            outlet = outlet or named
            credits += meta.credits if meta else ()
        elif unit.kind == classify.DATE and (printed := masthead.parse_masthead(unit.text)):
            # `《某某日报》（2024年03月08日 第 05 版）`, `某某报 2024年3月8日 星期五 第3版 要闻`
            if not bylines.is_local_outlet_word(printed.publisher):
                outlet = outlet or printed.publisher
            credits += printed.credits
            if printed.section:
                section_lines.append(printed.section)
        elif unit.kind in (classify.HEADING, classify.DATE) and _names_outlet(unit.text):
            outlet = outlet or unit.text.split()[0]
        elif unit.kind == classify.HEADING and not _PAGE_NUMBER_RE.match(unit.text):
            section_lines.append(unit.text)
    if not outlet:
        outlet = next(
            (
                named
                for draft in drafts
                if (named := datelines.split_dateline(_first_text(draft))[1])
                and bylines.outlet_kind(named) == "newspaper"
                and not bylines.is_local_outlet_word(named)
            ),
            "",
        )
    return PageFacts(
        outlet=outlet,
        section=" / ".join(section_lines),
        reported_at=reported_at,
        date_precision=precision,
        year_missing=year_missing,
        credits=credits,
        staff=staff,
    )


def _has_prose(draft: Draft) -> bool:
    return prose.has_sentence(unit.text for unit in draft.title_units + draft.body)


def _absorbed(draft: Draft, others: list[Draft], *, before: bool = False) -> Draft:
    """`draft` keeping the text of `others`, printed after it (or `before` it), as plain paragraphs."""
    units = [unit for other in others for unit in other.title_units + other.body]
    return Draft(
        draft.title_units,
        draft.body,
        bylines.unique_credits(draft.byline_credits, *(other.byline_credits for other in others)),
        draft.closing + [unit for other in others for unit in other.closing],
        draft.meta + [unit for other in others for unit in other.meta],
        units + draft.preface if before else draft.preface,
        draft.postscript if before else draft.postscript + units,
    )


def _names_outlet(line: str) -> bool:
    first = line.split()[0]
    return bylines.outlet_kind(first) != "unknown" and len(first) <= 12


def _story(
    source_text: str, draft: Draft, page: PageFacts, position: int, *, follows_story: bool = False
) -> StoryRecord | None:
    """The story a draft holds (`story.build_story`), or None when it holds too little."""
    paragraphs = [unit for unit in draft.body if unit.kind != classify.STAFF]
    return build_story(
        StoryDraft(
            original_text=original_span(
                source_text, [line for unit in draft.units() for line in unit.lines]
            ),
            title_lines=tuple(unit.text for unit in draft.title_units),
            paragraphs=tuple(unit.text for unit in paragraphs),
            printed_headings=tuple(unit.kind == classify.HEADING for unit in paragraphs),
            byline_credits=draft.byline_credits,
            closing_credits=draft.closing_credits,
            meta_lines=tuple(unit.text for unit in draft.meta),
            preface=tuple(unit.text for unit in draft.preface),
            postscript=tuple(unit.text for unit in draft.postscript),
            position=position,
            follows_story=follows_story,
            page=page,
        )
    )


def read_page_facts(source_text: str) -> PageFacts:
    """What the header of a page says of it (`滨江日报` / `2023年5月8日` / `责编：李明`): for a
    digest, whose items are read one by one, the facts every item shares."""
    units = _units(source_text)
    header, rest = _split_header(units)
    return _read_page(header, rest, _drafts(rest))


def parse(
    source_text: str, *, context: PageFacts | None = None, headline_given=False
) -> list[StoryRecord]:
    """Every story of a page, in print order; NoStoryFound when the text holds none.

    `context` is what the file's metadata (or a digest's page header) says of the page: it
    stands for what the page itself leaves unsaid. With `headline_given` the container vouches
    for a story (a digest's item under its heading, a post whose metadata describes it): one
    short paragraph is a story.
    """
    units = _units(source_text)
    if not units:
        raise NoStoryFound(_("文本为空，没有稿件"))
    if len(units) == 1 and not headline_given:
        raise NoStoryFound(_("只有一段文字，没有标题和正文（像是简介或摘要）"))
    header, rest = _split_header(units)
    drafts = _drafts(rest)
    page = _read_page(header, rest, drafts)
    if context is not None:
        page = page.filled_from(context)
    page = replace(page, headline_given=headline_given)
    stories: list[StoryRecord] = []
    kept: list[Draft] = []  # the draft behind each story
    leading: list[Draft] = []  # prose printed before the first story, too little to be one
    for draft in drafts:
        story = _story(source_text, draft, page, len(stories) + 1, follows_story=bool(kept))
        if story is None and _has_prose(draft):
            # text that is no story on its own stays with its neighbour rather than being lost
            if kept:
                kept[-1] = _absorbed(kept[-1], [draft])
                stories[-1] = (
                    _story(source_text, kept[-1], page, len(stories), follows_story=len(kept) > 1)
                    or stories[-1]
                )
            else:
                leading.append(draft)
        elif story is not None:
            if leading:
                draft, leading = _absorbed(draft, leading, before=True), []
                story = _story(source_text, draft, page, len(stories) + 1)
            kept.append(draft)
            stories.append(story)
    if not stories:
        if all(unit.kind != classify.PROSE for unit in units):
            raise NoStoryFound(_("全是短行，没有正文段落（像是标题或链接列表）"))
        raise NoStoryFound(_("找不到带标题和正文的稿件（正文过短）"))
    return stories
