import re
from datetime import datetime

import pytest

from articles.importer.dates import CHINA
from articles.importer.errors import NoStoryFound
from articles.importer.formats import scraped_page
from articles.importer.lines import clean_line
from articles.importer.records import Credit, SourceRecord
from tests.articles.importer.helpers import assert_none_in, assert_nothing_lost


@pytest.fixture
def page_004(seed):
    (story,) = scraped_page.parse(seed("004"))
    return story


def test_004_title_subtitle_source_via_and_credits(page_004):
    assert page_004.title == "汇聚“红”力量 守护健康“绿”"
    assert page_004.subtitle == "永州市直党员干部助力零陵抗疫工作纪实"
    assert page_004.kicker == ""
    assert page_004.source == SourceRecord("永州日报", "newspaper")
    assert page_004.via == SourceRecord("红网", "website")
    assert page_004.credits == (
        Credit("彭沛", "author"),
        Credit("黎俊", "author"),
        Credit("陈小婷", "editor"),
    )
    assert page_004.reported_at is None
    assert page_004.date_precision == "unknown"
    assert page_004.warnings == ("日期不详",)


def test_004_subheads(page_004):
    assert re.findall(r"<h2>(.*?)</h2>", page_004.body_html) == [
        "“疫”声令下显担当",
        "“疫”无反顾冲在前",
        "“疫”线坚守见温情",
    ]


def test_004_body_holds_no_chrome(page_004):
    assert_none_in(
        page_004.body_html,
        [
            "当前位置",
            "来源",
            "作者",
            "编辑",
            "相关链接",
            "频道精选",
            "•",
            "重要新闻",
            "阅读下一篇",
            "返回",
            "汇聚“红”力量",
        ],
    )
    assert page_004.lead == "关键时刻冲得上,危难关头豁得出。"
    assert re.findall(r"<p>(.*?)</p>", page_004.body_html)[-1].startswith("然而,无论是餐饮企业")


def test_004_original_text_runs_from_headline_to_metadata(seed, page_004):
    assert page_004.original_text in seed("004")
    assert page_004.original_text.startswith("汇聚“红”力量")
    assert page_004.original_text.endswith("编辑:陈小婷")


def test_other_site_with_meta_line_dateline_and_copyright(fixture_text):
    (story,) = scraped_page.parse(fixture_text("scraped_other_site.txt"))
    assert story.title == "我市举办春季招聘会 提供岗位三千余个"
    assert story.reported_at == datetime(2023, 3, 12, 9, 30, tzinfo=CHINA)
    assert story.date_precision == "moment"
    assert story.source == SourceRecord("滨江晚报", "newspaper")
    assert story.via == SourceRecord("滨江新闻网", "website")
    assert story.credits == (Credit("李娜", "reporter"), Credit("赵敏", "responsible_editor"))
    assert story.lead.startswith("3月11日,我市")
    assert_none_in(story.body_html, ["本报讯", "纠错", "上一篇", "下一篇", "Copyright", "责任编辑"])
    assert story.warnings == ()


def test_page_of_links_is_rejected(fixture_text):
    with pytest.raises(NoStoryFound, match="没有成段的正文"):
        scraped_page.parse(fixture_text("scraped_link_list.txt"))


def test_chrome_only_page_is_rejected():
    with pytest.raises(NoStoryFound, match="只有导航"):
        scraped_page.parse("当前位置:\n\n相关链接\n\n返回红网首页")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["返回红网首页 返回永州站首页"], "红网"),
        (["Copyright © 2023 滨江新闻网 版权所有"], "滨江新闻网"),
        (["滨江日报社版权所有"], "滨江日报社"),
        (["返回顶部"], ""),
        (["返回紅網首頁 返回永州站首頁"], "紅網"),
        (["Copyright © 2023 濱江新聞網 版權所有"], "濱江新聞網"),
    ],
)
def test_site_name_from_chrome(lines, expected):
    assert scraped_page.site_name(lines) == expected


@pytest.mark.parametrize(
    ("prefix", "expected"), [("001", False), ("002", False), ("003", False), ("004", True)]
)
def test_sniff_on_seeds(seed, prefix, expected):
    assert scraped_page.sniff(seed(prefix)) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("scraped_other_site.txt", True),
        ("scraped_link_list.txt", True),
        ("digest_page.txt", False),
        ("wechat_with_title.txt", False),
        ("traditional_story.txt", False),
    ],
)
def test_sniff_on_cousins(fixture_text, name, expected):
    assert scraped_page.sniff(fixture_text(name)) is expected


def test_traditional_page_with_toolbar_above_the_story(fixture_text):
    (story,) = scraped_page.parse(fixture_text("scraped_traditional_toolbar.txt"))
    assert story.title == "全民健身日活動精彩紛呈!"
    assert story.reported_at == datetime(2022, 8, 8, 10, 30, tzinfo=CHINA)
    assert story.source == SourceRecord("大公報", "newspaper")
    assert story.credits == (Credit("陳嘉欣", "reporter"), Credit("王君", "responsible_editor"))
    assert len(re.findall(r"<p>", story.body_html)) == 2
    assert_none_in(story.body_html, ["字號", "分享", "本報訊", "上一篇", "責任編輯"])


def test_agency_story_on_a_site_with_credit_beside_the_correction_link(fixture_text):
    (story,) = scraped_page.parse(fixture_text("scraped_agency_page.txt"))
    assert story.title == "国务院召开常务会议 部署稳经济措施"
    assert story.source == SourceRecord("新华网", "website")
    assert story.dateline == "北京"
    assert story.reported_at == datetime(2022, 5, 23, 21, 5, 12, tzinfo=CHINA)
    assert story.credits == (Credit("刘洋", "responsible_editor"),)
    assert_none_in(story.body_html, ["新华社北京", "字体", "打印", "纠错", "相关新闻"])
    assert len(re.findall(r"<p>", story.body_html)) == 3


def test_site_menu_and_login_links_above_the_headline(fixture_text):
    (story,) = scraped_page.parse(fixture_text("scraped_menu_page.txt"))
    assert story.title == "全市中小学开学 十万学生返校"
    assert story.source == SourceRecord("滨江新闻网", "website")
    assert story.via is None
    assert story.credits == (Credit("周敏", "editor"),)
    assert story.original_text.startswith("全市中小学开学")
    assert_none_in(story.body_html, ["登录", "网站首页", "上一篇", "版权所有", "关于我们"])
    assert len(re.findall(r"<p>", story.body_html)) == 3


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("分享到：", True),
        ("【字体：大 中 小】 【打印】 【关闭】", True),
        ("浏览次数：123", True),
        ("首页 | 新闻 | 体育 | 娱乐", True),
        ("当前位置：首页 > 新闻", True),
        ("  • 重要新闻", True),
        ("分享会上的故事", False),
        ("纠错机制不断完善", False),
        ("走不了 就留下当个志愿者", False),
        ("本报记者 李娜 通讯员 王强", False),
        ("本報訊 記者 陳志明 報導", False),
        ("张三 李四 王五 赵六", False),  # people named in the story
        ("上一篇：我市开展春季植树活动", True),
        ("扫一扫在手机打开当前页", True),
        ("【打印本页】 【关闭窗口】", True),
    ],
)
def test_site_chrome_lines(line, expected):
    assert scraped_page.is_site_chrome(clean_line(line)) is expected


def test_a_source_naming_no_outlet_leaves_the_body_and_warns(fixture_text):
    page = fixture_text("scraped_other_site.txt").replace("来源：滨江晚报", "来源：网络")
    (story,) = scraped_page.parse(page)
    assert story.source == SourceRecord("滨江新闻网", "website")  # the site itself
    assert "网络" not in story.body_html


@pytest.mark.parametrize(
    "name", ["scraped_print_toolbar.txt", "scraped_gov_site.txt"], ids=lambda name: name
)
def test_one_line_of_fields_and_the_sites_toolbar_footer_and_record_numbers(fixture_text, name):
    source = fixture_text(name)
    (story,) = scraped_page.parse(source)
    assert story.reported_at is not None and story.date_precision == "moment"
    assert story.source is not None
    assert any(credit.role == "author" for credit in story.credits)
    assert len(re.findall(r"<p>", story.body_html)) == 3
    assert_none_in(
        story.body_html,
        ["发布时间", "浏览", "打印", "关闭", "字体", "分享", "扫一扫", "上一篇", "下一篇"]
        + ["版权所有", "ICP", "标识码", "主办", "责任编辑", "当前位置", "首页"],
    )
    assert_nothing_lost(source, [story])


def test_government_site_page(fixture_text):
    (story,) = scraped_page.parse(fixture_text("scraped_gov_site.txt"))
    assert story.title == "市农业农村局召开秋粮收购工作部署会"
    assert story.source == SourceRecord("市农业农村局", "unknown")
    assert story.credits == (Credit("陈静", "author"),)
    assert story.reported_at == datetime(2023, 9, 20, 15, 32, tzinfo=CHINA)
    assert story.warnings == ()


def test_print_toolbar_page(fixture_text):
    (story,) = scraped_page.parse(fixture_text("scraped_print_toolbar.txt"))
    assert (story.title, story.subtitle) == ("市区新增3条公交线路", "方便市民出行")
    assert story.source == SourceRecord("某某日报", "newspaper")
    assert story.via == SourceRecord("某某新闻网", "website")
    assert story.credits == (Credit("孙丽", "author"), Credit("周敏", "responsible_editor"))


def test_repost_disclaimer_recommendations_and_copyright_are_chrome(fixture_text):
    source = fixture_text("scraped_repost_disclaimer.txt")
    (story,) = scraped_page.parse(source)
    assert story.title == "外卖骑手的一天"
    assert story.source == SourceRecord("滨江晚报", "newspaper")
    assert story.via == SourceRecord("滨江新闻网", "website")
    assert story.credits == (Credit("李明", "responsible_editor"),)
    assert len(re.findall(r"<p>", story.body_html)) == 2
    assert_none_in(story.body_html, ["声明", "转载", "热门推荐", "版权所有", "本文来源"])
    assert_nothing_lost(source, [story])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("滨江新闻网版权所有", True),
        ("湘ICP备12345678号-1", True),
        ("主办单位：滨江市人民政府办公室", True),
        ("声明：转载此文是出于传递更多信息之目的。若有侵权请联系本网。", True),
        ("热门推荐", True),
        ("他声明自己从未收到通知。", False),
    ],
)
def test_site_footer_and_notices(line, expected):
    assert scraped_page.is_site_chrome(line) is expected
