"""The container writers hold the text they were given, read back by each container's own reader.

So a failure of the container invariance tests is the importer's, never the writer's.
"""

import io
import json

import docx
import pytest
import yaml
from bs4 import BeautifulSoup

from articles.importer.blocks import html_blocks
from articles.importer.noise import is_chrome_image

from .containers import CONTAINERS, TITLED_CONTAINERS, paragraphs

TEXT = "城东新闻\n\n社区食堂开张 <老人> 吃饭更方便\n本报讯（记者 韩知远）5月6日，城东街道首家社区食堂开张。\n"
LINES = paragraphs(TEXT)


def html_lines(markup):
    return [p.get_text() for p in BeautifulSoup(markup, "lxml").find_all("p")]


def front_matter_parts(data):
    _, header, body = data.decode().split("---\n", 2)
    return yaml.safe_load(header), body


def markdown_lines(body):
    return [block.strip() for block in body.split("\n\n") if block.strip()]


def only_record(data):
    (line,) = data.decode().splitlines() if data.startswith(b'{"') else [data.decode()]
    return json.loads(line)


READERS = {
    "front_matter": lambda data: markdown_lines(front_matter_parts(data)[1]),
    "front_matter_html": lambda data: html_lines(front_matter_parts(data)[1]),
    "markdown_html_blocks": lambda data: html_lines(data.decode()),
    "markdown": lambda data: markdown_lines(data.decode()),
    "saved_web_page": lambda data: html_lines(
        str(BeautifulSoup(data, "lxml").select_one(".article-content"))
    ),
    "json_content": lambda data: html_lines(json.loads(data)["content"]),
    "json_body": lambda data: html_lines(json.loads(data)["body"]),
    "json_lines_text": lambda data: only_record(data)["text"].split("\n"),
    "json_lines_html": lambda data: html_lines(only_record(data)["html"]),
    "word_document": lambda data: [p.text for p in docx.Document(io.BytesIO(data)).paragraphs],
    "gb18030": lambda data: paragraphs(data.decode("gb18030")),
    "crlf_with_bom": lambda data: paragraphs(data.decode("utf-8-sig").replace("\r\n", "\n")),
}


@pytest.mark.parametrize("container", CONTAINERS)
def test_each_container_holds_the_lines_of_the_text(container):
    name, data = CONTAINERS[container](TEXT, "食堂")
    assert name.startswith("食堂.")
    assert READERS[container](data) == LINES


def test_the_crlf_container_has_no_bare_line_feed_and_one_mark():
    _, data = CONTAINERS["crlf_with_bom"](TEXT, "食堂")
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    assert b"\n" not in data.replace(b"\r\n", b"")


@pytest.mark.parametrize("container", TITLED_CONTAINERS)
def test_a_titled_header_names_the_first_line(container):
    _, data = TITLED_CONTAINERS[container](TEXT, "食堂")
    header, body = front_matter_parts(data)
    assert header == {"layout": "post", "comments": False, "title": "城东新闻"}
    expected = LINES if container == "front_matter_titled" else LINES[1:]
    assert markdown_lines(body) == expected


@pytest.mark.parametrize(
    ("img", "chrome"),
    [
        ('<img src="https://mmbiz.example.com/qrcode_for_account.jpg">', True),
        ('<img src="https://img.example.com/a.jpg" alt="长按识别二维码关注我们">', True),
        ('<img src="https://img.example.com/follow-us.gif">', True),
        ('<img src="https://img.example.com/site-logo.png">', True),
        ('<img src="https://img.example.com/share_weibo.png">', True),
        ('<img src="https://img.example.com/guanggao/1.jpg">', True),
        ('<img src="https://img.example.com/line.png" width="640" height="4">', True),
        ('<img src="https://img.example.com/icon.png" width="24" height="24">', True),
        ('<img src="https://img.example.com/2024/03/a1.jpg" width="800" height="533">', False),
        ('<img src="https://img.example.com/2024/03/a2.jpg" alt="市民在公园赏花">', False),
        ('<img src="https://img.example.com/photos/qingming.jpg">', False),
    ],
)
def test_the_platforms_own_pictures_are_no_editorial_images(img, chrome):
    (block,) = [block for block in html_blocks(f"<p>正文。</p>{img}") if block.kind == "image"]
    assert is_chrome_image(block) is chrome


def test_an_image_address_escaped_twice_is_repaired():
    page = '<img src="https://img.example.com/a.jpg?wx_fmt=jpeg&amp;amp;from=appmsg">'
    (block,) = [block for block in html_blocks(page) if block.kind == "image"]
    assert block.image.url == "https://img.example.com/a.jpg?wx_fmt=jpeg&from=appmsg"
