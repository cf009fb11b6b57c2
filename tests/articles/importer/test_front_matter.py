import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from articles.importer.blocks import unwrap_proxied_url
from articles.importer.errors import MalformedFrontMatter, NoStoryFound
from articles.importer.formats import front_matter, markdown_post
from articles.importer.records import Credit

from .builders import assert_no_unsafe_markup, seed_path

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(scope="module")
def seed_story():
    [story] = front_matter.parse(seed_path("000").read_text(encoding="utf-8"))
    return story


class TestSeed000:
    def test_title_date_source_and_via(self, seed_story):
        assert seed_story.title == "抗疫故事青城有爱_关键岗位党徽亮～"
        assert seed_story.reported_at == datetime(2022, 3, 7, 10, 52, 8, tzinfo=SHANGHAI)
        assert seed_story.date_precision == "moment"
        assert (seed_story.source.name, seed_story.source.kind) == ("人民网", "website")
        assert (seed_story.via.name, seed_story.via.kind) == ("趣头条", "aggregator")
        assert seed_story.warnings == ()

    def test_photographers_are_credited_once_each(self, seed_story):
        assert seed_story.credits == (
            Credit("寇雅楠", "photographer"),
            Credit("刘艺琳", "photographer"),
        )

    def test_six_images_the_lead_first_with_declared_sizes(self, seed_story):
        images = seed_story.images
        assert len(images) == 6
        assert images[0].url.endswith("/528ecc5b87f98a657751901df9d573e5.png")
        assert all(image.url.startswith("http://static.1sapp.com/") for image in images)
        assert [(image.width, image.height) for image in images] == [
            (410, 232),
            (409, 269),
            (405, 270),
            (408, 272),
            (409, 270),
            (407, 270),
        ]

    def test_images_two_to_six_carry_captions_and_credits(self, seed_story):
        lead, *others = seed_story.images
        assert (lead.caption, lead.credit_name) == ("", "")
        assert others[0].caption == "樊庶为居民答疑解惑。"
        assert others[0].credit == "人民网 寇雅楠摄"
        assert [image.credit_name for image in others] == [
            "寇雅楠",
            "寇雅楠",
            "刘艺琳",
            "寇雅楠",
            "寇雅楠",
        ]
        assert all(image.caption.endswith("。") for image in others)

    def test_body_holds_only_the_story(self, seed_story):
        assert seed_story.body_html.count("<figure>") == len(seed_story.images)
        body = without_figures(seed_story.body_html)
        assert body.startswith("<p>2月27日，呼和浩特市委组织部")
        assert body.endswith("鲜红的党旗高高飘扬。</p>")
        for leftover in (
            "来源",
            "版权归原作者",
            "寇雅楠摄",
            "樊庶为居民答疑解惑",
            "<img",
            "<div",
            "<span",
            "referrerpolicy",
        ):
            assert leftover not in body
        assert body.count("<p>") == 16  # 29 paragraphs less 6 images, 5 captions, source, notice

    def test_no_tags_from_platform_and_bucket_categories(self, seed_story):
        assert seed_story.tags == ()


def without_figures(body_html):
    """The body's text without the figures placed in it."""
    return re.sub(r"<figure>.*?</figure>\n?", "", body_html)


def post(
    meta,
    body="<p>核酸检测点前排起长队，志愿者忙着维持秩序。居民们纷纷点赞，说有了他们心里踏实多了。</p>",
):
    return f"---\n{meta}\n---\n{body}\n"


@pytest.mark.parametrize(
    ("meta", "when", "precision"),
    [
        ("date: 2022-04-20", datetime(2022, 4, 20, tzinfo=SHANGHAI), "day"),
        ("date: 2022-04-20 08:30:00", datetime(2022, 4, 20, 8, 30, tzinfo=SHANGHAI), "moment"),
        (
            "date: 2022-04-20T08:30:00+00:00",
            datetime(2022, 4, 20, 16, 30, tzinfo=SHANGHAI),
            "moment",
        ),
        ("date: '2022年4月20日'", datetime(2022, 4, 20, tzinfo=SHANGHAI), "day"),
        (
            "date: Wed, 20 Apr 2022 00:30:00 GMT",
            datetime(2022, 4, 20, 8, 30, tzinfo=SHANGHAI),
            "moment",
        ),
        ("date: 不详", None, "unknown"),
    ],
)
def test_front_matter_dates(meta, when, precision):
    [story] = front_matter.parse(post(f"title: 标题\n{meta}"))
    assert story.reported_at == when
    assert story.date_precision == precision
    assert ("日期不详" in story.warnings) is (when is None)


def test_jekyll_post_with_person_author_tags_and_markdown_body():
    text = post(
        "layout: post\ntitle: 社区里的“守门员”\nauthor: 王小明\ndate: 2022-04-20\n"
        "tags: [防疫, 志愿者]\ncategories: 社区 新闻\nsource: 运城晚报\nlink: https://example.com/a.html\n"
        "cover: https://img.example.com/lead.jpg",
        "## 守在门口\n\n每天清晨，他第一个到岗，\n检查进出人员的健康码。\n\n"
        "![核酸检测现场](https://img.example.com/b.jpg)\n\n图为核酸检测现场。\n\n**夜里也不松懈**\n\n夜里十点，他还在小区门口巡查，一站就是三个小时。\n",
    )
    [story] = front_matter.parse(text)
    assert story.title == "社区里的“守门员”"
    assert story.credits == (Credit("王小明", "author"),)
    assert story.source.name == "运城晚报" and story.source.kind == "newspaper"
    assert story.via is None
    assert story.original_url == "https://example.com/a.html"
    assert story.tags == ("防疫", "志愿者", "社区")
    assert [image.url for image in story.images] == [
        "https://img.example.com/lead.jpg",
        "https://img.example.com/b.jpg",
    ]
    assert story.images[1].caption == "图为核酸检测现场。"
    assert story.images[1].alt_text == "核酸检测现场"
    assert "<h2>守在门口</h2>" in story.body_html
    assert "<p>每天清晨，他第一个到岗，检查进出人员的健康码。</p>" in story.body_html
    assert "<figcaption>图为核酸检测现场。</figcaption>" in story.body_html
    assert "图为" not in without_figures(story.body_html)


def test_outlet_author_without_a_source_line_is_the_source():
    [story] = front_matter.parse(post("title: 标题\nauthor: 永州日报"))
    assert story.source.name == "永州日报"
    assert story.via is None
    assert story.credits == ()


def test_credited_author_with_a_role_word_keeps_the_role():
    [story] = front_matter.parse(post("title: 标题\nauthor: 记者 张伟"))
    assert story.credits == (Credit("张伟", "reporter"),)


@pytest.mark.parametrize("author", ["admin", "小编", "佚名"])
def test_placeholder_authors_credit_no_one(author):
    [story] = front_matter.parse(post(f"title: 标题\nauthor: {author}"))
    assert story.credits == ()


def test_plain_text_body_one_paragraph_per_line_and_credit_lines_taken_out():
    [story] = front_matter.parse(
        post(
            "title: 标题\ndate: 2022-04-20",
            "本报讯 社区志愿者连续奋战十天，守住了小区的每一道门。\n居民们送来热乎的饺子，感谢他们的辛劳。\n（记者 王耀）",
        )
    )
    assert story.body_html == (
        "<p>社区志愿者连续奋战十天，守住了小区的每一道门。</p>\n"
        "<p>居民们送来热乎的饺子，感谢他们的辛劳。</p>"
    )
    assert story.credits == (Credit("王耀", "reporter"),)


def test_missing_title_is_inferred_from_the_first_sentence_and_flagged():
    [story] = front_matter.parse(
        post(
            "date: 2022-04-20",
            "<p>社区志愿者连续奋战十天。居民们送来饺子。居民们纷纷点赞，说有了他们心里踏实多了。</p>",
        )
    )
    assert story.title == "社区志愿者连续奋战十天"
    assert "标题为推断" in story.warnings


def test_untrusted_html_is_sanitised():
    [story] = front_matter.parse(
        post(
            "title: 标题",
            '<style>p{color:red}</style><script>alert(1)</script><iframe src="https://evil.example"></iframe>'
            "<p>检测从清晨持续到深夜，志愿者轮班值守，居民们纷纷点赞，说有了他们心里踏实多了。</p>"
            '<p onclick="steal()" style="color:red">核酸检测覆盖全部小区，<a href="javascript:alert(1)">点此</a>'
            '查看<a href="https://example.com/">原文</a>。</p>',
        )
    )
    body = story.body_html
    assert_no_unsafe_markup(body)
    assert "核酸检测" in body and 'href="https://example.com/"' in body


def test_malformed_yaml_names_the_problem_and_line():
    with pytest.raises(MalformedFrontMatter, match=r"YAML 头信息格式有误.*第 3 行"):
        front_matter.parse("---\ntitle: 标题\ntags: [防疫\ndate: x\n---\n<p>正文</p>")


def test_front_matter_that_is_not_a_mapping_is_malformed():
    with pytest.raises(MalformedFrontMatter, match="键: 值"):
        front_matter.parse("---\n- 只是\n- 列表\n---\n<p>正文</p>")


def test_front_matter_with_no_body_holds_no_story():
    with pytest.raises(NoStoryFound):
        front_matter.parse("---\ntitle: 只有标题\n---\n\n")


@pytest.mark.parametrize(
    ("url", "original"),
    [
        (
            "https://cors.example.dev/?http://static.example.com/a.png",
            "http://static.example.com/a.png",
        ),
        ("https://images.example.net/?url=https%3A%2F%2Fa.cn%2Fb.jpg&w=300", "https://a.cn/b.jpg"),
        (
            "https://img.example.com/a.jpg?x-oss-process=image/resize",
            "https://img.example.com/a.jpg?x-oss-process=image/resize",
        ),
    ],
)
def test_proxied_image_addresses_are_unwrapped(url, original):
    assert unwrap_proxied_url(url) == original


class TestMarkdownPost:
    TEXT = (
        "# 社区里的“守门员”\n\n本报讯（记者 王耀）每天清晨，他第一个到岗，\n检查进出人员的健康码。\n\n"
        "## 夜里也不松懈\n\n夜里十点，他还在小区门口巡查，一站就是三个小时。\n\n![](https://img.example.com/a.jpg)\n\n志愿者在门口值守。（张三 摄）\n\n来源：运城晚报\n"
    )

    def test_is_recognised_by_its_title_line(self):
        assert markdown_post.sniff(self.TEXT)
        assert markdown_post.sniff("社区里的“守门员”\n=====\n\n正文。")
        assert not markdown_post.sniff("社区里的“守门员”\n\n正文。")

    def test_reads_like_a_front_matter_post(self):
        [story] = markdown_post.parse(self.TEXT)
        assert story.title == "社区里的“守门员”"
        assert story.credits == (Credit("王耀", "reporter"), Credit("张三", "photographer"))
        assert story.source.name == "运城晚报"
        assert story.body_html == (
            "<p>每天清晨，他第一个到岗，检查进出人员的健康码。</p>\n<h2>夜里也不松懈</h2>\n"
            "<p>夜里十点，他还在小区门口巡查，一站就是三个小时。</p>\n"
            '<figure><img src="https://img.example.com/a.jpg" alt="志愿者在门口值守。">'
            "<figcaption>志愿者在门口值守。 张三 摄</figcaption></figure>"
        )
        assert story.images[0].caption == "志愿者在门口值守。"
        assert story.warnings == ("日期不详",)

    def test_lines_without_blank_lines_between_are_paragraphs(self):
        [story] = markdown_post.parse(
            "# 标题\n第一段讲检测点的布置，**重点**是分流。\n第二段讲志愿者怎样轮班值守到深夜，一站就是三个小时。\n"
        )
        assert story.body_html == (
            "<p>第一段讲检测点的布置，<strong>重点</strong>是分流。</p>\n"
            "<p>第二段讲志愿者怎样轮班值守到深夜，一站就是三个小时。</p>"
        )


STORY_BODY = (
    "<p>核酸检测点前排起长队，志愿者忙着维持秩序。居民们纷纷点赞，说有了他们心里踏实多了。</p>"
)


def test_web_clipper_source_is_the_address_and_wiki_links_are_names():
    [story] = front_matter.parse(
        post(
            'title: "核酸检测进小区"\nsource: "https://www.example.com/news/1.html"\n'
            'author:\n  - "[[王小明]]"\npublished: 2022-04-20\ntags:\n  - clippings',
            STORY_BODY,
        )
    )
    assert story.original_url == "https://www.example.com/news/1.html"
    assert story.source is None and "来源不详" in story.warnings
    assert story.credits == (Credit("王小明", "author"),)
    assert story.reported_at == datetime(2022, 4, 20, tzinfo=SHANGHAI)
    assert story.tags == ()


@pytest.mark.parametrize(
    "meta",
    [
        "photos:\n  - https://img.example.com/lead.jpg\n  - https://img.example.com/b.jpg",
        "image:\n  path: https://img.example.com/lead.jpg",
        "thumbnail: 'https://proxy.example.dev/?https://img.example.com/lead.jpg'",
    ],
)
def test_lead_image_keys_of_other_generators(meta):
    [story] = front_matter.parse(post(f"title: 标题\n{meta}", STORY_BODY))
    assert story.images[0].url == "https://img.example.com/lead.jpg"


def test_hugo_toml_front_matter():
    text = f'+++\ntitle = "核酸检测进小区"\ndate = 2022-04-20T08:30:00+08:00\ntags = ["防疫"]\n+++\n{STORY_BODY}'
    assert front_matter.sniff(text)
    [story] = front_matter.parse(text)
    assert (story.title, story.tags) == ("核酸检测进小区", ("防疫",))
    assert story.reported_at == datetime(2022, 4, 20, 8, 30, tzinfo=SHANGHAI)


def test_malformed_toml_is_reported():
    with pytest.raises(MalformedFrontMatter, match="TOML 头信息格式有误"):
        front_matter.parse(f'+++\ntitle = "未闭合\n+++\n{STORY_BODY}')


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("<p>点击阅读原文。</p>", "不像一篇稿件|正文过短|没有正文段落"),
        ("本站简介：关注本地新闻。", "不像一篇稿件|正文过短|没有正文段落"),
        (
            "- [社区志愿者连续奋战十天](https://a.example/1)\n"
            "- [居民送来热乎的饺子表达感谢](https://a.example/2)\n"
            "- [核酸检测点前排起长队](https://a.example/3)\n",
            "大部分是链接",
        ),
    ],
)
def test_a_blurb_or_a_list_of_links_is_no_story(body, reason):
    with pytest.raises(NoStoryFound, match=reason):
        front_matter.parse(post("title: 标题", body))


def test_a_repeated_title_and_what_follows_the_end_mark_are_not_the_story():
    [story] = front_matter.parse(
        post(
            "title: 核酸检测进小区",
            f"<p>核酸检测进小区</p>{STORY_BODY}<p>-END-</p><p>点击下方链接查看更多精彩内容</p>"
            "<p>责任编辑：王芳</p>",
        )
    )
    assert story.body_html == STORY_BODY
    assert story.credits == (Credit("王芳", "responsible_editor"),)


@pytest.mark.parametrize(
    "notice",
    [
        "版权归原作者所有，向原创者致敬。",
        "版權歸原作者所有，如有侵權請聯繫刪除。",
        "本文转载自网络，不代表本平台观点，如有侵权请联系删除。",
    ],
)
def test_reposting_notices_are_not_the_story(notice):
    [story] = front_matter.parse(post("title: 标题", f"{STORY_BODY}<p>{notice}</p>"))
    assert story.body_html == STORY_BODY


def test_a_traditional_chinese_post():
    [story] = front_matter.parse(
        "---\ntitle: 社區裡的守門員\nauthor: 記者 張偉\ndate: 2022-04-20\n---\n"
        '<p><img src="https://img.example.com/a.jpg" data-size="400,300"></p>'
        "<p>志願者在門口值守。人民網 李明攝</p>"
        "<p>核酸檢測點前排起長隊，志願者忙著維持秩序。居民們紛紛點讚，說有了他們心裡踏實多了。</p>"
        "<p>【來源：人民網】</p><p>版權歸原作者所有，向原創者致敬。</p>"
    )
    assert story.credits == (Credit("張偉", "reporter"), Credit("李明", "photographer"))
    assert story.source.name == "人民網"
    assert story.images[0].caption == "志願者在門口值守。"
    assert story.body_html.count("<p>") == 1 and "來源" not in story.body_html


def test_hexo_front_matter_without_an_opening_fence():
    text = f"title: 核酸检测进小区\ndate: 2013/7/13 20:46:25\ntags:\n- 防疫\n---\n{STORY_BODY}"
    assert front_matter.sniff(text)
    [story] = front_matter.parse(text)
    assert (story.title, story.tags) == ("核酸检测进小区", ("防疫",))
    assert story.reported_at == datetime(2013, 7, 13, 20, 46, 25, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    "text",
    [
        "来源: 永州日报\n---\n正文",
        "当前位置:\n\n汇聚力量\n---\n正文",
        "Breaking news: a headline\n\nSome text\n---\n",
    ],
)
def test_plain_text_is_not_taken_for_front_matter(text):
    assert not front_matter.sniff(text)


def test_markdown_with_inline_images():
    [story] = front_matter.parse(
        post(
            "title: 标题",
            '核酸检测点前排起长队，志愿者忙着维持秩序。\n\n<img src="https://img.example.com/a.jpg">\n\n'
            "图为检测现场。\n\n居民们纷纷点赞，说有了他们心里踏实多了，检测一直持续到深夜。\n",
        )
    )
    # the image stays where the post printed it, its caption under it
    assert story.body_html == (
        "<p>核酸检测点前排起长队，志愿者忙着维持秩序。</p>\n"
        '<figure><img src="https://img.example.com/a.jpg" alt="图为检测现场。">'
        "<figcaption>图为检测现场。</figcaption></figure>\n"
        "<p>居民们纷纷点赞，说有了他们心里踏实多了，检测一直持续到深夜。</p>"
    )
    assert [(image.url, image.caption) for image in story.images] == [
        ("https://img.example.com/a.jpg", "图为检测现场。")
    ]


def test_markdown_forced_on_a_text_without_a_title_line_infers_one():
    [story] = markdown_post.parse(
        "核酸检测点前排起长队，志愿者忙着维持秩序。\n\n居民们纷纷点赞，说有了他们心里踏实多了。\n\n"
        "检测从清晨持续到深夜，志愿者轮班值守，保障每位居民都能及时完成检测。\n"
    )
    assert story.title == "核酸检测点前排起长队，志愿者忙着维持秩序"
    assert "标题为推断" in story.warnings


def test_broken_addresses_are_dropped_not_fatal():
    [story] = front_matter.parse(
        post(
            "title: 标题\nheadimg: 'http://img.example.com：80/lead.jpg'\nlink: 'http://a.cn／b'",
            '<p><img src="http://img.example.com／a.jpg"></p>' + STORY_BODY,
        )
    )
    assert story.images == () and story.original_url == ""


def test_a_source_line_naming_no_outlet_leaves_the_body_and_names_no_source():
    [story] = front_matter.parse(post("title: 标题", f"{STORY_BODY}<p>来源：网络</p>"))
    assert story.body_html == STORY_BODY
    assert story.source is None


def test_a_front_matter_author_credited_in_the_body_keeps_the_body_role():
    [story] = front_matter.parse(
        post("title: 标题\nauthor: 张伟", f"<p>本报讯（记者 张伟 通讯员 李娜）</p>{STORY_BODY}")
    )
    assert story.credits == (Credit("张伟", "reporter"), Credit("李娜", "correspondent"))


def test_markdown_image_alt_text_carries_the_caption_and_the_photographer(fixture_text):
    [story] = front_matter.parse(fixture_text("jekyll_post.md"))

    [image] = story.images
    assert image.url == "https://img.icswb.com/2023/06/12/a1.jpg"
    assert (image.caption, image.credit, image.credit_name) == (
        "浏阳河水位上涨。",
        "记者 李健 摄",
        "李健",
    )
    assert Credit("李健", "photographer") in story.credits
    assert story.credits[:2] == (Credit("周小燕", "reporter"), Credit("刘洋", "correspondent"))
    assert "李健" not in without_figures(story.body_html)
    assert "<figcaption>浏阳河水位上涨。 记者 李健 摄</figcaption>" in story.body_html


@pytest.mark.parametrize(
    ("notice", "source", "kind", "via"),
    [
        (
            "本文来自微信公众号“城东发布”（ID：cdfb），趣头条经授权发布。",
            "城东发布",
            "wechat",
            "趣头条",
        ),
        ("原载《滨江晚报》", "滨江晚报", "newspaper", "趣头条"),
        ("转自青梧新闻网", "青梧新闻网", "website", "趣头条"),
    ],
)
def test_a_republication_notice_names_the_origin_and_the_aggregator_is_the_via(
    notice, source, kind, via
):
    [story] = front_matter.parse(
        post(
            "title: 标题\nauthor: 趣头条\ncategories: [趣头条]",
            f"{STORY_BODY}<p>{notice}</p><p>原文链接：https://news.example.cn/a/1.html</p>",
        )
    )
    assert (story.source.name, story.source.kind) == (source, kind)
    assert story.via.name == via
    assert story.original_url == "https://news.example.cn/a/1.html"
    assert notice not in story.body_html and "原文链接" not in story.body_html


@pytest.mark.parametrize(
    ("author", "credits", "source"),
    [
        ('"王  敏"', {("王敏", "author")}, None),
        ('"温景行 邵天宇"', {("温景行", "author"), ("邵天宇", "author")}, None),
        ('"温景行/邵天宇"', {("温景行", "author"), ("邵天宇", "author")}, None),
        ("县融媒体中心", set(), "县融媒体中心"),
    ],
)
def test_metadata_authors_padded_spaced_or_an_organisation(author, credits, source):
    [story] = front_matter.parse(post(f"title: 标题\nauthor: {author}", STORY_BODY))
    assert {(credit.name, credit.role) for credit in story.credits} == credits
    assert (story.source.name if story.source else None) == source
