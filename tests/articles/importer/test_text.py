import pytest

from articles.importer import bylines, classify, leads, meta_lines, prose, titles
from articles.importer.lines import clean_line, clean_text, non_blank_lines, original_span
from articles.importer.records import Credit
from articles.importer.story import (
    body_blocks,
    split_photo_credits,
    story_warnings,
    strip_story_edges,
)


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
    assert clean_line(raw) == expected


def test_non_blank_lines_keep_offsets_into_crlf_text():
    source = "标题一\r\n\r\n正文第一段。\r\n"
    lines = non_blank_lines(source)
    assert [line.text for line in lines] == ["标题一", "正文第一段。"]
    assert original_span(source, lines) == "标题一\r\n\r\n正文第一段。"


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
    assert prose.ends_sentence(paragraph) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [("……", True), ("......", True), ("…", True), ("此外……", False), ("。", False)],
)
def test_ellipsis_lines(line, expected):
    assert prose.is_ellipsis_line(line) is expected


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
    assert prose.is_heading_like(line) is expected


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
        ("一、小小诊所连着千家万户", "王建国的诊所不大，只有两间平房。", False),
        ("（二）学无止境提升本领", "为了提高医术，他每年都参加培训。", False),
        (
            "避免前往山區與海邊。（編輯：李大同）1120507",
            "市府今天召開防颱會議，要求做好整備。",
            False,
        ),
    ],
)
def test_continues_in_next(paragraph, following, expected):
    assert prose.continues_in_next(paragraph, following) is expected


def test_rejoin_column_breaks_joins_with_no_space_and_keeps_real_breaks():
    paragraphs = [
        "自干部下沉社区助力疫情防控工作以来,这里分别由市市场监管局、市规划和自然资源局和山西新",
        "产业技师学院包联。",
        "临时党支部实行24小时轮流值班制,切实筑牢",
        "疫情防控第一道坚实防线。",
        "记者 王耀",
    ]
    assert prose.rejoin_column_breaks(paragraphs) == [
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
    assert prose.is_subhead(previous, line, following) is expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "汇聚“红”力量 守护健康“绿”——永州市直党员干部助力零陵抗疫工作纪实",
            ("汇聚“红”力量 守护健康“绿”", "永州市直党员干部助力零陵抗疫工作纪实"),
        ),
        ("党旗在一线高高飘扬", ("党旗在一线高高飘扬", "")),
    ],
)
def test_a_headline_holding_a_dash_splits_into_headline_and_subtitle(title, expected):
    assert titles.split_title_block([title]) == ("", *expected)


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
    assert titles.split_title_block(lines) == expected


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
        (["他们是逆行者", "他们是守护者", "他们是战士"], "他们是逆行者 他们是守护者"),
    ],
)
def test_infer_title(paragraphs, expected):
    assert titles.infer_title(paragraphs) == expected


@pytest.mark.parametrize(
    ("paragraph", "limit", "expected"),
    [
        ("疫情就是命令。防控就是责任。", 150, "疫情就是命令。防控就是责任。"),
        ("疫情就是命令。防控就是责任。", 10, "疫情就是命令。"),
        ("疫情就是命令防控就是责任", 6, "疫情就是命…"),
    ],
)
def test_excerpt(paragraph, limit, expected):
    assert leads.excerpt(paragraph, limit) == expected


def test_first_lead_skips_subheads_and_elisions():
    assert (
        leads.first_lead([("h2", "党旗插在最高处"), ("p", "……"), ("p", "疫情就是命令。")])
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
    meta = meta_lines.read_meta_line(line)
    assert (meta.source, meta.credits, meta.date_precision) == (source, credits, precision)


@pytest.mark.parametrize(
    "line",
    [
        "疫情就是命令,防控就是责任。",
        "党旗插在最高处",
        "他说:来源很重要。",
        "记者：你们每天要工作多久",
        "记者：你们每天要工作多久？",
        "时间：就是生命",
    ],
)
def test_not_meta_lines(line):
    assert meta_lines.read_meta_line(line) is None


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
        story_warnings(
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
    assert prose.is_heading_like(line) is False


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("运城晚报 2022年4月20日 星期三 第3版", True),
        ("原创 樊城发布 2022-02-14 08:00", True),
        ("4月20日 星期三", False),
        ("2022年4月20日,全市召开会议。", False),
        ("党旗在一线高高飘扬", False),
    ],
)
def test_dated_lines(line, expected):
    assert prose.is_dated_line(line) is expected


def test_gather_meta_takes_credits_source_and_date_out_of_the_story():
    lines = non_blank_lines(
        "社区志愿者的一天\n来源：樊城发布公众号\n原创 樊城发布 2022-02-14 08:00\n"
        "清晨六点,志愿者已经来到小区门口。\n编辑 | 王芳  审核 | 张强\n(通讯员:王清波、贾向飞)"
    )
    gathered = classify.gather_meta(lines)
    assert [line.text for line in gathered.lines] == [
        "社区志愿者的一天",
        "清晨六点,志愿者已经来到小区门口。",
    ]
    assert meta_lines.read_meta_facts(gathered.meta).source == "樊城发布公众号"
    assert (
        meta_lines.read_meta_facts(gathered.meta).reported_at.isoformat()
        == "2022-02-14T08:00:00+08:00"
    )
    assert meta_lines.read_meta_facts(gathered.meta).date_precision == "moment"
    assert meta_lines.read_meta_facts(gathered.meta).credits == (
        Credit("王芳", "editor"),
        Credit("张强", "reviewer"),
        Credit("王清波", "correspondent"),
        Credit("贾向飞", "correspondent"),
    )


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            ["运城晚报讯(记者 寻霄)“阿姨,您扫一下场所码。”", "李奕璇说。(杨希)"],
            (["“阿姨,您扫一下场所码。”", "李奕璇说。"], "运城晚报", "", True),
        ),
        (
            ["本报讯 市图书馆近日宣布延长开放时间。"],
            (["市图书馆近日宣布延长开放时间。"], "", "", True),
        ),
        (
            ["呼和浩特讯 在呼和浩特市疫情防控一线。"],
            (["在呼和浩特市疫情防控一线。"], "", "呼和浩特", True),
        ),
        (["疫情就是命令。"], (["疫情就是命令。"], "", "", False)),
        ([], ([], "", "", False)),
    ],
)
def test_strip_story_edges(paragraphs, expected):
    edges = strip_story_edges(paragraphs)
    assert (edges.paragraphs, edges.outlet, edges.place, edges.datelined) == expected


def test_story_edges_credits():
    edges = strip_story_edges(["运城晚报讯(记者 寻霄)“阿姨。”", "李奕璇说。(杨希)"])
    assert edges.opening_credits == (Credit("寻霄", "reporter"),)
    assert edges.closing_credits == (Credit("杨希", "author"),)


def test_body_blocks_mark_subheads():
    assert body_blocks([LONG, "党员就要冲锋在前", LONG, "他们冲锋“疫”线", "用行动践行誓言"]) == [
        ("p", LONG),
        ("h2", "党员就要冲锋在前"),
        ("p", LONG),
        ("p", "他们冲锋“疫”线"),
        ("p", "用行动践行誓言"),
    ]


def test_first_lead_passes_over_verse():
    blocks = [("p", "这是一支"), ("p", "用初心擦亮党徽!"), ("p", LONG)]
    assert leads.first_lead(blocks) == LONG
    assert leads.first_lead([("p", "关键时刻冲得上,危难关头豁得出。"), ("p", LONG)]).startswith(
        "关键"
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [("(完)", True), ("（全文完）", True), ("-END-", True), ("完成任务", False), ("完", True)],
)
def test_end_marks(line, expected):
    assert prose.is_end_mark(line) is expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["市委常委会召开会议 研究部署工作措施"], False),
        (["会议指出,要抓紧出台实施政策。"], True),
        (["你们来了,顶了大事!"], True),
    ],
)
def test_has_sentence(paragraphs, expected):
    assert prose.has_sentence(paragraphs) is expected


def test_clean_text_keeps_blank_lines_and_punctuation():
    assert clean_text("\ufeff标题\r\n\r\n　　正文,第一段。 \r\n") == "标题\n\n正文,第一段。\n"


def test_column_break_groups():
    assert prose.column_break_groups(
        ["临时党支部实行24小时轮流值班制,切实筑牢", "疫情防控第一道坚实防线。", "记者 王耀"]
    ) == [[0, 1], [2]]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("■党旗插在最高处", "党旗插在最高处"),
        ("【党旗插在最高处】", "党旗插在最高处"),
        ("◆ 堡垒建在最前沿", "堡垒建在最前沿"),
        ("一、党员冲在最前线", "一、党员冲在最前线"),
        ("【要闻】市委召开会议【图】", "【要闻】市委召开会议【图】"),
        ("■", "■"),
    ],
)
def test_heading_text(line, expected):
    assert titles.heading_text(line) == expected


def test_decorated_subheads_lose_their_marks():
    assert body_blocks([LONG, "■党员就要冲锋在前", LONG]) == [
        ("p", LONG),
        ("h2", "党员就要冲锋在前"),
        ("p", LONG),
    ]


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("编者按", ""),
        ("【编者按】夏粮收购关系农民切身利益。", "夏粮收购关系农民切身利益。"),
        ("编者按：夏粮收购关系农民切身利益。", "夏粮收购关系农民切身利益。"),
        ("導讀｜政府今日公布新措施。", "政府今日公布新措施。"),
        ("编者的话", ""),
        ("春耕时节", "春耕时节"),
    ],
)
def test_without_label(paragraph, expected):
    assert leads.without_label(paragraph) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (
            [
                "编者按",
                "春耕时节",
                "田间地头一派繁忙",
                "4月10日，记者来到李家村，村民们正忙着育秧、翻地。",
            ],
            "春耕时节 田间地头一派繁忙",
        ),
        (
            ["【编者按】本报今起推出系列报道。", "6月1日,全市夏粮收购工作正式启动。"],
            "本报今起推出系列报道。",
        ),
        (
            ["编者按", "本报今起推出系列报道,敬请关注。", "6月1日,收购启动。"],
            "本报今起推出系列报道,敬请关注。",
        ),
        (["春耕时节", "田间地头一派繁忙"], ""),
    ],
)
def test_editors_note(paragraphs, expected):
    assert leads.editors_note(paragraphs) == expected


def test_inferred_title_never_holds_a_label():
    assert titles.infer_title(["编者按", "春耕时节", "田间地头一派繁忙", "他们用汗水"]) == (
        "春耕时节田间地头一派繁忙"
    )
    assert (
        titles.infer_title(["【编者按】夏粮收购关系农民切身利益。"]) == "夏粮收购关系农民切身利益"
    )


@pytest.mark.parametrize(
    ("blocks", "expected_blocks", "photographers"),
    [
        (
            [("p", "图为农民抢收水稻。 本报记者 李华 摄")],
            [("p", "图为农民抢收水稻。")],
            ["李华"],
        ),
        ([("p", "▲市民拍照留念。（张三 摄）")], [("p", "市民拍照留念。")], ["张三"]),
        ([("p", "新华社记者 陈刚 摄")], [], ["陈刚"]),
        ([("h2", "张三 摄")], [("h2", "张三 摄")], []),
        ([("p", "市民在摄影展前排队。")], [("p", "市民在摄影展前排队。")], []),
    ],
)
def test_split_photo_credits(blocks, expected_blocks, photographers):
    kept, credits = split_photo_credits(blocks)
    assert kept == expected_blocks
    assert [credit.name for credit in credits] == photographers


@pytest.mark.parametrize("line", ["记者：下一步有什么打算", "问：如何办理", "答：可以在网上办理"])
def test_interview_turns_are_not_headings(line):
    assert not prose.is_heading_like(line)


def test_credits_in_order_puts_writers_then_photographers_then_staff():
    printed = (
        Credit("陈刚", "photographer"),
        Credit("王芳", "editor"),
        Credit("刘洋", "reporter"),
        Credit("李四", "correspondent"),
    )
    assert bylines.credits_in_order(printed) == (
        Credit("刘洋", "reporter"),
        Credit("李四", "correspondent"),
        Credit("陈刚", "photographer"),
        Credit("王芳", "editor"),
    )


@pytest.mark.parametrize(
    ("pieces", "joined"),
    [
        (
            ["不断优化分工配置、提升检测登记效能,切实筑牢", "疫情防控第一道坚实防线。"],
            "不断优化分工配置、提升检测登记效能,切实筑牢疫情防控第一道坚实防线。",
        ),
        (
            [
                "会议邀请了多位专家，出席会议的有来自the World Health",
                "Organization的专家，会议持续到深夜。",
            ],
            "会议邀请了多位专家，出席会议的有来自the World Health Organization的专家，会议持续到深夜。",
        ),
        (
            ["今年以来，我市在老城区见缝插绿，新建口袋公园15", "个，让市民推窗见绿、出门进园。"],
            "今年以来，我市在老城区见缝插绿，新建口袋公园15个，让市民推窗见绿、出门进园。",
        ),
    ],
)
def test_a_column_break_rejoins_chinese_without_a_space_and_latin_words_with_one(pieces, joined):
    assert prose.rejoin_column_breaks(pieces) == [joined]
