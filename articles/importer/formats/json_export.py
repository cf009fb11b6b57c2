"""Crawler and CMS exports in JSON or JSON Lines: one record per story (or per page of stories).

```
[{"title": "…", "content": "<p>…</p>", "author": "记者 X", "pubtime": "2024-03-08 09:30",
  "source": "某某日报", "url": "https://…"}, …]
```

A record's keys are mapped onto the front-matter reading (`title`; `content`/`body`/`text`/
`html` as the body; `author`; `date`/`time`/`pubtime`; `source`/`website`/`media`; `url`/`link`),
so a record is read exactly like a post. Every valid record of a truncated or concatenated file
is kept; each one that cannot be read is named in a warning, and a file with no readable record
fails.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

from django.utils.translation import gettext as _

from ..errors import NoStoryFound
from .front_matter import post_stories

NAME = "json"
BODY_KEYS = ("content", "body", "text", "html", "article", "content_html", "正文", "内容")
# record key → the front-matter key that means the same
KEY_ALIASES = {
    "title": "title", "headline": "title", "标题": "title",
    "subtitle": "subtitle", "author": "author", "authors": "author", "byline": "author",
    "writer": "author", "作者": "author",
    "date": "date", "time": "date", "pubtime": "date", "pub_time": "date",
    "publish_time": "date", "publishtime": "date", "published": "date",
    "published_at": "date", "pubdate": "date", "created_at": "date", "发布时间": "date",
    "source": "source", "website": "source", "media": "source", "site": "source",
    "site_name": "source", "来源": "source",
    "url": "url", "link": "url", "href": "url", "source_url": "url",
    "tags": "tags", "keywords": "tags", "category": "categories", "categories": "categories",
    "channel": "categories", "summary": "description", "description": "description",
}  # fmt: skip
# Wrappers CMS exports put records in: `{"data": [...]}`.
LIST_KEYS = ("data", "items", "articles", "records", "list", "results", "docs")
_OPENING = re.compile(r"\A\s*[\[{]")
_SEPARATORS = " \t\r\n,[]"


class NoReadableRecord(NoStoryFound):
    """Not one record of the export holds a story (each record's reason is in the message)."""


def sniff(text: str) -> bool:
    """Text that opens with `{` or `[` and whose first value parses as JSON."""
    if not _OPENING.match(text):
        return False
    try:
        json.JSONDecoder().raw_decode(text.lstrip().lstrip("["))
    except ValueError:
        return bool(_records(text)[0])
    return True


def parse(text: str):
    return read(text)[0]


def read(text: str):
    """(stories of every readable record, a warning for each record that could not be read)."""
    records, warnings = _records(text)
    stories = []
    for number, (record, original) in enumerate(records, start=1):
        meta, body = _as_post(record)
        if not body:
            warnings.append(_("第 %(number)s 条记录没有正文，已跳过。") % {"number": number})
            continue
        try:
            stories.extend(post_stories(meta, body, original_text=original))
        except NoStoryFound as failure:
            warnings.append(
                _("第 %(number)s 条记录：%(reason)s") % {"number": number, "reason": failure}
            )
    if not stories:
        raise NoReadableRecord(
            " ".join([_("没有可以读取的记录。"), *warnings])
            if warnings
            else _("没有可以读取的记录。")
        )
    return [_numbered(story, position) for position, story in enumerate(stories, 1)], warnings


def _numbered(story, position):
    return replace(story, position=position)


def _records(text: str):
    """([(record, its JSON text)], warnings): a document, an array, JSON Lines or concatenated
    objects; a record cut short (a truncated file) or broken is reported and skipped."""
    try:
        whole = json.loads(text)
    except ValueError:
        whole = None
    if whole is not None:
        return _from_value(whole, text), []
    decoder = json.JSONDecoder()
    records, warnings, index, number = [], [], 0, 0
    while index < len(text):
        while index < len(text) and text[index] in _SEPARATORS:
            index += 1
        if index >= len(text):
            break
        number += 1
        try:
            value, end = decoder.raw_decode(text, index)
        except ValueError as error:
            warnings.append(
                _("第 %(number)s 条记录不完整或格式有误（%(error)s），已跳过。")
                % {"number": number, "error": error.args[0].split(":")[0]}
            )
            following = text.find("\n{", index + 1)
            if following < 0:
                break
            index = following
            continue
        records.extend(_from_value(value, text[index:end]))
        index = end
    return records, warnings


def _from_value(value, original):
    if isinstance(value, dict):
        for key in LIST_KEYS:
            if isinstance(value.get(key), list):
                return _from_value(value[key], original)
        return [(value, original)]
    if isinstance(value, list):
        return [
            (item, json.dumps(item, ensure_ascii=False, indent=1))
            for item in value
            if isinstance(item, dict)
        ]
    return []


def _as_post(record: dict):
    """(front-matter-like metadata, body text) of one record."""
    keys = {str(key).strip().lower(): value for key, value in record.items()}
    body = next((keys[key] for key in BODY_KEYS if isinstance(keys.get(key), str)), "")
    meta = {}
    for key, value in keys.items():
        alias = KEY_ALIASES.get(key)
        if alias and value not in (None, "") and alias not in meta:
            meta[alias] = value
    return meta, body.strip()
