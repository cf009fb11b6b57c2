"""Rule 5 of the importer's grammars: one dateline grammar; rule 2's publisher words."""

import pytest

from articles.importer import bylines, datelines
from articles.importer.datelines import Dateline
from articles.importer.records import Credit


def credits(*pairs):
    return tuple(Credit(name, role) for name, role in pairs)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "新华社北京1月7日电 （周洁）国务院今天开会。",
            Dateline(
                "新华社", "北京", "1月7日", "电", credits(("周洁", "author")), "国务院今天开会。"
            ),
        ),
        (
            "新華社北京1月7日電（周潔）國務院今天開會。",
            Dateline(
                "新華社", "北京", "1月7日", "电", credits(("周潔", "author")), "國務院今天開會。"
            ),
        ),
        (
            "某某网 3 月 2 日消息，全市开会。",
            Dateline("某某网", "", "3月2日", "消息", (), "全市开会。"),
        ),
        ("某某网3月2日消息 全市开会。", Dateline("某某网", "", "3月2日", "消息", (), "全市开会。")),
        ("某某網消息，全市開會。", Dateline("某某網", "", "", "消息", (), "全市開會。")),
        (
            "路透上海3月2日 - 股市今天上涨。",
            Dateline("路透社", "上海", "3月2日", "-", (), "股市今天上涨。"),
        ),
        (
            "法新巴黎3月2日电 会议今天举行。",
            Dateline("法新社", "巴黎", "3月2日", "电", (), "会议今天举行。"),
        ),
        (
            "美联华盛顿 3月2日 - 会议今天举行。",
            Dateline("美联社", "华盛顿", "3月2日", "-", (), "会议今天举行。"),
        ),
        (
            "中新北京3月2日电（记者 李四）会议今天举行。",
            Dateline(
                "中新社", "北京", "3月2日", "电", credits(("李四", "reporter")), "会议今天举行。"
            ),
        ),
        ("本报电 全市开会。", Dateline("本报", "", "", "电", (), "全市开会。")),
        (
            "本報電（記者 張三）全市開會。",
            Dateline("本報", "", "", "电", credits(("張三", "reporter")), "全市開會。"),
        ),
        ("新华社电 国务院今天开会。", Dateline("新华社", "", "", "电", (), "国务院今天开会。")),
        (
            "本报北京3月2日专电 记者从部里获悉。",
            Dateline("本报", "北京", "3月2日", "专电", (), "记者从部里获悉。"),
        ),
        (
            "【某某网】（记者 张三）近日，全市开会。",
            Dateline("某某网", "", "", "", credits(("张三", "reporter")), "近日，全市开会。"),
        ),
        (
            "【某某網】（記者 張三）近日，全市開會。",
            Dateline("某某網", "", "", "", credits(("張三", "reporter")), "近日，全市開會。"),
        ),
        (
            "新华社 北京 3月2日电 今天，会议举行。",
            Dateline("新华社", "北京", "3月2日", "电", (), "今天，会议举行。"),
        ),
        (
            "人民网北京3 月 2 日电 （记者 王五）近日，会议举行。",
            Dateline(
                "人民网", "北京", "3月2日", "电", credits(("王五", "reporter")), "近日，会议举行。"
            ),
        ),
        (
            "某某日报 3月2日讯（记者张三实习记者李四）近日",
            Dateline(
                "某某日报",
                "",
                "3月2日",
                "讯",
                credits(("张三", "reporter"), ("李四", "intern")),
                "近日",
            ),
        ),
        (
            "本报讯（记者 张三 通讯员 李四）近日，全市开会。",
            Dateline(
                "本报",
                "",
                "",
                "讯",
                credits(("张三", "reporter"), ("李四", "correspondent")),
                "近日，全市开会。",
            ),
        ),
        ("某某市讯 在疫情防控一线。", Dateline("", "某某市", "", "讯", (), "在疫情防控一线。")),
        (
            "（中央社記者王小明台北20日電）行政院今天通過方案。",
            Dateline(
                "中央社",
                "台北",
                "20日",
                "电",
                credits(("王小明", "reporter")),
                "行政院今天通過方案。",
            ),
        ),
        ("【明報專訊】政府昨日宣布。", Dateline("明報", "", "", "专讯", (), "政府昨日宣布。")),
        (
            "（某某日报记者 张三）近日，全市开会。",
            Dateline("某某日报", "", "", "", credits(("张三", "reporter")), "近日，全市开会。"),
        ),
        (
            "（記者 張三）近日，全市開會。",
            Dateline("", "", "", "", credits(("張三", "reporter")), "近日，全市開會。"),
        ),
    ],
)
def test_dateline_grammar(paragraph, expected):
    assert datelines.read_dateline(paragraph) == expected


@pytest.mark.parametrize(
    "paragraph",
    [
        "某某网消息人士称，会议推迟。",
        "据新华社消息，全市开会。",
        "据某某网3月2日消息，全市开会。",
        "国家电网 今天开会。",
        "本报电视台讯",
        "3 月 2 日，全市开会。",
        "记者 张三 通讯员 李四",
        "记者从市通讯管理局获悉，今年用户增长。",
        "城市简讯",
        "本报讯 2023年5月8日 星期一 第3版 综合新闻",
        "北京3月2日电 会议举行。",  # a place files no dispatch: an outlet does
        "上海 - 股市今天上涨。",
        "（周洁）市府今天宣布。",
        "據新華社消息，全市開會。",
        "記者從市通訊管理局獲悉，今年用戶增長。",
        "北京 3 月 2 日電 會議舉行。",
        "",
    ],
)
def test_not_datelines(paragraph):
    assert datelines.read_dateline(paragraph) is None


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "新华社北京1月7日电 （周洁）国务院今天开会。",
            ("国务院今天开会。", "新华社", "北京", credits(("周洁", "author"))),
        ),
        ("某某网 3 月 2 日消息，全市开会。", ("全市开会。", "某某网", "", ())),
        ("路透上海3月2日 - 股市上涨。", ("股市上涨。", "路透社", "上海", ())),
        ("据新华社消息，全市开会。", ("据新华社消息，全市开会。", "", "", ())),
    ],
)
def test_split_dateline_wraps_the_grammar(paragraph, expected):
    assert datelines.split_dateline(paragraph) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("某某网 3 月 2 日消息，全市开会。", "3月2日"),
        ("路透上海3月2日 - 股市上涨。", "3月2日"),
        ("本报电 全市开会。", ""),
    ],
)
def test_dateline_date_wraps_the_grammar(paragraph, expected):
    assert datelines.dateline_date(paragraph) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("本报", True),
        ("本報", True),
        ("本台", True),
        ("本刊", True),
        ("本网", True),
        ("本網", True),
        ("本站", True),
        ("新华社", False),
        ("本地", False),
        ("某某日报", False),
    ],
)
def test_publisher_words(word, expected):
    assert bylines.is_local_outlet_word(word) is expected


@pytest.mark.parametrize(
    ("printed", "publisher", "expected"),
    [
        ("本报", "某某日报", ("某某日报", "")),
        ("本報", "某某日報", ("某某日報", "")),
        ("本台", "某某广播电视台", ("某某广播电视台", "")),
        ("本网", "某某网", ("某某网", "")),
        ("", "某某日报", ("某某日报", "")),
        ("某某日报", "某某日报", ("某某日报", "")),
        ("新华社", "某某日报", ("新华社", "某某日报")),
        ("另一日报", "某某日报", ("另一日报", "某某日报")),
        ("新华社", "", ("新华社", "")),
        ("本刊", "", ("", "")),
    ],
)
def test_resolve_outlet(printed, publisher, expected):
    assert datelines.resolve_outlet(printed, publisher) == expected


def test_a_dateline_naming_another_outlet_makes_it_the_source():
    found = datelines.read_dateline("另一日报北京3月2日电（记者 张三）会议今天举行。")
    assert datelines.resolve_outlet(found.outlet, "某某日报") == ("另一日报", "某某日报")
    found = datelines.read_dateline("本报北京3月2日电（记者 张三）会议今天举行。")
    assert datelines.resolve_outlet(found.outlet, "某某日报") == ("某某日报", "")


@pytest.mark.parametrize(
    ("paragraph", "outlet", "rest"),
    [
        (
            "据汀溪晚报讯 近日，南溪县建成首个数字化粮仓。",
            "汀溪晚报",
            "近日，南溪县建成首个数字化粮仓。",
        ),
        ("據青梧日報訊 近日，老街完成改造。", "青梧日報", "近日，老街完成改造。"),
        ("据新华社北京3月2日电 今天，会议召开。", "新华社", "今天，会议召开。"),
    ],
)
def test_a_brief_retold_from_another_paper_names_that_paper(paragraph, outlet, rest):
    found = datelines.read_dateline(paragraph)
    assert (found.outlet, found.rest.lstrip("，, ")) == (outlet, rest)


@pytest.mark.parametrize(
    "paragraph",
    ["据介绍，今年全市新增绿地。", "据了解，活动持续三天。", "据统计，全年接待游客百万人次。"],
)
def test_据_before_a_plain_clause_is_no_dateline(paragraph):
    assert datelines.read_dateline(paragraph) is None
