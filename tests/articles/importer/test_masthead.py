"""Rule 1 of the importer's grammars: mastheads and e-paper page references."""

from datetime import date

import pytest

from articles.importer import masthead
from articles.importer.masthead import Masthead
from articles.importer.pipeline import read_document
from articles.importer.records import Credit, SourceRecord

from .containers import CONTAINERS


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
    ("line", "expected"),
    [
        ("某某日报 · 民生版", Masthead("某某日报", section="民生")),
        ("某某日報 · 民生版", Masthead("某某日報", section="民生")),
        ("某某日报·民生版", Masthead("某某日报", section="民生")),
        ("某某日报 民生版", Masthead("某某日报", section="民生")),
        ("某某晚报｜城事版", Masthead("某某晚报", section="城事")),
        ("《某某日报》 / 文化周刊", Masthead("某某日报", section="文化周刊")),
        ("某某日報 · 文化副刊", Masthead("某某日報", section="文化副刊")),
        ("某某日报｜乡村振兴专版", Masthead("某某日报", section="乡村振兴专版")),
        ("《某某晚报》｜第A3版 要闻", Masthead("某某晚报", page="A3", section="要闻")),
        ("某某日报第5版", Masthead("某某日报", page="5")),
        ("某某都市報 第 12 版 社會", Masthead("某某都市報", page="12", section="社會")),
        ("新华社 · 体育版", Masthead("新华社", section="体育")),
    ],
)
def test_mastheads_that_print_no_date(line, expected):
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
        "某某日报 民生",  # no page, no 版: a paper and a word
        "某某日报民生版",  # run together, the paper's name and its edition are one name
        "社区食堂 · 民生版",  # no outlet's name
        "某某日报社举办读者开放日活动",
        "某某日报 · 版",
        "某某日報 · 讀者來信選登",
    ],
)
def test_not_mastheads(line):
    assert masthead.parse_masthead(line) is None


UNDATED_PAGE = """某某日报 · 民生版

社区食堂开进老旧小区

本报记者 周明远

为解决老年人吃饭难问题，城东街道在三个老旧小区开设社区食堂，六十岁以上老人就餐可享受八折优惠，每天供应早中晚三餐。

“家门口就能吃上热乎饭，子女也放心了。”居民陈大爷说。
"""


@pytest.mark.parametrize("container", sorted(CONTAINERS))
def test_a_masthead_with_no_date_names_the_source_in_every_container(container):
    name, data = CONTAINERS[container](UNDATED_PAGE, "undated_masthead")
    (story,) = read_document(name, data).stories
    assert story.title == "社区食堂开进老旧小区"
    assert story.source == SourceRecord("某某日报", "newspaper")
    assert story.credits == (Credit("周明远", "reporter"),)
    assert "民生版" not in story.body_html
