"""The story builder: a story's title lines, paragraphs and the lines printed around them
become one `StoryRecord`."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_noop

from articles.importer import bylines, html
from articles.importer.errors import NoStoryFound
from articles.importer.leads import editors_note_length, first_lead
from articles.importer.lines import Line, original_span
from articles.importer.meta_lines import Gathered
from articles.importer.prose import has_sentence, is_body_paragraph, is_subhead
from articles.importer.records import SourceRecord, StoryRecord
from articles.importer.titles import heading_text, infer_title, split_title_block

TITLE_INFERRED = gettext_noop("标题为推断")


SOURCE_UNKNOWN = gettext_noop("来源不详")


def story_warnings(
    *, title_inferred: bool, reported_at, source, year_missing: bool = False
) -> tuple[str, ...]:
    """The short notes an editor must check: `标题为推断`, `日期不详`/`日期缺少年份`, `来源不详`.

    Stored as written (msgids), so each editor's admin shows them in the editor's language.
    """
    warnings = []
    if title_inferred:
        warnings.append(TITLE_INFERRED)
    if reported_at is None:
        warnings.append(gettext_noop("日期缺少年份") if year_missing else gettext_noop("日期不详"))
    if source is None:
        warnings.append(SOURCE_UNKNOWN)
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
    printed_date = bylines.dateline_date(paragraphs[opens])
    paragraphs[opens], outlet, place, opening = bylines.split_dateline(paragraphs[opens])
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


STORY_BODY_MIN = 60


def single_story(
    source_text: str,
    *,
    title_lines: list[str],
    paragraphs: list[str],
    gathered: Gathered,
    original_lines: list[Line],
    empty_reason: str,
    site: str = "",
) -> StoryRecord:
    """The one story of a post or page, from its title lines, its paragraphs and its meta lines.

    `site` is the outlet that published the page (`红网`): the source when the page names no other,
    else the via. Raises NoStoryFound(`empty_reason`) when no paragraph of running text remains.
    """
    edges = strip_story_edges(paragraphs)
    body = [paragraph for paragraph in edges.paragraphs if paragraph]
    blocks, photo_credits = split_photo_credits(body_blocks(body))
    body_length = sum(len(paragraph) for tag, paragraph in blocks if tag == "p")
    if (
        body_length < STORY_BODY_MIN
        or not any(is_body_paragraph(p) for p in body)
        or not has_sentence(body)
    ):
        raise NoStoryFound(str(empty_reason))  # a lazy reason becomes text only when it is needed
    kicker, title, subtitle = split_title_block(title_lines)
    inferred = not title
    if inferred:
        title = infer_title(body)
    source_name = gathered.source or edges.outlet or site
    source = SourceRecord(source_name, bylines.outlet_kind(source_name)) if source_name else None
    via = SourceRecord(site, bylines.outlet_kind(site)) if site and site != source_name else None
    return StoryRecord(
        title=title,
        original_text=original_span(source_text, original_lines),
        position=1,
        kicker=kicker,
        subtitle=subtitle,
        lead=first_lead(blocks),
        body_html=html.render_blocks(blocks),
        dateline=edges.place,
        reported_at=gathered.reported_at,
        date_precision=gathered.date_precision if gathered.reported_at else "unknown",
        source=source,
        via=via,
        credits=bylines.credits_in_order(
            bylines.unique_credits(
                edges.opening_credits, gathered.credits, edges.closing_credits, photo_credits
            )
        ),
        warnings=story_warnings(
            title_inferred=inferred, reported_at=gathered.reported_at, source=source
        ),
    )
