"""Rule 1 of the importer's grammars: mastheads and e-paper page references."""

from datetime import date

import pytest

from articles.importer import masthead
from articles.importer.masthead import Masthead
from articles.importer.records import Credit


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("《某某日报》（2024年03月08日 第 07 版）", Masthead("某某日报", date(2024, 3, 8), "7")),
        ("《某某日報》（2024年03月08日 第 07 版）", Masthead("某某日報", date(2024, 3, 8), "7")),
        ("《某某日报》（2024年03月08日第07版）", Masthead("某某日报", date(2024, 3, 8), "7")),
        ("《某某日报》(2024年3月8日 07版)", Masthead("某某日报", date(2024, 3, 8), "7")),
        ("《某某晚报》（2024年03月08日 第 A03 版）", Masthead("某某晚报", date(2024, 3, 8), "A3")),
        ("《某某日报》（2024年03月08日）", Masthead("某某日报", date(2024, 3, 8))),
        ("《某刊》（2024年03月08日 第 07 版）", Masthead("某刊", date(2024, 3, 8), "7")),
        (
            "来源：《某某日报》 2024-03-08 第07版：要闻",
            Masthead("某某日报", date(2024, 3, 8), "7", "要闻"),
        ),
        (
            "本报记者 张三 《某某日报》（2024年03月08日 第 07 版）",
            Masthead(
                "某某日报",
                date(2024, 3, 8),
                "7",
                byline="本报记者 张三",
                credits=(Credit("张三", "reporter"),),
            ),
        ),
        (
            "本報記者 張三《某某日報》（2024年03月08日 第 07 版）",
            Masthead(
                "某某日報",
                date(2024, 3, 8),
                "7",
                byline="本報記者 張三",
                credits=(Credit("張三", "reporter"),),
            ),
        ),
        (
            "某某日报 2024年3月8日 星期五 第3版 要闻",
            Masthead("某某日报", date(2024, 3, 8), "3", "要闻"),
        ),
        (
            "某某日報 2024年3月8日 星期五 第3版 要聞",
            Masthead("某某日報", date(2024, 3, 8), "3", "要聞"),
        ),
        ("某某日报2024年3月8日第3版", Masthead("某某日报", date(2024, 3, 8), "3")),
        (
            "某某晚报 2024年3月8日 星期五 A03版 城事",
            Masthead("某某晚报", date(2024, 3, 8), "A3", "城事"),
        ),
        (
            "本报讯 2023年5月8日 星期一 第3版 综合新闻",
            Masthead("本报", date(2023, 5, 8), "3", "综合新闻"),
        ),
        (
            "记者 张三 某某日报 2024年3月8日 星期五 第3版",
            Masthead(
                "某某日报",
                date(2024, 3, 8),
                "3",
                byline="记者 张三",
                credits=(Credit("张三", "reporter"),),
            ),
        ),
    ],
)
def test_mastheads(line, expected):
    assert masthead.parse_masthead(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "",
        "会议于2024年3月8日 第3版",
        "他说 2024年3月8日 第3版 要闻",
        "某某日报 2024年3月8日",  # a paper and a date, no page: a source line
        "《某书》（2024年03月08日）",
        "《某某日报》（3月8日 第 07 版）",  # no year: no issue date
        "2024年3月8日 星期五",
        "本报讯（记者 张三）2024年3月8日，全市开会。",
        "《某某日报》2024年3月8日刊发的文章引起关注。",
        "某某日报 2024年13月40日 第3版",
        "《某某日報》2024年3月8日刊發的文章引起關注。",
        "某某日報 2024 年 3 月 8 日",
    ],
)
def test_not_mastheads(line):
    assert masthead.parse_masthead(line) is None
