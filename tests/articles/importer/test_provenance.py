"""Rule 6 of the importer's grammars: republication notices and the provenance chain."""

import pytest

from articles.importer import bylines, provenance
from articles.importer.provenance import ADDRESS, CREATOR, TAKEN_FROM, Notice, Provenance


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("本文为「城东发布」原创内容", Notice(CREATOR, "城东发布")),
        ("本文為「城東發佈」原創內容，轉載請註明出處", Notice(CREATOR, "城東發佈")),
        ("本文系某某网原创稿件，未经授权不得转载", Notice(CREATOR, "某某网")),
        ("版权归「某某日报」所有", Notice(CREATOR, "某某日报")),
        ("版权归某某日报所有，转载请注明出处", Notice(CREATOR, "某某日报")),
        ("版權歸某某日報所有", Notice(CREATOR, "某某日報")),
        ("版权归原作者所有，如有侵权请联系删除", Notice(CREATOR)),
        ("本文经授权转载自某某网", Notice(TAKEN_FROM, "某某网")),
        ("本文經授權轉載自某某網", Notice(TAKEN_FROM, "某某網")),
        (
            "本文经授权转载自微信公众号“城东发布”，点击查看原文",
            Notice(TAKEN_FROM, "城东发布", wechat=True),
        ),
        ("文章转载自：公众号：城东发布", Notice(TAKEN_FROM, "城东发布", wechat=True)),
        (
            "本文来自微信公众号“城东发布”（ID：cdfb2020），作者：张三，某某网经授权发布。",
            Notice(CREATOR, "城东发布", via="某某网", wechat=True),
        ),
        (
            "本文來自微信公眾號「城東發佈」（ID：cdfb2020），某某網經授權發佈。",
            Notice(CREATOR, "城東發佈", via="某某網", wechat=True),
        ),
        ("原载《某某周刊》2024年第3期", Notice(CREATOR, "某某周刊")),
        ("原载某某日报，有删节", Notice(CREATOR, "某某日报")),
        ("（本文原载某某日报）", Notice(CREATOR, "某某日报")),
        ("原載 某某日報", Notice(CREATOR, "某某日報")),
        ("转自某某网点击查看原文", Notice(TAKEN_FROM, "某某网")),
        ("转自 某某网 长按二维码关注", Notice(TAKEN_FROM, "某某网")),
        ("轉自某某網，歡迎分享", Notice(TAKEN_FROM, "某某網")),
        ("编辑：张三，本文转载自某某网", Notice(TAKEN_FROM, "某某网")),
        ("原文链接：https://example.com/a.html", Notice(ADDRESS, url="https://example.com/a.html")),
        (
            "原文連結：https://example.com/a.html。",
            Notice(ADDRESS, url="https://example.com/a.html"),
        ),
        ("原文地址: https://example.com/a?id=1", Notice(ADDRESS, url="https://example.com/a?id=1")),
    ],
)
def test_notices(line, expected):
    assert provenance.read_notice(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "",
        "扭转自身劣势，实现赶超",
        "为人民服务是原创的口号",
        "来自全国各地的医生",
        "城东发布原创",
        "他说这些照片都是原创",
        "记者 张三",
        "来源：某某日报",
        "点击阅读原文",
        "原文如下：",
        "為人民服務是原創的口號",
        "點擊閱讀原文",
        "來源： 某某日報",
    ],
)
def test_not_notices(line):
    assert provenance.read_notice(line) is None


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["本文为「城东发布」原创内容"], Provenance("城东发布")),
        (["原载某某日报", "转自某某网"], Provenance("某某日报", "某某网")),
        (["转自某某网", "原载某某日报"], Provenance("某某日报", "某某网")),
        (["本文经授权转载自某某网"], Provenance("某某网")),
        (
            ["本文来自微信公众号“城东发布”（ID：cdfb2020），某某网经授权发布。"],
            Provenance("城东发布", "某某网", origin_is_wechat=True),
        ),
        (
            ["正文第一段。", "版权归某某日报所有", "原文链接：https://example.com/a"],
            Provenance("某某日报", original_url="https://example.com/a"),
        ),
        (["版权归原作者所有", "转自某某网"], Provenance("某某网")),
        (["原載某某日報", "轉自某某網"], Provenance("某某日報", "某某網")),
        (["正文第一段。", "正文第二段。"], Provenance()),
        ([], Provenance()),
    ],
)
def test_provenance_chain(lines, expected):
    assert provenance.read_provenance(lines) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("来源：某某网，点击查看原文", "某某网"),
        ("来源：某某网点击查看原文", "某某网"),
        ("來源：某某網，點擊查看原文", "某某網"),
        ("转自某某网，欢迎分享", "某某网"),
        ("来源：某某网；编辑：张三", "某某网"),
        ("来源：某某日报 长按二维码关注", "某某日报"),
        ("来源：某某日报。", "某某日报"),
        ("来源：某某日报、某某网", "某某日报"),
        ("来源：某某网！关注我们", "某某网"),
        ("来源：点击率", None),
        ("来源：http://www.example.com", None),
    ],
)
def test_source_values_stop_at_a_clause_mark_or_call_to_action(line, expected):
    assert bylines.parse_source_line(line) == expected
