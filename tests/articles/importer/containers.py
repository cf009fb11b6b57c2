"""A plain-text report written into each container editors receive, from its text alone.

Each writer takes the plain text and a file stem and returns `(file name, bytes)`; none of them
looks at what the importer makes of the text, so the importer must find the same stories in every
container. Every non-blank line of the text is one paragraph of the container.
"""

import html
import io
import json

import docx

# Chrome of the saved web page: words a reader of the story never sees in it.
SITE_NAME = "青禾新闻网"
PREVIOUS_HEADLINE = "城东新区春季植树活动启动"
NEXT_HEADLINE = "老旧小区加装电梯进展顺利"
RELATED_HEADLINES = ("市民夜校秋季班开始报名", "湿地公园步道完成改造")
ICP_NUMBER = "鲁ICP备05012345号-2"
PAGE_CHROME = (
    SITE_NAME,
    PREVIOUS_HEADLINE,
    NEXT_HEADLINE,
    *RELATED_HEADLINES,
    ICP_NUMBER,
    "分享到",
    "版权所有",
    "相关阅读",
    "上一篇",
    "下一篇",
)

# Marks of the containers themselves, which no reader should see as words.
CONTAINER_MARKS = ("<p>", "</p>", "&lt;", '{"', '":', "\\n", "##", "---", "layout:", "comments:")

NEUTRAL_HEADER = "layout: post\ncomments: false\n"


def paragraphs(text):
    """The non-blank lines of `text`, stripped: one paragraph each in every container."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def first_line(text):
    return paragraphs(text)[0]


def _html_paragraphs(text, separator="\n"):
    return separator.join(f"<p>{html.escape(line, quote=False)}</p>" for line in paragraphs(text))


def _markdown(text):
    return "\n\n".join(paragraphs(text)) + "\n"


def _yaml_string(value):
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def front_matter(text, stem):
    """A Jekyll/Hexo post: a neutral YAML header around the text as Markdown paragraphs."""
    return f"{stem}.md", f"---\n{NEUTRAL_HEADER}---\n\n{_markdown(text)}".encode()


def front_matter_titled(text, stem):
    """The same post with `title:` in the header, the first line also kept as the body's first."""
    header = f"{NEUTRAL_HEADER}title: {_yaml_string(first_line(text))}\n"
    return f"{stem}.md", f"---\n{header}---\n\n{_markdown(text)}".encode()


def front_matter_title_only(text, stem):
    """The post whose first line moved into the header's `title:` and out of the body."""
    header = f"{NEUTRAL_HEADER}title: {_yaml_string(first_line(text))}\n"
    rest = "\n".join(paragraphs(text)[1:])
    return f"{stem}.md", f"---\n{header}---\n\n{_markdown(rest)}".encode()


def front_matter_html(text, stem):
    """A post exported by a CMS: a YAML header and the text as `<p>` lines, one after another."""
    return f"{stem}.md", f"---\n{NEUTRAL_HEADER}---\n\n{_html_paragraphs(text)}\n".encode()


def markdown_html_blocks(text, stem):
    """Markdown whose paragraphs are embedded `<p>…</p>` blocks, one per line, blank-separated."""
    return f"{stem}.md", (_html_paragraphs(text, "\n\n") + "\n").encode()


def markdown(text, stem):
    """Plain Markdown: each line a paragraph, paragraphs separated by blank lines."""
    return f"{stem}.md", _markdown(text).encode()


def saved_web_page(text, stem):
    """A whole page saved from a news site: head, menu, breadcrumbs, share bar, links, footer."""
    related = "".join(
        f'<li><a href="/news/{n}.html">{h}</a></li>' for n, h in enumerate(RELATED_HEADLINES)
    )
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>新闻中心 - {SITE_NAME}</title>
<link rel="stylesheet" href="/static/site.css">
<script>var _hmt = _hmt || [];</script>
</head>
<body>
<div class="header">
<div class="logo"><a href="/">{SITE_NAME}</a></div>
<ul class="nav">
<li><a href="/">首页</a></li><li><a href="/news/">新闻</a></li><li><a href="/gov/">政务</a></li>
<li><a href="/life/">民生</a></li><li><a href="/video/">视频</a></li>
</ul>
</div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/news/">新闻</a></div>
<div class="article-content">
{_html_paragraphs(text)}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div>
<div class="page-turn">
<p>上一篇：<a href="/news/101.html">{PREVIOUS_HEADLINE}</a></p>
<p>下一篇：<a href="/news/103.html">{NEXT_HEADLINE}</a></p>
</div>
<div class="related"><h3>相关阅读</h3><ul>{related}</ul></div>
<div class="footer">
<p>版权所有 © 2024 {SITE_NAME} 未经授权禁止复制或建立镜像</p>
<p><a href="https://beian.miit.gov.cn/">{ICP_NUMBER}</a></p>
</div>
</body>
</html>
"""
    return f"{stem}.html", page.encode()


def _json_record(key, value):
    return json.dumps({key: value}, ensure_ascii=False)


def json_content(text, stem):
    """A crawler's JSON record: `{"content": "<p>…</p>…"}`."""
    return f"{stem}.json", _json_record("content", _html_paragraphs(text, "")).encode()


def json_body(text, stem):
    """A CMS export's JSON record, the text under `body`, pretty-printed."""
    record = {"body": _html_paragraphs(text, "")}
    return f"{stem}.json", json.dumps(record, ensure_ascii=False, indent=2).encode()


def json_lines_text(text, stem):
    """A JSON Lines file of one record whose `text` is the plain text itself."""
    return f"{stem}.jsonl", (_json_record("text", "\n".join(paragraphs(text))) + "\n").encode()


def json_lines_html(text, stem):
    """A JSON Lines file of one record whose `html` is the text as paragraphs."""
    return f"{stem}.jsonl", (_json_record("html", _html_paragraphs(text, "")) + "\n").encode()


def word_document(text, stem):
    """A `.docx` built with python-docx, each line one Normal paragraph."""
    document = docx.Document()
    for line in paragraphs(text):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return f"{stem}.docx", buffer.getvalue()


def gb18030(text, stem):
    """The text itself as GB18030 bytes, as many desks still save it."""
    return f"{stem}.txt", text.encode("gb18030")


def crlf_with_bom(text, stem):
    """The text with Windows line ends and a UTF-8 byte-order mark."""
    return f"{stem}.txt", ("\ufeff" + text.replace("\r\n", "\n").replace("\n", "\r\n")).encode()


# Every container, by name; the ones that put the first line into a `title:` are for a document
# of one story only.
CONTAINERS = {
    "front_matter": front_matter,
    "front_matter_html": front_matter_html,
    "markdown_html_blocks": markdown_html_blocks,
    "markdown": markdown,
    "saved_web_page": saved_web_page,
    "json_content": json_content,
    "json_body": json_body,
    "json_lines_text": json_lines_text,
    "json_lines_html": json_lines_html,
    "word_document": word_document,
    "gb18030": gb18030,
    "crlf_with_bom": crlf_with_bom,
}
TITLED_CONTAINERS = {
    "front_matter_titled": front_matter_titled,
    "front_matter_title_only": front_matter_title_only,
}
