import re
from datetime import datetime

import pytest

from articles.importer.dates import CHINA
from articles.importer.errors import NoStoryFound
from articles.importer.formats import wechat_post
from articles.importer.records import Credit, SourceRecord
from tests.articles.importer.helpers import assert_none_in


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
    ],
)
def test_sniff_on_cousins(fixture_text, name, expected):
    assert wechat_post.sniff(fixture_text(name)) is expected


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
