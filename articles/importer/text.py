"""Text rules every plain-text format shares: lines, sentences, headings, column breaks, titles.

Chinese punctuation is kept as printed (no NFKC): `,` and `，` both stay what the report had.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_noop

from articles.importer import bylines, dates, html
from articles.importer.errors import NoStoryFound
from articles.importer.records import SourceRecord, StoryRecord

_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))
_SPACES = {ord("\u00a0"): " ", ord("\u2002"): " ", ord("\u2003"): " ", ord("\t"): " "}

SENTENCE_END = "。！？!?…"
CLOSING_QUOTES = "”’」』\"'）)》"
CLAUSE_MARKS = "，,、；;：:。！？!?"
HEADLINE_MAX = 40
SUBHEAD_MAX = 20


@dataclass(frozen=True)
class Line:
    """One non-blank line: its cleaned text and where it stood in the original text."""

    text: str
    start: int
    end: int


def clean_line(line: str) -> str:
    r"""`\ufeff　　疫情就是命令。\r` → `疫情就是命令。`: invisible marks and edge spaces go, punctuation stays."""
    return line.translate(_INVISIBLE).translate(_SPACES).strip(" \u3000\r\n")


def clean_text(text: str) -> str:
    r"""Line ends to `\n`, invisible characters out, each line stripped; blank lines kept."""
    return "\n".join(clean_line(line) for line in text.replace("\r\n", "\n").split("\n"))


def non_blank_lines(text: str) -> list[Line]:
    """The non-blank lines of `text` with their offsets into `text` itself (CRLF or not)."""
    found = []
    for match in re.finditer(r"[^\r\n]+", text):
        cleaned = clean_line(match.group())
        if cleaned:
            found.append(Line(cleaned, match.start(), match.end()))
    return found


def original_span(text: str, lines: list[Line]) -> str:
    """The exact text from the first to the last of `lines`, as it stood in the file."""
    return text[lines[0].start : lines[-1].end] if lines else ""


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


# `一、`, `（二）`, `3.`: the number of a subhead.
NUMBERED_HEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．、])"
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
    if sum(stripped.count(mark) for mark in CLAUSE_MARKS) >= 2:
        return False  # a headline carries at most one pause: `党旗所指,团旗所向`
    return not (
        bylines.parse_credit_line(stripped)
        or bylines.is_source_line(stripped)
        or dates.is_date_line(stripped)
        or bylines.split_opening_credit(stripped)[1]
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
    if is_dated_line(paragraph) or dates.is_date_line(paragraph):
        return False  # `原创 城东发布 2023-05-08 08:00`: its `:` is no pause
    if NUMBERED_HEADING_RE.match(paragraph) and is_heading_like(paragraph):
        return False  # `一、小小诊所连着千家万户`: a numbered subhead, its `、` no pause
    bare = paragraph.rstrip()
    has_clause = any(mark in bare for mark in CLAUSE_MARKS)
    body_like = len(bare) >= 30 or (has_clause and len(bare) >= 12) or bare[-1:] in "，,、"
    if not body_like or bylines.parse_credit_line(bare) or bylines.is_source_line(bare):
        return False
    if bylines.split_opening_credit(following)[1]:
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
    return "".join(paragraphs[index] for index in indices)


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
        and _is_prose(previous)
        and _is_prose(following)
    )


def _is_prose(text: str) -> bool:
    """Running text: a long paragraph, or a whole sentence such as `生命重于泰山,疫情就是命令。`."""
    if is_heading_like(text) or is_ellipsis_line(text) or bylines.parse_credit_line(text):
        return False
    return len(text) >= 20 or ends_sentence(text)


_SUBTITLE_DASH_RE = re.compile(r"\s*(?:——|──|--|—)\s*")


def split_subtitle(title: str) -> tuple[str, str]:
    """`汇聚“红”力量 守护健康“绿”——永州市直党员干部助力零陵抗疫工作纪实` → (title, subtitle)."""
    parts = re.split(r"\s*(?:——|──|--)\s*", title.strip(), maxsplit=1)
    if len(parts) == 2 and all(len(part) >= 2 for part in parts):
        return parts[0], parts[1]
    return title.strip(), ""


_HEADING_MARKS = "■□●○◆◇▲△★☆►▶◎※"


def heading_text(line: str) -> str:
    """A heading without the page's decoration: `■党旗插在最高处` and `【党旗插在最高处】` →
    `党旗插在最高处`."""
    stripped = line.strip().lstrip(_HEADING_MARKS).strip()
    if stripped.startswith("【") and stripped.endswith("】") and stripped.count("【") == 1:
        stripped = stripped[1:-1].strip()
    return stripped or line.strip()


# A page's column label over an item, never its headline: `【图片新闻】`, `图说`.
COLUMN_LABEL_RE = re.compile(
    r"(?:图片新闻|新闻图片|图片报道|图片故事|图说|图闻|看图|一图读懂|圖片新聞|新聞圖片|圖片報道|圖說)"
)


def split_title_block(lines: list[str]) -> tuple[str, str, str]:
    """Heading lines above a story → (kicker, title, subtitle).

    `["市宾馆", "心系防疫一线 情暖下沉干部"]` → kicker `市宾馆`; a line opening with `——` is the
    subtitle; otherwise the longest line is the title, a line above it the kicker and one below it the
    subtitle.
    """
    lines = [heading_text(line) for line in lines if line.strip()]
    labels = [line for line in lines if COLUMN_LABEL_RE.fullmatch(line)]
    lines = [line for line in lines if line not in labels]
    if labels:
        kicker, title, subtitle = split_title_block(lines)
        return " ".join(filter(None, [*labels, kicker])), title, subtitle
    if not lines:
        return "", "", ""
    subtitle_lines = [line for line in lines if _SUBTITLE_DASH_RE.match(line)]
    heads = [line for line in lines if line not in subtitle_lines]
    if not heads:
        return "", _SUBTITLE_DASH_RE.sub("", lines[0], count=1), ""
    title_index = max(range(len(heads)), key=lambda index: (len(heads[index]), -index))
    title, subtitle = split_subtitle(heads[title_index])
    kicker = " ".join(heads[:title_index])
    below = heads[title_index + 1 :] + [
        _SUBTITLE_DASH_RE.sub("", line, count=1) for line in subtitle_lines
    ]
    subtitle = " ".join(filter(None, [subtitle, *below]))
    return kicker, title, subtitle


TITLE_MIN = 8
PHRASE_MIN = 6
TITLE_MAX = 30


def infer_title(paragraphs: list[str]) -> str:
    """A title for a text that prints none, from its opening words.

    Verse-like opening lines join into one phrase (`这是一支` + `由365名精兵强将组成的特派“部队”` →
    `这是一支由365名精兵强将组成的特派“部队”`), parallel lines with a space as headlines print them
    (`他们是逆行者 他们是守护者`); prose gives its first sentence or clause.
    """
    words = ""
    for paragraph in paragraphs:
        text = without_label(paragraph)
        if not text or is_ellipsis_line(text):
            continue
        if len(text) > TITLE_MAX and words:
            break
        # a fragment (`这是一支`) runs on into the next line; a whole phrase stands apart
        words += (" " if len(words) >= PHRASE_MIN else "") + text
        if len(words) >= TITLE_MIN or ends_sentence(text):
            break
    return _first_phrase(words)


def _first_phrase(text: str) -> str:
    sentence = ""
    for part in re.split(r"(?<=[。！？!?])", text.strip()):
        if sentence and len(sentence) + len(part) > TITLE_MAX:
            break
        sentence += part
        if len(sentence) >= TITLE_MIN:
            break
    if len(sentence) <= TITLE_MAX:
        return sentence.rstrip("。")
    cuts = [match.start() for match in re.finditer(r"[，,；;：:]", sentence)]
    fitting = [cut for cut in cuts if cut <= TITLE_MAX]
    return sentence[: fitting[-1] if fitting else TITLE_MAX]


EXCERPT_MAX = 150


def excerpt(text: str, limit: int = EXCERPT_MAX) -> str:
    """A lead no longer than `limit`, cut after a whole sentence where one fits, else with `…`."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = max(text.rfind(mark, 0, limit) for mark in "。！？!?")
    if cut >= limit // 3:
        return text[: cut + 1]
    return text[: limit - 1] + "…"


def first_lead(blocks: list[tuple[str, str]]) -> str:
    """The story's first paragraph of prose as its lead, passing over subheads, elision marks and
    verse-like short lines (`这是一支`); an editor's note opening the story is the lead itself."""
    paragraphs = [text for tag, text in blocks if tag == "p" and not is_ellipsis_line(text)]
    note = editors_note(paragraphs)
    if note:
        return excerpt(note)
    for index, paragraph in enumerate(paragraphs):
        neighbours = paragraphs[max(index - 1, 0) : index] + paragraphs[index + 1 : index + 2]
        in_verse = len(paragraph) < VERSE_LINE_MAX and any(
            len(other) < VERSE_LINE_MAX for other in neighbours
        )
        if _is_prose(paragraph) and not in_verse:
            return paragraph
    return ""


VERSE_LINE_MAX = 20


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


def unique_credits(*groups) -> tuple:
    """Credits in print order, each (name, role) once."""
    return tuple(dict.fromkeys(credit for group in groups for credit in group))


def credits_in_order(credits) -> tuple:
    """Writers first, then photographers, then the page's staff, each group in print order:
    `新华社记者 陈刚 摄` printed above `本报讯（记者 刘洋）` still credits 刘洋 first."""

    def rank(credit):
        if credit.role in bylines.STAFF_ROLES:
            return 2
        return 1 if credit.role == "photographer" else 0

    return tuple(sorted(credits, key=rank))


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


# `编者按`, `【编者按】`, `编者按：`, `導讀|`: the label of an editor's note opening a story.
_NOTE_LABEL_RE = re.compile(
    r"^[【\[（(]?\s*(?:编者按|编者的话|編者按|編者的話|导读|導讀|核心提示|内容提要|內容提要)"
    r"\s*[】\]）)]?\s*[:：|｜丨]?\s*"
)


def without_label(paragraph: str) -> str:
    """A paragraph without the label of an editor's note: `【编者按】夏粮收购…` → `夏粮收购…`;
    `编者按` alone → ``. A label names no part of the story, so it is never part of a title."""
    stripped = paragraph.strip()
    label = _NOTE_LABEL_RE.match(stripped)
    return stripped[label.end() :] if label else stripped


def editors_note_length(paragraphs: list[str]) -> int:
    """How many opening paragraphs an editor's note takes: `【编者按】…。` is one; a label standing
    alone (`编者按`) takes the verse-like lines after it (`春耕时节` / `田间地头一派繁忙`), or the one
    paragraph after it. No note: 0."""
    if not paragraphs or not _NOTE_LABEL_RE.match(paragraphs[0].strip()):
        return 0
    if without_label(paragraphs[0]):
        return 1
    verse = 0
    while 1 + verse < len(paragraphs) and not _is_prose(paragraphs[1 + verse]):
        verse += 1
    return 1 + (verse or min(1, len(paragraphs) - 1))


def editors_note(paragraphs: list[str]) -> str:
    """The text of the editor's note opening a story, its verse lines joined with spaces."""
    note = [without_label(p) for p in paragraphs[: editors_note_length(paragraphs)]]
    return " ".join(filter(None, note))


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


def is_dated_line(line: str) -> bool:
    """`运城晚报 2022年4月20日 星期三 第3版`, `原创 樊城发布 2022-02-14 08:00`: a short line carrying a
    full date (with its year), not a sentence."""
    return (
        len(line) <= HEADLINE_MAX
        and "。" not in line
        and dates.parse_date(line)[0] is not None
        and sum(re.sub(r"\d[:：]\d", "", line).count(mark) for mark in CLAUSE_MARKS) <= 1
    )


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
    gathered.credits = unique_credits(credits)
    return gathered


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
    return kept, unique_credits(credits)


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
        credits=credits_in_order(
            unique_credits(
                edges.opening_credits, gathered.credits, edges.closing_credits, photo_credits
            )
        ),
        warnings=story_warnings(
            title_inferred=inferred, reported_at=gathered.reported_at, source=source
        ),
    )
