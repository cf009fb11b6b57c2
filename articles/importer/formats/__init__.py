"""Every input format, registered in one dict: name → module with `sniff(text)` and `parse(text)`.

Detection tries them in this order, the most distinctive first; `--format NAME` skips detection.
"""

from . import front_matter, html_page, markdown_post

FORMATS = {
    "front_matter": front_matter,
    "html": html_page,
    "markdown": markdown_post,
}
