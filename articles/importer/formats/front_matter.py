"""Posts with YAML front matter (Hexo, Jekyll, Hugo, web clippers) and an HTML, Markdown or text body.

```
---
title: '…'
date: Mon, 07 Mar 2022 02:52:08 GMT
categories: [新媒体, 某平台]
author: 某平台
headimg: 'https://…/a.png'
---
<p>…</p>
```

Reading of the common keys:
- `author`: a person-shaped name is credited (`记者 X` keeps its role, a bare name is 作者); an
  outlet-shaped name, or a name that is also one of the `categories`, is the platform the post
  went through (`via`) — or the source itself when the body names no other source.
- `categories` become tags except platform names (the via or source, any outlet-shaped name) and
  bucket words that say nothing of the story (`分类`, `未分类`, `新媒体`, `转载` …).
- `headimg`/`thumbnail`/`cover`/`image`… is the lead image: the body image with the same address
  moves first (one image, not two), otherwise it is put before the body's images.
- A date with no time zone is read in the site's time zone (Hexo's convention).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import replace
from html import escape

import yaml
from django.utils import timezone
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from .. import bylines, dates, structure
from ..blocks import html_blocks, is_web_address, unwrap_proxied_url
from ..errors import MalformedFrontMatter, NoStoryFound
from ..html import render_blocks
from ..records import Credit, ImageRecord, SourceRecord
from ..script import squeezed
from ..story import TITLE_INFERRED, story_warnings

YAML_FENCE = re.compile(
    r"\A---[ \t]*\n(?P<meta>.*?)^(?:---|\.\.\.)[ \t]*$\n?", re.DOTALL | re.MULTILINE
)
# Hexo also reads `key: value` lines closed by `---` with no opening fence.
OPEN_YAML_FENCE = re.compile(
    r"\A(?P<meta>[A-Za-z_][\w-]*:[^\n]*\n(?:(?:[A-Za-z_][\w-]*:|[ \t]+\S|-[ \t])[^\n]*\n)*)---[ \t]*\n"
)
TOML_FENCE = re.compile(r"\A\+\+\+[ \t]*\n(?P<meta>.*?)^\+\+\+[ \t]*$\n?", re.DOTALL | re.MULTILINE)

DATE_KEYS = ("date", "published", "publishdate", "pubdate", "created", "updated", "lastmod")
LEAD_IMAGE_KEYS = (
    "headimg",
    "thumbnail",
    "cover",
    "image",
    "banner",
    "featured_image",
    "photos",
    "feature_image",
    "index_img",
    "top_img",
    "og_image",
)
# A clipper's `source` is the page's address; a blog's `source` names the outlet.
ORIGINAL_URL_KEYS = (
    "original",
    "original_url",
    "link",
    "url",
    "source_url",
    "canonical",
    "origin",
    "source",
)
LEAD_KEYS = ("description", "excerpt", "summary", "abstract")
AUTHOR_KEYS = ("author", "authors", "byline")
# Category (or tag) names that file a post somewhere without saying what it is about.
BUCKET_CATEGORIES = {
    "分类",
    "未分类",
    "默认分类",
    "默认",
    "其他",
    "其它",
    "杂项",
    "文章",
    "资讯",
    "新闻",
    "新媒体",
    "自媒体",
    "转载",
    "原创",
    "uncategorized",
    "default",
    "posts",
    "post",
    "blog",
    "news",
    "clippings",
    "剪藏",
    "收藏",
}
# Names of no one: front matter filled by a tool or an anonymous account.
NO_ONE = {"佚名", "匿名", "小编", "admin", "administrator", "root", "editor", "unknown", "网友"}
LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z.'\-]*(?: [A-Za-z][A-Za-z.'\-]*){1,3}")
WIKI_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
LIST_SEPARATORS = re.compile(r"[,，、;；|]+")
WORD_SEPARATORS = re.compile(r"[,，、;；|\s]+")
HTML_BLOCK = re.compile(
    r"<(?:p|div|section|article|br|h[1-6]|ul|ol|table|figure|blockquote)\b", re.I
)
# Markdown posts (Hexo's above all) set pictures with inline `<img>` between their paragraphs.
INLINE_IMAGE = re.compile(r"<img\b", re.I)
MARKDOWN_SIGNS = re.compile(
    r"^\s{0,3}#{1,6}\s|!\[[^\]]*\]\(|\[[^\]]+\]\([^)]+\)|^\s{0,3}[-*+]\s+\S|^\s{0,3}>\s|\*\*[^*]+\*\*|^\s{0,3}\d+\.\s",
    re.MULTILINE,
)
# A soft line break inside a Markdown paragraph between two Chinese characters is not a space.
CHINESE_SOFT_BREAK = re.compile(
    r"(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])\n(?=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])"
)

# A link's address cut by a line break where the page was copied: `![图](https://a.cn/2024/\n0316.jpg)`.
BROKEN_LINK_TARGET = re.compile(r"\]\((https?://[^()\s\"]*(?:\s*\n\s*[^()\s\"]+)+)\)")

markdown = MarkdownIt("commonmark", {"html": True}).enable("table").enable("strikethrough")


def split_front_matter(text):
    """(loader, metadata text, body) when `text` opens with a `---` (YAML) or `+++` (TOML, Hugo)
    fenced block, or with Hexo's `key: value` lines closed by `---`; else None."""
    stripped = text.lstrip()
    fences = ((YAML_FENCE, _load_yaml), (TOML_FENCE, _load_toml), (OPEN_YAML_FENCE, _load_yaml))
    for fence, loader in fences:
        match = fence.match(stripped)
        if match is not None:
            return loader, match["meta"], stripped[match.end() :]
    return None


def sniff(text):
    return split_front_matter(text) is not None


def parse(document_text):
    parts = split_front_matter(document_text)
    if parts is None:
        raise MalformedFrontMatter(_("没有头信息（以 --- 或 +++ 开头并结束的一段）。"))
    loader, meta_text, body = parts
    return post_stories(_mapping(loader(meta_text)), body, original_text=document_text)


def post_stories(meta, body, *, original_text, page_body=None):
    """The stories of a post's metadata (lower-cased keys) and its HTML, Markdown or text body,
    read the way the body's plain text would be: a page of stories when it prints several, else
    the post's one story, completed by what the metadata says.

    `page_body` is the whole text when the post's body lacks its `#` title line."""
    if not body.strip():
        raise NoStoryFound(_("头信息之后没有正文。"))
    title = _text_value(meta.get("title"))
    blocks = structure.with_title(
        html_blocks(body_to_html(body if page_body is None else page_body)), title
    )
    context = page_context(meta)
    described = bool(title or context.reported_at or context.source)
    stories = structure.stories_of_body(blocks, context, headline_given=described)
    if len(stories) > 1:
        return structure.with_original_spans(stories, original_text)
    story = with_post_metadata(stories[0], meta, original_text=original_text)
    headings = {block.text for block in blocks[1:] if block.kind == "heading"}
    if title and story.subtitle in headings and not meta.get("subtitle"):
        # a section head right under the header's title, not a subtitle the post printed
        heading = escape(story.subtitle, quote=False)
        story = replace(story, subtitle="", body_html=f"<h2>{heading}</h2>\n{story.body_html}")
    return [story]


def page_context(meta):
    """What the metadata says of a page of stories: its date, outlet, the platform, the tags."""
    categories = _list_value(meta.get("categories") or meta.get("category"), words=True)
    reported_at, precision = _date(meta)
    outlets, _credits = _people(_list_value(_first(meta, AUTHOR_KEYS)), categories)
    source, via = _source_and_via(_source_value(meta.get("source")), outlets)
    return structure.PageContext(
        reported_at=reported_at,
        date_precision=precision,
        source=source,
        via=via,
        tags=_tags(
            _list_value(meta.get("tags") or meta.get("keywords"), words=True),
            categories,
            source,
            via,
        ),
    )


def with_post_metadata(story, meta, *, original_text):
    """A post's one story completed by its metadata: the header's title, date, source, platform,
    people, lead, address, lead image and tags win over what the body says, or add to it."""
    title = _text_value(meta.get("title"))
    categories = _list_value(meta.get("categories") or meta.get("category"), words=True)
    meta_date, precision = _date(meta)
    outlets, credits = _people(_list_value(_first(meta, AUTHOR_KEYS)), categories)
    source, via = _source_and_via(_source_value(meta.get("source")) or story.source, outlets)
    reported_at = meta_date or story.reported_at
    title_inferred = TITLE_INFERRED in story.warnings and not title
    kicker, subtitle = story.kicker, _text_value(meta.get("subtitle")) or story.subtitle
    if not title:
        pass
    elif squeezed(story.kicker) == squeezed(title):
        # the header's title above the printed headline was read as its kicker
        kicker, subtitle = "", " ".join(filter(None, (story.title, story.subtitle)))
    elif squeezed(story.title) != squeezed(title) and TITLE_INFERRED not in story.warnings:
        subtitle = subtitle or story.title  # a headline printed in the body is kept
    return replace(
        story,
        title=title or story.title,
        kicker=kicker,
        original_text=original_text,
        subtitle=subtitle,
        lead=_text_value(_first(meta, LEAD_KEYS)) or story.lead,
        reported_at=reported_at,
        date_precision=precision if meta_date else story.date_precision,
        source=source,
        via=via or story.via,
        original_url=next(
            filter(None, (_url_value(meta.get(key)) for key in ORIGINAL_URL_KEYS)),
            story.original_url,
        ),
        credits=bylines.most_specific(bylines.unique_credits(credits, story.credits)),
        images=_with_lead_image(story.images, _first(meta, LEAD_IMAGE_KEYS)),
        tags=_tags(
            _list_value(meta.get("tags") or meta.get("keywords"), words=True),
            categories,
            source,
            via,
        ),
        warnings=story_warnings(
            title_inferred=title_inferred, reported_at=reported_at, source=source, story=story
        ),
    )


def body_to_html(body):
    """The body as HTML: HTML kept, Markdown converted, plain text one paragraph per line."""
    body = BROKEN_LINK_TARGET.sub(lambda link: "](" + re.sub(r"\s+", "", link[1]) + ")", body)
    if HTML_BLOCK.search(body):
        return body
    if MARKDOWN_SIGNS.search(body) or INLINE_IMAGE.search(body):
        if not re.search(r"\n\s*\n", body.strip()):
            body = body.replace("\n", "\n\n")  # one paragraph per line, as Chinese posts write
        return markdown.render(CHINESE_SOFT_BREAK.sub("", body))
    return plain_text_to_html(body)


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases: no post needs them, and a few hundred
    bytes of nested aliases (a "billion laughs") would expand to gigabytes."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent) or getattr(self.peek_event(), "anchor", None):
            mark = self.peek_event().start_mark
            raise MalformedFrontMatter(
                _("YAML 头信息里不能用锚点或别名（& 和 *）（头信息第 %(line)s 行）")
                % {"line": mark.line + 1}
            )
        return super().compose_node(parent, index)


def _load_yaml(meta_text):
    try:
        return yaml.load(meta_text, Loader=_NoAliasLoader)  # noqa: S506 (a SafeLoader)
    except RecursionError as error:
        raise MalformedFrontMatter(_("YAML 头信息嵌套太深。")) from error
    except (ValueError, OverflowError) as error:  # `date: 0000-01-01` fails in the constructor
        raise MalformedFrontMatter(
            _("YAML 头信息里有无效的值（%(error)s）") % {"error": error}
        ) from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        where = _("（头信息第 %(line)s 行）") % {"line": mark.line + 1} if mark else ""
        raise MalformedFrontMatter(
            _("YAML 头信息格式有误：%(problem)s%(where)s") % {"problem": problem, "where": where}
        ) from error


def _load_toml(meta_text):
    try:
        return tomllib.loads(meta_text)
    except tomllib.TOMLDecodeError as error:
        raise MalformedFrontMatter(
            _("TOML 头信息格式有误：%(problem)s") % {"problem": error}
        ) from error


def _mapping(meta):
    """Front matter as a dict with lower-cased keys; anything but a mapping is malformed."""
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise MalformedFrontMatter(_("YAML 头信息应为“键: 值”的形式。"))
    return {str(key).strip().lower(): value for key, value in meta.items()}


def _first(meta, keys):
    return next((meta[key] for key in keys if meta.get(key)), None)


def _text_value(value):
    """A scalar as one line of text; a clipper's wiki link `[[张三]]` is the name inside it."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        value = " ".join(str(item) for item in value)
    value = re.sub(r"\s+", " ", str(value)).strip()
    return WIKI_LINK.sub(r"\1", value)


def _list_value(value, *, words=False):
    """`[a, b]`, `"a, b"`, `"a、b"` or `{name: a}` → `["a", "b"]`; `words`: `"a b"` too (Jekyll)."""
    if value is None or value == "":
        return []
    if isinstance(value, dict):
        value = [value.get("name") or value.get("title") or ""]
    if not isinstance(value, list | tuple | str):
        value = str(value)  # `tags: 12`: a number written where names belong, read as text
    if isinstance(value, str):
        value = (WORD_SEPARATORS if words else LIST_SEPARATORS).split(value)
    items = []
    for item in value:
        if isinstance(item, dict):
            item = item.get("name") or ""
        if isinstance(item, list | tuple):
            items.extend(_list_value(list(item), words=words))
            continue
        if entry := _text_value(item):
            items.append(entry)
    return items


def _url_value(value):
    url = _text_value(value)
    return url if is_web_address(url) else ""


def _source_value(value):
    if isinstance(value, dict):
        name, url = _text_value(value.get("name")), _url_value(value.get("url"))
    else:
        name, url = _text_value(value), ""
    if not name or re.match(r"https?://", name, re.I):
        return None
    return SourceRecord(name=name, kind=bylines.outlet_kind(name), url=url)


def _date(meta):
    for key in DATE_KEYS:
        value = meta.get(key)
        if isinstance(value, dt.datetime):
            if timezone.is_naive(value):
                value = timezone.make_aware(value)
            return value, "moment"
        if isinstance(value, dt.date):
            midnight = dt.datetime.combine(value, dt.time())
            return timezone.make_aware(midnight), "day"
        if value:
            reported_at, precision = dates.parse_date(str(value))
            if reported_at is not None:
                return reported_at, precision
    return None, "unknown"


def _people(names, categories):
    """Split front-matter author names into outlets (platforms) and credited people."""
    category_names = {squeezed(name) for name in categories}
    outlets, credits = [], []
    for name in names:
        if squeezed(name) in category_names or bylines.is_outlet_name(name):
            outlets.append(name)
        elif squeezed(name) not in NO_ONE:
            found = bylines.parse_credit_line(name)
            field = None if found else bylines.read_author_field(name)
            if found:
                credits.extend(found)
            elif field is not None and field.credits:
                credits.extend(field.credits)  # `王  敏`, `温景行 邵天宇`: padded or spaced names
            elif field is not None and field.source:
                outlets.append(field.source)  # `县融媒体中心`: an organisation, not a person
            elif bylines.is_person_name(name) or LATIN_NAME.fullmatch(name):
                credits.append(Credit(name=name, role="author"))
    return outlets, credits


def _source_and_via(source, outlets):
    """The body's or the front matter's source; an outlet author relays it, or is the source."""
    platforms = [name for name in outlets if not source or squeezed(name) != squeezed(source.name)]
    if source is None and platforms:
        name = platforms.pop(0)
        source = SourceRecord(name=name, kind=bylines.outlet_kind(name))
    if not platforms:
        return source, None
    name = platforms[0]
    kind = bylines.outlet_kind(name)
    return source, SourceRecord(name=name, kind=kind if kind != "unknown" else "aggregator")


def _with_lead_image(images, lead):
    """`headimg: url`, Hexo's `photos: [url, …]` or Jekyll's `image: {path: url}` first."""
    if isinstance(lead, list | tuple):
        lead = lead[0] if lead else ""
    if isinstance(lead, dict):
        lead = lead.get("path") or lead.get("url") or lead.get("src") or ""
    url = _url_value(lead)
    if not url:
        return images
    url = unwrap_proxied_url(url)
    matching = [image for image in images if image.url == url]
    if matching:
        return (matching[0], *(image for image in images if image.url != url))
    return (ImageRecord(url=url), *images)


def _tags(tags, categories, source, via):
    platforms = {squeezed(record.name) for record in (source, via) if record}
    chosen = [name for name in tags if squeezed(name) not in BUCKET_CATEGORIES]
    for name in categories:
        folded = squeezed(name)
        if folded in platforms or folded in BUCKET_CATEGORIES or bylines.is_outlet_name(name):
            continue
        chosen.append(name)
    unique = {}
    for name in chosen:
        unique.setdefault(squeezed(name), name[:100])
    return tuple(unique.values())


MARKDOWN_HARD_BREAK = re.compile(r"(?: {2,}|\\)\n")


def plain_text_to_html(plain):
    """Plain text as body HTML, one paragraph per paragraph of the text: blank lines separate
    paragraphs when there are any (lines inside one are joined), else each line is one.

    Nothing is decided here: the structure stage reads these paragraphs as it reads a plain
    text file (column breaks, subheads, title blocks, meta lines)."""
    plain = plain.strip()
    separated = re.search(r"\n\s*\n", plain)
    chunks = re.split(r"\n\s*\n", plain) if separated else plain.split("\n")
    # a Markdown hard break (two spaces or a backslash at a line's end) ends a line of its own
    lines = [line for chunk in chunks for line in MARKDOWN_HARD_BREAK.split(chunk)]
    return render_blocks([("p", p) for p in map(_join_lines, lines) if p])


def _join_lines(chunk):
    lines = [line.strip() for line in chunk.split("\n") if line.strip()]
    joined = ""
    for line in lines:
        needs_space = joined and joined[-1].isascii() and line[0].isascii()
        joined += (" " if needs_space else "") + line
    return joined
