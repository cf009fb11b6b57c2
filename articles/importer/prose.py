"""What reads as running text: a sentence's end, a heading-like line, a subhead between two
paragraphs, and the column breaks that cut one paragraph in two.

Chinese punctuation is kept as printed (no NFKC): `,` and `，` both stay what the report had.
"""

from __future__ import annotations

import functools
import re

from articles.importer import bylines, datelines, dates, script
from articles.importer.meta_lines import read_meta_line

SENTENCE_END = "。！？!?…"


CLOSING_QUOTES = "”’」』\"'）)》"


CLAUSE_MARKS = bylines.CLAUSE_MARKS  # `，、；：。！？` and their half-width forms


HEADLINE_MAX = 40


SUBHEAD_MAX = 20


def ends_sentence(text: str) -> bool:
    """`…第一道坚实防线。` and `“…顶了大事!”` end a sentence; `…切实筑牢` does not."""
    stripped = text.rstrip().rstrip(CLOSING_QUOTES)
    if not stripped:
        return False
    if text.rstrip()[-1] in "”’」』\"'" and stripped[-1] not in CLAUSE_MARKS:
        return True  # a closing quote ends a quoted sentence: `……“刘志苗们”`
    return stripped[-1] in SENTENCE_END or stripped.endswith(("……", "......"))


def is_ellipsis_line(text: str) -> bool:
    """`……`, `......`, `…`: an elision mark standing alone."""
    return bool(re.fullmatch(r"[….。·\s]{1,12}", text)) and ("…" in text or "..." in text)


_END_MARK_RE = re.compile(
    r"[（(【\[]?\s*(?:全文)?完\s*[)）】\]]?|-+\s*(?:完|END|end)\s*-+|（?\(?END\)?）?"
)


def is_end_mark(text: str) -> bool:
    """`(完)`, `（全文完）`, `-END-`: the mark closing a story."""
    return bool(_END_MARK_RE.fullmatch(text.strip()))


def has_sentence(paragraphs) -> bool:
    """Running text holds at least one full stop, exclamation or question mark; a list of
    headline links holds none."""
    return any(re.search(r"[。！？!?]", paragraph) for paragraph in paragraphs)


# `一、`, `（二）`, `3.`, `### 1`: the number of a subhead or of a story's part.
NUMBERED_HEADING_RE = re.compile(
    r"^(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:[、.．:：\s]|$)"
    r"|[（(][一二三四五六七八九十\d]{1,3}[)）])"
)


# `记者：`, `问：`, `答：`: who speaks in an interview printed as questions and answers.
_INTERVIEW_TURN_RE = re.compile(r"^(?:本报记者|记者|问|答|主持人|Q|A)\s*[:：]")


def is_heading_like(text: str, *, limit: int = HEADLINE_MAX) -> bool:
    """A short line that does not read as a sentence: `党旗插在最高处`, `核酸检测“服务到家” 开启暖心“敲门行动”`.

    Not a heading: a line with a full stop inside, one ending in clause punctuation
    (`…我能出去买一碗羊肉泡吗?”`), a credit, a source line, a date line, a dateline opening.
    """
    stripped = text.strip()
    if not stripped or len(stripped) > limit or is_ellipsis_line(stripped) or is_end_mark(stripped):
        return False
    bare = stripped.rstrip(CLOSING_QUOTES)
    if "。" in stripped or not bare or bare[-1] in CLAUSE_MARKS + "…":
        return False
    if _INTERVIEW_TURN_RE.match(bylines.simplified(stripped)):
        return False  # `记者：下一步有什么打算`: a turn of an interview
    unnumbered = NUMBERED_HEADING_RE.sub("", stripped, count=1)
    if sum(unnumbered.count(mark) for mark in CLAUSE_MARKS) >= 2:
        return False  # at most one pause, its number aside: `党旗所指,团旗所向`, `一、拆与留：先问居民`
    return not (
        bylines.parse_credit_line(stripped)
        or bylines.is_source_line(stripped)
        or dates.is_date_line(stripped)
        or datelines.split_opening_credit(stripped)[1]
    )


def is_body_paragraph(text: str, *, min_length: int = 20) -> bool:
    """Running text rather than a heading, credit or verse line: long enough and not heading-like."""
    return (
        len(text) >= min_length
        and not is_heading_like(text)
        and not bylines.parse_credit_line(text)
    )


def _reads_as_body(text: str) -> bool:
    """Text that is part of a story's running prose (a column's tail may be short: `疫情防控第一道坚实防线。`)."""
    if bylines.parse_credit_line(text) or bylines.is_source_line(text):
        return False
    return ends_sentence(text) or len(text) >= 20 or any(mark in text for mark in CLAUSE_MARKS)


def continues_in_next(paragraph: str, following: str) -> bool:
    """A paragraph cut by a column break: it stops mid-sentence and is body text, as is the next.

    `…不断优化分工配置、提升检测登记效能,切实筑牢` + `疫情防控第一道坚实防线。`;
    `一名党员就是一面旗帜。面对来势汹汹` + `的疫情,…`. A heading such as `党旗所指,团旗所向` is
    too short to be a column's tail.
    """
    if ends_sentence(paragraph) or is_ellipsis_line(paragraph) or is_ellipsis_line(following):
        return False
    if bylines.split_closing_credit(paragraph)[1]:
        return False  # `…海邊。（編輯：李大同）1120507`: the story ends with its credit
    if bylines.split_photo_credit(paragraph)[2]:
        return False  # `志愿者清理河道。张三 摄`: a caption, whole
    if is_dated_line(paragraph) or dates.is_date_line(paragraph) or read_meta_line(paragraph):
        return (
            False  # `原创 城东发布 2023-05-08 08:00`, `2024-11-18 来源：某报 作者：张三`: no pause
        )
    if NUMBERED_HEADING_RE.match(paragraph) and is_heading_like(paragraph):
        return False  # `一、小小诊所连着千家万户`: a numbered subhead, its `、` no pause
    bare = paragraph.rstrip()
    has_clause = any(mark in bare for mark in CLAUSE_MARKS)
    body_like = len(bare) >= 30 or (has_clause and len(bare) >= 12) or bare[-1:] in "，,、"
    if not body_like or bylines.parse_credit_line(bare) or bylines.is_source_line(bare):
        return False
    if datelines.split_opening_credit(following)[1]:
        return False
    return _reads_as_body(following) and not (
        is_heading_like(following) and not any(mark in following for mark in CLAUSE_MARKS)
    )


def column_break_groups(paragraphs: list[str]) -> list[list[int]]:
    """Indices of paragraphs that belong together once column breaks are undone:
    `["…切实筑牢", "疫情防控第一道坚实防线。", "记者 王耀"]` → `[[0, 1], [2]]`."""
    groups: list[list[int]] = []
    for index, paragraph in enumerate(paragraphs):
        if groups and continues_in_next(_joined(paragraphs, groups[-1]), paragraph):
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def _joined(paragraphs, indices):
    return joined_lines([paragraphs[index] for index in indices])


def joined_lines(pieces: list[str]) -> str:
    """Pieces of one paragraph a column break cut apart, joined: Chinese with no space
    (`…切实筑牢` + `疫情防控…`), Latin words with one (`the World Health` + `Organization`)."""
    return functools.reduce(script.join_broken_line, pieces)


def rejoin_column_breaks(paragraphs: list[str]) -> list[str]:
    """Join paragraphs a column break cut apart, with no space; real paragraph breaks stay.

    `["…切实筑牢", "疫情防控第一道坚实防线。"]` → `["…切实筑牢疫情防控第一道坚实防线。"]`;
    `每一位到核` + `酸检测点…` → `每一位到核酸检测点…`.
    """
    return [_joined(paragraphs, group) for group in column_break_groups(paragraphs)]


def is_subhead(previous: str | None, text: str, following: str | None) -> bool:
    """A short heading line standing between two pieces of prose: `党旗插在最高处`.

    Short lines in a run (verse: `他们冲锋“疫”线` / `用行动践行誓言`) are not subheads.
    """
    return (
        previous is not None
        and following is not None
        and is_heading_like(text, limit=SUBHEAD_MAX)
        and is_prose(previous)
        and is_prose(following)
    )


def is_prose(text: str) -> bool:
    """Running text: a long paragraph, or a whole sentence such as `生命重于泰山,疫情就是命令。`."""
    if is_heading_like(text) or is_ellipsis_line(text) or bylines.parse_credit_line(text):
        return False
    return len(text) >= 20 or ends_sentence(text)


def is_dated_line(line: str) -> bool:
    """`运城晚报 2022年4月20日 星期三 第3版`, `原创 樊城发布 2022-02-14 08:00`: a short line carrying a
    full date (with its year), not a sentence."""
    return (
        len(line) <= HEADLINE_MAX
        and "。" not in line
        and dates.parse_date(line)[0] is not None
        and sum(re.sub(r"\d[:：]\d", "", line).count(mark) for mark in CLAUSE_MARKS) <= 1
    )
