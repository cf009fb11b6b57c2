"""Rule 4 of the importer's grammars: how Chinese reports credit people, pictures and offices."""

import time

import pytest

from articles.importer import bylines, datelines
from articles.importer.bylines import CreditLine, FieldLine, Signature
from articles.importer.records import Credit


def credits(*pairs):
    return tuple(Credit(name, role) for name, role in pairs)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # closing verbs after the names
        ("本报记者 张三 采访整理", credits(("张三", "reporter"))),
        ("本報記者 張三 採訪整理", credits(("張三", "reporter"))),
        ("张三 整理", credits(("张三", "author"))),
        ("张三整理", credits(("张三", "author"))),
        ("记者 张三 李四 采写", credits(("张三", "reporter"), ("李四", "reporter"))),
        ("張三採寫", credits(("張三", "author"))),
        ("参与采写：王五 赵六", credits(("王五", "author"), ("赵六", "author"))),
        ("李四 供图", credits(("李四", "photographer"))),
        ("李四供圖", credits(("李四", "photographer"))),
        ("（张三 提供）", credits(("张三", "photographer"))),
        # glued role+name runs
        ("记者张三实习记者李四", credits(("张三", "reporter"), ("李四", "intern"))),
        ("記者張三實習記者李四", credits(("張三", "reporter"), ("李四", "intern"))),
        ("本报记者张三通讯员李四", credits(("张三", "reporter"), ("李四", "correspondent"))),
        ("实习记者 王五", credits(("王五", "intern"))),
        ("本报实习记者王五", credits(("王五", "intern"))),
        # padded names joined only when the parts make a name
        ("记者 李  强", credits(("李强", "reporter"))),
        ("記者 李\u3000強", credits(("李強", "reporter"))),
        ("审校：王 君", credits(("王君", "reviewer"))),
        ("记者 张三 李四", credits(("张三", "reporter"), ("李四", "reporter"))),
        # staff roles
        (
            "排版：李四 发稿：王五 签发：赵六",
            credits(("李四", "designer"), ("王五", "editor"), ("赵六", "reviewer")),
        ),
        (
            "排版 李四 發稿 王五 簽發 趙六",
            credits(("李四", "designer"), ("王五", "editor"), ("趙六", "reviewer")),
        ),
        ("美工 李四 责任校对 王五", credits(("李四", "designer"), ("王五", "proofreader"))),
        ("编辑 张三 图", credits(("张三", "editor"))),
        # the reporting verb and the place it names are no names
        ("本报记者 张三 北京报道", credits(("张三", "reporter"))),
        ("本報記者 張三 北京報道", credits(("張三", "reporter"))),
        ("首席记者 张三 发自北京", credits(("张三", "reporter"))),
        ("本报记者 张三 李四报道", credits(("张三", "reporter"), ("李四", "reporter"))),
        ("记者 李四 摄影报道", credits(("李四", "photographer"))),
        ("融媒体记者 张三", credits(("张三", "reporter"))),
        ("记者 欧阳 娜娜", credits(("欧阳娜娜", "reporter"))),
    ],
)
def test_credit_grammar(line, expected):
    found = bylines.read_credit_line(line)
    assert found is not None and found.credits == expected
    assert bylines.parse_credit_line(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("张三摄（新华社发）", CreditLine(credits(("张三", "photographer")), provider="新华社")),
        ("張三攝（新華社發）", CreditLine(credits(("張三", "photographer")), provider="新華社")),
        ("张三 摄（东方IC）", CreditLine(credits(("张三", "photographer")), provider="东方IC")),
        (
            "新华社记者 张三 摄（新华社发）",
            CreditLine(credits(("张三", "photographer")), provider="新华社"),
        ),
        ("（视觉中国供图）", CreditLine(provider="视觉中国")),
        ("（視覺中國供圖）", CreditLine(provider="視覺中國")),
        ("(新华社发)", CreditLine(provider="新华社")),
        ("图/受访者提供", CreditLine(provider="受访者")),
        ("圖／受訪者提供", CreditLine(provider="受訪者")),
        ("图 / 视觉中国", CreditLine(provider="视觉中国")),
        ("受访者供图", CreditLine(provider="受访者")),
        ("图片：东方IC", CreditLine(provider="东方IC")),
    ],
)
def test_picture_providers(line, expected):
    assert bylines.read_credit_line(line) == expected


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("作者：县人民医院", "县人民医院"),
        ("作者：縣人民醫院", "縣人民醫院"),
        ("作者 县融媒体中心", "县融媒体中心"),
        ("作者|县融媒体中心", "县融媒体中心"),
        ("文/县疾控中心", "县疾控中心"),
        ("文 / 市气象台", "市气象台"),
        ("撰稿：市委宣传部", "市委宣传部"),
        ("文/图 县融媒体中心", "县融媒体中心"),
        ("作者：人民网", "人民网"),
        ("作者：市第一人民医院", "市第一人民医院"),
    ],
)
def test_an_organisation_credited_as_the_writer_is_a_source(line, source):
    assert bylines.read_credit_line(line) == CreditLine(source=source)
    assert bylines.parse_credit_line(line) == ()


@pytest.mark.parametrize(
    "line",
    [
        "",
        "市民排队（视觉中国供图）",  # a caption, not a credit line
        "东方IC",
        "（东方IC）",
        "（上）",
        "（图）",
        "张三 李四",
        "记者节快乐",
        "整理房间",
        "供图",
        "图/市民在排队等候检测，秩序井然",
        "记者 王耀说,今天很冷。",
        "审核通过的项目",
        "记者 " + "张三 " * 40,  # longer than a credit line gets
    ],
)
def test_not_credit_lines(line):
    assert bylines.read_credit_line(line) is None
    assert bylines.parse_credit_line(line) == ()


def test_the_credit_rules_read_no_line_longer_than_one_limit():
    def line(count):
        return "通讯员：" + "、".join(["张三", "李四", "王五", "赵六"][i % 4] for i in range(count))

    fitting = max(count for count in range(1, 60) if len(line(count)) <= bylines.MAX_CREDIT_LINE)
    assert bylines.read_credit_line(line(fitting))
    assert bylines.read_credit_line(line(fitting + 1)) is None


@pytest.mark.parametrize(
    "word",
    sorted(word for word, role in bylines.ROLE_WORDS.items() if role in bylines.STAFF_ROLES),
)
def test_staff_are_never_writers_or_photographers(word):
    for line in (f"{word}：李四", f"{word} 李四 图", f"{word}：李四/摄", f"{word}：李四 采写"):
        found = bylines.parse_credit_line(line)
        assert found, line
        assert {credit.role for credit in found} <= bylines.STAFF_ROLES, line


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("王  敏", ("王敏",)),
        ("王\u3000敏", ("王敏",)),
        ("张三 李四", ("张三", "李四")),
        ("张三  李四", ("张三", "李四")),
        ("张三、李四、王五", ("张三", "李四", "王五")),
        ("張三，李四", ("張三", "李四")),
        ("张三/李四", ("张三", "李四")),
        ("欧阳娜娜 / 李 强", ("欧阳娜娜", "李强")),
        ("张三", ("张三",)),
        ("县人民医院", ()),
        ("张三 县人民医院", ()),
        ("城东发布", ()),
        ("疫情防控 指挥部", ()),
        ("", ()),
    ],
)
def test_split_author_list(value, expected):
    assert bylines.split_author_list(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("王  敏", CreditLine(credits(("王敏", "author")))),
        ("张三、李四", CreditLine(credits(("张三", "author"), ("李四", "author")))),
        ("記者 張三", CreditLine(credits(("張三", "reporter")))),
        ("县人民医院", CreditLine(source="县人民医院")),
        ("縣融媒體中心", CreditLine(source="縣融媒體中心")),
        ("作者：县人民医院", CreditLine(source="县人民医院")),
        ("人民网", CreditLine(source="人民网")),
        ("疫情防控 指挥部", None),
        ("市民", None),
        ("", None),
    ],
)
def test_read_author_field(value, expected):
    assert bylines.read_author_field(value) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "来源：某某日报 作者：王敏 李强 发布时间：2022-11-16 10:52 浏览：35",
            FieldLine(
                (
                    ("来源", "某某日报"),
                    ("作者", "王敏 李强"),
                    ("发布时间", "2022-11-16 10:52"),
                    ("浏览", "35"),
                ),
                source="某某日报",
                credits=credits(("王敏", "author"), ("李强", "author")),
                date_text="2022-11-16 10:52",
            ),
        ),
        (
            "來源：大公報 作者：張三",
            FieldLine(
                (("來源", "大公報"), ("作者", "張三")),
                source="大公報",
                credits=credits(("張三", "author")),
            ),
        ),
        (
            "来源:红网  编辑:王五",
            FieldLine(
                (("来源", "红网"), ("编辑", "王五")),
                source="红网",
                credits=credits(("王五", "editor")),
            ),
        ),
        (
            "2022-11-16 10:52 来源：红网",
            FieldLine((("来源", "红网"),), source="红网", date_text="2022-11-16 10:52"),
        ),
        ("【来源：人民网】", FieldLine((("来源", "人民网"),), source="人民网")),
        (
            "来源：某某日报 作者：县人民医院",
            FieldLine((("来源", "某某日报"), ("作者", "县人民医院")), source="某某日报"),
        ),
        ("作者：县人民医院", FieldLine((("作者", "县人民医院"),), source="县人民医院")),
        (
            "来源：本报 记者：张三",
            FieldLine(
                (("来源", "本报"), ("记者", "张三")),
                source="本报",
                credits=credits(("张三", "reporter")),
            ),
        ),
        (
            "来源：网络 编辑：王五",
            FieldLine((("来源", "网络"), ("编辑", "王五")), credits=credits(("王五", "editor"))),
        ),
        (
            "原文链接：https://example.com/a.html",
            FieldLine(
                (("原文链接", "https://example.com/a.html"),),
                original_url="https://example.com/a.html",
            ),
        ),
        (
            "文字：张三 图片：视觉中国",
            FieldLine(
                (("文字", "张三"), ("图片", "视觉中国")),
                credits=credits(("张三", "author")),
                provider="视觉中国",
            ),
        ),
        (
            "编辑 | 王芳  审核 | 张强",
            FieldLine(
                (("编辑", "王芳"), ("审核", "张强")),
                credits=credits(("王芳", "editor"), ("张强", "reviewer")),
            ),
        ),
    ],
)
def test_multi_field_lines_give_every_field(line, expected):
    assert bylines.read_field_line(line) == expected


@pytest.mark.parametrize(
    "line",
    ["记者：你们每天工作多久", "市民走进社区服务站", "党旗在一线高高飘扬", "", "来源于群众的智慧"],
)
def test_not_field_lines(line):
    assert bylines.read_field_line(line) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("——编 者", Signature("编者")),
        ("——編者", Signature("編者")),
        ("—— 本报评论员", Signature("本报评论员")),
        ("——本刊编辑部", Signature("本刊编辑部")),
        ("——张三（市委书记）", Signature("张三", "市委书记")),
        ("——張三（市委書記）", Signature("張三", "市委書記")),
        ("—— 李 强 （县人民医院院长）", Signature("李强", "县人民医院院长")),
        ("——欧阳娜娜", Signature("欧阳娜娜")),
        ("——记市人民医院护士长张三", None),
        ("——某某市直党员干部助力抗疫工作纪实", None),
        ("编者按：今天", None),
        ("张三（市委书记）", None),
    ],
)
def test_signatures(line, expected):
    assert bylines.parse_signature(line) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("（周洁）市政府今天宣布。", ("市政府今天宣布。", credits(("周洁", "author")))),
        ("(周潔)市政府今天宣布。", ("市政府今天宣布。", credits(("周潔", "author")))),
        ("（李 强）市政府今天宣布。", ("市政府今天宣布。", credits(("李强", "author")))),
        (
            "（记者 张三 通讯员 李四）近日，全市开会。",
            ("近日，全市开会。", credits(("张三", "reporter"), ("李四", "correspondent"))),
        ),
        ("（記者張三）近日，全市開會。", ("近日，全市開會。", credits(("張三", "reporter")))),
        (
            "（张三 李四）近日，全市开会。",
            ("近日，全市开会。", credits(("张三", "author"), ("李四", "author"))),
        ),
        ("（上）全市开会", ("（上）全市开会", ())),
        ("（图）市民排队", ("（图）市民排队", ())),
        ("（周洁）", ("（周洁）", ())),
        ("全市开会（周洁）", ("全市开会（周洁）", ())),
    ],
)
def test_bracketed_byline_at_the_opening(paragraph, expected):
    assert bylines.split_leading_credit(paragraph) == expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("大家都在默默付出。（周洁）", ("大家都在默默付出。", credits(("周洁", "author")))),
        ("大家都在默默付出。(周潔)", ("大家都在默默付出。", credits(("周潔", "author")))),
        ("大家都在默默付出。（李 强）", ("大家都在默默付出。", credits(("李强", "author")))),
        ("大家都在默默付出。（张三 采写）", ("大家都在默默付出。", credits(("张三", "author")))),
        (
            "大家都在默默付出。（记者张三实习记者李四）",
            ("大家都在默默付出。", credits(("张三", "reporter"), ("李四", "intern"))),
        ),
        ("大家都在默默付出（周洁）", ("大家都在默默付出（周洁）", ())),
        ("高永和(图右二)和同事值守。", ("高永和(图右二)和同事值守。", ())),
        ("大家都在默默付出。（完）", ("大家都在默默付出。（完）", ())),
        ("送审议。（編輯：李大同）1110420", ("送审议。", credits(("李大同", "editor")))),
        ("大家都在默默付出。（编辑 王 君）", ("大家都在默默付出。", credits(("王君", "editor")))),
    ],
)
def test_bracketed_byline_at_the_close(paragraph, expected):
    assert bylines.split_closing_credit(paragraph) == expected


def _seconds(read, text):
    started = time.perf_counter()
    read(text)
    return time.perf_counter() - started


@pytest.mark.parametrize(
    ("read", "unit"),
    [
        (datelines.read_dateline, "新华社北京3月2日电（记者 张三）市民排队，"),
        (bylines.split_closing_credit, "（市民排队"),
        (bylines.split_leading_credit, "（记者 张三）市民排队，"),
        (bylines.read_credit_line, "记者张三"),
        (bylines.read_field_line, "来源：某某网 "),
        (bylines.parse_source_line, "来源：某某网"),
    ],
)
def test_rules_read_a_line_in_time_linear_in_its_length(read, unit):
    short = min(_seconds(read, unit * 1000) for _ in range(3))
    long = min(_seconds(read, unit * 16000) for _ in range(3))
    assert long < 64 * short + 0.01  # 16 times the text: a quadratic rule would take 256 times
