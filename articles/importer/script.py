"""Script and spacing: traditional characters, padded Chinese text and half-width punctuation.

The rules of the importer match a simplified shadow copy of the text (`to_simplified`), which has
the same length as the original so a match's offsets fit the characters kept in the article.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import opencc

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_RE = re.compile(f"[{HAN}]")


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """`責任編輯 關凝淼` → `责任编辑 关凝淼`: OpenCC's traditional → simplified, for matching only.

    The result always has the length of `text`: where a phrase would convert to another length,
    each character is converted alone (or kept).
    """
    if text.isascii():
        return text
    return _short_simplified(text) if len(text) <= _CACHED_LENGTH else _simplified(text)


# The rules convert the same short words and lines again and again: those are remembered.
_CACHED_LENGTH = 64


@lru_cache(maxsize=16384)
def _short_simplified(text: str) -> str:
    return _simplified(text)


def _simplified(text: str) -> str:
    converted = _converter().convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(_one_character(char) for char in text)


def _one_character(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


# `李  强`, `编 者`, `新 闻 中 心`: single Han characters set apart by padding. A space between
# words of two or more characters (`机关干部下沉 助力疫情防控`) is the headline's own.
_PADDED_RUN_RE = re.compile(rf"(?<![{HAN}])[{HAN}](?:[ \t\u3000\u00a0]+[{HAN}](?![{HAN}]))+")
_PADDING_RE = re.compile(r"[ \t\u3000\u00a0]+")


def without_padding(text: str) -> str:
    """`李  强` → `李强`, `——编 者` → `——编者`, `第 七 版` → `第七版`: the spaces a page sets between
    single Chinese characters to fill a width; spaces between longer words stay
    (`心系防疫一线 情暖下沉干部`), and so do spaces beside Latin words and numbers."""
    return _PADDED_RUN_RE.sub(lambda match: _PADDING_RE.sub("", match.group()), text)


def squeezed(words: str) -> str:
    """Whitespace out and case folded, as two printings of one name compare: `青禾 日报` is
    `青禾日报`, `## Title` a heading's `title`."""
    return re.sub(r"\s+", "", words).casefold()


def join_broken_line(left: str, right: str) -> str:
    """Two pieces of one line broken by a column or a `<br>`: Chinese and digits join with no
    space (`市民有序` + `排队` → `市民有序排队`), Latin words keep one (`New` + `York` → `New York`)."""
    left, right = left.rstrip(), right.lstrip()
    edge = left[-1:] + right[:1]
    if len(edge) == 2 and edge.isascii() and edge.isalnum() and not edge.isdigit():
        return f"{left} {right}"
    return left + right


_FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_HALF_WIDTH_RE = re.compile(r"[,:;!?()]")
URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[\w\-.~:/?#@!$&'*+,;=%()\[\]]+", re.ASCII)
# Spans no punctuation rule touches: web and mail addresses, HTML's character references.
_PROTECTED_RE = re.compile(
    rf"{URL_RE.pattern}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|&(?:#\d+|#x[0-9a-f]+|[a-z]+\d*);",
    re.ASCII | re.IGNORECASE,
)
_URL_TRAILING = ",.;:!?)"


def find_url(text: str) -> str:
    """The first web address in `text`, without the mark a sentence sets after it:
    `原文链接：https://example.com/a.html。` → `https://example.com/a.html`; `` when there is none."""
    match = URL_RE.search(text)
    return match.group().rstrip(_URL_TRAILING) if match else ""


_CJK_PUNCTUATION = "，。、；：！？“”‘’（）《》〈〉【】「」『』…—·"


def _is_chinese(char: str) -> bool:
    return bool(char) and (bool(_HAN_RE.match(char)) or char in _CJK_PUNCTUATION)


def full_width_punctuation(text: str) -> str:
    """`“大家辛苦了,谢谢你们!”` → `“大家辛苦了，谢谢你们！”`: half-width `, : ; ! ? ( )` beside Chinese
    text become full-width; inside Latin text (`Hello, world!`), between digits (`3,000`,
    `10:30`) and in web addresses they stay. A bracket pair changes together, when it holds
    Chinese (`(记者 张三)` → `（记者 张三）`) or stands inside Chinese text (`第(1)条` → `第（1）条`);
    `(Reuters)` stays.
    """
    if not _HALF_WIDTH_RE.search(text):  # most text: nothing to widen
        return text
    protected = [False] * len(text)
    for match in _PROTECTED_RE.finditer(text):
        kept = (
            match.group() if match.group().startswith("&") else match.group().rstrip(_URL_TRAILING)
        )
        end = match.start() + len(kept)
        protected[match.start() : end] = [True] * (end - match.start())
    chars = list(text)
    for index in _paired_brackets(text, protected):
        chars[index] = _FULL_WIDTH[text[index]]
    for index, char in enumerate(text):
        if char in ",:;!?" and not protected[index] and _in_chinese(text, index):
            chars[index] = _FULL_WIDTH[char]
    return "".join(chars)


def _neighbours(text: str, index: int) -> tuple[str, str]:
    """The nearest characters other than spaces before and after `text[index]`."""
    before, after = index - 1, index + 1
    while before >= 0 and text[before].isspace():
        before -= 1
    while after < len(text) and text[after].isspace():
        after += 1
    return (text[before] if before >= 0 else ""), (text[after] if after < len(text) else "")


def _in_chinese(text: str, index: int) -> bool:
    before, after = _neighbours(text, index)
    return _is_chinese(before) or _is_chinese(after)


def _paired_brackets(text: str, protected: list[bool]) -> list[int]:
    """Indices of `(` and `)` to widen: each pair holding Chinese (`(记者 张三)`) or set inside
    Chinese text on both sides (`第(1)条`)."""
    widened, opened = [], []
    for index, char in enumerate(text):
        if protected[index]:
            continue
        if char == "(":
            opened.append(index)
        elif char == ")" and opened:
            start = opened.pop()
            before, _ = _neighbours(text, start)
            _, after = _neighbours(text, index)
            holds_chinese = _HAN_RE.search(text, start + 1, index) is not None
            if holds_chinese or (_is_chinese(before) and _is_chinese(after)):
                widened += [start, index]
    return widened
