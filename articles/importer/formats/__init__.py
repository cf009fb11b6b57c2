"""Every input format, registered in one dict: name → module with `sniff(text)` and `parse(text)`.

Detection tries them in this order, the most distinctive first; `--format NAME` skips detection.
"""

from . import front_matter, html_page, markdown_post, newspaper_page, scraped_page, wechat_post

FORMATS = {
    "front_matter": front_matter,
    "html": html_page,
    "markdown": markdown_post,
    "scraped_page": scraped_page,
    "wechat_post": wechat_post,
    "newspaper_page": newspaper_page,
}
