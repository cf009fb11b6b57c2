from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from articles.importer.errors import NoStoryFound
from articles.importer.formats import html_page
from articles.importer.records import Credit

from .builders import assert_no_unsafe_markup

SHANGHAI = ZoneInfo("Asia/Shanghai")

NEWS_PAGE = """<!DOCTYPE html>
<html><head>
<title>社区核酸检测有序进行_某某新闻网</title>
<meta property="og:site_name" content="某某新闻网">
<meta property="og:url" content="https://news.example.cn/2022/0420/1.html">
<meta property="article:published_time" content="2022-04-20T09:15:00+08:00">
<meta name="author" content="记者 李明">
<script>track()</script>
</head><body>
<header><a href="/">首页</a> <a href="/local">本地</a></header>
<nav><ul><li><a href="/a">要闻</a></li><li><a href="/b">社会</a></li></ul></nav>
<div class="main-article">
  <h1>社区核酸检测有序进行</h1>
  <p>本报讯 4月19日一大早，社区的核酸检测点前已排起长队，志愿者忙着维持秩序。</p>
  <p><strong>志愿者连轴转</strong></p>
  <p style="color:red" onclick="x()">志愿者们从清晨忙到深夜，一站就是十几个小时，居民们纷纷点赞。</p>
  <figure><img src="/img/1.jpg" width="600" height="400"><figcaption>志愿者在检测点值守。（张三 摄）</figcaption></figure>
  <p>来源：运城晚报</p>
  <h3>相关阅读</h3>
  <ul><li><a href="/n/1">社区志愿者连续奋战十天</a></li><li><a href="/n/2">居民送来热乎的饺子</a></li></ul>
  <p><a href="/n/3">阅读原文</a></p>
</div>
<aside><a href="/hot">热点新闻一</a></aside>
<footer>版权所有 © 某某新闻网</footer>
</body></html>"""

WECHAT_PAGE = """<html><head>
<meta property="og:title" content="他们冲锋在抗疫一线">
<meta property="og:url" content="http://mp.weixin.qq.com/s?__biz=abc">
</head><body>
<div id="js_article">
<h1 class="rich_media_title" id="activity-name">他们冲锋在抗疫一线</h1>
<div id="meta_content"><span id="js_author_name">王小明</span> <a id="js_name">樊城发布</a> <em id="publish_time"></em></div>
<div class="rich_media_content" id="js_content">
<section><p>为打赢疫情防控阻击战，樊城区抽调党员干部成立联防联控工作队，下沉各片区开展排查。</p>
<p>近半个月时间，这支队伍撑起了一张“防疫网”，守护着辖区群众的生命健康。</p></section>
</div></div>
<script>var ct = "1644710400"; var nickname = "樊城发布";</script>
</body></html>"""


def test_a_news_page_without_its_chrome():
    [story] = html_page.parse(NEWS_PAGE)
    assert story.title == "社区核酸检测有序进行"
    assert story.reported_at == datetime(2022, 4, 20, 9, 15, tzinfo=SHANGHAI)
    assert (story.source.name, story.source.kind) == ("运城晚报", "newspaper")
    assert (story.via.name, story.via.kind) == ("某某新闻网", "website")
    assert story.original_url == "https://news.example.cn/2022/0420/1.html"
    assert story.credits == (Credit("李明", "reporter"), Credit("张三", "photographer"))
    assert story.body_html.startswith("<p>4月19日一大早")
    assert "<h2>志愿者连轴转</h2>" in story.body_html
    for chrome in (
        "首页",
        "要闻",
        "热点新闻",
        "版权所有",
        "来源",
        "track",
        "相关阅读",
        "饺子",
        "原文",
    ):
        assert chrome not in story.body_html
    assert_no_unsafe_markup(story.body_html)
    assert [(image.url, image.width, image.height, image.caption) for image in story.images] == [
        ("https://news.example.cn/img/1.jpg", 600, 400, "志愿者在检测点值守。")
    ]
    assert story.warnings == ()


def test_a_wechat_article_saved_from_the_browser():
    [story] = html_page.parse(WECHAT_PAGE)
    assert story.title == "他们冲锋在抗疫一线"
    assert (story.source.name, story.source.kind) == ("樊城发布", "wechat")
    assert story.credits == (Credit("王小明", "author"),)
    assert story.reported_at == datetime(2022, 2, 13, 8, 0, tzinfo=SHANGHAI)
    assert story.body_html.count("<p>") == 2
    assert "樊城发布" not in story.body_html


def test_a_page_of_headline_links_holds_no_story():
    links = "".join(f'<li><a href="/{n}">社区核酸检测有序进行第{n}则</a></li>' for n in range(8))
    with pytest.raises(NoStoryFound, match="大部分是链接"):
        html_page.parse(f"<html><body><ul>{links}</ul></body></html>")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("社区核酸检测有序进行_某某新闻网", "社区核酸检测有序进行"),
        ("社区核酸检测有序进行 - 运城晚报", "社区核酸检测有序进行"),
        ("抗疫故事青城有爱_关键岗位党徽亮～", "抗疫故事青城有爱_关键岗位党徽亮～"),
    ],
)
def test_the_site_name_is_taken_off_a_page_title(title, expected):
    body = (
        "<p>社区的核酸检测点前排起长队，志愿者忙着维持秩序，居民们纷纷点赞，说有了他们心里踏实多了。</p>"
        "<p>检测从清晨持续到深夜，志愿者轮班值守，保障每位居民都能及时完成检测。</p>"
        "<p>社区还为行动不便的老人提供上门服务，确保不落一户、不漏一人。</p>"
    )
    [story] = html_page.parse(
        f"<html><head><title>{title}</title></head><body>{body}</body></html>"
    )
    assert story.title == expected


@pytest.mark.parametrize("channel", ["新闻中心", "文章详情", "新闻详情页", "正文", "本地要闻"])
def test_a_browser_title_naming_the_channel_is_no_headline(channel):
    verse = "<p>夏日的傍晚</p><p>滨江公园里热闹非凡</p>"
    body = "<p>傍晚时分，市民们三三两两来到公园散步纳凉，孩子们在草坪上追逐嬉戏，老人们在树荫下下棋聊天。</p>"
    page = f"<!DOCTYPE html><html><head><title>{channel}_某某新闻网</title></head><body>{verse}{body * 2}</body></html>"
    (story,) = html_page.parse(page)
    assert story.title != channel
    assert story.title in page


def test_a_browser_title_naming_the_story_stands_for_a_missing_headline():
    body = "<p>傍晚时分，市民们三三两两来到公园散步纳凉，孩子们在草坪上追逐嬉戏，老人们在树荫下下棋聊天。</p>"
    page = f"<!DOCTYPE html><html><head><title>滨江公园夏夜纳凉人多_某某新闻网</title></head><body>{body * 3}</body></html>"
    (story,) = html_page.parse(page)
    assert story.title == "滨江公园夏夜纳凉人多"
