"""Datelines: the `XX讯` / `新华社北京3月2日电` opening of a story paragraph, with the outlet, place,
day and credits it prints (`运城晚报讯(记者 寻霄)`, `（中央社記者王小明台北20日電）`, `路透上海3月2日 -`),
and how a printed outlet resolves against the page's publisher (`本报` is the publisher).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from articles.importer import dates
from articles.importer.bylines import (
    CACHED_LINES,
    GLUED_RUN_RE,
    HAN,
    LEADING_BRACKET_RE,
    ROLE_PREFIX_RE,
    ROLE_WORDS,
    is_local_outlet_word,
    is_outlet_name,
    is_person_name,
    parse_credit_line,
    simplified,
)
from articles.importer.records import Credit

# How far into a paragraph a dateline may reach: `新华社记者王小明北京2024年3月2日专电` and more.
MAX_DATELINE = 48
_SPACE_RE = re.compile(r"\s")
_DATELINE_RE = re.compile(
    rf"^(?P<word>[{HAN}A-Za-z\d]{{2,24}}?)(?:(?P<date>(?:\d{{1,2}}月)?\d{{1,2}}日)\s*)?"
    r"(?P<mark>专电|专讯|讯|电|消息|报道|[-—–－]{1,2}(?=\s))"
)
# `（中央社記者王小明台北20日電）`, `【明報專訊】`, `【某某网】`: a dateline printed in brackets.
_BRACKETED_DATELINE_RE = re.compile(
    r"^[（(【\[]\s*(?P<inner>[^（）()【】\[\]]{2,40}?)\s*[)）】\]]\s*"
)
_REPORTED_FROM_RE = re.compile(r"[／/]\s*([\u4e00-\u9fff]{2,6}?)\s*(?:报道|报导|報道|報導)")
_DATELINE_END_RE = re.compile(r"(?P<date>(?:\d{1,2}月)?\d{1,2}日)?(?P<mark>专电|专讯|讯|电|消息)$")
# `本报讯 记者张三 通讯员李四报道：…`
_OPENING_REPORTED_RE = re.compile(
    r"^\s*([^，,。：:“”\"]{2,40}?)\s*(?:报道|报导|報道|報導)\s*[:：，,]?\s*"
)
# Agencies a wire dateline names by their first two characters: `路透上海3月2日 -`.
SHORT_AGENCY_NAMES = {"路透": "路透社", "美联": "美联社", "法新": "法新社", "中新": "中新社"}
# Marks that a dateline's outlet, not a place, must print: `某某网消息`, `路透上海3月2日 -`.
_OUTLET_MARKS = ("消息", "报道")


@dataclass(frozen=True)
class Dateline:
    """The dateline opening a story paragraph and what follows it.

    `outlet` is the outlet as printed (`本报`, `新华社`; a short agency name in full: `路透` →
    `路透社`), `place` where it was filed, `date_text` the printed day with no year (`3月2日`,
    `20日`, ``), `mark` the word closing it in simplified form (`讯`, `电`, `专电`, `消息`, `-`, …;
    `` for a bracketed outlet alone).
    """

    outlet: str
    place: str
    date_text: str
    mark: str
    credits: tuple[Credit, ...]
    rest: str


# `据某某晚报讯`, `据新华社北京3月2日电` retell another paper's dateline; `据新华社消息，…` is a
# sentence citing it, not a dateline.
RETOLD_MARKS = frozenset({"讯", "电", "专电", "专讯"})


@lru_cache(maxsize=CACHED_LINES)  # pure, and asked of each paragraph three or four times
def read_dateline(paragraph: str) -> Dateline | None:
    """`[【outlet】|outlet][place][date](讯|电|专电|专讯|消息|报道| -)[（credits）]` at the opening of
    a paragraph, tolerant of spaces beside digits; None when it opens with none.

    `新华社北京1月7日电 （杨希）国务院…` → outlet `新华社`, place `北京`, date `1月7日`, credits
    (杨希 author,), rest `国务院…`; `某某网 3 月 2 日消息，…`, `路透上海3月2日 - …`, `本报电 …`,
    `【某某网】（记者 张三）…`.
    """
    stripped = paragraph.lstrip()
    if stripped[:1] in ("据", "據"):  # `据某某晚报讯 …`: a brief retold from the paper it names
        retold = _bracketed_dateline(stripped[1:]) or _printed_dateline(stripped[1:])
        if retold is not None and retold.outlet and retold.mark in RETOLD_MARKS:
            return retold
    return _bracketed_dateline(stripped) or _printed_dateline(stripped)


def _bracketed_dateline(stripped: str) -> Dateline | None:
    bracketed = _BRACKETED_DATELINE_RE.match(stripped)
    if bracketed is None:
        return None
    inner = bracketed.group("inner")
    after = stripped[bracketed.end() :]
    end = _DATELINE_END_RE.search(simplified(inner))
    if end and (end.group("mark") != "电" or end.group("date")):
        outlet, place, credits = _dateline_parts(inner[: end.start()])
        if outlet or credits:
            return Dateline(
                outlet, place, end.group("date") or "", end.group("mark"), credits, after.lstrip()
            )
    if stripped[0] in "【[" and is_outlet_name(inner) and not end:  # `【某某网】（记者 张三）…`
        rest, credits = _opening_credits(after)
        return Dateline(_outlet_and_place(inner)[0], "", "", "", credits, rest)
    credits = parse_credit_line(inner)
    if credits:  # `（記者王小明／台北報導）…`, `（某某日报记者 张三）…`
        reported_from = _REPORTED_FROM_RE.search(inner)
        place = reported_from.group(1) if reported_from else ""
        role = GLUED_RUN_RE.search(simplified(inner))
        named = inner[: role.start()].strip() if role else ""
        outlet = named if is_outlet_name(named) else ""
        return Dateline(outlet, place, "", "", credits, after.lstrip())
    return None


def _printed_dateline(stripped: str) -> Dateline | None:
    found = _spaced_dateline(stripped, between_han=False)
    if found is None and re.search(rf"[{HAN}]\s+[{HAN}]", stripped[:MAX_DATELINE]):
        found = _spaced_dateline(stripped, between_han=True)
        return found if found and found.outlet else None
    return found


def _spaced_dateline(stripped: str, *, between_han: bool) -> Dateline | None:
    compact, positions = _compacted(stripped[:MAX_DATELINE], between_han=between_han)
    match = _DATELINE_RE.match(simplified(compact))
    if match is None:
        return None
    word = compact[: match.end("word")]
    mark = simplified(match.group("mark"))
    date_text = match.group("date") or ""
    plain_word = simplified(word)
    if plain_word.startswith("据") or (mark == "讯" and plain_word.endswith(_COLUMN_NEWS_WORDS)):
        return None  # `据某某网消息`: an attribution; `城市简讯`, `体育快讯`: a column's name
    outlet, place, credits = _dateline_parts(word)
    after = stripped[positions[match.end() - 1] + 1 :]
    joined_to_text = bool(after[:1] and re.match(rf"[{HAN}“\"‘]", after[:1]))
    if mark in ("讯", "专讯"):
        if joined_to_text and not (outlet and not place):
            return None
        if not outlet and not _is_place_word(place):
            return None
    elif not outlet or (joined_to_text and after[:1] not in '“"‘'):
        return None  # `电`, `消息`, `-` follow an outlet, and never run into the next word
    elif mark == "电" and not date_text and place:
        return None
    elif mark not in ("电", "专电") and mark not in _OUTLET_MARKS and not date_text:
        return None  # the wire dash follows a date
    rest, opening = _opening_credits(after)
    if not credits and not opening and _is_masthead_rest(rest):
        return (
            None  # `本报讯 2023年5月8日 星期一 第3版 综合新闻`: a masthead, not a story's opening
        )
    mark = "-" if mark[0] in "-—–－" else mark
    return Dateline(outlet, place, date_text, mark, credits or opening, rest)


def _opening_credits(after: str) -> tuple[str, tuple[Credit, ...]]:
    """The credits printed right after a dateline: `（记者 张三）`, `（杨希）`, `记者张三报道：`."""
    bracket = LEADING_BRACKET_RE.match(after)
    if bracket:
        credits = parse_credit_line(f"({bracket.group(1)})")
        if credits:
            return after[bracket.end() :].lstrip(" \u3000:：，,"), credits
    reported = _OPENING_REPORTED_RE.match(after)
    if reported:
        credits = parse_credit_line(reported.group(1))
        if credits:
            return after[reported.end() :].lstrip(" \u3000:：，,"), credits
    return after.lstrip(" \u3000:：，,-—–－"), ()


def _compacted(head: str, *, between_han: bool) -> tuple[str, Sequence[int]]:
    """`某某网 3 月 2 日消息` → (`某某网3月2日消息`, the index in `head` of each character kept):
    spaces beside a digit inside a dateline are dropped, and with `between_han` those between
    Chinese characters too (`新华社 北京 3月2日电`)."""
    if not _SPACE_RE.search(head):  # most paragraphs: nothing to drop
        return head, range(len(head))
    kept, positions = [], []
    for index, char in enumerate(head):
        if char.isspace() and kept:
            following = head[index + 1 : index + 2]
            joins = (kept[-1] + following).isalnum() and not (kept[-1] + following).isascii()
            if following.isspace() or (
                joins and (between_han or kept[-1].isdigit() or following.isdigit())
            ):
                continue
        kept.append(char)
        positions.append(index)
    return "".join(kept), positions


def split_dateline(paragraph: str) -> tuple[str, str, str, tuple[Credit, ...]]:
    """The `XX讯` / `新华社北京4月19日电` opening of a story paragraph.

    `运城晚报讯(记者 寻霄)“阿姨…` → (`“阿姨…`, outlet `运城晚报`, place ``, (寻霄 reporter,));
    `呼和浩特讯 在…` → (`在…`, ``, `呼和浩特`, ()); `新华社北京4月19日电(记者 X)…` → outlet
    `新华社`, place `北京`. No dateline: (paragraph, ``, ``, ()). `read_dateline` gives the rest.
    """
    found = read_dateline(paragraph)
    return (
        (found.rest, found.outlet, found.place, found.credits) if found else (paragraph, "", "", ())
    )


def dateline_date(paragraph: str) -> str:
    """The date a dateline prints, with no year: `新华社北京5月7日电（记者 赵明）…` → `5月7日`,
    `（中央社記者王小明台北20日電）…` → `20日`; `本报讯 …` → ``."""
    found = read_dateline(paragraph)
    return found.date_text if found else ""


def resolve_outlet(printed: str, publisher: str) -> tuple[str, str]:
    """The (source, via) of a story whose dateline or source line prints `printed`, on a page or
    site published by `publisher`: `本报`/`本台`/`本刊`/`本网`/`本站` or nothing is the publisher
    itself (`("本报", "永州日报")` → (`永州日报`, ``)); another outlet is the source and the
    publisher carries it (`("新华社", "永州日报")` → (`新华社`, `永州日报`))."""
    printed = printed.strip()
    if not printed or is_local_outlet_word(printed) or printed == publisher:
        return publisher, ""
    return printed, publisher


# `简讯`, `快讯`… name a column of briefs, not a place or outlet reporting (`南通讯` is one).
_COLUMN_NEWS_WORDS = ("简", "快", "资", "喜", "短", "音")


def _is_masthead_rest(rest: str) -> bool:
    """What follows `本报讯` on a masthead: the page's date, number and section, no sentence."""
    return (
        len(rest) <= dates.MAX_DATE_LINE
        and not re.search(r"[，,。！？!?；;：:]", rest)
        and dates.parse_date(rest)[0] is not None
    )


def _dateline_parts(word: str) -> tuple[str, str, tuple[Credit, ...]]:
    """`中央社記者王小明台北` → (`中央社`, `台北`, (王小明 reporter,)); `运城晚报` → outlet only."""
    outlet, rest = _outlet_and_place(word)
    role = ROLE_PREFIX_RE.match(simplified(rest))
    if role:
        named = rest[role.end() :]
        for length in (3, 2, 4):  # most names have three characters, then two
            name, place = named[:length], named[length:]
            if is_person_name(name) and len(place) != 1:
                return outlet, place, (Credit(name, ROLE_WORDS[role.group()]),)
    return outlet, rest, ()


def _outlet_and_place(word: str) -> tuple[str, str]:
    """`新华社北京` → (`新华社`, `北京`); `运城晚报` → (`运城晚报`, ``); `呼和浩特` → (``, `呼和浩特`);
    `路透上海` → (`路透社`, `上海`)."""
    if is_outlet_name(word):
        return word, ""
    for end in range(len(word) - 1, 1, -1):
        if is_outlet_name(word[:end]):
            return word[:end], word[end:]
    short = SHORT_AGENCY_NAMES.get(simplified(word[:2]))
    if short and len(word) != 3:
        return short, word[2:]
    return "", word


def _is_place_word(word: str) -> bool:
    return 2 <= len(word) <= 10 and bool(re.fullmatch(rf"[{HAN}]+", word))


def split_opening_credit(paragraph: str) -> tuple[str, str, tuple[Credit, ...]]:
    """`运城晚报讯(记者 寻霄)“阿姨…` → (`“阿姨…`, `运城晚报`, (Credit("寻霄", "reporter"),)).

    The word is the outlet when the dateline names one (`运城晚报`, `本报`, `新华社`), else the
    place (`呼和浩特`); tell them apart with `is_outlet_name`. No dateline: (paragraph, ``, ()).
    """
    rest, outlet, place, credits = split_dateline(paragraph)
    return rest, outlet or place, credits
