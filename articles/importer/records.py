"""Frozen dataclasses crossing from the pure parsers to the one writer (persist.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Credit:
    """One person credited on a story, with the role the report gives them.

    `role` is an `ArticleAuthor.Role` value (`reporter`, `correspondent`, `author`, …).
    """

    name: str
    role: str


@dataclass(frozen=True)
class ImageRecord:
    url: str
    width: int | None = None
    height: int | None = None
    caption: str = ""
    credit: str = ""  # the credit as printed, e.g. "人民网 寇雅楠摄"
    credit_name: str = ""  # the photographer's name alone, e.g. "寇雅楠"
    alt_text: str = ""


@dataclass(frozen=True)
class SourceRecord:
    name: str
    kind: str = "unknown"  # a `Source.Kind` value
    url: str = ""


@dataclass(frozen=True)
class StoryRecord:
    """One story as the parser understood it; `body_html` is already sanitised."""

    title: str
    original_text: str
    position: int = 1
    kicker: str = ""
    subtitle: str = ""
    lead: str = ""
    body_html: str = ""
    section: str = ""
    dateline: str = ""
    reported_at: datetime | None = None
    date_precision: str = "unknown"  # an `Article.DatePrecision` value
    source: SourceRecord | None = None
    via: SourceRecord | None = None
    original_url: str = ""
    credits: tuple[Credit, ...] = ()
    images: tuple[ImageRecord, ...] = ()
    tags: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedDocument:
    """Everything the importer made of one file, before anything is written."""

    name: str
    sha256: str
    size: int
    encoding: str
    format: str
    text: str
    stories: tuple[StoryRecord, ...] = field(default_factory=tuple)
    warnings: tuple[str, ...] = ()  # about the file as a whole, e.g. a record that was cut short
    # Each story's near-duplicate fingerprint (None: too short to compare), drawn where the file
    # was parsed: in a run's parsing processes, not in its one writer.
    fingerprints: tuple = ()

    def fingerprints_by_text(self):
        """`{(body_html, lead): fingerprint}` of the stories: what an article written with that
        very text is fingerprinted as (none when they were not drawn)."""
        if not self.fingerprints:
            return {}
        return {
            (story.body_html, story.lead): fingerprint
            for story, fingerprint in zip(self.stories, self.fingerprints, strict=True)
        }
