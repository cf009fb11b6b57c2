"""Untrusted HTML in, allow-listed HTML out: the importer's one sanitising boundary."""

from html import escape

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "figure",
    "figcaption",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "sub",
    "sup",
    "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitise(html):
    """Drop every tag, attribute and URL scheme outside the allow-list.

    `<p onclick="x()">核酸<script>alert(1)</script></p>` becomes `<p>核酸</p>`.
    """
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_blocks(blocks):
    """Plain-text blocks to body HTML: `[("h2", "党旗插在最高处"), ("p", "…")]`.

    Text is escaped, so a report's `<` or `&` stays text.
    """
    return "\n".join(f"<{tag}>{escape(text, quote=False)}</{tag}>" for tag, text in blocks)
