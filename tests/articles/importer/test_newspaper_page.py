import re
from datetime import datetime

import pytest

from articles.importer.dates import CHINA
from articles.importer.errors import NoStoryFound
from articles.importer.formats import newspaper_page
from articles.importer.records import Credit, SourceRecord
from tests.articles.importer.helpers import assert_all_in, assert_none_in, assert_nothing_lost

from .acceptance import SEED_003_CREDITS, SEED_003_TITLES

PAGE_STAFF = (
    Credit("关凝淼", "responsible_editor"),
    Credit("冯潇楠", "designer"),
    Credit("王君", "proofreader"),
)


def paragraphs(story):
    return re.findall(r"<p>(.*?)</p>", story.body_html)


def subheads(story):
    return re.findall(r"<h2>(.*?)</h2>", story.body_html)


@pytest.fixture
def page_001(seed):
    return newspaper_page.parse(seed("001"))


@pytest.fixture
def page_003(seed):
    return newspaper_page.parse(seed("003"))


def test_001_titles_and_kickers_in_print_order(page_001):
    assert [(story.kicker, story.title, story.subtitle) for story in page_001] == [
        ("", "临时党支部 战“疫”当先锋", ""),
        ("", "“你们来了,顶了大事!”", ""),
        ("", "“我要站好最后一班岗”", ""),
        ("市宾馆", "心系防疫一线 情暖下沉干部", ""),
        ("市邮政分公司", "下沉小区 同心抗疫", ""),
        ("", "当好社区防疫“守门员”", ""),
    ]
    assert [story.position for story in page_001] == [1, 2, 3, 4, 5, 6]


def test_001_page_date_source_and_section_apply_to_every_story(page_001):
    for story in page_001:
        assert story.reported_at == datetime(2022, 4, 20, tzinfo=CHINA)
        assert story.date_precision == "day"
        assert story.source == SourceRecord("运城晚报", "newspaper")
        assert story.section == "机关干部下沉 助力疫情防控 / 党旗在一线高高飘扬"
        assert story.warnings == ()
        assert story.dateline == ""


def test_001_credits_then_page_staff(page_001):
    assert [story.credits for story in page_001] == [
        (Credit("王耀", "reporter"), *PAGE_STAFF),
        (Credit("崔萌", "reporter"), *PAGE_STAFF),
        (Credit("樊朋展", "reporter"), *PAGE_STAFF),
        (Credit("杨希", "author"), *PAGE_STAFF),
        (Credit("寻霄", "reporter"), *PAGE_STAFF),
        (Credit("廖旌汝", "reporter"), *PAGE_STAFF),
    ]


def test_001_bodies_hold_only_the_story(page_001):
    everything = "\n".join(story.body_html for story in page_001)
    assert_none_in(
        everything,
        [
            "机关干部下沉",
            "党旗在一线高高飘扬",
            "2022年4月20日",
            "责任编辑",
            "E-mail",
            "记者 ",
            "(杨希)",
            "运城晚报讯",
            "临时党支部 战“疫”当先锋",
            "当好社区防疫“守门员”",
            "<h2>",
        ],
    )
    assert "切实筑牢疫情防控第一道坚实防线。" in page_001[0].body_html
    assert "山西新产业技师学院包联。" in page_001[0].body_html
    assert "基本上到了第二天6点,小区都不会有人出入。" in page_001[2].body_html
    assert paragraphs(page_001[4])[0].startswith("“阿姨,我帮您拿着东西")
    assert paragraphs(page_001[3])[0].startswith("干部下沉社区指令发出后")
    assert page_001[3].lead == paragraphs(page_001[3])[0]
    # real paragraph breaks stay
    assert len(paragraphs(page_001[0])) == 6
    assert len(paragraphs(page_001[5])) == 5


def test_001_original_text_is_each_story_as_printed(seed, page_001):
    source = seed("001")
    for story in page_001:
        assert story.original_text in source
    assert page_001[0].original_text.startswith("临时党支部 战“疫”当先锋")
    assert page_001[0].original_text.endswith("记者 王耀")
    assert page_001[4].original_text.startswith("市邮政分公司")
    assert page_001[4].original_text.endswith("李奕璇说。")
    assert page_001[5].original_text.startswith("当好社区防疫“守门员”")


def test_003_titles_credits_and_datelines(page_003):
    assert [story.title for story in page_003] == SEED_003_TITLES
    assert [[(c.name, c.role) for c in story.credits] for story in page_003] == SEED_003_CREDITS
    assert [story.dateline for story in page_003] == ["", *["呼和浩特"] * 5]


def test_003_no_year_and_no_outlet_are_flagged(page_003):
    for story in page_003:
        assert story.reported_at is None
        assert story.date_precision == "unknown"
        assert story.source is None
        assert story.warnings == ("日期不详", "来源不详")
        assert story.kicker == story.subtitle == story.section == ""


def test_003_subheads_are_headings_not_stories(page_003):
    assert subheads(page_003[0]) == ["党旗插在最高处", "堡垒建在最前沿", "党员冲在最前线"]
    assert all(subheads(story) == [] for story in page_003[1:])


def test_003_column_breaks_rejoined(page_003):
    everything = "\n".join(story.body_html for story in page_003)
    assert_all_in(
        everything,
        [
            "实时掌握防疫一线情况",
            "到核酸检测点",
            "面对来势汹汹的疫情",
            "最大限度保障辖区居民",
            "像刘志苗这样的志愿者",
            "确保第一时间将热乎",
            "于是主动联系到了",
        ],
    )
    assert "呼和浩特讯" not in everything
    assert [len(paragraphs(story)) for story in page_003] == [4, 5, 4, 3, 5, 5]


def test_crlf_text_parses_the_same(seed):
    source = seed("003")
    crlf = source.replace("\n", "\r\n")
    assert [s.body_html for s in newspaper_page.parse(crlf)] == [
        s.body_html for s in newspaper_page.parse(source)
    ]
    assert newspaper_page.parse(crlf)[1].original_text.endswith("(李琛瑶 杨金玲)")
    assert "\r\n" in newspaper_page.parse(crlf)[1].original_text


def test_digest_page_of_briefs_with_opening_credits(fixture_text):
    stories = newspaper_page.parse(fixture_text("digest_page.txt"))
    staff = (Credit("李明", "responsible_editor"), Credit("王芳", "designer"))
    assert [(s.title, s.credits) for s in stories] == [
        ("我市新增两条公交线路", (Credit("张伟", "reporter"), *staff)),
        (
            "老旧小区改造完成过半",
            (Credit("陈静", "correspondent"), Credit("赵磊", "reporter"), *staff),
        ),
        ("图书馆延长开放时间", (Credit("刘洋", "author"), *staff)),
    ]
    for story in stories:
        assert story.source == SourceRecord("滨江日报", "newspaper")
        assert story.section == "城市速递"
        assert story.reported_at == datetime(2023, 5, 8, tzinfo=CHINA)
        assert "本报讯" not in story.body_html


def test_traditional_chinese_story_with_crlf(fixture_text):
    (story,) = newspaper_page.parse(fixture_text("traditional_story.txt"))
    assert story.title == "香港舉行防疫義工嘉許禮"
    assert story.credits == (
        Credit("陳嘉欣", "reporter"),
        Credit("黃志明", "correspondent"),
        Credit("李美玲", "correspondent"),
    )
    assert story.reported_at == datetime(2022, 3, 15, tzinfo=CHINA)
    assert story.warnings == ("来源不详",)
    assert paragraphs(story)[0].startswith("特區政府昨日")


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("link_list.txt", "链接列表"),
        ("blurb.txt", "只有一段文字"),
        ("short_notice.txt", "正文过短"),
        ("headline_links.txt", "链接列表"),
        ("blurb_with_mailbox.txt", "只有一段文字"),
    ],
)
def test_texts_without_a_story_are_rejected_with_a_reason(fixture_text, name, reason):
    with pytest.raises(NoStoryFound, match=reason):
        newspaper_page.parse(fixture_text(name))


def test_empty_text_is_rejected():
    with pytest.raises(NoStoryFound):
        newspaper_page.parse(" \n\n ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("标题\n\n正文第一段。", True),
        ("<p>正文</p>", False),
        ("   \n", False),
    ],
)
def test_sniff_accepts_any_plain_prose(text, expected):
    assert newspaper_page.sniff(text) is expected


def test_bylines_under_headlines_masthead_and_agency_story(fixture_text):
    stories = newspaper_page.parse(fixture_text("bylines_under_headlines.txt"))
    assert [(s.title, s.credits, s.source, s.dateline) for s in stories] == [
        (
            "全市夏粮收购工作启动",
            (Credit("张伟", "reporter"),),
            SourceRecord("滨江日报", "newspaper"),
            "",
        ),
        (
            "高温天气持续 市民注意防暑",
            (Credit("李娜", "reporter"), Credit("王强", "correspondent")),
            SourceRecord("滨江日报", "newspaper"),
            "",
        ),
        (
            "国务院部署稳就业工作",
            (Credit("赵磊", "reporter"),),
            SourceRecord("新华社", "agency"),
            "北京",
        ),
    ]
    # every story carries the page's issue date, the agency's dispatch (`6月1日电`) too
    assert [story.reported_at for story in stories] == [
        datetime(2023, 6, 2, tzinfo=CHINA),
        datetime(2023, 6, 2, tzinfo=CHINA),
        datetime(2023, 6, 2, tzinfo=CHINA),
    ]
    for story in stories:
        assert story.section == "综合新闻"
        assert "记者" not in story.body_html
        assert "新华社" not in story.body_html
    assert stories[0].original_text.startswith("全市夏粮收购工作启动\n本报记者 张伟\n")


def test_single_story_with_headline_above_its_meta_line(fixture_text):
    (story,) = newspaper_page.parse(fixture_text("single_story_plain.txt"))
    assert story.title == "我市启动夏季防汛应急演练"
    assert story.section == ""
    assert story.reported_at == datetime(2023, 6, 10, 9, 15, tzinfo=CHINA)
    assert story.date_precision == "moment"
    assert story.source == SourceRecord("滨江晚报", "newspaper")
    assert story.credits == (Credit("孙丽", "photographer"),)
    assert story.warnings == ()
    assert_none_in(story.body_html, ["来源", "本报讯", "摄", "（完）", "2023-06-10"])
    assert len(paragraphs(story)) == 3


def test_list_of_long_headlines_is_rejected(fixture_text):
    with pytest.raises(NoStoryFound):
        newspaper_page.parse(fixture_text("long_link_list.txt"))


def test_post_with_blank_lines_falls_back_to_one_story(seed):
    spaced = "\n\n".join(seed("002").splitlines())
    (story,) = newspaper_page.parse(spaced)
    assert story.title == "这是一支由365名精兵强将组成的特派“部队”"
    assert story.warnings == ("标题为推断", "日期不详", "来源不详")
    assert len(subheads(story)) == 7
    assert story.credits[0] == Credit("王清波", "correspondent")
    assert paragraphs(story)[:2] == ["这是一支", "由365名精兵强将组成的特派“部队”"]


def test_epaper_copy_with_masthead_and_agency_style_dateline(fixture_text):
    (story,) = newspaper_page.parse(fixture_text("epaper_copy.txt"))
    assert story.title == "春耕备播有序推进"
    assert story.source == SourceRecord("人民日报", "newspaper")
    assert story.dateline == "北京"
    # the issue date of `《 人民日报 》（ 2022年04月20日 04 版）`, not `本报北京4月19日电`
    assert story.reported_at == datetime(2022, 4, 20, tzinfo=CHINA)
    assert story.credits == (Credit("张三", "reporter"),)
    assert paragraphs(story)[0].startswith("记者从农业农村部获悉")
    assert_none_in(story.body_html, ["人民日报", "本报北京", "04 版"])


def test_untitled_two_line_blurb_is_rejected(fixture_text):
    with pytest.raises(NoStoryFound):
        newspaper_page.parse(fixture_text("two_line_blurb.txt"))


def test_page_date_without_a_year_is_flagged_not_guessed():
    page = (
        "社区新闻\n\n4月20日 星期三\n\n责编：李明\n\n图书馆延长开放时间\n\n"
        "本报讯 市图书馆近日宣布,自本月起周末开放时间延长至晚上九点,满足读者夜间阅读需求。\n"
    )
    (story,) = newspaper_page.parse(page)
    assert story.reported_at is None
    assert story.date_precision == "unknown"
    assert story.warnings == ("日期缺少年份", "来源不详")
    assert story.section == "社区新闻"
    assert story.credits == (Credit("李明", "responsible_editor"),)


def test_traditional_agency_story_with_bracketed_dateline_and_story_code(fixture_text):
    (story,) = newspaper_page.parse(fixture_text("agency_story_traditional.txt"))
    assert story.title == "行政院會通過防疫特別條例延長施行"
    assert story.source == SourceRecord("中央社", "agency")
    assert story.dateline == "台北"
    assert story.credits == (Credit("王小明", "reporter"), Credit("李大同", "editor"))
    assert story.reported_at is None  # `20日` has no month or year: never guessed
    assert story.warnings == ("日期不详",)
    assert_none_in(story.body_html, ["中央社", "編輯", "1110420"])


def test_subheads_of_a_datelined_story_closed_by_a_photo_credit_stay_subheads():
    page = (
        "全市夏粮收购工作启动\n\n"
        "本报讯（记者 张伟）6月1日,全市夏粮收购工作正式启动,各收购网点提前做好了仓容准备。\n\n"
        "仓容准备充足\n\n"
        "今年全市预计收购小麦五十万吨,比去年有所增加,各网点已完成设备检修。\n\n"
        "服务农民到位\n\n"
        "各网点延长收购时间,开设绿色通道,确保农民售粮方便快捷。\n\n"
        "本报记者 李娜 摄\n"
    )
    (story,) = newspaper_page.parse(page)
    assert subheads(story) == ["仓容准备充足", "服务农民到位"]
    assert story.credits == (Credit("张伟", "reporter"), Credit("李娜", "photographer"))


def test_digest_of_briefs_with_headlines_in_brackets(fixture_text):
    stories = newspaper_page.parse(fixture_text("inline_headline_digest.txt"))
    assert [(s.title, s.credits) for s in stories] == [
        ("我市新增两条公交线路", (Credit("张伟", "reporter"),)),
        ("老旧小区改造完成过半", ()),
    ]
    for story in stories:
        assert story.section == "要闻简报"
        assert story.source is None
        assert story.warnings == ("来源不详",)
        assert len(paragraphs(story)) == 1
        assert_none_in(story.body_html, ["【", "本报讯"])


def test_bracketed_paragraph_labels_do_not_open_briefs():
    page = (
        "全市夏粮收购工作启动\n\n"
        "【编者按】夏粮收购关系农民切身利益,本报今起推出系列报道,敬请关注。\n\n"
        "本报讯（记者 张伟）6月1日,全市夏粮收购工作正式启动,各收购网点提前做好了仓容准备。\n\n"
        "【记者手记】走进收购网点,记者看到农民排队售粮,秩序井然,脸上洋溢着丰收的喜悦。\n"
    )
    (story,) = newspaper_page.parse(page)
    assert story.title == "全市夏粮收购工作启动"
    assert len(paragraphs(story)) == 3
    assert story.credits == (Credit("张伟", "reporter"),)
    assert paragraphs(story)[1].startswith("6月1日")


def test_scraped_text_without_site_chrome_falls_back_with_its_meta_line(fixture_text):
    source = fixture_text("scraped_other_site.txt").split("\n", 2)[2]
    (story,) = newspaper_page.parse(source.replace("Copyright © 2023 滨江新闻网 版权所有", ""))
    assert story.title == "我市举办春季招聘会 提供岗位三千余个"
    assert story.source == SourceRecord("滨江晚报", "newspaper")
    assert story.credits == (Credit("李娜", "reporter"), Credit("赵敏", "responsible_editor"))
    assert story.reported_at == datetime(2023, 3, 12, 9, 30, tzinfo=CHINA)
    assert_none_in(story.body_html, ["上一篇", "下一篇", "纠错", "来源"])


def test_headlineless_agency_brief_after_a_closing_byline_is_a_story_of_its_own(fixture_text):
    source = fixture_text("digest_masthead_agency_brief.txt")
    stories = newspaper_page.parse(source)
    assert [(s.title, s.credits, s.source, s.warnings) for s in stories] == [
        ("我市举办职业技能大赛", (Credit("张伟", "reporter"),), None, ("来源不详",)),
        (
            "社区食堂开进老旧小区",
            (Credit("刘芳", "correspondent"), Credit("王强", "correspondent")),
            None,
            ("来源不详",),
        ),
        (
            "国家统计局7日发布数据显示",
            (Credit("赵明", "reporter"),),
            SourceRecord("新华社", "agency"),
            ("标题为推断",),
        ),
    ]
    # `本报讯 2023年5月8日 星期一 第3版 综合新闻` is the masthead: its date and section are the page's
    assert [s.reported_at for s in stories] == [
        datetime(2023, 5, 8, tzinfo=CHINA),
        datetime(2023, 5, 8, tzinfo=CHINA),
        datetime(2023, 5, 8, tzinfo=CHINA),
    ]
    assert {s.section for s in stories} == {"综合新闻"}
    assert stories[2].dateline == "北京"
    assert paragraphs(stories[2])[0].startswith("国家统计局7日发布数据显示")
    assert stories[2].original_text.startswith("新华社北京5月7日电")
    assert_none_in("\n".join(s.body_html for s in stories), ["本报讯", "新华社", "通讯员", "第3版"])
    assert_nothing_lost(source, stories)


def test_prose_printed_after_a_closing_byline_stays_with_the_story():
    page = (
        "全市夏粮收购工作启动\n\n"
        "本报讯（记者 张伟）6月1日,全市夏粮收购工作正式启动,各收购网点提前做好了仓容准备。\n\n"
        "今年全市预计收购小麦五十万吨,比去年有所增加,各网点已完成设备检修。\n\n"
        "（张伟）\n\n"
        "相关政策可拨打12345热线咨询。\n"
    )
    (story,) = newspaper_page.parse(page)
    assert story.title == "全市夏粮收购工作启动"
    assert paragraphs(story)[-1] == "相关政策可拨打12345热线咨询。"
    assert story.original_text.endswith("热线咨询。")
    assert_nothing_lost(page, [story])


def test_a_short_note_printed_above_the_first_headline_is_kept():
    page = (
        "城市速递\n\n2023年5月8日 星期一\n\n"
        "本版稿件均经核实。\n\n"
        "全市夏粮收购工作启动\n\n"
        "本报讯（记者 张伟）6月1日,全市夏粮收购工作正式启动,各收购网点提前做好了仓容准备。\n\n"
        "今年全市预计收购小麦五十万吨,比去年有所增加,各网点已完成设备检修。\n"
    )
    stories = newspaper_page.parse(page)
    assert_nothing_lost(page, stories)


def test_photo_news_items_are_stories_credited_to_their_photographers(fixture_text):
    source = fixture_text("page_photo_news.txt")
    stories = newspaper_page.parse(source)
    staff = (
        Credit("李明", "responsible_editor"),
        Credit("王芳", "designer"),
        Credit("赵刚", "proofreader"),
    )
    assert [(s.kicker, s.title, s.credits) for s in stories] == [
        ("", "新学期 新气象", (Credit("孙丽", "reporter"), Credit("周涛", "reporter"), *staff)),
        (
            "图片新闻",
            "9月11日，市实验小学的学生在新建的操场上进行体育活动",
            (Credit("张立", "photographer"), *staff),
        ),
        ("", "秋收时节稻飘香", (Credit("李华", "photographer"), *staff)),
        ("", "旧厂房变身文创园", (Credit("王敏", "reporter"), *staff)),
    ]
    assert stories[1].warnings == ("标题为推断", "来源不详")
    assert paragraphs(stories[1]) == ["9月11日，市实验小学的学生在新建的操场上进行体育活动。"]
    assert paragraphs(stories[2]) == ["图为9月10日，农民在城郊稻田里驾驶收割机抢收水稻。"]
    for story in stories:
        assert story.section == "要闻"
        assert story.reported_at == datetime(2023, 9, 12, tzinfo=CHINA)
        assert_none_in(story.body_html, ["摄", "【", "本报记者", "<h2>"])
    assert_nothing_lost(source, stories)


def test_story_end_marks_staff_line_and_a_photo_credit_above_its_caption(fixture_text):
    source = fixture_text("story_end_marks.txt")
    (story,) = newspaper_page.parse(source)
    assert story.title == "我市启动老旧小区加装电梯工作"
    assert story.source == SourceRecord("滨江日报客户端", "aggregator")
    assert story.reported_at == datetime(2023, 4, 18, 9, 30, tzinfo=CHINA)
    assert story.credits == (  # writers, photographers, staff, whatever the print order
        Credit("刘洋", "reporter"),
        Credit("陈刚", "photographer"),
        Credit("张三", "editor"),
        Credit("李四", "proofreader"),
        Credit("王五", "reviewer"),
        Credit("王芳", "responsible_editor"),
    )
    assert paragraphs(story)[-1] == "图为工人在城南一小区安装电梯井道。"
    assert_none_in(story.body_html, ["完", "编辑", "校对", "审核", "来源", "新华社", "摄"])
    assert story.original_text.endswith("【责任编辑：王芳】")
    assert_nothing_lost(source, [story])


def test_traditional_page_agency_dispatch_then_a_local_story_opened_by_its_byline(fixture_text):
    source = fixture_text("traditional_agency_dispatch.txt")
    stories = newspaper_page.parse(source)
    assert [(s.title, s.source, s.dateline, s.credits) for s in stories] == [
        (
            "颱風過境 全台停班停課",
            SourceRecord("中央社", "agency"),
            "台北",
            (Credit("王小明", "reporter"), Credit("李大同", "editor")),
        ),
        (
            "市府今天召開防颱會議，要求各區公所做好抽水機與沙包等防災整備",
            None,
            "",
            (Credit("陳志明", "reporter"),),
        ),
    ]
    # `台北7日電` on a page of 2023-05-08: the page's issue date
    assert [s.reported_at for s in stories] == [
        datetime(2023, 5, 8, tzinfo=CHINA),
        datetime(2023, 5, 8, tzinfo=CHINA),
    ]
    assert stories[1].warnings == ("标题为推断", "来源不详")
    assert paragraphs(stories[0])[-1].endswith("避免前往山區與海邊。")
    assert_none_in(
        "\n".join(s.body_html for s in stories), ["編輯", "1120507", "本報訊", "記者 陳志明"]
    )
    assert_nothing_lost(source, stories)


def test_traditional_local_story_with_bracketed_byline_after_its_dateline(fixture_text):
    source = fixture_text("traditional_local_story.txt")
    (story,) = newspaper_page.parse(source)
    assert story.title == "本地青年返鄉創業 帶動鄉親增收"
    assert story.credits == (Credit("陳志明", "reporter"), Credit("林美玲", "correspondent"))
    assert story.warnings == ("日期不详", "来源不详")  # `本報訊` names no outlet, no date printed
    assert paragraphs(story)[0].startswith("近日，記者走進南投縣埔里鎮")
    assert_nothing_lost(source, [story])


def test_staff_printed_after_a_story_credits_that_story_and_本版_staff_every_story():
    page = (
        "全市夏粮收购工作启动\n\n"
        "本报讯（记者 张伟）6月1日,全市夏粮收购工作正式启动,各收购网点提前做好了仓容准备。\n\n"
        "今年全市预计收购小麦五十万吨,比去年有所增加,各网点已完成设备检修。\n\n"
        "（责任编辑：王芳）\n\n"
        "图书馆延长开放时间\n\n"
        "本报讯（记者 李娜）市图书馆近日宣布,自本月起周末开放时间延长至晚上九点,满足读者需求。\n\n"
        "编辑：赵敏 校对：孙丽\n\n"
        "本版编辑：周涛\n"
    )
    stories = newspaper_page.parse(page)
    assert [s.credits for s in stories] == [
        (
            Credit("张伟", "reporter"),
            Credit("王芳", "responsible_editor"),
            Credit("周涛", "editor"),
        ),
        (
            Credit("李娜", "reporter"),
            Credit("赵敏", "editor"),
            Credit("孙丽", "proofreader"),
            Credit("周涛", "editor"),
        ),
    ]
    assert stories[0].original_text.endswith("（责任编辑：王芳）")
    assert_nothing_lost(page, stories)


def test_profile_with_subtitle_byline_numbered_subheads_and_closing_文图(fixture_text):
    source = fixture_text("profile_numbered_subheads.txt")
    (story,) = newspaper_page.parse(source)
    assert (story.title, story.subtitle) == (
        "扎根基层三十年 守护群众健康",
        "记全国优秀乡村医生王建国",
    )
    assert subheads(story) == ["一、小小诊所连着千家万户", "二、学无止境提升本领"]
    assert len(paragraphs(story)) == 3
    assert story.credits[:2] == (Credit("张丽", "reporter"), Credit("刘强", "correspondent"))
    assert Credit("张丽", "photographer") in story.credits
    assert_none_in(story.body_html, ["文/图", "本报记者", "——"])
    assert_nothing_lost(source, [story])


def test_bulleted_briefs_under_a_column_of_简讯(fixture_text):
    source = fixture_text("bullet_briefs_column.txt")
    stories = newspaper_page.parse(source)
    assert [s.title for s in stories] == [
        "我市新增两条公交线路",
        "图书馆延长开放时间",
        "社区开展消防演练",
    ]
    assert stories[2].credits == (Credit("周敏", "correspondent"),)
    for story in stories:
        assert story.section == "城市简讯"  # `XX简讯` names a column, it reports from nowhere
        assert story.reported_at == datetime(2023, 7, 3, tzinfo=CHINA)
        assert story.dateline == ""
        assert_none_in(story.body_html, ["本报讯", "■"])
    assert_nothing_lost(source, stories)


def test_national_paper_byline_under_the_headline_and_a_dispatch_dateline(fixture_text):
    source = fixture_text("national_paper_byline_and_dispatch.txt")
    (story,) = newspaper_page.parse(source)
    assert story.title == "全国春播粮食进度过六成"
    assert story.source == SourceRecord("人民日报", "newspaper")
    assert story.credits == (Credit("王浩", "reporter"),)
    assert (story.dateline, story.reported_at) == ("北京", datetime(2023, 5, 8, tzinfo=CHINA))
    assert story.warnings == ()
    assert_none_in(story.body_html, ["本报", "人民日报", "01 版"])
    assert_nothing_lost(source, [story])


def test_reporter_in_brackets_at_the_last_paragraphs_end_and_an_editor_line(fixture_text):
    source = fixture_text("bracketed_reporter_at_the_end.txt")
    (story,) = newspaper_page.parse(source)
    assert story.credits == (Credit("陈静", "reporter"), Credit("赵敏", "editor"))
    assert paragraphs(story)[-1] == "市民李先生说：“以前找车位要转好几圈，现在方便多了。”"
    assert story.warnings == ("日期不详", "来源不详")
    assert_nothing_lost(source, [story])


def test_hong_kong_exclusive_dateline_names_the_paper(fixture_text):
    source = fixture_text("hk_exclusive_dateline.txt")
    stories = newspaper_page.parse(source)
    assert [s.source for s in stories] == [SourceRecord("明報", "newspaper")]
    assert (stories[0].section, stories[0].title) == ("港聞", "政府昨日公布新一輪防疫措施")
    assert stories[0].warnings == ("标题为推断", "日期不详")
    assert paragraphs(stories[0])[0].startswith("政府昨日公布新一輪防疫措施")
    assert_nothing_lost(source, stories)


def test_a_page_of_contents_is_no_story(fixture_text):
    with pytest.raises(NoStoryFound, match="链接列表"):
        newspaper_page.parse(fixture_text("contents_page.txt"))


def test_a_lone_agency_brief_with_no_headline_is_a_story_not_a_blurb():
    brief = (
        "新华社北京5月7日电（记者 赵明）国家统计局7日发布数据显示，4月份全国居民消费价格同比上涨0.1%。\n\n"
        "国家统计局城市司首席统计师表示，4月份，国内消费市场继续恢复，CPI环比由降转涨。\n"
    )
    (story,) = newspaper_page.parse(brief)
    assert story.source == SourceRecord("新华社", "agency")
    assert story.credits == (Credit("赵明", "reporter"),)
    assert story.reported_at is None  # `5月7日电` and no page to give the year
    assert story.warnings == ("标题为推断", "日期缺少年份")
    assert_nothing_lost(brief, [story])


def test_a_list_of_names_in_a_story_is_not_taken_for_a_site_menu():
    page = (
        "我市表彰一批优秀志愿者\n\n"
        "本报讯 近日,市文明办对一批优秀志愿者进行表彰,他们长期坚持在社区开展志愿服务。\n\n"
        "受表彰的志愿者是:\n\n"
        "张三 李四 王五 赵六\n\n"
        "市文明办负责人表示,将继续完善志愿服务激励机制,让好人有好报。\n"
    )
    (story,) = newspaper_page.parse(page)
    assert "张三 李四 王五 赵六" in story.body_html


def test_kicker_headline_dash_subtitle_and_byline_under_them(fixture_text):
    source = fixture_text("kicker_subtitle_byline.txt")
    (story,) = newspaper_page.parse(source)
    assert (story.kicker, story.title, story.subtitle) == (
        "聚焦两会",
        "代表委员热议民生实事",
        "教育医疗养老成为关注焦点",
    )
    assert story.credits == (Credit("张三", "reporter"), Credit("李四", "reporter"))
    assert len(paragraphs(story)) == 3
    assert_nothing_lost(source, [story])


def test_a_dateline_after_a_story_that_printed_no_byline_opens_the_next_story():
    page = (
        "全市夏粮收购工作启动\n\n"
        "本报讯 6月1日,全市夏粮收购工作正式启动,各收购网点提前做好了仓容准备。\n\n"
        "今年全市预计收购小麦五十万吨,比去年有所增加,各网点已完成设备检修。\n\n"
        "新华社北京6月1日电 国务院常务会议1日召开,部署进一步做好稳就业工作,要求各地加大政策支持力度。\n"
    )
    stories = newspaper_page.parse(page)
    assert [(s.title, s.source) for s in stories] == [
        ("全市夏粮收购工作启动", None),
        ("国务院常务会议1日召开,部署进一步做好稳就业工作", SourceRecord("新华社", "agency")),
    ]
    assert stories[1].warnings == ("标题为推断", "日期缺少年份")
    assert_nothing_lost(page, stories)


def test_an_interviews_questions_are_paragraphs_not_subheads(fixture_text):
    source = fixture_text("interview_questions_and_answers.txt")
    (story,) = newspaper_page.parse(source)
    assert story.subtitle == "访市政务服务中心主任刘明"
    assert subheads(story) == []
    assert paragraphs(story)[4] == "记者：下一步有什么打算"
    assert len(paragraphs(story)) == 6
    assert story.credits == (Credit("孙丽", "reporter"),)
    assert_nothing_lost(source, [story])


def test_a_photo_news_label_run_into_its_caption_opens_an_item():
    page = (
        "要闻\n\n2023年9月12日 星期二\n\n新学期 新气象\n\n本报记者 孙丽\n\n"
        "开学第一周，全市中小学秩序井然。记者走访多所学校看到，校园环境焕然一新，课后服务全面铺开。\n\n"
        "【图片新闻】9月11日，市实验小学的学生在新建的操场上进行体育活动。（张立 摄）\n"
    )
    stories = newspaper_page.parse(page)
    assert [(s.kicker, s.credits) for s in stories] == [
        ("", (Credit("孙丽", "reporter"),)),
        ("图片新闻", (Credit("张立", "photographer"),)),
    ]
    assert_nothing_lost(page, stories)


def test_credit_lines_after_an_end_mark_stay_with_the_story_they_close():
    page = (
        "全市夏粮收购工作启动\n\n"
        "本报讯 6月1日,全市夏粮收购工作正式启动,各收购网点提前做好了仓容准备。\n\n"
        "今年全市预计收购小麦五十万吨,比去年有所增加,各网点已完成设备检修。\n\n"
        "（完）\n\n记者 张伟\n\n通讯员 李强\n"
    )
    (story,) = newspaper_page.parse(page)
    assert story.credits == (Credit("张伟", "reporter"), Credit("李强", "correspondent"))
    assert story.original_text.endswith("通讯员 李强")


def test_a_taiwanese_page_dated_in_the_republic_calendar():
    page = (
        "地方新聞\n\n中華民國112年5月8日 星期一\n\n市府推動老屋健檢\n\n"
        "（記者王小明／台中報導）市府今天宣布推動老屋健檢補助，屋齡三十年以上住宅可申請免費檢測。\n\n"
        "都發局表示，今年預計受理一千件申請，民眾可上網或到區公所辦理。\n"
    )
    (story,) = newspaper_page.parse(page)
    assert story.reported_at == datetime(2023, 5, 8, tzinfo=CHINA)
    assert (story.dateline, story.credits) == ("台中", (Credit("王小明", "reporter"),))
    assert story.section == "地方新聞"
    assert_nothing_lost(page, [story])


def test_a_page_note_above_the_first_headline_is_kept_and_the_section_stays(fixture_text):
    source = fixture_text("page_note_above_first_story.txt")
    stories = newspaper_page.parse(source)
    assert [s.title for s in stories] == ["全市夏粮收购工作启动", "图书馆延长开放时间"]
    assert {s.section for s in stories} == {"城市速递"}
    assert paragraphs(stories[0])[0].startswith("【编者按】即日起")
    assert stories[0].lead.startswith("6月1日")
    assert stories[0].credits == (Credit("张伟", "reporter"),)
    assert_nothing_lost(source, stories)


@pytest.mark.parametrize(
    ("reference", "credits", "section"),
    [
        ("《汀溪日报》（2024年03月08日 第 05 版）", (), ""),
        ("本报记者 方晓 《汀溪日报》（2024年03月08日 第 05 版）", (("方晓", "reporter"),), ""),
        ("汀溪日报 2024年3月8日 星期五 第5版 城乡视点", (), "城乡视点"),
    ],
)
def test_an_epaper_items_page_reference_gives_its_paper_date_and_byline(
    reference, credits, section
):
    item = (
        f"{reference}\n\n春茶开采 茶农增收\n\n"
        "初春时节，山坡上的茶园已是一片新绿，茶农们趁着晴好天气抢采头茬春茶。\n\n"
        "合作社负责人介绍，今年春茶品质好、价格稳，预计每户增收三千元以上。\n"
    )
    [story] = newspaper_page.parse(item)
    assert story.title == "春茶开采 茶农增收"
    assert story.source.name == "汀溪日报"
    assert story.reported_at.date().isoformat() == "2024-03-08"
    assert {(credit.name, credit.role) for credit in story.credits} >= set(credits)
    assert story.section == section
    assert "第 05 版" not in story.body_html and "第5版" not in story.body_html
