"""Every input format, registered in one dict: name → module with `sniff(text)` and `parse(text)`
(and `read(text)` → (stories, file-level warnings) when a format can report on parts of a file).

Detection tries them in this order, the most distinctive first; `--format NAME` skips detection.
"""

from django.utils.translation import gettext_lazy as _

from . import (
    front_matter,
    html_page,
    json_export,
    markdown_post,
    newspaper_page,
    scraped_page,
    wechat_post,
)

FORMATS = {
    "front_matter": front_matter,
    "json": json_export,
    "html": html_page,
    "markdown": markdown_post,
    "scraped_page": scraped_page,
    "wechat_post": wechat_post,
    "newspaper_page": newspaper_page,
}

# What editors call each format, shown on the import page.
LABELS = {
    "front_matter": _("带头信息的文章"),
    "json": _("JSON 导出"),
    "html": _("网页"),
    "markdown": _("Markdown 文章"),
    "scraped_page": _("网页抓取文本"),
    "wechat_post": _("微信文章"),
    "newspaper_page": _("纯文本报纸版面"),
}


def read(name, text):
    """(stories, file-level warnings) of `text` read as the format `name`."""
    module = FORMATS[name]
    if hasattr(module, "read"):
        return module.read(text)
    return module.parse(text), []
