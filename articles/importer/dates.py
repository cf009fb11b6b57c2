"""Dates as Chinese news reports print them, read without ever inventing a missing year.

Precision is an `Article.DatePrecision` value: `day`, `moment` or `unknown`.
"""

from __future__ import annotations

import email.utils
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")
UNKNOWN: tuple[datetime | None, str] = (None, "unknown")

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９：／－．", "0123456789:/-.")
_CHINESE_DIGITS = dict(
    zip("〇零○Ｏ一二三四五六七八九", [0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9], strict=True)
)
_CHINESE_NUMBER = "〇零○Ｏ一二三四五六七八九十廿"


def _chinese_number(text: str) -> int:
    """`二〇二二` → 2022, `二十` → 20, `十九` → 19, `四` → 4."""
    if "十" in text or "廿" in text:
        tens, _, units = text.replace("廿", "二十").partition("十")
        return (_CHINESE_DIGITS.get(tens, 1) if tens else 1) * 10 + (
            _CHINESE_DIGITS[units] if units else 0
        )
    return int("".join(str(_CHINESE_DIGITS[char]) for char in text))


_CHINESE_DATE_RE = re.compile(
    rf"(?:(?P<year>[{_CHINESE_NUMBER}]{{4}})年)?(?P<month>[{_CHINESE_NUMBER}]{{1,3}})月"
    rf"(?P<day>[{_CHINESE_NUMBER}]{{1,3}})[日号號]"
)


_ROC_YEAR_RE = re.compile(r"(?:中華民國|中华民国|民國|民国)\s*(\d{2,3})\s*年")
ROC_YEAR_OFFSET = 1911


def normalise_digits(text: str) -> str:
    """Full-width `２０２２年４月２０日` and Chinese-numeral `二〇二二年四月二十日` → `2022年4月20日`;
    a Taiwanese `民國112年5月8日` → `2023年5月8日`."""
    text = text.translate(_FULL_WIDTH_DIGITS)
    text = _ROC_YEAR_RE.sub(lambda match: f"{int(match.group(1)) + ROC_YEAR_OFFSET}年", text)

    def arabic(match):
        year = match.group("year")
        prefix = f"{_chinese_number(year)}年" if year else ""
        return f"{prefix}{_chinese_number(match.group('month'))}月{_chinese_number(match.group('day'))}日"

    return _CHINESE_DATE_RE.sub(arabic, text)


_FULL_DATE_RE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*(?:年|[-/.])\s*(?P<month>\d{1,2})\s*(?:月|[-/.])\s*"
    r"(?P<day>\d{1,2})(?!\d)\s*[日号號]?"
    r"(?:[\sT,，]*(?P<hour>\d{1,2})\s*[:时点時點]\s*(?P<minute>\d{1,2})(?:\s*[:分]\s*(?P<second>\d{1,2}))?)?"
    r"(?:\.\d{1,6})?\s?(?P<offset>Z|[+-]\d{2}:?\d{2}(?!\d))?"
)
_MONTH_DAY_RE = re.compile(
    r"(?<![\d年])(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*[日号號]"
    r"(?:\s*(?P<hour>\d{1,2})[:时点時點](?P<minute>\d{1,2})?)?"
)
_RFC_2822_RE = re.compile(
    r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[A-Z]{1,5}|[+-]\d{4})?"
)


def _aware(year, month, day, hour=None, minute=None, second=None, offset=None):
    moment = hour is not None
    try:
        value = datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
        )
    except ValueError:
        return None
    if offset:
        zone = datetime.fromisoformat(f"2000-01-01T00:00:00{offset.replace('Z', '+00:00')}")
        value = value.replace(tzinfo=zone.tzinfo).astimezone(CHINA)
    else:
        value = value.replace(tzinfo=CHINA)
    return value, "moment" if moment else "day"


def parse_date(text: str, *, page_date: date | None = None) -> tuple[datetime | None, str]:
    """The first date in `text` as an aware Asia/Shanghai datetime and its precision.

    `2022年4月20日/星期三` → (2022-04-20 00:00+08:00, "day"); `2022-04-20 10:52` → "moment";
    `Mon, 07 Mar 2022 02:52:08 GMT` → (2022-03-07 10:52:08+08:00, "moment");
    `4月19日` → that day in the year nearest `page_date` (`nearest_year`), or (None, "unknown")
    with no page date: a year is never invented.
    """
    if not text:
        return UNKNOWN
    normal = normalise_digits(text)
    rfc = _RFC_2822_RE.search(normal)
    if rfc:
        try:
            parsed = email.utils.parsedate_to_datetime(rfc.group())
        except (TypeError, ValueError):
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is None:
                parsed = parsed.replace(tzinfo=CHINA)
            return parsed.astimezone(CHINA), "moment"
    for match in _FULL_DATE_RE.finditer(normal):
        found = _aware(**match.groupdict())
        if found:
            return found
    if page_date is not None:
        for match in _MONTH_DAY_RE.finditer(normal):
            year = nearest_year(int(match.group("month")), int(match.group("day")), page_date)
            found = _aware(year, **match.groupdict()) if year else None
            if found:
                return found
    return UNKNOWN


def nearest_year(month: int, day: int, reference: date) -> int | None:
    """The year that sets `month`/`day` nearest to `reference`, the page's or the metadata's date
    (never the clock's): `12月31日` near 2023-01-02 is in 2022, `4月19日` near 2022-04-20 in 2022.
    None when no year has that day (`2月30日`)."""
    found = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            found.append((abs((date(year, month, day) - reference).days), year))
        except ValueError:
            continue
    return min(found)[1] if found else None


_DISPATCH_DATE_RE = re.compile(r"^(?:(?P<month>\d{1,2})\s*月\s*)?(?P<day>\d{1,2})\s*[日号號]$")


def dispatch_date(printed: str, page_date: date | None) -> tuple[datetime | None, str]:
    """The date of a dispatch whose dateline prints no year: `新华社北京5月7日电` → `5月7日`.

    The year (and, for `台北20日電`, the month) come from the page it was printed on; a dispatch
    filed on a later month or day than the page is from the year (or month) before: `12月31日`
    on a page of 2023-01-02 is 2022-12-31. No page date: (None, "unknown").
    """
    match = _DISPATCH_DATE_RE.match(normalise_digits(printed.strip()))
    if match is None or page_date is None:
        return UNKNOWN
    day = int(match.group("day"))
    if match.group("month"):
        month = int(match.group("month"))
        year = page_date.year - ((month, day) > (page_date.month, page_date.day))
    else:
        year, month = page_date.year, page_date.month
        if day > page_date.day:
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return _aware(year, month, day) or UNKNOWN


def has_month_day_without_year(text: str) -> bool:
    """`4月19日 星期二`: a date printed without its year (worth a warning when nothing else dates the story)."""
    normal = normalise_digits(text)
    return bool(_MONTH_DAY_RE.search(normal)) and not _FULL_DATE_RE.search(normal)


MAX_DATE_LINE = 40
_DATE_LINE_NOISE_RE = re.compile(
    r"星期[一二三四五六日天]|周[一二三四五六日天]|[週禮]拜?[一二三四五六日天]|农历\S*|農曆\S*|"
    r"第\s*\d+\s*[版期]|[A-Z]\d{1,2}版|[\s/|｜·,，、()（）\[\]【】]"
)


def is_date_line(line: str) -> bool:
    """A line that is a date and little else: `2022年4月20日/星期三`, `2022-04-20 10:52`, `4月19日 星期二`."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_DATE_LINE:
        return False
    normal = normalise_digits(stripped)
    match = (
        _RFC_2822_RE.search(normal) or _FULL_DATE_RE.search(normal) or _MONTH_DAY_RE.search(normal)
    )
    if match is None:
        return False
    rest = _DATE_LINE_NOISE_RE.sub("", normal[: match.start()] + normal[match.end() :])
    return len(rest) <= 4


def find_page_date(lines, *, limit: int = 12) -> tuple[datetime | None, str]:
    """The date a page prints on a line of its own among its first `limit` lines.

    `["机关干部下沉 助力疫情防控", "党旗在一线高高飘扬", "2022年4月20日/星期三"]` → 2022-04-20, "day".
    """
    for line in [line for line in lines if line.strip()][:limit]:
        if is_date_line(line):
            found = parse_date(line)
            if found[0] is not None:
                return found
    return UNKNOWN


@dataclass(frozen=True)
class StoryDate:
    """The date an article carries, and the dispatch day its dateline prints, kept apart."""

    reported_at: datetime | None = None
    precision: str = "unknown"
    dispatched_on: datetime | None = None
    from_dispatch: bool = False  # only the dispatch day dates the story: an editor should check


def story_date(
    published: Sequence[tuple[datetime | None, str]],
    *,
    dispatch: str = "",
    reference: date | None = None,
) -> StoryDate:
    """An article's date is its outlet's publication date: the first known of `published` (the
    issue date of its page, the date in its metadata, the publish time of its web page, in the
    caller's order of trust).

    The dispatch day of a `新华社北京3月2日电` dateline (`dispatch="3月2日"`) takes its year from that
    date, else from `reference`, and is kept in `dispatched_on`; it dates the story only when
    nothing else does, flagged `from_dispatch`. With neither, the date is unknown: never the
    clock's.
    """
    reported_at, precision = next(((at, kind) for at, kind in published if at), UNKNOWN)
    anchor = reported_at.date() if reported_at else reference
    dispatched_on = dispatch_date(dispatch, anchor)[0] if dispatch else None
    if reported_at is not None:
        return StoryDate(reported_at, precision, dispatched_on)
    if dispatched_on is not None:
        return StoryDate(dispatched_on, "day", dispatched_on, from_dispatch=True)
    return StoryDate()
