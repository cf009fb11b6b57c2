"""Rule 8 of the importer's grammars: every picture with its caption and photographer, in every
container; the platform's own pictures dropped; the picture kept where the story printed it.

Each row is the HTML printed between a story's first and second paragraph, as news sites,
WeChat and CMS exports lay out a photo; the same row is read in three containers.
"""

import json

import pytest
from django.utils.html import strip_tags

from articles.importer.pipeline import read_document
from articles.importer.story import IMAGE_UNADDRESSED

TITLE = "青石河开展春季河道清理"
FIRST = "本报讯（记者 李四）3月16日，三百余名志愿者分成二十个小组，沿青石河两岸清理垃圾、疏通排水口，清出各类垃圾六吨多。"
FIRST_IN_BODY = "3月16日，三百余名志愿者分成二十个小组"
SECOND = (
    "市河长办负责人介绍，今年全市将对三十二条城区河道开展常态化巡查，发现问题二十四小时内交办处理。"
)
PHOTO = '<img src="https://img.example.cn/2024/0316/river.jpg" width="800" height="533">'


def post(body):
    header = f"---\ntitle: {TITLE}\ndate: 2024-03-16\n---\n\n"
    return "post.md", (header + body + "\n").encode()


def crawler_record(body):
    record = {"title": TITLE, "pubtime": "2024-03-16 09:30", "content": body}
    return "record.json", json.dumps(record, ensure_ascii=False).encode()


def news_site_page(body):
    page = (
        f"<html><head><title>{TITLE}_青禾新闻网</title></head><body>"
        '<div class="nav"><a href="/">首页</a> <a href="/news/">新闻</a></div>'
        f'<div class="article"><h1>{TITLE}</h1><div class="info">2024-03-16 09:30 来源：青禾日报</div>'
        f'<div class="content">{body}</div></div>'
        '<div class="footer">版权所有 © 2024 青禾新闻网</div></body></html>'
    )
    return "page.html", page.encode()


CONTAINERS = {"post": post, "crawler_record": crawler_record, "news_site_page": news_site_page}


def story_with(figure, container):
    body = f"<p>{FIRST}</p>\n{figure}\n<p>{SECOND}</p>"
    (story,) = read_document(*CONTAINERS[container](body)).stories
    return story


CAPTIONED = [
    # a <figcaption> closed by the photographer
    (
        f"<figure>{PHOTO}<figcaption>志愿者在青石河岸边清理垃圾。张三 摄</figcaption></figure>",
        ("志愿者在青石河岸边清理垃圾。", "张三"),
    ),
    # the line under the picture, its credit in brackets
    (
        f"{PHOTO}<p>志愿者在青石河岸边清理垃圾。（张三 摄）</p>",
        ("志愿者在青石河岸边清理垃圾。", "张三"),
    ),
    (
        f"{PHOTO}<p>志願者在青石河岸邊清理垃圾。（張三 攝）</p>",
        ("志願者在青石河岸邊清理垃圾。", "張三"),
    ),
    # the credit as a label, and a name padded with spaces
    (
        f"{PHOTO}<p>志愿者在青石河岸边清理垃圾。摄影：王  五</p>",
        ("志愿者在青石河岸边清理垃圾。", "王五"),
    ),
    (f"{PHOTO}<p>志愿者在青石河岸边清理垃圾 张 三 摄</p>", ("志愿者在青石河岸边清理垃圾", "张三")),
    # no credit: set apart from the text by centring or small type
    (
        f'{PHOTO}<p style="text-align: center;">志愿者在青石河岸边清理垃圾</p>',
        ("志愿者在青石河岸边清理垃圾", ""),
    ),
    (
        f'<p align="center">{PHOTO}</p><p align="center">志願者在青石河岸邊清理垃圾</p>',
        ("志願者在青石河岸邊清理垃圾", ""),
    ),
    (
        f'{PHOTO}<p><span style="font-size: 12px; color: #888">志愿者在 青石河 岸边清理垃圾</span></p>',
        ("志愿者在 青石河 岸边清理垃圾", ""),
    ),
    (f"<center>{PHOTO}<br>志愿者在青石河岸边清理垃圾</center>", ("志愿者在青石河岸边清理垃圾", "")),
    # in italics or small type, as Markdown's `*图注*` under a picture prints
    (f"<p>{PHOTO}<br><em>志愿者在青石河岸边清理垃圾</em></p>", ("志愿者在青石河岸边清理垃圾", "")),
    (f"{PHOTO}<p><i>志願者在青石河岸邊清理垃圾。</i></p>", ("志願者在青石河岸邊清理垃圾。", "")),
    (
        f"{PHOTO}<p><small>志愿者在青石河岸边清理垃圾</small></p>",
        ("志愿者在青石河岸边清理垃圾", ""),
    ),
    # marked as a caption
    (f"{PHOTO}<p>图为志愿者在青石河岸边清理垃圾。</p>", ("图为志愿者在青石河岸边清理垃圾。", "")),
    (f"{PHOTO}<p>▲ 志愿者在青石河岸边清理垃圾</p>", ("▲ 志愿者在青石河岸边清理垃圾", "")),
    # only the agency that supplied the picture
    (
        f"{PHOTO}<p>志愿者在青石河岸边清理垃圾。（新华社发）</p>",
        ("志愿者在青石河岸边清理垃圾。", ""),
    ),
    # the caption glued to the next paragraph, split at its credit
    (
        f"{PHOTO}<p>志愿者在青石河岸边清理垃圾。（张三 摄）当天，沿河十二个社区也组织居民参与清理。</p>",
        ("志愿者在青石河岸边清理垃圾。", "张三"),
    ),
    (
        f"{PHOTO}<p>志願者在青石河岸邊清理垃圾。（張三 攝）當天，沿河十二個社區也組織居民參與清理。</p>",
        ("志願者在青石河岸邊清理垃圾。", "張三"),
    ),
    # the alt text printed again under the picture
    (
        '<img src="https://img.example.cn/a2.jpg" alt="志愿者在青石河岸边清理垃圾" width="800" height="533">'
        "<p>志愿者在青石河岸边清理垃圾</p>",
        ("志愿者在青石河岸边清理垃圾", ""),
    ),
    # a caption printed above the picture, closed by its credit
    (
        f"<p>志愿者在青石河岸边清理垃圾。（张三 摄）</p>{PHOTO}",
        ("志愿者在青石河岸边清理垃圾。", "张三"),
    ),
]


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize(("figure", "expected"), CAPTIONED)
def test_every_picture_has_its_caption_and_photographer(figure, expected, container):
    story = with_figure(figure, container)
    caption, photographer = expected
    (image,) = story.images
    assert (image.caption, image.credit_name) == (caption, photographer)
    if photographer:
        assert (photographer, "photographer") in {(c.name, c.role) for c in story.credits}
    assert_caption_only_under_the_picture(story, caption)


def test_a_picture_with_only_a_relative_address_leaves_its_caption_and_credit():
    """A page saved without its own address: `/uploads/1.jpg` cannot be fetched, but its
    caption stays in the text and its photographer on the story, and the editor is told."""
    page = news_site_page(
        f"<p>{FIRST}</p>"
        '<p style="text-align:center"><img src="/uploads/2024/0316/river.jpg" width="800" height="533"></p>'
        '<p style="text-align:center">志愿者在青石河岸边清理垃圾。张三 摄</p>'
        f"<p>{SECOND}</p>"
    )
    (story,) = read_document(*page).stories
    assert story.images == ()
    assert "<p>志愿者在青石河岸边清理垃圾。</p>" in story.body_html
    assert ("张三", "photographer") in {(c.name, c.role) for c in story.credits}
    assert story.warnings == (IMAGE_UNADDRESSED,)


def with_figure(figure, container):
    return story_with(figure, container)


def assert_caption_only_under_the_picture(story, caption):
    """The figure stands between the two paragraphs it was printed between, the caption only in
    its `<figcaption>`, and the story's own sentences whole."""
    elements = story.body_html.split("\n")
    texts = [strip_tags(element) for element in elements]
    at = next(i for i, element in enumerate(elements) if element.startswith("<figure>"))
    assert FIRST_IN_BODY in texts[at - 1]
    assert SECOND in texts[at + 1] or "当天" in texts[at + 1] or "當天" in texts[at + 1]
    outside = [text for i, text in enumerate(texts) if i != at]
    assert not any(caption.strip("▲ ") in text for text in outside), outside
    assert not any("摄" in text or "攝" in text or "新华社发" in text for text in outside)


REPEATED = [
    # a page that printed the caption twice, or three times
    f"{PHOTO}<p>志愿者在青石河岸边清理垃圾。张三 摄</p><p>志愿者在青石河岸边清理垃圾。张三 摄</p>",
    f"<figure>{PHOTO}<figcaption>志愿者在青石河岸边清理垃圾。张三 摄</figcaption></figure>"
    "<p>志愿者在青石河岸边清理垃圾。张三 摄</p><p>志愿者在青石河岸边清理垃圾。 张三 摄</p>",
    f"{PHOTO}<p>志愿者在青石河岸边清理垃圾。（张三 摄）</p><p>志愿者在青石河岸边清理垃圾</p>",
    f"{PHOTO}<p>志願者在青石河岸邊清理垃圾。（張三 攝）</p><p>志願者在青石河岸邊清理垃圾。（張三 攝）</p>",
]


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("figure", REPEATED)
def test_copies_of_a_caption_left_under_the_picture_go(figure, container):
    story = with_figure(figure, container)
    (image,) = story.images
    assert image.credit_name in ("张三", "張三")
    assert_caption_only_under_the_picture(story, image.caption)


NOT_THE_STORYS = [
    '<img src="https://img.example.cn/qrcode_for_gh.jpg" width="430" height="430">',
    '<img src="https://img.example.cn/a9.jpg" alt="长按识别二维码关注" width="430" height="430">',
    '<img src="https://img.example.cn/a9.jpg" alt="長按識別二維碼關注" width="430" height="430">',
    '<p>长按识别二维码 关注我们</p><img src="https://img.example.cn/a9.jpg" width="430" height="430">',
    '<img src="https://img.example.cn/a9.jpg" width="430" height="430"><p>扫码关注 青禾发布</p>',
    '<p><a href="https://news.example.cn/2024/0315/88.html">'
    '<img src="https://img.example.cn/thumb88.jpg" width="240" height="160"></a></p>',
    '<img src="https://img.example.cn/site_logo.png" width="300" height="120">',
    '<img src="https://img.example.cn/divider.gif" width="640" height="12">',
    '<img src="https://img.example.cn/a9.gif" width="32" height="32">',
    '<img src="https://ad.example.cn/banner_spring.jpg" alt="广告" width="640" height="200">',
]


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("picture", NOT_THE_STORYS)
def test_the_platforms_and_sites_own_pictures_are_dropped(picture, container):
    story = story_with(picture, container)
    assert story.images == ()
    assert "<figure>" not in story.body_html
    assert SECOND in story.body_html


def test_a_picture_linking_to_its_own_full_size_file_is_the_storys():
    figure = (
        '<a href="https://img.example.cn/2024/0316/river_big.jpg">'
        f"{PHOTO}</a><p>志愿者在青石河岸边清理垃圾。（张三 摄）</p>"
    )
    (image,) = story_with(figure, "post").images
    assert image.credit_name == "张三"


MARKDOWN_PICTURES = [
    # the caption and credit in the alt text
    (
        "![志愿者在青石河岸边清理垃圾（张三 摄）](https://img.example.cn/r.jpg)",
        "https://img.example.cn/r.jpg",
        "张三",
    ),
    # a link broken by a newline inside it
    (
        "![志愿者清理垃圾（张三 摄）](https://img.example.cn/2024/\n0316/r.jpg)",
        "https://img.example.cn/2024/0316/r.jpg",
        "张三",
    ),
    # an address escaped twice by the page it was copied from
    (
        "![](https://img.example.cn/r.jpg?w=800&amp;amp;from=appmsg)\n\n志愿者清理垃圾。（张三 摄）",
        "https://img.example.cn/r.jpg?w=800&from=appmsg",
        "张三",
    ),
]


@pytest.mark.parametrize(("picture", "url", "photographer"), MARKDOWN_PICTURES)
def test_markdown_pictures_keep_their_address_and_credit(picture, url, photographer):
    text = f"---\ntitle: {TITLE}\n---\n\n{FIRST}\n\n{picture}\n\n{SECOND}\n"
    (story,) = read_document("post.md", text.encode()).stories
    (image,) = story.images
    assert (image.url, image.credit_name) == (url, photographer)
    assert story.body_html.index("<figure>") < story.body_html.index(SECOND[:12])
