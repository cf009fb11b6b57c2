"""XSS vectors, and report files that plant them in every field the importer reads.

Every vector calls `alert` (or `msgbox`) with a marker `XSS<n>`, so that an executable context
found holding `XSS` is a payload that survived, whatever its shape. Written for these tests.
"""

import json

VECTORS = (
    "<script>alert('XSS1')</script>",
    "<img src=x onerror=alert('XSS2')>",
    "<svg onload=alert('XSS3')>",
    "<svg><script>alert('XSS4')</script></svg>",
    "<a href=\"javascript:alert('XSS5')\">点这里</a>",
    "<a href=\"JaVaScRiPt:alert('XSS6')\">点这里</a>",
    "<a href=\"&#106;avascript:alert('XSS7')\">实体编码</a>",
    "<a href=\"java&#x09;script:alert('XSS8')\">制表符</a>",
    "<iframe src=\"javascript:alert('XSS9')\"></iframe>",
    "<iframe srcdoc=\"<script>alert('XSS10')</script>\"></iframe>",
    "<base href=\"javascript:alert('XSS11')//\">",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'XSS12\')">',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTMTMnKTwvc2NyaXB0Pg=="></object>',
    "<embed src=\"data:text/html,<script>alert('XSS14')</script>\">",
    "&lt;script&gt;alert('XSS15')&lt;/script&gt;",
    "<scr<script>ipt>alert('XSS16')</scr</script>ipt>",
    '<IMG """><SCRIPT>alert(\'XSS17\')</SCRIPT>">',
    "<div style=\"background:url(javascript:alert('XSS18'))\">样式</div>",
    "<form action=\"javascript:alert('XSS19')\"><button>提交</button></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('XSS20')>",
    "</script><script>alert('XSS21')</script>",
    "\"><script>alert('XSS22')</script>",
    "' onmouseover='alert(\"XSS23\")' x='",
    "<details open ontoggle=alert('XSS24')>",
    "<video><source onerror=alert('XSS25')></video>",
    "<a href=\"vbscript:msgbox('XSS26')\">vb</a>",
    "<svg><a xlink:href=\"javascript:alert('XSS27')\"><text>点</text></a></svg>",
    "<style>@import 'javascript:alert(\"XSS28\")';</style>",
    "<!--<img src=x onerror=alert('XSS29')>-->",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('XSS30')>\">",
)
TEMPLATE_VECTORS = ("{{ 7|add:42 }}", "{% debug %}", "{{ settings.SECRET_KEY }}")
URL_VECTORS = (
    "javascript:alert('XSS31')",
    " JAVASCRIPT:alert('XSS32')",
    "data:text/html,<script>alert('XSS33')</script>",
    "https://img.example.com/a.jpg\" onerror=\"alert('XSS34')",
    "vbscript:msgbox('XSS35')",
)
LINE = "社区志愿者连续奋战十天，居民送来热乎的饺子。居民们纷纷点赞，说有了他们心里踏实多了。"


def _yaml(value):
    """A YAML scalar or list holding `value` exactly (JSON is YAML)."""
    return json.dumps(value, ensure_ascii=False)


def front_matter_post(n, vector, url):
    """Every front-matter key the importer reads, a stray key, and an HTML body with a figure."""
    meta = {
        "title": f"前言稿{n}{vector}",
        "subtitle": vector,
        "description": f"导语{n}{vector}",
        "author": f"记者 王耀{vector}",
        "tags": [vector, f"标签{n}"],
        "categories": [vector, "新闻"],
        "source": "运城晚报",
        "link": url,
        "headimg": url,
        "date": "2022-04-20",
        vector: "未知的键",
    }
    head = "".join(f"{_yaml(key)}: {_yaml(value)}\n" for key, value in meta.items())
    body = (
        f"<p>{LINE}{vector}</p>\n"
        f'<p><a href="{url}">原文{vector}</a></p>\n'
        f'<figure><img src="{url}" alt="{vector}"><figcaption>{vector}人民网 寇雅楠摄</figcaption></figure>\n'
        f'<figure><img src="https://img.example.com/{n}.jpg" alt="图{n}"><figcaption>图为现场{vector}（张三 摄）</figcaption></figure>\n'
        f"<p>{LINE}</p>\n"
    )
    return f"---\n{head}---\n{body}".encode()


def markdown_post(n, vector, url):
    """Markdown links, images and autolinks, with raw HTML between them."""
    return (
        f"# 标记稿{n}{vector}\n\n"
        f"{LINE}[链接{vector}]({url})。\n\n"
        f"![图说{vector}]({url})\n\n"
        f'![图{n}](https://img.example.com/m{n}.jpg "{vector}")\n\n'
        f"<{url}>\n\n"
        f"{vector}\n\n"
        f"{LINE}\n"
    ).encode()


def plain_text_page(n, vector, url):
    """A plain-text page: headline, dateline byline, body lines, a caption, a source and a URL."""
    return (
        f"纯文本稿{n}{vector}\n\n"
        f"本报讯（记者 王耀）{LINE}{vector}\n\n"
        f"{vector}{LINE}\n\n"
        f"图为现场{vector}（寇雅楠 摄）\n\n"
        f"原文链接：{url}\n\n"
        f"来源：运城晚报{vector}\n"
    ).encode()


def corpus():
    """[(file name, bytes, forced format or None)] planting every vector in every shape."""
    files = []
    vectors = VECTORS + TEMPLATE_VECTORS
    for n, vector in enumerate(vectors, start=1):
        url = URL_VECTORS[n % len(URL_VECTORS)]
        files.append((f"xss/{n:02}-front-matter.md", front_matter_post(n, vector, url), None))
        files.append((f"xss/{n:02}-markdown.md", markdown_post(n, vector, url), None))
        files.append((f"xss/{n:02}-plain.txt", plain_text_page(n, vector, url), None))
        files.append(
            (f"xss/{n:02}-plain-forced.txt", plain_text_page(n, vector, url), "newspaper_page")
        )
    return files
