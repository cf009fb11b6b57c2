import re
from datetime import datetime

import pytest

from articles.importer.dates import CHINA
from articles.importer.errors import NoStoryFound
from articles.importer.formats import wechat_post
from articles.importer.pipeline import read_document
from articles.importer.records import Credit, SourceRecord
from tests.articles.importer.helpers import assert_none_in, assert_nothing_lost


@pytest.fixture
def post_002(seed):
    (story,) = wechat_post.parse(seed("002"))
    return story


def test_002_has_an_inferred_title_flagged_for_review(post_002):
    assert post_002.title == "这是一支由365名精兵强将组成的特派“部队”"
    assert post_002.warnings == ("标题为推断", "日期不详", "来源不详")
    assert post_002.reported_at is None
    assert post_002.date_precision == "unknown"
    assert post_002.source is None
    assert post_002.position == 1


def test_002_correspondents_from_the_closing_credit(post_002):
    assert post_002.credits == tuple(
        Credit(name, "correspondent") for name in ["王清波", "贾向飞", "邢娜", "张美霞"]
    )
    assert "通讯员" not in post_002.body_html
    assert "王清波" not in post_002.body_html


def test_002_subheads_and_readable_verse(post_002):
    assert re.findall(r"<h2>(.*?)</h2>", post_002.body_html) == [
        "党员就要冲锋在前",
        "防疫中的“铁将军”",
        "最美“逆行者”",
        "防控、教学两不误",
        "党员夫妻携手战疫",
        "人民需要,我责无旁贷",
        "党旗所指,团旗所向",
    ]
    paragraphs = re.findall(r"<p>(.*?)</p>", post_002.body_html)
    assert paragraphs[:3] == ["这是一支", "由365名精兵强将组成的特派“部队”", "他们中有教师"]
    assert paragraphs[-1] == "致敬!365名联防员"
    assert post_002.lead.startswith("为打赢疫情防控阻击战")


def test_002_original_text_is_the_post(seed, post_002):
    assert post_002.original_text == seed("002").strip()


def test_post_with_headline_chrome_and_meta(fixture_text):
    (story,) = wechat_post.parse(fixture_text("wechat_with_title.txt"))
    assert story.title == "社区志愿者的一天"
    assert story.source == SourceRecord("樊城发布公众号", "wechat")
    assert story.reported_at == datetime(2022, 3, 1, tzinfo=CHINA)
    assert story.credits == (Credit("王芳", "editor"), Credit("张强", "reviewer"))
    assert re.findall(r"<h2>(.*?)</h2>", story.body_html) == ["忙碌的上午", "温暖的傍晚"]
    assert story.warnings == ()
    assert_none_in(
        story.body_html,
        [
            "关注",
            "二维码",
            "阅读原文",
            "来源",
            "2022年3月1日",
            "编辑",
            "社区志愿者的一天",
        ],
    )


def test_post_of_platform_chrome_only_is_rejected(fixture_text):
    with pytest.raises(NoStoryFound, match="没有成段的正文"):
        wechat_post.parse(fixture_text("wechat_chrome_only.txt"))


@pytest.mark.parametrize(
    ("prefix", "expected"), [("001", False), ("002", True), ("003", False), ("004", False)]
)
def test_sniff_on_seeds(seed, prefix, expected):
    assert wechat_post.sniff(seed(prefix)) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("wechat_with_title.txt", True),
        ("digest_page.txt", False),
        ("traditional_story.txt", False),
        ("link_list.txt", False),
        ("scraped_other_site.txt", False),
        ("headline_links.txt", False),  # packed short lines, but no sentence: a list
        ("wechat_editors_note.txt", True),
        ("wechat_platform_tail.txt", True),
        ("digest_masthead_agency_brief.txt", False),
        ("wechat_credits_after_end.txt", True),  # verse, then the text
        ("kicker_subtitle_byline.txt", False),  # a title block over the desk's byline
    ],
)
def test_sniff_on_cousins(fixture_text, name, expected):
    assert wechat_post.sniff(fixture_text(name)) is expected


@pytest.mark.parametrize(
    "head",
    [
        "聚焦两会\n代表委员热议民生实事\n——教育医疗养老成为关注焦点",  # a subtitle after `——`
        "聚焦两会\n代表委员热议民生实事\n教育医疗养老成为关注焦点\n本报记者 张三 李四",
        "聚焦兩會\n代表委員熱議民生實事\n教育醫療養老成為關注焦點\n本報記者 張三",
        "聚焦两会\n代表委员热议民生实事\n教育医疗养老成为关注焦点\n本报讯（记者 张三）",
        "聚焦两会\n代表委员热议民生实事\n教育医疗养老成为关注焦点\n新华社北京3月5日电",
    ],
)
def test_a_news_title_block_of_short_lines_is_no_posts_verse(head):
    text = (
        f"{head}\n3月5日，十四届全国人大一次会议开幕。连日来，代表委员们围绕教育、医疗、养老等民生话题积极建言献策。\n"
        "全国人大代表王芳说，要进一步加大对农村教育的投入，让农村孩子也能享受优质教育资源。\n"
        "全国政协委员刘强建议，完善社区养老服务体系，让老年人在家门口就能享受便利服务。\n"
    )
    assert wechat_post.sniff(text) is False
    (story,) = read_document("page.txt", text.encode()).stories
    assert story.title in ("代表委员热议民生实事", "代表委員熱議民生實事")


def test_packed_page_of_several_stories_is_not_a_post(seed):
    packed = "\n".join(line for line in seed("003").splitlines() if line.strip())
    assert wechat_post.sniff(packed) is False


def test_a_story_mentioning_an_account_is_not_a_post(fixture_text):
    story = fixture_text("single_story_plain.txt").replace(
        "确保安全度汛。", "确保安全度汛。市民可关注市应急管理局微信公众号获取预警信息。"
    )
    story = story.replace("本报记者 孙丽 摄", "")
    assert "公众号" in story
    assert wechat_post.sniff(story) is False


def test_post_closing_credit_followed_by_platform_prompts(seed):
    post = seed("002") + "\n长按识别二维码\n点个在看\n往期推荐\n(记者 张三)\n"
    assert wechat_post.sniff(post) is True
    (story,) = wechat_post.parse(post)
    assert [credit.name for credit in story.credits] == ["王清波", "贾向飞", "邢娜", "张美霞"]
    assert_none_in(story.body_html, ["二维码", "在看", "往期推荐"])


def test_reason_is_plain_text(fixture_text):
    with pytest.raises(NoStoryFound) as failure:
        wechat_post.parse(fixture_text("wechat_chrome_only.txt"))
    assert type(failure.value.args[0]) is str


def test_source_line_naming_no_outlet_is_still_taken_out(fixture_text):
    post = fixture_text("wechat_with_title.txt").replace("来源：樊城发布公众号", "来源：网络")
    (story,) = wechat_post.parse(post)
    assert story.source is None
    assert story.warnings == ("来源不详",)
    assert "网络" not in story.body_html


def test_post_opening_with_an_editors_note_and_closing_with_an_office_credit(fixture_text):
    source = fixture_text("wechat_editors_note.txt")
    (story,) = wechat_post.parse(source)
    assert story.title == "春耕时节田间地头一派繁忙"  # the label `编者按` is no part of it
    assert story.warnings == ("标题为推断", "日期不详", "来源不详")
    assert story.lead == "春耕时节 田间地头一派繁忙 他们用汗水 书写丰收的希望"
    assert story.credits == (  # writers, then photographers
        Credit("陈晨", "author"),
        Credit("赵亮", "correspondent"),
        Credit("陈晨", "photographer"),
    )
    assert re.findall(r"<h2>(.*?)</h2>", story.body_html) == ["科技助力春耕", "服务送到田间"]
    assert_none_in(story.body_html, ["文/图", "融媒体中心", "陈晨", "通讯员"])
    assert_nothing_lost(source, [story])


def test_post_closing_with_labelled_credits_and_the_platforms_prompts(fixture_text):
    source = fixture_text("wechat_platform_tail.txt")
    (story,) = wechat_post.parse(source)
    assert story.source == SourceRecord("城东发布", "wechat")
    assert story.credits == (
        Credit("王芳", "editor"),
        Credit("张强", "reviewer"),
        Credit("李明", "reviewer"),
    )
    assert story.warnings == ("标题为推断", "日期不详")
    assert re.findall(r"<p>(.*?)</p>", story.body_html)[-1] == (
        "据了解，街道计划年内再开设3家社区食堂，覆盖辖区所有社区。"
    )
    assert_none_in(
        story.body_html,
        ["来源", "编辑", "审核", "监制", "阅读原文", "二维码", "在看", "推荐阅读", "公交线路"],
    )
    assert_nothing_lost(source, [story])


def test_post_with_its_credits_above_the_verse(fixture_text):
    source = fixture_text("wechat_credits_on_top.txt")
    assert wechat_post.sniff(source)
    (story,) = wechat_post.parse(source)
    assert story.credits == (
        Credit("张三", "author"),
        Credit("李四", "photographer"),
        Credit("王五", "editor"),
    )
    assert story.title == "夏日的傍晚滨江公园里热闹非凡"
    assert re.findall(r"<h2>(.*?)</h2>", story.body_html) == ["公园更新", "口袋公园"]
    assert_none_in(story.body_html, ["文 |", "图 |", "编辑"])
    assert_nothing_lost(source, [story])


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("点击蓝字关注我们", True),
        ("长按识别二维码", True),
        ("觉得不错，点个“在看”吧", True),
        ("点击“阅读原文”了解更多", True),
        ("欢迎转发。", True),
        ("▼", True),
        ("网友纷纷为他点赞。", False),  # the story reporting it, not a prompt
        ("这条视频被转发了上万次。", False),
        ("社区志愿者的一天", False),
    ],
)
def test_platform_prompts(line, expected):
    assert wechat_post.is_platform_prompt(line) is expected


def test_wechat_original_post_header_names_the_account_and_the_moment(fixture_text):
    source = fixture_text("wechat_original_header.txt")
    assert wechat_post.sniff(source)
    (story,) = wechat_post.parse(source)
    assert story.title == "社区志愿者的一天"
    assert story.source == SourceRecord("城东发布", "wechat")
    assert story.reported_at == datetime(2023, 5, 8, 8, 0, tzinfo=CHINA)
    assert story.warnings == ()
    assert re.findall(r"<p>(.*?)</p>", story.body_html)[0] == (
        "清晨六点半，社区志愿者李阿姨就来到了小区门口。"
    )
    assert_nothing_lost(source, [story])


def test_photo_captions_keep_their_words_and_credit_the_photographers(fixture_text):
    source = fixture_text("wechat_photo_captions.txt")
    (story,) = wechat_post.parse(source)
    assert set(story.credits) == {
        Credit("王芳", "editor"),
        Credit("张三", "photographer"),
        Credit("李四", "photographer"),
    }
    paragraphs = re.findall(r"<p>(.*?)</p>", story.body_html)
    assert "市民在花海中拍照留念。" in paragraphs
    assert "游客在花田间漫步。" in paragraphs
    assert_none_in(story.body_html, ["摄", "▲", "编辑"])
    assert_nothing_lost(source, [story])


def test_credits_and_source_after_the_posts_end_mark_are_the_posts(fixture_text):
    source = fixture_text("wechat_credits_after_end.txt")
    assert wechat_post.sniff(source)
    (story,) = wechat_post.parse(source)
    assert story.source == SourceRecord("城东发布", "wechat")
    assert story.credits == (
        Credit("张三", "author"),
        Credit("李四", "photographer"),
        Credit("王芳", "editor"),
    )
    assert_none_in(story.body_html, ["END", "来源", "文字", "编辑", "推荐阅读", "公交线路"])
    assert_nothing_lost(source, [story])
