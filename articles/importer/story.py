"""The story builder: a story's title lines, paragraphs and the lines printed around them
become one `StoryRecord`."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from django.utils.translation import gettext_noop

from articles.importer import bylines, datelines, dates, html, script
from articles.importer.errors import NoStoryFound
from articles.importer.leads import editors_note_length, first_lead
from articles.importer.meta_lines import MetaFacts, read_meta_facts
from articles.importer.prose import has_sentence, is_subhead
from articles.importer.records import SourceRecord, StoryRecord
from articles.importer.titles import heading_text, infer_title, split_title_block

TITLE_INFERRED = gettext_noop("标题为推断")


SOURCE_UNKNOWN = gettext_noop("来源不详")
DATE_UNKNOWN = gettext_noop("日期不详")
YEAR_MISSING = gettext_noop("日期缺少年份")
DATE_FROM_DISPATCH = gettext_noop("日期取自电头")
# A picture only a relative address names (a page saved without its own): its caption stays.
IMAGE_UNADDRESSED = gettext_noop("有图片只有相对地址，未能导入（图注留在正文里）")
# What `story_warnings` says of a story's title, date and source, worked out anew from them.
_FACT_WARNINGS = frozenset(
    {TITLE_INFERRED, SOURCE_UNKNOWN, DATE_UNKNOWN, YEAR_MISSING, DATE_FROM_DISPATCH}
)


def story_warnings(
    *,
    title_inferred: bool,
    reported_at,
    source,
    year_missing: bool = False,
    from_dispatch: bool = False,
    story: StoryRecord | None = None,
) -> tuple[str, ...]:
    """The short notes an editor must check: `标题为推断`, `日期不详`/`日期缺少年份`,
    `日期取自电头`, `来源不详`.

    Stored as written (msgids), so each editor's admin shows them in the editor's language.
    Given the `story` they are worked out for again, its other warnings are kept after them.
    """
    warnings = []
    if title_inferred:
        warnings.append(TITLE_INFERRED)
    if reported_at is None:
        warnings.append(YEAR_MISSING if year_missing else DATE_UNKNOWN)
    elif from_dispatch:
        warnings.append(DATE_FROM_DISPATCH)
    if source is None:
        warnings.append(SOURCE_UNKNOWN)
    if story is not None:
        warnings += [warning for warning in story.warnings if warning not in _FACT_WARNINGS]
    return tuple(warnings)


@dataclass(frozen=True)
class StoryEdges:
    """What a story's first and last paragraphs say beside the text itself."""

    paragraphs: list
    outlet: str = ""  # from an opening `运城晚报讯`, `新华社…电`; not `本报`
    place: str = ""  # from an opening `呼和浩特讯`
    opening_credits: tuple = ()
    closing_credits: tuple = ()
    datelined: bool = False
    printed_date: str = ""  # the dateline's own date, no year: `新华社北京5月7日电` → `5月7日`


def strip_story_edges(paragraphs: list[str]) -> StoryEdges:
    """Take the dateline off the first paragraph and a bracketed byline off the last.

    `["运城晚报讯(记者 寻霄)“阿姨…", …, "…共克时艰。(杨希)"]` → paragraphs `["“阿姨…", …, "…共克时艰。"]`,
    outlet `运城晚报`, credits 寻霄 and 杨希. An editor's note (`【编者按】…`) may stand before the
    dateline paragraph.
    """
    paragraphs = list(paragraphs)
    if not paragraphs:
        return StoryEdges(paragraphs)
    opens = min(editors_note_length(paragraphs), len(paragraphs) - 1)
    printed_date = datelines.dateline_date(paragraphs[opens])
    paragraphs[opens], outlet, place, opening = datelines.split_dateline(paragraphs[opens])
    paragraphs[-1], closing = bylines.split_closing_credit(paragraphs[-1])
    datelined = bool(outlet or place)
    if bylines.is_local_outlet_word(outlet):
        outlet = ""
    return StoryEdges(paragraphs, outlet, place, opening, closing, datelined, printed_date)


def split_photo_credits(blocks: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], tuple]:
    """Captions keep their words, photo credits become credits: `("p", "图为农民抢收水稻。 本报记者
    李华 摄")` → `("p", "图为农民抢收水稻。")` and 李华 photographer; a paragraph that was only the
    credit (`新华社记者 张三 摄`) goes."""
    kept, credits = [], []
    for tag, paragraph in blocks:
        caption, _credit, found = (
            bylines.split_photo_credit(paragraph) if tag == "p" else ("", "", ())
        )
        if any(credit.role == "photographer" for credit in found):
            credits.extend(found)
            caption = caption.lstrip("▲△↑▼↓ ")  # `▲市民拍照留念。`: the mark points at a photo
            if caption:
                kept.append((tag, caption))
        else:
            kept.append((tag, paragraph))
    return kept, bylines.unique_credits(credits)


def body_blocks(paragraphs: list[str]) -> list[tuple[str, str]]:
    """Paragraphs to `html.render_blocks` input: subheads as `h2`, everything else as `p`."""
    blocks = []
    for index, paragraph in enumerate(paragraphs):
        previous = paragraphs[index - 1] if index else None
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if is_subhead(previous, paragraph, following):
            blocks.append(("h2", heading_text(paragraph)))
        else:
            blocks.append(("p", paragraph))
    return blocks


@dataclass(frozen=True)
class StoryLimits:
    """Every threshold that decides whether a draft holds a story, in one place."""

    body_min: int = 60  # characters of running text a story needs
    # a brief vouched for by its headline and byline, or by its dateline (`本报讯`), may be one
    # short paragraph
    brief_body_min: int = 20
    # a text with no headline and no dateline is an article that lost its headline only when
    # it runs this long; shorter, it is a blurb
    untitled_paragraphs_min: int = 3
    untitled_body_min: int = 200
    title_block_max: int = 4  # more short lines above the text are verse opening it
    section_name_max: int = 3  # `要闻`, `港聞`, `副刊` over a story: the section, not a headline


LIMITS = StoryLimits()


@dataclass(frozen=True)
class PageFacts:
    """What the page or container around a story says of it: the default for each story on
    it. `outlet` published the page: the source of a story that names no other, else its via."""

    outlet: str = ""
    section: str = ""
    reported_at: object = None
    date_precision: str = "unknown"
    year_missing: bool = False  # the page prints `3月8日` with no year
    credits: tuple = ()  # named in the page's header: `作者：记者 李娜`
    staff: tuple = ()  # the page's editors: `责任编辑 王芳`
    # The container vouches for a story (a digest's item under its heading, a post whose
    # metadata describes it): one short paragraph is a story.
    headline_given: bool = False

    def filled_from(self, other: PageFacts) -> PageFacts:
        """These facts, with `other`'s (the file's metadata, a digest's page header) for what
        these leave unsaid."""
        facts = self
        if facts.reported_at is None and other.reported_at is not None:
            facts = replace(
                facts,
                reported_at=other.reported_at,
                date_precision=other.date_precision,
                year_missing=other.year_missing,
            )
        return replace(
            facts,
            outlet=facts.outlet or other.outlet,
            section=facts.section or other.section,
            credits=facts.credits or other.credits,
            staff=facts.staff or other.staff,
        )


@dataclass(frozen=True)
class StoryDraft:
    """A story's parts as a container and the structure stage found them, before any is read."""

    original_text: str
    title_lines: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()
    # Which paragraphs the page printed as headings, when the layout says so; otherwise a
    # subhead is told by its text (`is_subhead`).
    printed_headings: tuple[bool, ...] | None = None
    byline_credits: tuple = ()  # a byline line under the headline
    closing_credits: tuple = ()  # a byline line closing the story
    meta_lines: tuple[str, ...] = ()  # source, credit and date lines printed with the story
    # text printed before the headline or after the byline, too little to be a story itself
    preface: tuple[str, ...] = ()
    postscript: tuple[str, ...] = ()
    position: int = 1
    follows_story: bool = False  # printed right after another story closed
    page: PageFacts = PageFacts()


def build_story(draft: StoryDraft, limits: StoryLimits = LIMITS) -> StoryRecord | None:
    """The story a draft holds, or None when it holds too little to be one.

    `["运城晚报讯(记者 寻霄)“阿姨…", …, "…共克时艰。(杨希)"]` under `心系防疫一线 情暖下沉干部`
    → that headline, source 运城晚报, credits 寻霄 and 杨希. A brief that opens with its dateline
    right after another story closed (`新华社北京5月7日电（记者 赵明）国家统计局…`) is a story of
    its own even with no headline and one short paragraph: its title is inferred.
    """
    title_lines, paragraphs, headings = _title_and_paragraphs(draft, limits)
    edges = strip_story_edges(paragraphs)
    blocks, photo_credits = split_photo_credits(_body_blocks(edges.paragraphs, headings))
    if not _holds_a_story(draft, title_lines, edges, blocks, photo_credits, limits):
        return None
    kicker, title, subtitle = split_title_block(title_lines)
    section = draft.page.section
    if not (kicker or subtitle) and len(title) <= limits.section_name_max:
        section, title = section or title, ""
    inferred = not title
    if inferred:
        title = infer_title([paragraph for _, paragraph in blocks])
    lead = first_lead(blocks)
    blocks = [("p", text) for text in draft.preface] + blocks
    blocks += [("p", text) for text in draft.postscript]
    meta = read_meta_facts(draft.meta_lines)
    dated = story_date(edges.printed_date, meta, draft.page)
    reported_at, precision = dated.reported_at, dated.precision
    source_name = meta.source or edges.outlet or draft.page.outlet
    source = _source(source_name)
    outlet = draft.page.outlet
    credits = bylines.unique_credits(
        draft.byline_credits,
        edges.opening_credits,
        meta.credits,
        edges.closing_credits,
        draft.closing_credits,
        photo_credits,
        draft.page.credits,
        draft.page.staff,
    )
    return StoryRecord(
        title=title,
        original_text=draft.original_text,
        position=draft.position,
        kicker=kicker,
        subtitle=subtitle,
        lead=lead,
        body_html=html.render_blocks(blocks),
        section=section,
        dateline=edges.place,
        reported_at=reported_at,
        date_precision=precision if reported_at is not None else "unknown",
        source=source,
        via=_source(outlet) if outlet and outlet != source_name else None,
        credits=bylines.credits_in_order(bylines.most_specific(credits)),
        warnings=story_warnings(
            title_inferred=inferred,
            reported_at=reported_at,
            source=source,
            year_missing=draft.page.year_missing or "月" in edges.printed_date,
            from_dispatch=dated.from_dispatch,
        ),
    )


def only_story(draft: StoryDraft, *, empty_reason) -> StoryRecord:
    """The one story of a post or a page: NoStoryFound(`empty_reason`) when it holds too little."""
    story = build_story(draft)
    if story is None:
        raise NoStoryFound(str(empty_reason))  # a lazy reason becomes text only when needed
    return story


def _source(name: str) -> SourceRecord | None:
    return SourceRecord(name, bylines.outlet_kind(name)) if name else None


def _title_and_paragraphs(draft: StoryDraft, limits: StoryLimits):
    headings = draft.printed_headings
    if len(draft.title_lines) > limits.title_block_max:
        # a run of short lines too long for a headline: verse opening the text, not a title
        paragraphs = draft.title_lines + draft.paragraphs
        if headings is not None:
            headings = (True,) * len(draft.title_lines) + headings
        return (), paragraphs, headings
    return draft.title_lines, draft.paragraphs, headings


def _body_blocks(paragraphs: list[str], headings: tuple[bool, ...] | None):
    """Paragraphs to `html.render_blocks` input, subheads as `h2`: by the page's layout (a line
    printed as a heading between two paragraphs) when it is known, else by the text."""
    if headings is None:
        return body_blocks([paragraph for paragraph in paragraphs if paragraph])
    blocks = []
    for index, paragraph in enumerate(paragraphs):
        if not paragraph:
            continue
        subhead = (
            headings[index]
            and 0 < index < len(paragraphs) - 1
            and not headings[index - 1]
            and not headings[index + 1]
        )
        blocks.append(("h2", heading_text(paragraph)) if subhead else ("p", paragraph))
    return blocks


def _holds_a_story(draft, title_lines, edges, blocks, photo_credits, limits) -> bool:
    prose_paragraphs = [paragraph for tag, paragraph in blocks if tag == "p"]
    body_length = sum(map(len, prose_paragraphs))
    photographed = any(c.role == "photographer" for c in photo_credits + edges.closing_credits)
    photo_item = bool(title_lines) and photographed and len(blocks) == 1
    bylined = bool(title_lines) and bool(
        draft.byline_credits or draft.closing_credits or edges.closing_credits
    )
    brief = (
        photo_item
        or bylined
        or (edges.datelined and (bool(title_lines) or draft.follows_story))
        or draft.page.headline_given
    )
    if body_length < (limits.brief_body_min if brief else limits.body_min):
        return False
    if not has_sentence(prose_paragraphs):
        return False
    return bool(
        title_lines
        or edges.datelined
        or draft.page.headline_given
        or len(blocks) >= limits.untitled_paragraphs_min
        or body_length >= limits.untitled_body_min
    )  # else a blurb, not an article that lost its headline


def story_date(printed_date: str, meta: MetaFacts, page: PageFacts) -> dates.StoryDate:
    """A story's date is its outlet's publication date: the publish time its own meta lines
    print, else the issue date of its page or the post's metadata date. The dispatch day of its
    dateline (`新华社北京5月7日电`, in that date's year) dates it only when nothing else does."""
    reference = page.reported_at.date() if page.reported_at else None
    return dates.story_date(
        [(meta.reported_at, meta.date_precision), (page.reported_at, page.date_precision)],
        dispatch=printed_date,
        reference=reference,
    )


_HTML_TEXT = re.compile(r"(?<=>)[^<]+|\A[^<]+")


def with_full_width_punctuation(story: StoryRecord) -> StoryRecord:
    """The story's headline block, lead and body with half-width punctuation set in Chinese
    text made full-width (`script.full_width_punctuation`): `“你们来了,顶了大事!”` →
    `“你们来了，顶了大事！”`. Only the body's text changes, never its tags or addresses; the
    original text is kept as printed."""
    widen = script.full_width_punctuation
    return replace(
        story,
        title=widen(story.title),
        kicker=widen(story.kicker),
        subtitle=widen(story.subtitle),
        lead=widen(story.lead),
        body_html=_HTML_TEXT.sub(lambda match: widen(match.group()), story.body_html),
    )
