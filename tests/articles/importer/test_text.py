import pytest

from articles.importer import text
from articles.importer.records import Credit


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\ufeff　　疫情就是命令。\r", "疫情就是命令。"),
        ("  • 重要新闻", "• 重要新闻"),
        ("记者\u00a0王耀", "记者 王耀"),
        ("“你们来了,顶了大事!”", "“你们来了,顶了大事!”"),  # half-width punctuation kept
    ],
)
def test_clean_line(raw, expected):
    assert text.clean_line(raw) == expected


def test_non_blank_lines_keep_offsets_into_crlf_text():
    source = "标题一\r\n\r\n正文第一段。\r\n"
    lines = text.non_blank_lines(source)
    assert [line.text for line in lines] == ["标题一", "正文第一段。"]
    assert text.original_span(source, lines) == "标题一\r\n\r\n正文第一段。"


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("疫情防控第一道坚实防线。", True),
        ("“你们来了,顶了大事!”", True),
        ("帮老年人推车子……", True),
        ("提升检测登记效能,切实筑牢", False),
        ("每一位到核", False),
        ("他回来后,基本上到了第二天6点,", False),
        ("", False),
    ],
)
def test_ends_sentence(paragraph, expected):
    assert text.ends_sentence(paragraph) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("……", True), ("......", True), ("…", True), ("此外……", False), ("。", False)],
)
def test_ellipsis_lines(line, expected):
    assert text.is_ellipsis_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("党旗插在最高处", True),
        ("核酸检测“服务到家” 开启暖心“敲门行动”", True),
        ("防控、教学两不误", True),
        ("党旗所指,团旗所向", True),
        ("“我能出去买一碗羊肉泡吗?”", False),
        ("疫情防控第一道坚实防线。", False),
        ("记者 王耀", False),
        ("(杨希)", False),
        ("2022年4月20日/星期三", False),
        ("来源:永州日报", False),
        ("呼和浩特讯 在呼和浩特市", False),
        ("……", False),
        ("这是一段很长很长的文字" * 5, False),
    ],
)
def test_heading_like(line, expected):
    assert text.is_heading_like(line) is expected


@pytest.mark.parametrize(
    ("paragraph", "following", "expected"),
    [
        (
            "临时党支部通过组织班前动员、防控政策专题学习,不断优化分工配置、提升检测登记效能,切实筑牢",
            "疫情防控第一道坚实防线。",
            True,
        ),
        (
            "呼和浩特讯 2月21日上午,呼和浩特市赛罕区启动第三轮核酸检测工作。在赛罕区科尔沁街道,每一位到核",
            "酸检测点进行检测的居民都拿到了一张绿色的卡片,这张小小的绿色卡片有什么作用?",
            True,
        ),
        (
            "一名党员就是一面旗帜。面对来势汹汹",
            "的疫情,全区广大党员干部发扬“舍小家、顾大家”的大局意识。",
            True,
        ),
        ("在赛罕区,疫情期间有数不清的像刘", "志苗这样的志愿者勇挑重担,面对疫情冲在最前面。", True),
        ("他回来后,基本上到了第二天6点,", "小区都不会有人出入。”高永和说。", True),
        # real paragraph breaks and headings stay apart
        ("疫情就是命令,防控就是责任。", "一名党员就是一面旗帜。", False),
        ("党旗所指,团旗所向", "清河口疫情联防联控工作队队员姚云乾是市实验中学团委书记。", False),
        ("市宾馆", "心系防疫一线 情暖下沉干部", False),
        ("临时党支部 战“疫”当先锋", "“同志您好,请打开健康码。”", False),
        ("他们的坚守与付出为战胜疫情提供了巨大的支持,还有很多很多", "(李琛瑶 杨金玲)", False),
        ("在呼和浩特市疫情防控一线,有一些特别的战“疫”搭档,他们", "党员冲在最前线", False),
        ("帮老年人推车子,还有很多很多的小事情要做", "……", False),
    ],
)
def test_continues_in_next(paragraph, following, expected):
    assert text.continues_in_next(paragraph, following) is expected


def test_rejoin_column_breaks_joins_with_no_space_and_keeps_real_breaks():
    paragraphs = [
        "自干部下沉社区助力疫情防控工作以来,这里分别由市市场监管局、市规划和自然资源局和山西新",
        "产业技师学院包联。",
        "临时党支部实行24小时轮流值班制,切实筑牢",
        "疫情防控第一道坚实防线。",
        "记者 王耀",
    ]
    assert text.rejoin_column_breaks(paragraphs) == [
        "自干部下沉社区助力疫情防控工作以来,这里分别由市市场监管局、市规划和自然资源局和山西新产业技师学院包联。",
        "临时党支部实行24小时轮流值班制,切实筑牢疫情防控第一道坚实防线。",
        "记者 王耀",
    ]


LONG = "为打赢疫情防控阻击战,樊城区从各单位抽调365名党员干部,成立了疫情联防联控工作队。"


@pytest.mark.parametrize(
    ("previous", "line", "following", "expected"),
    [
        (LONG, "党员就要冲锋在前", LONG, True),
        (LONG, "人民需要,我责无旁贷", LONG, True),
        (LONG, "像这样的联防员还有很多很多", "像这样感人的故事还在不断上演", False),
        ("他们冲锋“疫”线", "用行动践行誓言", "用初心擦亮党徽!", False),
        (None, "党员就要冲锋在前", LONG, False),
        (LONG, "党员就要冲锋在前", None, False),
        (LONG, "疫情就是命令。", LONG, False),
        (LONG, "“疫”声令下显担当", "生命重于泰山,疫情就是命令。", True),
        (LONG, "党员就要冲锋在前", "……", False),
    ],
)
def test_subheads(previous, line, following, expected):
    assert text.is_subhead(previous, line, following) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "汇聚“红”力量 守护健康“绿”——永州市直党员干部助力零陵抗疫工作纪实",
            ("汇聚“红”力量 守护健康“绿”", "永州市直党员干部助力零陵抗疫工作纪实"),
        ),
        ("党旗在一线高高飘扬", ("党旗在一线高高飘扬", "")),
        ("——", ("——", "")),
    ],
)
def test_split_subtitle(title, expected):
    assert text.split_subtitle(title) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["市宾馆", "心系防疫一线 情暖下沉干部"], ("市宾馆", "心系防疫一线 情暖下沉干部", "")),
        (["临时党支部 战“疫”当先锋"], ("", "临时党支部 战“疫”当先锋", "")),
        (
            ["心系防疫一线 情暖下沉干部", "——记市宾馆党支部"],
            ("", "心系防疫一线 情暖下沉干部", "记市宾馆党支部"),
        ),
        (["心系防疫一线 情暖下沉干部", "市宾馆"], ("", "心系防疫一线 情暖下沉干部", "市宾馆")),
        ([], ("", "", "")),
    ],
)
def test_split_title_block(lines, expected):
    assert text.split_title_block(lines) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            ["这是一支", "由365名精兵强将组成的特派“部队”", "他们中有教师"],
            "这是一支由365名精兵强将组成的特派“部队”",
        ),
        (["关键时刻冲得上,危难关头豁得出。", "疫情期间"], "关键时刻冲得上,危难关头豁得出"),
        (
            [
                "为打赢疫情防控阻击战,2月1日,樊城区从各单位抽调365名党员干部,成立了10支疫情联防联控工作队。"
            ],
            "为打赢疫情防控阻击战,2月1日",
        ),
        (["……", "致敬!365名联防员"], "致敬!365名联防员"),
    ],
)
def test_infer_title(paragraphs, expected):
    assert text.infer_title(paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraph", "limit", "expected"),
    [
        ("疫情就是命令。防控就是责任。", 150, "疫情就是命令。防控就是责任。"),
        ("疫情就是命令。防控就是责任。", 10, "疫情就是命令。"),
        ("疫情就是命令防控就是责任", 6, "疫情就是命…"),
    ],
)
def test_excerpt(paragraph, limit, expected):
    assert text.excerpt(paragraph, limit) == expected


def test_first_lead_skips_subheads_and_elisions():
    assert (
        text.first_lead([("h2", "党旗插在最高处"), ("p", "……"), ("p", "疫情就是命令。")])
        == "疫情就是命令。"
    )


@pytest.mark.parametrize(
    ("line", "source", "credits", "precision"),
    [
        ("来源:永州日报", "永州日报", (), "unknown"),
        ("作者:彭沛 黎俊", "", (Credit("彭沛", "author"), Credit("黎俊", "author")), "unknown"),
        ("编辑:陈小婷", "", (Credit("陈小婷", "editor"),), "unknown"),
        (
            "2022-11-16 10:52 来源：永州日报 作者：彭沛",
            "永州日报",
            (Credit("彭沛", "author"),),
            "moment",
        ),
        ("發佈時間：2022年11月16日 來源：永州日報", "永州日報", (), "day"),
    ],
)
def test_read_meta_line(line, source, credits, precision):
    meta = text.read_meta_line(line)
    assert (meta.source, meta.credits, meta.date_precision) == (source, credits, precision)


@pytest.mark.parametrize(
    "line", ["疫情就是命令,防控就是责任。", "党旗插在最高处", "他说:来源很重要。"]
)
def test_not_meta_lines(line):
    assert text.read_meta_line(line) is None


@pytest.mark.parametrize(
    ("inferred", "reported_at", "source", "year_missing", "expected"),
    [
        (True, None, None, False, ("标题为推断", "日期不详", "来源不详")),
        (False, None, object(), True, ("日期缺少年份",)),
        (False, object(), object(), False, ()),
    ],
)
def test_story_warnings(inferred, reported_at, source, year_missing, expected):
    assert (
        text.story_warnings(
            title_inferred=inferred,
            reported_at=reported_at,
            source=source,
            year_missing=year_missing,
        )
        == expected
    )


@pytest.mark.parametrize(
    "line",
    ["此外,他们还还为居家隔离人员买水、买全麦面包、送外卖,帮老年人推车子……", "甲,乙,丙"],
)
def test_sentences_are_not_headings(line):
    assert text.is_heading_like(line) is False
