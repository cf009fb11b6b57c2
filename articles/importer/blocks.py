"""One block stream for every container: typed blocks in reading order, the same for HTML,
Markdown (rendered to HTML), Word (converted to HTML) and plain text.

A block is a heading (with its level), a paragraph, a line (one of several a `<br>` cut a
paragraph into), an image, a caption (`<figcaption>`), a list item, a quote or a rule. The tree
is walked iteratively, so a page nested a thousand `<div>`s deep is read like any other.
`linear_text` lays the blocks out as plain text — one paragraph per line, blank lines between —
which is what the structure stage reads, with each image anchored at an offset of that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from urllib.parse import parse_qsl, unquote, urlsplit

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction

from .html import sanitise
from .records import ImageRecord

HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# Elements that open a block of their own; everything else runs inline in the current block.
BLOCK_TAGS = {
    *HEADING_TAGS,
    "p", "div", "section", "article", "main", "header", "footer", "blockquote", "li", "dt",
    "dd", "tr", "pre", "figure", "figcaption", "table", "ul", "ol", "dl", "center", "address",
    "body", "html", "td", "th",
}  # fmt: skip
# Not text: what a reader never sees or what belongs to the page rather than the story.
DROPPED_TAGS = (
    "script", "style", "iframe", "frame", "noscript", "template", "object", "embed", "form",
    "button", "input", "select", "textarea", "svg", "canvas", "video", "audio", "nav", "aside",
    "head", "title", "meta", "link",
)  # fmt: skip
IMAGE_SOURCE_ATTRIBUTES = ("data-src", "data-original", "data-actualsrc", "src")
# How a page sets a caption apart from the running text: centred, or in type smaller than the
# body's (`font-size: 12px`, `0.8em`).
CENTRED_STYLE = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
SMALL_TYPE_STYLE = re.compile(
    r"font-size\s*:\s*(?:(?:[0-9]|1[0-4])(?:\.\d+)?px|0?\.\d+(?:em|rem)|x?-?small)", re.IGNORECASE
)
# Inline markup a story keeps (sanitised): emphasis and links.
INLINE_MARKUP = {"strong", "b", "em", "i", "u", "a", "sub", "sup"}
KIND_OF_TAG = {"li": "item", "blockquote": "quote", "figcaption": "caption", "dt": "item"}
SIZE_PAIR = re.compile(r"^\s*(\d{1,5})\s*[,x×*]\s*(\d{1,5})\s*$")
IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp)(?:[?#]|$)", re.IGNORECASE)
HTTP_URL = re.compile(r"^https?://", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Block:
    kind: str  # heading, paragraph, line, image, caption, item, quote, rule
    text: str = ""
    level: int = 0  # a heading's level, 1–6
    image: ImageRecord | None = None
    markup: str = ""  # the text's sanitised inline HTML (bold, links …) when it has any
    linked: int = 0  # how many of its characters are the text of links
    set_apart: bool = False  # centred or in small type, as pages print a photo's caption


def html_blocks(html: str) -> list[Block]:
    """The blocks of an HTML document or fragment, in reading order."""
    if not html.strip():
        return []
    # Python's own parser: libxml2 drops whatever is nested deeper than its limit.
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(DROPPED_TAGS):
        element.decompose()
    reader = _Reader()
    stack = [(soup, False)]
    while stack:
        node, closing = stack.pop()
        if isinstance(node, Comment | Doctype | ProcessingInstruction | Declaration):
            continue
        if isinstance(node, NavigableString):
            reader.add_text(str(node))
            continue
        tag = (node.name or "").lower()
        if closing:
            reader.close(tag)
            continue
        reader.open(tag, node)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    reader.flush()
    return reader.blocks


class _Reader:
    """Collects inline text into the block being read and emits blocks as they end."""

    def __init__(self):
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.context: list[tuple[str, int]] = []  # (kind, level) of the open blocks
        self.broken = False  # a `<br>` has cut the block being read into lines
        self.markup: list[str] = []
        self.marked = False  # the block being read holds inline markup
        self.in_link = 0  # depth of `<a>` elements open
        self.link_targets: list[str] = []  # the `href` of each open `<a>`
        self.linked = 0
        self.set_apart = 0  # depth of open elements styled as a caption
        self.styled: list[bool] = []  # per open element read, whether it was styled so
        self.words_apart = self.words_plain = 0  # the block's characters read in each

    def add_text(self, words):
        if self.set_apart:
            self.words_apart += len(words.strip())
        else:
            self.words_plain += len(words.strip())
        if self.in_link:
            self.linked += len(words.strip())
        self.parts.append(words)
        self.markup.append(escape(words, quote=False))

    def open(self, tag, element):
        styled = tag in SET_APART_TAGS or is_set_apart(element)
        self.styled.append(styled)
        self.set_apart += styled
        if tag in BLOCK_TAGS:
            self.flush()
            self.context.append(
                (
                    KIND_OF_TAG.get(tag, "heading" if tag in HEADING_TAGS else ""),
                    HEADING_TAGS.get(tag, 0),
                )
            )
        elif tag == "br":
            self.flush(broken=True)
        elif tag == "hr":
            self.flush()
            self.blocks.append(Block("rule"))
        elif tag == "img":
            image = image_record(element)
            if image is not None:
                self.flush()
                # a picture linking to another page (a related story, an advertiser), not to
                # its own full-size file
                target = self.link_targets[-1] if self.link_targets else ""
                linked = int(_is_page_link(target))
                self.blocks.append(Block("image", image.alt_text, image=image, linked=linked))
        elif tag in INLINE_MARKUP:
            href = safe_href(element.get("href")) if tag == "a" else None
            self.markup.append(f'<a href="{escape(href)}">' if href else f"<{tag}>")
            self.marked = True
            self.in_link += tag == "a"
            if tag == "a":
                self.link_targets.append(element.get("href") or "")

    def close(self, tag):
        styled = self.styled.pop() if self.styled else False
        if tag in INLINE_MARKUP:
            self.markup.append(f"</{tag}>")
            self.in_link -= tag == "a" and self.in_link > 0
            if tag == "a" and self.link_targets:
                self.link_targets.pop()
        if tag in BLOCK_TAGS:
            self.flush()
            if self.context:
                self.context.pop()
        self.set_apart -= styled

    def flush(self, *, broken=False):
        words = tidy("".join(self.parts))
        markup = sanitise(tidy("".join(self.markup))) if self.marked else ""
        linked, self.linked = self.linked, 0
        set_apart = self.words_apart > 0 and not self.words_plain
        self.words_apart = self.words_plain = 0
        self.parts, self.markup, self.marked = [], [], False
        if words:
            kind, level = next(((k, lv) for k, lv in reversed(self.context) if k), ("", 0))
            if not kind:
                kind = "line" if broken or self.broken else "paragraph"
            self.blocks.append(
                Block(kind, words, level, markup=markup, linked=linked, set_apart=set_apart)
            )
        self.broken = broken


# Elements whose text, when it is a block's whole text, is printed apart from the body: a
# Markdown post's `*图为…*` under its picture is a caption.
SET_APART_TAGS = frozenset({"center", "small", "em", "i"})


def is_set_apart(element) -> bool:
    """An element printed as a caption is: `style="text-align:center"`, `align="center"`, or
    type smaller than the body's."""
    style = element.get("style") or ""
    return (
        (element.get("align") or "").lower() == "center"
        or bool(CENTRED_STYLE.search(style))
        or bool(SMALL_TYPE_STYLE.search(style))
    )


def _is_page_link(href: str) -> bool:
    """A link to another page: not `#`, not a script, not an image file."""
    href = href.strip()
    return bool(href) and not href.startswith(("#", "javascript:")) and not IMAGE_FILE.search(href)


def safe_href(href) -> str | None:
    """A link's address as a browser reads it (tabs and line breaks inside it dropped), kept only
    when it is a web address: `java\tscript:alert(1)` is no link at all."""
    address = re.sub(r"[\s\x00-\x1f]+", "", href or "")
    return address if is_web_address(address) else None


def tidy(words: str) -> str:
    """Whitespace folded as a browser shows it (a headline's separating space is kept)."""
    return _SPACE.sub(" ", words.replace("\u00a0", " ").replace("\u3000", " ")).strip()


def image_record(img) -> ImageRecord | None:
    """An `<img>`'s address (lazy-loading attributes first), declared size and alt text."""
    src = next((img.get(name) for name in IMAGE_SOURCE_ATTRIBUTES if img.get(name)), "")
    # a newline inside a Markdown link, `&amp;` left by a page escaped twice
    src = _SPACE.sub("", unescape(src or ""))
    if not src or src.startswith("data:"):
        return None
    width, height = declared_size(img)
    return ImageRecord(
        url=unwrap_proxied_url(src),
        width=width,
        height=height,
        alt_text=(img.get("alt") or "").strip()[:300],
    )


def unwrap_proxied_url(url):
    """The address behind an image proxy: a URL whose query is itself an http(s) URL.

    `https://cors.example.dev/?http://static.example.com/a.png` → `http://static.example.com/a.png`;
    `https://images.example.net/?url=https%3A%2F%2Fa.cn%2Fb.jpg` → `https://a.cn/b.jpg`.
    """
    if not is_web_address(url):
        return url
    query = urlsplit(url).query
    if HTTP_URL.match(unquote(query)):
        return unwrap_proxied_url(unquote(query))
    for _key, value in parse_qsl(query):
        if HTTP_URL.match(value):
            return unwrap_proxied_url(value)
    return url


def is_web_address(url):
    """An http(s) address that parses: `https://a.cn/b.jpg`, not `http://a.cn正文…` cut off mid-way."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)


def declared_size(img):
    """`data-size="410,232"`, else `width`/`height`, else WeChat's `data-w` and `data-ratio`."""
    pair = SIZE_PAIR.match(img.get("data-size") or "")
    if pair:
        return int(pair[1]), int(pair[2])
    width, height = _integer(img.get("width")), _integer(img.get("height"))
    if width and height:
        return width, height
    data_width = _integer(img.get("data-w"))
    try:
        ratio = float(img.get("data-ratio") or "")
    except ValueError:
        ratio = 0.0
    if data_width and ratio > 0:
        return data_width, round(data_width * ratio)
    return None, None


def _integer(value):
    value = (value or "").strip().removesuffix("px")
    return int(value) if value.isdigit() and int(value) > 0 else None


@dataclass(frozen=True)
class LinearText:
    """Blocks laid out as plain text, and where in it each block starts."""

    text: str
    starts: tuple[int, ...]  # per block, its offset in `text` (an image: where it stood)


def linear_text(blocks: list[Block], *, separator: str = "\n\n") -> LinearText:
    """`[heading 标题, paragraph 正文…]` → `"标题\\n\\n正文…"`; images and rules take no line."""
    pieces, starts, offset = [], [], 0
    for block in blocks:
        starts.append(offset)
        if block.kind in ("image", "rule"):
            continue
        piece = block.text + separator
        pieces.append(piece)
        offset += len(piece)
    return LinearText("".join(pieces), tuple(starts))
