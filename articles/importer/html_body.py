"""Read an untrusted HTML body into the parts of a story.

The body is flattened into blocks in reading order; images become `ImageRecord`s (the paragraph
right after an image is its caption when it carries a photo credit or a caption marker), source
lines and reposting notices are taken out, credit lines at either end become credits, and what is
left is the story's body, sanitised once by `html.sanitise`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from html import escape
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, Tag
from django.utils.translation import gettext as _

from . import bylines, text
from .blocks import HTTP_URL, image_record, is_web_address
from .errors import NoStoryFound
from .html import render_blocks, sanitise
from .records import Credit, ImageRecord, SourceRecord, StoryRecord

BLOCK_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "dl",
    "table",
    "figure",
    "pre",
    "hr",
}
# Everything else (`div`, `section`, `center` …) wraps blocks or is a paragraph of its own.
INLINE_TAGS = {
    "a",
    "abbr",
    "b",
    "big",
    "br",
    "cite",
    "code",
    "del",
    "em",
    "font",
    "i",
    "img",
    "ins",
    "label",
    "mark",
    "q",
    "s",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
}
DROPPED_TAGS = [
    "script",
    "style",
    "iframe",
    "frame",
    "noscript",
    "template",
    "object",
    "embed",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "svg",
    "canvas",
    "video",
    "audio",
    "nav",
    "aside",
    "head",
]
HEADING_LEVELS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
IMAGE_SOURCE_ATTRIBUTES = ("data-src", "data-original", "data-actualsrc", "src")

# Chinese captions are introduced by `图为…`, `图：…` or an arrow pointing at the picture.
CAPTION_MARKER = re.compile(r"^\s*(?:图为|图：|图:|[▲△↑▼]\s*)")
CAPTION_MAX_CHARS = 150
CREDIT_LINE_MAX_CHARS = 60
# Reposting notices that aggregators and WeChat accounts append: `版权归原作者所有，向原创者致敬。`
REPOST_NOTICE = re.compile(
    r"版权[归歸]原作|原作者所有|向原[创創]者?致敬|如有侵[权權]|侵[权權]请?[联聯]系|[联聯]系[删刪]除"
    r"|请[联聯]系.{0,8}[删刪]除|[转轉][载載]请注明|未[经經]授[权權].{0,6}[转轉][载載]|免[责責][声聲]明"
    r"|不代表本(?:站|平台|号|號)[观觀]点"
)
SUBHEAD_MAX_CHARS = 30
MIN_STORY_CHARS = 40
URL_MAX = 1000  # `Image.original_url`; a longer address (an inline data blob) is no image to keep
MAX_LINK_SHARE = 0.5


@dataclass
class Block:
    tag: str
    html: str
    text: str
    images: list[ImageRecord] = field(default_factory=list)
    figure_caption: str = ""
    link_share: float = 0.0


@dataclass(frozen=True)
class HtmlBody:
    body_html: str
    paragraphs: tuple[str, ...]
    images: tuple[ImageRecord, ...] = ()
    credits: tuple[Credit, ...] = ()
    source: SourceRecord | None = None
    dateline: str = ""
    heading: str = ""  # the body's first top-level heading, a title candidate
    link_share: float = 0.0  # how much of the text is the text of links

    def require_story(self):
        """Refuse a body that is no article: a list of links, or a line or two of blurb."""
        if self.link_share > MAX_LINK_SHARE:
            raise NoStoryFound(_("正文大部分是链接（标题列表或导航），不是一篇稿件。"))
        length = sum(len(paragraph) for paragraph in self.paragraphs)
        if length < MIN_STORY_CHARS:
            raise NoStoryFound(
                _("找不到成段的正文（只有 %(count)s 个字），不像一篇稿件。") % {"count": length}
            )
        return self

    def story(self, *, title, original_text, **fields):
        """A `StoryRecord` of this body under `title` (else its heading, else an inferred title).

        `fields` add to or override what the body says (credits, images, source …); the editor's
        warnings (inferred title, unknown date, no source) are worked out last.
        """
        fields = {"credits": self.credits, "images": self.images, "source": self.source} | fields
        story = StoryRecord(
            title=title or self.heading or text.infer_title(list(self.paragraphs)),
            original_text=original_text,
            body_html=self.body_html,
            dateline=self.dateline,
            **fields,
        )
        warnings = text.story_warnings(
            title_inferred=not (title or self.heading),
            reported_at=story.reported_at,
            source=story.source,
        )
        return replace(story, warnings=warnings)


def is_repost_notice(text):
    """`版权归原作者所有，向原创者致敬。` and its cousins: boilerplate, not the story."""
    return bool(REPOST_NOTICE.search(bylines.simplified(text))) and len(text) <= 120


def read_html_body(html, *, title="", base_url=""):
    """Turn a body of untrusted HTML into an `HtmlBody`."""
    soup = BeautifulSoup(html, "lxml")
    for element in soup.find_all(DROPPED_TAGS):
        element.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment | Doctype)):
        comment.extract()
    root = soup.body or soup
    link_share = _link_share(root)
    blocks = list(_flatten(root, soup))
    return replace(_assemble(blocks, title=title, base_url=base_url), link_share=link_share)


def _link_share(root):
    squeeze = re.compile(r"\s+")
    length = len(squeeze.sub("", root.get_text()))
    linked = sum(len(squeeze.sub("", link.get_text())) for link in root.find_all("a"))
    return linked / length if length else 0.0


def _flatten(container, soup):
    """Yield the blocks of `container` in reading order, descending into wrapper elements."""
    run = []
    for child in list(container.children):
        if isinstance(child, Tag) and (
            child.name in BLOCK_TAGS or child.name not in INLINE_TAGS or child.find(BLOCK_TAGS)
        ):
            yield from _blocks_of_run(run, soup)
            run = []
            if child.name in BLOCK_TAGS:
                yield _block(child)
            else:
                yield from _flatten(child, soup)
        elif isinstance(child, NavigableString | Tag):
            run.append(child)
    yield from _blocks_of_run(run, soup)


def _blocks_of_run(run, soup):
    """Loose text and inline elements between blocks; `<br>` separates their paragraphs."""
    paragraph = soup.new_tag("p")
    for node in run:
        if isinstance(node, Tag) and node.name == "br":
            if _has_content(paragraph):
                yield _block(paragraph)
            paragraph = soup.new_tag("p")
        else:
            paragraph.append(node.extract())
    if _has_content(paragraph):
        yield _block(paragraph)


def _has_content(element):
    return bool(element.get_text(strip=True)) or element.find("img") is not None


def _block(element):
    images = [image_record(img) for img in element.find_all("img")]
    for img in element.find_all("img"):
        img.decompose()
    figure_caption = ""
    if element.name == "figure":
        caption = element.find("figcaption")
        if caption is not None:
            figure_caption = _text(caption)
            caption.decompose()
    tag = HEADING_LEVELS.get(element.name, "p" if element.name == "figure" else element.name)
    words = _text(element)
    if tag == "p" and _is_bold_subhead(element, words):
        tag = "h2"
    if tag != element.name or tag in HEADING_LEVELS:
        html = f"<{tag}>{escape(words, quote=False)}</{tag}>"
    else:
        html = str(element)
    return Block(
        tag=tag,
        html=html,
        text=words,
        link_share=_link_share(element),
        images=[image for image in images if image is not None],
        figure_caption=figure_caption,
    )


def _text(element):
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


def _is_bold_subhead(element, words):
    """A short paragraph set wholly in bold is a subhead: `<p><strong>党员就要冲锋在前</strong></p>`."""
    if not words or len(words) > SUBHEAD_MAX_CHARS or text.ends_sentence(words):
        return False
    bold = "".join(part.get_text() for part in element.find_all(["strong", "b"]))
    return re.sub(r"\s+", "", bold) == re.sub(r"\s+", "", words)


def caption_parts(words):
    """(caption, printed credit, credits) when `words` read as a photo caption, else None."""
    if not words or len(words) > CAPTION_MAX_CHARS:
        return None
    caption, credit_text, credits = bylines.split_photo_credit(words)
    if credits:
        return caption, credit_text, credits
    if CAPTION_MARKER.match(bylines.simplified(words)):
        return words, "", ()
    return None


def captioned(image, text, credit_text, credits):
    return replace(
        image,
        caption=text,
        credit=credit_text,
        credit_name=credits[0].name if credits else "",
    )


def _assemble(blocks, *, title, base_url):
    images, kept, photo_credits = [], [], []
    source = None
    heading = ""
    awaiting_caption = ended = False
    for block in blocks:
        if block.images:
            images.extend(_absolute(image, base_url) for image in block.images)
            for index in range(len(images) - len(block.images), len(images)):
                # Markdown carries a photo's caption and credit in its alt text:
                # `![浏阳河水位上涨。记者 李健 摄](…)`; a caption paragraph below still wins.
                from_alt = caption_parts(images[index].alt_text)
                if from_alt:
                    images[index] = captioned(images[index], *from_alt)
                    photo_credits.extend(from_alt[2])
            if block.figure_caption:
                caption = caption_parts(block.figure_caption) or (block.figure_caption, "", ())
                leftover = block.text
            else:
                caption = caption_parts(block.text) if block.text else None
                leftover = "" if caption else block.text
            if caption:
                images[-1] = captioned(images[-1], *caption)
                photo_credits.extend(caption[2])
            awaiting_caption = not caption and not leftover
            if not leftover:
                continue
        elif awaiting_caption:
            awaiting_caption = False
            caption = caption_parts(block.text)
            if caption is not None:
                images[-1] = captioned(images[-1], *caption)
                photo_credits.extend(caption[2])
                continue
        if not block.text:
            continue
        if bylines.is_source_line(
            block.text
        ):  # `来源：网络` names no outlet but is no story either
            named_source = bylines.parse_source_line(block.text)
            if named_source and source is None:
                source = SourceRecord(named_source, bylines.outlet_kind(named_source))
            continue
        if is_repost_notice(block.text) or block.link_share > MAX_LINK_SHARE:
            continue  # a reposting notice, or links to other stories (`相关阅读`, `阅读原文`)
        if text.is_end_mark(block.text):
            ended = True
            continue
        if ended and not _credit_line(block):
            continue  # after `（完）` or `-END-` only a closing credit still belongs to the story
        if not kept and _same_title(block.text, title):
            continue
        if (
            block.tag.startswith("h")
            and block.tag != "hr"
            and not kept
            and not heading
            and not title
        ):
            heading = block.text
            continue
        kept.append(block)
    kept, credits, dateline, dateline_outlet = _take_credits(_without_trailing_headings(kept))
    kept = _without_trailing_headings(kept)
    if source is None and dateline_outlet:
        source = SourceRecord(dateline_outlet, bylines.outlet_kind(dateline_outlet))
    return HtmlBody(
        body_html=sanitise("\n".join(block.html for block in kept)),
        paragraphs=tuple(block.text for block in kept if block.tag == "p"),
        images=_unique_images(images),
        credits=text.unique_credits(credits, photo_credits),
        source=source,
        dateline=dateline,
        heading=heading,
    )


def _without_trailing_headings(blocks):
    """A heading with no text after it (`相关阅读` above removed links) is no subhead."""
    while blocks and blocks[-1].tag in HEADING_LEVELS.values():
        blocks = blocks[:-1]
    return blocks


def _same_title(text, title):
    squeeze = re.compile(r"\s+")
    return bool(title) and squeeze.sub("", text) == squeeze.sub("", title)


def _take_credits(blocks):
    """Credit lines at the top or the bottom of the body, and an opening `XX讯（记者 X）`.

    The dateline's place is kept (`呼和浩特讯` → `呼和浩特`); an outlet it names
    (`运城晚报讯`) is the story's source when nothing else names one.
    """
    credits, dateline, dateline_outlet = [], "", ""
    while blocks and (found := _credit_line(blocks[-1])):
        credits[:0] = found
        blocks = blocks[:-1]
    while blocks and (found := _credit_line(blocks[0])):
        credits[:0] = found
        blocks = blocks[1:]
    if blocks and blocks[0].tag == "p":
        rest, outlet, place, opening = bylines.split_dateline(blocks[0].text)
        if opening or outlet or place:
            credits[:0] = opening
            dateline = place
            if outlet and not bylines.is_local_outlet_word(outlet):
                dateline_outlet = outlet
            opened = Block(tag="p", html=f"<p>{escape(rest, quote=False)}</p>", text=rest)
            blocks = [opened, *blocks[1:]] if rest.strip() else blocks[1:]
    return blocks, tuple(credits), dateline, dateline_outlet


def _credit_line(block):
    if block.tag != "p" or len(block.text) > CREDIT_LINE_MAX_CHARS:
        return ()
    return bylines.parse_credit_line(block.text)


def _absolute(image, base_url):
    if base_url and not HTTP_URL.match(image.url) and is_web_address(base_url):
        try:
            return replace(image, url=urljoin(base_url, image.url))
        except ValueError:
            return image
    return image


def _unique_images(images):
    seen, unique = set(), []
    for image in images:
        if image.url not in seen and is_web_address(image.url) and len(image.url) <= URL_MAX:
            seen.add(image.url)
            unique.append(image)
    return tuple(unique)


def plain_text_to_html(plain):
    """Plain text as body HTML, read with the shared rules of Chinese news text.

    Blank lines separate paragraphs when there are any (lines inside one are joined), else each
    line is a paragraph; paragraphs a column break cut apart are rejoined, and a short line
    between two pieces of prose is a subhead.
    """
    plain = plain.strip()
    separated = re.search(r"\n\s*\n", plain)
    chunks = re.split(r"\n\s*\n", plain) if separated else plain.split("\n")
    paragraphs = text.rejoin_column_breaks([p for p in map(_join_lines, chunks) if p])
    return render_blocks(text.body_blocks(paragraphs))


def _join_lines(chunk):
    lines = [line.strip() for line in chunk.split("\n") if line.strip()]
    joined = ""
    for line in lines:
        needs_space = joined and joined[-1].isascii() and line[0].isascii()
        joined += (" " if needs_space else "") + line
    return joined
