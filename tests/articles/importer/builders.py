"""Hand-made parsed documents for persistence tests."""

import hashlib
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from articles.importer.records import ParsedDocument, SourceRecord, StoryRecord
from articles.models import Article, ArticleAuthor, Author, Image, ImportedFile, Source

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
SHANGHAI = ZoneInfo("Asia/Shanghai")
MODELS = (Article, ArticleAuthor, Author, Image, ImportedFile, Source)


def row_counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def story(title="社区里的“守门员”", body="<p>每天清晨，他第一个到岗。</p>", **fields):
    fields.setdefault("original_text", f"{title}\n{body}")
    fields.setdefault("source", SourceRecord("运城晚报", "newspaper"))
    fields.setdefault("reported_at", datetime(2022, 4, 20, tzinfo=SHANGHAI))
    fields.setdefault("date_precision", "day")
    return StoryRecord(title=title, body_html=body, **fields)


def document(*stories, name="page.txt", text=None):
    text = text if text is not None else "\n".join(s.original_text for s in stories)
    data = text.encode()
    return ParsedDocument(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        encoding="utf-8",
        format="newspaper_page",
        text=text,
        stories=stories,
    )


def seed_path(number):
    """The seed file whose name starts with `number` (`"000"`)."""
    return next(SEEDS.glob(f"{number}_*.txt"))


UNSAFE_MARKUP = ("<script", "alert(", "<iframe", "<style", "style=", "color:red", "javascript:")


def assert_no_unsafe_markup(body):
    """No script, frame, style, inline style, event handler or `javascript:` URL survived."""
    for unsafe in UNSAFE_MARKUP:
        assert unsafe not in body, unsafe
    assert not re.search(r"\son\w+\s*=", body), "event handler"
