from datetime import date, datetime

import pytest

from articles.importer import dates
from articles.importer.dates import CHINA


def at(*parts):
    return datetime(*parts, tzinfo=CHINA)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年4月20日", (at(2022, 4, 20), "day")),
        ("2022年4月20日/星期三", (at(2022, 4, 20), "day")),
        ("2022-04-20", (at(2022, 4, 20), "day")),
        ("2022/4/20", (at(2022, 4, 20), "day")),
        ("2022.04.20", (at(2022, 4, 20), "day")),
        ("2022-04-20 10:52", (at(2022, 4, 20, 10, 52), "moment")),
        ("发布时间：2022-04-20 10:52:08 来源：永州日报", (at(2022, 4, 20, 10, 52, 8), "moment")),
        ("2022年4月20日 10时52分", (at(2022, 4, 20, 10, 52), "moment")),
        ("Mon, 07 Mar 2022 02:52:08 GMT", (at(2022, 3, 7, 10, 52, 8), "moment")),
        ("2022-03-07T02:52:08Z", (at(2022, 3, 7, 10, 52, 8), "moment")),
        ("2022-03-07T02:52:08.000Z", (at(2022, 3, 7, 10, 52, 8), "moment")),
        ("2022-04-20 10:52:08 +0800", (at(2022, 4, 20, 10, 52, 8), "moment")),
        ("Mon, 07 Mar 2022 10:52:08 +0800", (at(2022, 3, 7, 10, 52, 8), "moment")),
        ("２０２２年４月２０日", (at(2022, 4, 20), "day")),
        ("二〇二二年四月二十日", (at(2022, 4, 20), "day")),
        ("發佈時間：2022年4月20日 10時52分", (at(2022, 4, 20, 10, 52), "moment")),
        ("中華民國112年5月8日 星期一", (at(2023, 5, 8), "day")),
        ("民國112年5月8日", (at(2023, 5, 8), "day")),
        ("4月19日", (None, "unknown")),
        ("4月19日一大早,在盐湖区", (None, "unknown")),
        ("2022年13月40日", (None, "unknown")),
        ("编号20221234", (None, "unknown")),
        ("", (None, "unknown")),
    ],
)
def test_parse_date(text, expected):
    assert dates.parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4月19日", (at(2022, 4, 19), "day")),
        ("四月十九日", (at(2022, 4, 19), "day")),
        ("4月16日14点05分", (at(2022, 4, 16, 14, 5), "moment")),
        ("2021年12月31日", (at(2021, 12, 31), "day")),
        ("2月30日", (None, "unknown")),
    ],
)
def test_month_day_takes_the_page_year(text, expected):
    assert dates.parse_date(text, page_date=date(2022, 4, 20)) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("2022年4月20日/星期三", True),
        ("2022年4月20日 星期三 农历三月二十", True),
        ("2022-04-20 10:52", True),
        ("4月19日 星期二", True),
        ("2022年4月20日 第3版", True),
        ("“同志您好。”4月19日一大早,在盐湖区畜牧局家属院门口", False),
        ("党旗在一线高高飘扬", False),
    ],
)
def test_date_lines(line, expected):
    assert dates.is_date_line(line) is expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["", "机关干部下沉 助力疫情防控", "党旗在一线高高飘扬", "2022年4月20日/星期三"],
            (at(2022, 4, 20), "day"),
        ),
        (["让党旗在疫情防控一线高高飘扬", "寒风凛冽的农历正月,2月21日下午。"], (None, "unknown")),
        (["4月20日 星期三", "标题"], (None, "unknown")),
    ],
)
def test_find_page_date(lines, expected):
    assert dates.find_page_date(lines) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("4月19日 星期二", True), ("2022年4月19日", False), ("党旗在一线", False)],
)
def test_month_day_without_year(text, expected):
    assert dates.has_month_day_without_year(text) is expected


@pytest.mark.parametrize(
    ("printed", "page_date", "expected"),
    [
        ("5月7日", date(2023, 5, 8), (at(2023, 5, 7), "day")),
        ("5月8日", date(2023, 5, 8), (at(2023, 5, 8), "day")),
        ("12月31日", date(2023, 1, 2), (at(2022, 12, 31), "day")),
        ("20日", date(2023, 5, 21), (at(2023, 5, 20), "day")),
        ("30日", date(2023, 5, 2), (at(2023, 4, 30), "day")),
        ("31日", date(2023, 1, 1), (at(2022, 12, 31), "day")),
        ("五月七日", date(2023, 5, 8), (at(2023, 5, 7), "day")),
        ("5月7日", None, (None, "unknown")),
        ("2月30日", date(2023, 3, 1), (None, "unknown")),
        ("", date(2023, 5, 8), (None, "unknown")),
    ],
)
def test_dispatch_date_takes_the_missing_year_from_the_page(printed, page_date, expected):
    assert dates.dispatch_date(printed, page_date) == expected


@pytest.mark.parametrize(
    ("month", "day", "reference", "expected"),
    [
        (4, 19, date(2022, 4, 20), 2022),
        (12, 31, date(2023, 1, 2), 2022),
        (1, 2, date(2022, 12, 30), 2023),
        (5, 1, date(2023, 4, 20), 2023),  # an announced day later the same spring
        (7, 1, date(2023, 1, 1), 2023),
        (6, 30, date(2023, 12, 1), 2023),
        (6, 30, date(2023, 12, 31), 2024),  # nearer in the year after
        (2, 29, date(2024, 3, 1), 2024),
        (2, 29, date(2023, 3, 1), 2024),  # the only nearby year that has the day
        (2, 30, date(2023, 3, 1), None),
        (3, 2, date(2024, 3, 8), 2024),
    ],
)
def test_nearest_year(month, day, reference, expected):
    assert dates.nearest_year(month, day, reference) == expected


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("3月2日", date(2024, 3, 8), (at(2024, 3, 2), "day")),
        ("3 月 2 日", date(2024, 3, 8), (at(2024, 3, 2), "day")),
        ("3月2號", date(2024, 3, 8), (at(2024, 3, 2), "day")),
        ("12月31日", date(2023, 1, 2), (at(2022, 12, 31), "day")),
        ("1月2日电", date(2022, 12, 30), (at(2023, 1, 2), "day")),
        ("三月二日", date(2024, 3, 8), (at(2024, 3, 2), "day")),
        ("３月２日", date(2024, 3, 8), (at(2024, 3, 2), "day")),
        ("3月2日", None, (None, "unknown")),  # never the clock's year
        ("2021年3月2日", date(2024, 3, 8), (at(2021, 3, 2), "day")),
        ("3月2日10时30分", date(2024, 3, 8), (at(2024, 3, 2, 10, 30), "moment")),
        ("2月30日", date(2024, 3, 8), (None, "unknown")),
    ],
)
def test_a_year_less_date_takes_the_reference_year(text, reference, expected):
    assert dates.parse_date(text, page_date=reference) == expected


@pytest.mark.parametrize(
    ("published", "dispatch", "reference", "expected"),
    [
        # the issue date of the page, not the dispatch day, dates the story
        (
            [(at(2024, 3, 8), "day")],
            "3月7日",
            None,
            dates.StoryDate(at(2024, 3, 8), "day", at(2024, 3, 7)),
        ),
        (
            [(None, "unknown"), (at(2024, 3, 8, 9, 30), "moment")],
            "",
            None,
            dates.StoryDate(at(2024, 3, 8, 9, 30), "moment"),
        ),
        (
            [(at(2023, 1, 2), "day")],
            "12月31日",
            None,
            dates.StoryDate(at(2023, 1, 2), "day", at(2022, 12, 31)),
        ),
        (
            [(at(2024, 3, 8), "day")],
            "7日",
            None,
            dates.StoryDate(at(2024, 3, 8), "day", at(2024, 3, 7)),
        ),
        # nothing else known: the dispatch day, flagged
        (
            [],
            "3月7日",
            date(2024, 3, 8),
            dates.StoryDate(at(2024, 3, 7), "day", at(2024, 3, 7), from_dispatch=True),
        ),
        (
            [(None, "unknown")],
            "3月7日",
            date(2024, 3, 8),
            dates.StoryDate(at(2024, 3, 7), "day", at(2024, 3, 7), from_dispatch=True),
        ),
        ([], "3月7日", None, dates.StoryDate()),  # no year anywhere: unknown, never the clock's
        ([], "3 月 7 日", None, dates.StoryDate()),
        (
            [(at(2024, 3, 8), "day")],
            "3 月 7 日",
            None,
            dates.StoryDate(at(2024, 3, 8), "day", at(2024, 3, 7)),
        ),
        ([], "", None, dates.StoryDate()),
        ([], "", date(2024, 3, 8), dates.StoryDate()),
        (
            [(at(2024, 3, 8), "day"), (at(2024, 3, 9), "day")],
            "",
            None,
            dates.StoryDate(at(2024, 3, 8), "day"),
        ),
    ],
)
def test_story_date_is_the_publication_date(published, dispatch, reference, expected):
    assert dates.story_date(published, dispatch=dispatch, reference=reference) == expected
