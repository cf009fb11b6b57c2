"""Title blocks: the kicker (引题) above a headline, the headline, the subtitle (副题) below it.

A line ending in `——` or `：` leads into the headline, so it is a kicker; a line opening with
`——` is a subtitle; heading levels rank the lines (`### 引题` above `# 主题`). A story that prints
no headline gets one inferred from its first clause, flagged for an editor to check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from articles.importer import script
from articles.importer.leads import without_label
from articles.importer.prose import CLAUSE_MARKS, SENTENCE_END, ends_sentence, is_ellipsis_line

# The longest inferred title, in characters: a whole clause up to about this length.
TITLE_MAX = 30


@dataclass(frozen=True)
class TitleLine:
    """One line of a title block; `level` is its heading level (1 for `#` or `<h1>`), None
    for a plain line."""

    text: str
    level: int | None = None


@dataclass(frozen=True)
class TitleBlock:
    kicker: str = ""
    headline: str = ""
    subtitle: str = ""
    inferred: bool = False  # the headline was made from the body: an editor should check it


_ATX_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_LEADING_DASH_RE = re.compile(r"^\s*(?:——|──|--|—|－－)\s*")
_TRAILING_KICKER_RE = re.compile(r"\s*(?:——|──|--|：|:)\s*$")
_INLINE_DASH_RE = re.compile(r"\s*(?:——|──)\s*")
# Markdown a line may open with: quotes, list markers, emphasis, images, link brackets.
_MARKDOWN_OPENING_RE = re.compile(
    r"^(?:\s*(?:>+|[-*+](?=\s)|\d{1,3}[.)](?=\s)|#{1,6}(?=\s|$))\s*)+"
)
_MARKDOWN_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MARKDOWN_LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def title_line(line: str | TitleLine) -> TitleLine:
    """`### 引题` → TitleLine(`引题`, 3); a plain string keeps no level; Markdown emphasis and links
    are unwrapped (`**标题**` → `标题`) and padding between single characters removed."""
    if isinstance(line, TitleLine):
        text, level = line.text, line.level
    else:
        heading = _ATX_HEADING_RE.match(line)
        text, level = (heading.group(2), len(heading.group(1))) if heading else (line, None)
    return TitleLine(script.without_padding(plain_text(text)), level)


def plain_text(text: str) -> str:
    """`> **市民** [排队](https://x)` → `市民 排队`: a line with its Markdown syntax taken off."""
    text = _MARKDOWN_IMAGE_RE.sub("", text)
    text = _MARKDOWN_LINK_RE.sub(r"\1", text)
    text = _EMPHASIS_RE.sub(r"\2", text)
    return _MARKDOWN_OPENING_RE.sub("", text).strip()


def read_title_block(lines: Sequence[str | TitleLine], *, first_paragraph: str = "") -> TitleBlock:
    """The lines above a story's first paragraph → its kicker, headline and subtitle.

    `["### 春耕正当时——", "# 千亩良田披新绿", "——某某镇备耕见闻"]` → kicker `春耕正当时`,
    headline `千亩良田披新绿`, subtitle `某某镇备耕见闻`. Of lines with no level and no mark the
    longest is the headline (`["市宾馆", "心系防疫一线 情暖下沉干部"]` → kicker `市宾馆`), of three
    such lines the middle one; a
    headline holding `——` is split into headline and subtitle. With no lines, the headline is
    inferred from `first_paragraph` (`infer_title`) and flagged `inferred`.
    """
    rows = [row for row in map(title_line, lines) if row.text]
    kinds = [_kind(row.text) for row in rows]
    heads = [index for index, kind in enumerate(kinds) if kind == "head"]
    if not heads:  # a lone `奋进新征程：` or `——某某镇备耕见闻` still names its story
        heads = [index for index, kind in enumerate(kinds) if kind == "kicker"][-1:] or [0]
        if not rows:
            inferred = infer_title(first_paragraph)
            return TitleBlock(headline=inferred, inferred=bool(inferred))
    strongest = min(_rank(rows[index]) for index in heads)
    ranked = [index for index in heads if _rank(rows[index]) == strongest]
    if len(rows) == 3 and ranked == [0, 1, 2]:
        chosen = 1  # three lines alike: kicker (引题), headline (主题), subtitle (副题), as printed
    else:
        chosen = max(ranked, key=lambda index: (len(rows[index].text), -index))
    headline, inline_subtitle = _split_inline_subtitle(_bare(rows[chosen].text))
    kicker = [
        _bare(row.text)
        for index, row in enumerate(rows)
        if index != chosen
        and (kinds[index] == "kicker" or (index < chosen and kinds[index] == "head"))
    ]
    subtitle = [inline_subtitle] + [
        _bare(row.text)
        for index, row in enumerate(rows)
        if index != chosen
        and (kinds[index] == "subtitle" or (index > chosen and kinds[index] == "head"))
    ]
    return TitleBlock(" ".join(kicker), headline, " ".join(filter(None, subtitle)))


def _kind(text: str) -> str:
    if _LEADING_DASH_RE.match(text):
        return "subtitle"
    return "kicker" if _TRAILING_KICKER_RE.search(text) else "head"


def _bare(text: str) -> str:
    """A title line without the dash or colon that placed it: `——见闻` → `见闻`, `引题：` → `引题`."""
    return _TRAILING_KICKER_RE.sub("", _LEADING_DASH_RE.sub("", text)).strip()


def _rank(row: TitleLine) -> int:
    """Lower ranks higher: `#` before `##` before a plain line."""
    return row.level if row.level is not None else 7


def _split_inline_subtitle(text: str) -> tuple[str, str]:
    """`千亩良田披新绿——某某镇备耕见闻` → (`千亩良田披新绿`, `某某镇备耕见闻`)."""
    parts = _INLINE_DASH_RE.split(text, maxsplit=1)
    if len(parts) == 2 and all(len(part) >= 2 for part in parts):
        return parts[0], parts[1]
    return text, ""


# Characters that open Markdown syntax, which no inferred title starts with (`#话题#`, `---`).
_MARKDOWN_MARKS = "#>*_-+`|=~ \t"
_SENTENCE_ENDS = SENTENCE_END
_CLAUSE_MARKS = "".join(mark for mark in CLAUSE_MARKS if mark not in SENTENCE_END)  # `，；：、`
_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "（": "）", "(": ")"}


def _clauses(text: str) -> list[tuple[str, bool]]:
    """`text` cut after each clause or sentence mark outside quotes: [(clause, ends a sentence)]."""
    pieces, start, expected = [], 0, []
    for index, char in enumerate(text):
        if expected and char == expected[-1]:
            expected.pop()
        elif char in _QUOTES:
            expected.append(_QUOTES[char])
        elif not expected and (char in _SENTENCE_ENDS or char in _CLAUSE_MARKS):
            pieces.append((text[start : index + 1], char in _SENTENCE_ENDS))
            start = index + 1
    if start < len(text):
        pieces.append((text[start:], True))
    return pieces


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


def split_title_block(lines: Sequence[str | TitleLine]) -> tuple[str, str, str]:
    """Heading lines above a story → (kicker, title, subtitle), read by `read_title_block` once
    the page's decoration is off; a column label (`【图片新闻】`) joins the kicker.

    `["市宾馆", "心系防疫一线 情暖下沉干部"]` → kicker `市宾馆`.
    """
    rows = [title_line(line) for line in lines]
    rows = [TitleLine(heading_text(row.text), row.level) for row in rows if row.text.strip()]
    labels = [row.text for row in rows if COLUMN_LABEL_RE.fullmatch(row.text)]
    block = read_title_block([row for row in rows if row.text not in labels])
    kicker = " ".join(filter(None, [*labels, block.kicker]))
    return kicker, block.headline, block.subtitle


TITLE_MIN = 8  # a shorter title takes the next sentence too: `致敬!` + `365名联防员`
PHRASE_MIN = 6  # a shorter opening line is a fragment running on: `这是一支` + `由365名…`


def infer_title(paragraphs: Sequence[str] | str, *, limit: int = TITLE_MAX) -> str:
    """A title for a story that prints none, from its opening words: its first sentence when
    that fits in `limit`, else as many whole clauses as fit, with no closing mark, no label of
    an editor's note and no Markdown.

    Verse-like opening lines join into one phrase (`这是一支` + `由365名精兵强将组成的特派“部队”` →
    `这是一支由365名精兵强将组成的特派“部队”`), parallel lines with a space as headlines print them
    (`他们是逆行者 他们是守护者`); `## 近日，某某镇千亩良田完成春耕备耕。全镇…` →
    `近日，某某镇千亩良田完成春耕备耕`.
    """
    if isinstance(paragraphs, str):
        paragraphs = [paragraphs]
    words = ""
    for paragraph in paragraphs:
        opening = paragraph.strip().splitlines()[0] if paragraph.strip() else ""
        text = script.without_padding(plain_text(without_label(opening)))
        if not text or is_ellipsis_line(text):
            continue
        if len(text) > limit and words:
            break
        words += (" " if len(words) >= PHRASE_MIN else "") + text
        if len(words) >= TITLE_MIN or ends_sentence(text):
            break
    return _whole_clauses(words, limit)


def _whole_clauses(text: str, limit: int) -> str:
    title = ""
    for clause, closes_sentence in _clauses(text):
        if title and len(title) + len(clause.rstrip(_SENTENCE_ENDS + _CLAUSE_MARKS)) > limit:
            break
        title += clause
        if closes_sentence and len(title) >= TITLE_MIN:
            break
    if len(title) > limit:  # a first clause longer than any title: cut it at the limit
        title = title[:limit]
    return title.rstrip(_CLAUSE_MARKS + "。…").lstrip(_MARKDOWN_MARKS).strip()
