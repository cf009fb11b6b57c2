"""A story's lead: its first paragraph of prose, or the editor's note (编者按) opening it."""

from __future__ import annotations

import re

from articles.importer.prose import is_ellipsis_line, is_prose

EXCERPT_MAX = 150


def excerpt(text: str, limit: int = EXCERPT_MAX) -> str:
    """A lead no longer than `limit`, cut after a whole sentence where one fits, else with `…`."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = max(text.rfind(mark, 0, limit) for mark in "。！？!?")
    if cut >= limit // 3:
        return text[: cut + 1]
    return text[: limit - 1] + "…"


def first_lead(blocks: list[tuple[str, str]]) -> str:
    """The story's first paragraph of prose as its lead, passing over subheads, elision marks and
    verse-like short lines (`这是一支`), trimmed at a sentence end; an editor's note opening the
    story is the lead itself. A story of verse lines alone leads with its opening lines."""
    paragraphs = [text for tag, text in blocks if tag == "p" and not is_ellipsis_line(text)]
    note = editors_note(paragraphs)
    if note:
        return excerpt(note)
    for index, paragraph in enumerate(paragraphs):
        neighbours = paragraphs[max(index - 1, 0) : index] + paragraphs[index + 1 : index + 2]
        in_verse = len(paragraph) < VERSE_LINE_MAX and any(
            len(other) < VERSE_LINE_MAX for other in neighbours
        )
        if is_prose(paragraph) and not in_verse:
            return excerpt(paragraph)
    return excerpt(" ".join(paragraphs)) if paragraphs else ""


VERSE_LINE_MAX = 20


# `编者按`, `【编者按】`, `编者按：`, `導讀|`, `摘要：`: the label of an editor's note or a
# standfirst opening a story.
_NOTE_LABEL_RE = re.compile(
    r"^[【\[（(]?\s*(?:编\s*者\s*按|编者的话|編\s*者\s*按|編者的話|导\s*读|導\s*讀|导语|導語"
    r"|核心提示|内容提要|內容提要|提要|摘要|摘\s*要)"
    r"\s*[】\]）)]?\s*[:：|｜丨]?\s*"
)


def without_label(paragraph: str) -> str:
    """A paragraph without the label of an editor's note: `【编者按】夏粮收购…` → `夏粮收购…`;
    `编者按` alone → ``. A label names no part of the story, so it is never part of a title."""
    stripped = paragraph.strip()
    label = _NOTE_LABEL_RE.match(stripped)
    return stripped[label.end() :] if label else stripped


def editors_note_length(paragraphs: list[str]) -> int:
    """How many opening paragraphs an editor's note takes: `【编者按】…。` is one; a label standing
    alone (`编者按`) takes the verse-like lines after it (`春耕时节` / `田间地头一派繁忙`), or the one
    paragraph after it. No note: 0."""
    if not paragraphs or not _NOTE_LABEL_RE.match(paragraphs[0].strip()):
        return 0
    if without_label(paragraphs[0]):
        return 1
    verse = 0
    while 1 + verse < len(paragraphs) and not is_prose(paragraphs[1 + verse]):
        verse += 1
    return 1 + (verse or min(1, len(paragraphs) - 1))


def editors_note(paragraphs: list[str]) -> str:
    """The text of the editor's note opening a story, its verse lines joined with spaces."""
    note = [without_label(p) for p in paragraphs[: editors_note_length(paragraphs)]]
    return " ".join(filter(None, note))
