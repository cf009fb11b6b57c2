"""Every input format, registered in one dict: name → module with `sniff(text)` and `parse(text)`
(and `read(text)` → (stories, file-level warnings) when a format can report on parts of a file).

Detection tries them in this order, the most distinctive first; `--format NAME` skips detection.
"""

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


def read(name, text):
    """(stories, file-level warnings) of `text` read as the format `name`."""
    module = FORMATS[name]
    if hasattr(module, "read"):
        return module.read(text)
    return module.parse(text), []
